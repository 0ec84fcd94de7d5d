import { ContractType } from '@parcours/opportunities';

/** How a contract type counts at exit (DOMAIN.md, "Contract types and what each needs"). */
export enum OutcomeRule {
  /** CDI, CDI intérimaire, business creation. */
  DURABLE = 'DURABLE',
  /** Fixed-term contracts and temp-mission chains: 6 months or more is durable. */
  BY_DURATION = 'BY_DURATION',
  /** PEC and CUI-CIE: transitional, whatever the duration. */
  SUBSIDISED = 'SUBSIDISED',
  /** A hire in an insertion structure: a positive exit. */
  INSERTION = 'INSERTION',
  /** Qualifying or pre-qualifying: a positive exit; otherwise other. */
  TRAINING = 'TRAINING',
}

export interface ContractRule {
  /** True: a planned end is required; false: refused. */
  plannedEnd: boolean;
  outcome: OutcomeRule;
}

const { CDI, CDI_INTERIM, BUSINESS_CREATION, CDD, CDD_USAGE, SEASONAL, TEMP_MISSION, APPRENTICESHIP, PROFESSIONALISATION, PEC, CUI_CIE, CDDI, CDI_INCLUSION, TRAINING } = ContractType;

/** The one table of what each contract type needs and how it counts. */
export const CONTRACT_RULES: Record<ContractType, ContractRule> = {
  [CDI]: { plannedEnd: false, outcome: OutcomeRule.DURABLE },
  [CDI_INTERIM]: { plannedEnd: false, outcome: OutcomeRule.DURABLE },
  [BUSINESS_CREATION]: { plannedEnd: false, outcome: OutcomeRule.DURABLE },
  [CDD]: { plannedEnd: true, outcome: OutcomeRule.BY_DURATION },
  [CDD_USAGE]: { plannedEnd: true, outcome: OutcomeRule.BY_DURATION },
  [SEASONAL]: { plannedEnd: true, outcome: OutcomeRule.BY_DURATION },
  [TEMP_MISSION]: { plannedEnd: true, outcome: OutcomeRule.BY_DURATION },
  [APPRENTICESHIP]: { plannedEnd: true, outcome: OutcomeRule.BY_DURATION },
  [PROFESSIONALISATION]: { plannedEnd: true, outcome: OutcomeRule.BY_DURATION },
  [PEC]: { plannedEnd: true, outcome: OutcomeRule.SUBSIDISED },
  [CUI_CIE]: { plannedEnd: true, outcome: OutcomeRule.SUBSIDISED },
  [CDDI]: { plannedEnd: true, outcome: OutcomeRule.INSERTION },
  [CDI_INCLUSION]: { plannedEnd: false, outcome: OutcomeRule.INSERTION },
  [TRAINING]: { plannedEnd: true, outcome: OutcomeRule.TRAINING },
};

/** Contract types only a temp agency gives (and for which one is required). */
export const AGENCY_CONTRACTS: readonly ContractType[] = [TEMP_MISSION, CDI_INTERIM];

/** A fixed-term placement gets a checkpoint at its planned end (temp missions: one per chain). */
export function isFixedTerm(type: ContractType): boolean {
  return CONTRACT_RULES[type].plannedEnd;
}
