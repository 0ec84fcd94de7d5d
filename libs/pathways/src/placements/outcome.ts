import { addCalendarDays, addCalendarMonths, calendarDaysBetween, type LocalDate } from '@parcours/core';
import { ContractType, Qualification } from '@parcours/opportunities';
import { CONTRACT_RULES, OutcomeRule } from './contract-rules';

/** Outcome categories at exit (DOMAIN.md), best first. */
export enum OutcomeCategory {
  DURABLE_EMPLOYMENT = 'DURABLE_EMPLOYMENT',
  TRANSITIONAL_EMPLOYMENT = 'TRANSITIONAL_EMPLOYMENT',
  POSITIVE_EXIT = 'POSITIVE_EXIT',
  OTHER = 'OTHER',
}

const RANK: readonly OutcomeCategory[] = Object.values(OutcomeCategory);

/** "6 months or more" (FSE+ surveys, the default) or "more than 6 months" (the IAE circular). */
export enum SixMonthsRule {
  AT_LEAST = 'AT_LEAST',
  MORE_THAN = 'MORE_THAN',
}

/** The parameters an outcome was computed with: stored beside it. */
export interface OutcomeParameters {
  sixMonthsRule: SixMonthsRule;
  /** A temp mission starting at most this many calendar days after the previous one ended continues its chain. */
  tempChainGapDays: number;
}

/** A contract as the rules measure it: a placement, or a situation declared at exit. */
export interface Contract {
  id?: string;
  contractType: ContractType;
  startOn: LocalDate;
  plannedEndOn: LocalDate | null;
  /** The actual end; null while it runs. */
  endedOn: LocalDate | null;
  qualification: Qualification | null;
}

/** What the category was decided on. */
export interface OutcomeBasis {
  source: 'PLACEMENT' | 'TEMP_CHAIN' | 'DECLARED';
  contractType: ContractType;
  from: LocalDate;
  /** The end measured (planned while it runs); null for a contract with no end. */
  to: LocalDate | null;
}

export interface Outcome {
  category: OutcomeCategory;
  /** Null for OTHER with nothing to measure. */
  basis: OutcomeBasis | null;
  parameters: OutcomeParameters;
}

/** A run of temp missions, each starting at most the gap after the chain so far ended. */
export interface TempChain<C extends Contract = Contract> {
  missions: C[];
  startOn: LocalDate;
  /** The last end: actual, or planned while a mission runs. */
  endOn: LocalDate | null;
}

/**
 * The day a contract is measured to: its actual end, or its planned end while it runs (null:
 * no end). Labour law reckons terms "de quantième à quantième": the last day counts.
 */
export function measuredEnd(contract: Pick<Contract, 'plannedEndOn' | 'endedOn'>): LocalDate | null {
  return contract.endedOn ?? contract.plannedEndOn;
}

/** True when from..to (both days included) lasts 6 months under the rule: addMonths(from, 6) <= to + 1 day ("at least"), < ("more than"). */
export function lastsSixMonths(from: LocalDate, to: LocalDate, rule: SixMonthsRule): boolean {
  const limit = addCalendarMonths(from, 6);
  const after = addCalendarDays(to, 1);
  return rule === SixMonthsRule.AT_LEAST ? limit <= after : limit < after;
}

/** Temp missions grouped in chains, whatever the agency: a mission continues a chain when it starts at most `gapDays` after the chain's last end. */
export function tempChains<C extends Contract>(contracts: readonly C[], gapDays: number): TempChain<C>[] {
  const missions = contracts.filter((contract) => contract.contractType === ContractType.TEMP_MISSION).sort((a, b) => a.startOn.localeCompare(b.startOn));
  const chains: TempChain<C>[] = [];
  for (const mission of missions) {
    const end = measuredEnd(mission);
    const chain = chains.at(-1);
    if (chain && (chain.endOn === null || calendarDaysBetween(chain.endOn, mission.startOn) <= gapDays)) {
      chain.missions.push(mission);
      chain.endOn = chain.endOn === null || end === null ? null : end > chain.endOn ? end : chain.endOn;
    } else {
      chains.push({ missions: [mission], startOn: mission.startOn, endOn: end });
    }
  }
  return chains;
}

