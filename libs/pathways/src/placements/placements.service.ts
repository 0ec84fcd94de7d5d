import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { OrganisationKind, type Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { DomainError, isUuid, NotFoundError, type LocalDate, type Problem } from '@parcours/core';
import { Partner } from '@parcours/opportunities';
import { UnitOfWork, type ScopedReads, type Work } from '@parcours/unit-of-work';
import { Pathway } from '../pathway.entity';
import type { FollowUpRules } from './placement-stage';
import { PathwaysError } from '../pathways-error';
import { Proposal } from '../proposals/proposal.entity';
import { CLOSING } from '../referrals.service';
import { lockPathway } from '../pathway-lock';
import { SixMonthsRule, type Contract, type Outcome } from './outcome';
import { ExitReason, PlacementEndReason } from './placement-enums';
import { contractProblems, partiesProblems, startWindow, type ContractInput, type PartyField, type PartyKinds, type PlacementParties } from './placement-terms';
import { Placement, type PlacementCorrection, type PlacementTerms } from './placement.entity';

export type StartPlacementInput = ContractInput & PlacementParties & { pathwayId: string; proposalId?: string | null };
export type CorrectPlacementInput = ContractInput & { placementId: string; endedOn?: LocalDate | null };
export interface EndPlacementInput {
  placementId: string;
  endedOn: LocalDate;
  reason: PlacementEndReason;
  comment: string | null;
}
export interface ExitPathwayInput {
  pathwayId: string;
  exitedOn: LocalDate;
  reason: ExitReason;
  comment: string | null;
  /** A situation found outside Parcours: a contract with its dates, or a training with its qualification. */
  situation: (ContractInput & { endedOn?: LocalDate | null }) | null;
}

/** What a placement's commands load with it: its pathway's placements and calendar, and who the placements are with. */
const WITH_CALENDAR = ['placements.partner.organisation', 'placements.client.organisation', 'checkpoints'] as const;
const PARTY_OF_KIND: Partial<Record<OrganisationKind, PartyField>> = {
  [OrganisationKind.EMPLOYER]: 'employerPartnerId',
  [OrganisationKind.TEMP_AGENCY]: 'tempAgencyPartnerId',
  [OrganisationKind.TRAINING_BODY]: 'trainingBodyPartnerId',
};

/**
 * Steps 5 and 6 of the journey: placements (start, end, correction) and the exit with its computed
 * outcome. Each command is one unit of work; the Pathway owns the status and the calendar.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
  ) {}

  /** The follow-up calendar's and the outcome's rules, as configured. */
  get rules(): FollowUpRules {
    const journey = this.config.journey;
    return { offsets: journey.followUpOffsets, outcome: { sixMonthsRule: journey.sixMonthsRule as SixMonthsRule, tempChainGapDays: journey.tempChainGapDays } };
  }

  async start(actor: Actor, input: StartPlacementInput): Promise<Placement> {
    if (!isUuid(input.pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    try {
      return await this.uow.run(actor, async ({ reads, today, now, by }) => {
        const pathway = await lockPathway(reads, input.pathwayId, WITH_CALENDAR);
        if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
        const partners = await findParties(reads, input);
        const problems = [
          ...contractProblems(input, startWindow(pathway.referredOn, today)),
          ...partiesProblems(input.contractType, input, kindsOf(partners)),
        ];
        const proposal = input.proposalId ? await findProposal(reads, input.proposalId) : null;
        if (problems.length > 0) throw DomainError.all(problems);
        const terms: PlacementTerms = {
          contractType: input.contractType,
          partner: partners.employerPartnerId ?? partners.tempAgencyPartnerId ?? partners.trainingBodyPartnerId ?? null,
          client: partners.clientPartnerId ?? null,
          startOn: input.startOn!,
          plannedEndOn: input.plannedEndOn ?? null,
          hoursPerWeek: input.hoursPerWeek ?? null,
          qualification: input.qualification ?? null,
          level: input.level ?? null,
        };
        return pathway.placementStage.start(terms, proposal, this.rules, by, now);
      });
    } catch (error) {
      // The proposal's unique index: two placements from one proposal at once.
      if (error instanceof UniqueConstraintViolationException && input.proposalId) throw alreadyUsed();
      throw error;
    }
  }

  /** Ends a running placement; CONVERTED_TO_CDI starts the CDI (returned) the next day. */
  async end(actor: Actor, input: EndPlacementInput): Promise<{ ended: Placement; cdi: Placement | null }> {
    return this.withPlacement(actor, input.placementId, (pathway, placement, today, rules, work) => {
      if (input.endedOn > today) throw new PathwaysError('DATE_IN_FUTURE', 'A placement is ended on the day it ended: today or earlier.', ['input', 'endedOn']);
      const cdi = pathway.placementStage.end(placement, { on: input.endedOn, reason: input.reason, comment: input.comment }, rules, work.by, work.now);
      return { ended: placement, cdi };
    });
  }

  /** Corrects a placement's dates and type (audited like every write; the referent gets a report marked as a correction). */
  async correct(actor: Actor, input: CorrectPlacementInput): Promise<Placement> {
    return this.withPlacement(actor, input.placementId, (pathway, placement, today, rules, work) => {
      const endedOn = input.endedOn ?? null;
      const problems: Problem[] = [
        ...contractProblems(input, startWindow(pathway.referredOn, today)),
        ...partiesProblems(input.contractType, partiesOf(placement), {}),
      ];
      if (endedOn && endedOn > today) problems.push({ code: 'DATE_IN_FUTURE', field: ['input', 'endedOn'], message: 'A placement ends today or earlier.' });
      else if (endedOn && input.startOn && endedOn < input.startOn) problems.push({ code: 'END_BEFORE_START', field: ['input', 'endedOn'], message: 'A placement ends on or after its start.' });
      if (problems.length > 0) throw DomainError.all(problems);
      const correction: PlacementCorrection = {
        contractType: input.contractType,
        startOn: input.startOn!,
        plannedEndOn: input.plannedEndOn ?? null,
        endedOn,
        hoursPerWeek: input.hoursPerWeek ?? null,
        qualification: input.qualification ?? null,
        level: input.level ?? null,
      };
      pathway.placementStage.correct(placement, correction, rules, work.by, work.now);
      return placement;
    });
  }

  /** Any open status → EXITED, the category computed from the situation at exit. */
  /** With `preview`, checks the exit as it would be made and answers its outcome, writing nothing. */
  async exit(actor: Actor, input: ExitPathwayInput, preview = false): Promise<{ pathway: Pathway; outcome: Outcome }> {
    if (!isUuid(input.pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    return this.uow.run(actor, async ({ reads, today, now, by }) => {
      const pathway = await lockPathway(reads, input.pathwayId, [...CLOSING, ...WITH_CALENDAR]);
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      const problems: Problem[] = [];
      if (input.exitedOn > today) problems.push({ code: 'DATE_IN_FUTURE', field: ['input', 'exitedOn'], message: 'A pathway is exited today or on an earlier day.' });
      if (input.exitedOn < pathway.referredOn) problems.push({ code: 'BEFORE_REFERRAL', field: ['input', 'exitedOn'], message: `A pathway is exited on or after its referral (${pathway.referredOn}).` });
      const situation = input.situation;
      if (situation) {
        problems.push(...contractProblems(situation, startWindow(pathway.referredOn, input.exitedOn), ['input', 'situation']));
        if (situation.endedOn && situation.startOn && situation.endedOn < situation.startOn) {
          problems.push({ code: 'END_BEFORE_START', field: ['input', 'situation', 'endedOn'], message: 'A contract ends on or after its start.' });
        }
      }
      if (problems.length > 0) throw DomainError.all(problems);
      const declared: Contract | null = situation
        ? { contractType: situation.contractType, startOn: situation.startOn!, plannedEndOn: situation.plannedEndOn ?? null, endedOn: situation.endedOn ?? null, qualification: situation.qualification ?? null }
        : null;
      const record = { on: input.exitedOn, reason: input.reason, comment: input.comment, declared };
      const outcome = preview ? pathway.exitOutcome(record, this.rules.outcome) : pathway.exit(record, this.rules.outcome, by, now);
      return { pathway, outcome };
    });
  }

  /** Several pathways' placements at once, in start order, with who they are with. */
  placementsOf(actor: Actor, pathwayIds: readonly string[]): Promise<Placement[][]> {
    return this.uow.read(actor, (reads) =>
      reads.byParent(Placement, 'pathway', pathwayIds, { orderBy: { startOn: 'asc', createdAt: 'asc' }, populate: ['partner.organisation', 'client.organisation'] }),
    );
  }

  private async withPlacement<T>(
    actor: Actor,
    placementId: string,
    apply: (pathway: Pathway, placement: Placement, today: LocalDate, rules: FollowUpRules, work: Work) => T,
  ): Promise<T> {
    if (!isUuid(placementId)) throw new NotFoundError('Placement', ['input', 'placementId']);
    return this.uow.run(actor, async (work) => {
      const found = await work.reads.findOne(Placement, { id: placementId }, { fields: ['pathway'] });
      if (!found) throw new NotFoundError('Placement', ['input', 'placementId']);
      const pathway = await lockPathway(work.reads, found.pathway.id, WITH_CALENDAR);
      const placement = pathway?.placements.getItems().find((item) => item.id === placementId);
      if (!pathway || !placement) throw new NotFoundError('Placement', ['input', 'placementId']);
      return apply(pathway, placement, work.today, this.rules, work);
    });
  }
}

/** The partners an input names, each found as the actor may see it (NOT_FOUND on its field otherwise). */
async function findParties(reads: ScopedReads, parties: PlacementParties): Promise<Partial<Record<PartyField, Partner>>> {
  const found: Partial<Record<PartyField, Partner>> = {};
  for (const field of ['employerPartnerId', 'tempAgencyPartnerId', 'clientPartnerId', 'trainingBodyPartnerId'] as const) {
    const id = parties[field];
    if (!id) continue;
    const partner = isUuid(id) ? await reads.findOne(Partner, { id }, { populate: ['organisation'] }) : null;
    if (!partner) throw new NotFoundError('Partner', ['input', field]);
    found[field] = partner;
  }
  return found;
}

function kindsOf(partners: Partial<Record<PartyField, Partner>>): PartyKinds {
  return Object.fromEntries(Object.entries(partners).map(([field, partner]) => [field, partner.organisation.getEntity().kind]));
}

/** Who a stored placement is with, as the input of a new one would name it. */
function partiesOf(placement: Placement): PlacementParties {
  const parties: PlacementParties = {};
  const partner = placement.partner?.getEntity();
  const field = partner ? PARTY_OF_KIND[partner.organisation.getEntity().kind] : undefined;
  if (partner && field) parties[field] = partner.id;
  if (placement.client) parties.clientPartnerId = placement.client.id;
  return parties;
}

/** A HIRED proposal the actor may see, not yet used by a placement. */
async function findProposal(reads: ScopedReads, id: string): Promise<Proposal> {
  const proposal = isUuid(id) ? await reads.findOne(Proposal, { id }) : null;
  if (!proposal) throw new NotFoundError('Proposal', ['input', 'proposalId']);
  if ((await reads.system().count(Placement, { proposal: id })) > 0) throw alreadyUsed();
  return proposal;
}

function alreadyUsed(): PathwaysError {
  return new PathwaysError('PROPOSAL_ALREADY_USED', 'A placement already comes from this proposal.', ['input', 'proposalId']);
}