/** Whether a contract runs on a day: started, and not ended (or planned to end) before it. A contract ending that day counts. */
export function runsOn(contract: Pick<Contract, 'startOn' | 'plannedEndOn' | 'endedOn'>, day: LocalDate): boolean {
  const end = measuredEnd(contract);
  return contract.startOn <= day && (end === null || end >= day);
}

/**
 * The outcome category at exit (DOMAIN.md, "Outcome categories at exit"): the situation on the
 * exit day, i.e. the placements running that day (temp missions measured by their chain's span,
 * and a chain counts only when one of its missions runs that day), and the situation declared at
 * exit; the best category wins; nothing is OTHER.
 */
export function computeOutcome(exitOn: LocalDate, placements: readonly Contract[], declared: Contract | null, parameters: OutcomeParameters): Outcome {
  const candidates: { category: OutcomeCategory; basis: OutcomeBasis }[] = [];
  const started = placements.filter((placement) => placement.startOn <= exitOn);
  for (const placement of started) {
    if (placement.contractType === ContractType.TEMP_MISSION || !runsOn(placement, exitOn)) continue;
    const basis: OutcomeBasis = { source: 'PLACEMENT', contractType: placement.contractType, from: placement.startOn, to: measuredEnd(placement) };
    candidates.push({ category: categoryOf(placement, basis, parameters), basis });
  }
  for (const chain of tempChains(started, parameters.tempChainGapDays)) {
    if (!chain.missions.some((mission) => runsOn(mission, exitOn))) continue;
    const basis: OutcomeBasis = { source: 'TEMP_CHAIN', contractType: ContractType.TEMP_MISSION, from: chain.startOn, to: chain.endOn };
    candidates.push({ category: categoryOf(chain.missions[0], basis, parameters), basis });
  }
  if (declared) {
    const basis: OutcomeBasis = { source: 'DECLARED', contractType: declared.contractType, from: declared.startOn, to: measuredEnd(declared) };
    candidates.push({ category: categoryOf(declared, basis, parameters), basis });
  }
  const best = candidates.sort((a, b) => RANK.indexOf(a.category) - RANK.indexOf(b.category))[0];
  return best ? { ...best, parameters } : { category: OutcomeCategory.OTHER, basis: null, parameters };
}

function categoryOf(contract: Contract, basis: OutcomeBasis, parameters: OutcomeParameters): OutcomeCategory {
  switch (CONTRACT_RULES[contract.contractType].outcome) {
    case OutcomeRule.DURABLE:
      return OutcomeCategory.DURABLE_EMPLOYMENT;
    case OutcomeRule.BY_DURATION:
      return basis.to === null || lastsSixMonths(basis.from, basis.to, parameters.sixMonthsRule) ? OutcomeCategory.DURABLE_EMPLOYMENT : OutcomeCategory.TRANSITIONAL_EMPLOYMENT;
    case OutcomeRule.SUBSIDISED:
      return OutcomeCategory.TRANSITIONAL_EMPLOYMENT;
    case OutcomeRule.INSERTION:
      return OutcomeCategory.POSITIVE_EXIT;
    case OutcomeRule.TRAINING:
      return contract.qualification === Qualification.QUALIFYING || contract.qualification === Qualification.PRE_QUALIFYING ? OutcomeCategory.POSITIVE_EXIT : OutcomeCategory.OTHER;
  }
}

/** "Sorties dynamiques": the first three categories together. */
export function isDynamicExit(category: OutcomeCategory): boolean {
  return category !== OutcomeCategory.OTHER;
}
