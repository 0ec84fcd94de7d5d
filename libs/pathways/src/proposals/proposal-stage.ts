import { parisDay, type LocalDate } from '@parcours/core';
import { OpportunitiesError, OpportunityStatus, type Opportunity } from '@parcours/opportunities';
import type { User } from '@parcours/accounts';
import { PathwayStatus } from '../pathway-status';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import type { ApplyChange } from '../stage-change';
import { Proposal, type StepRecord } from './proposal.entity';
import { ProposalReason, ProposalStatus } from './proposal-status';

/** The statuses in which offers are proposed and steps recorded (DOMAIN.md). */
export const PROPOSING: readonly PathwayStatus[] = [PathwayStatus.DIAGNOSED, PathwayStatus.IN_PLACEMENT];

/**
 * Step 4 of the journey on one pathway: its proposals and their steps. Owns the pathway's
 * `proposals`; what the pathway must record, it returns to it (StageChange).
 */
export class ProposalStage {
  constructor(
    private readonly pathway: Pathway,
    private readonly apply: ApplyChange,
  ) {}

  /** Proposes an open opportunity of the pathway's operator to a DIAGNOSED or IN_PLACEMENT person. */
  propose(opportunity: Opportunity, by: User, at: Date, today: LocalDate): Proposal {
    if (!PROPOSING.includes(this.pathway.status)) {
      throw new PathwaysError('NOT_PROPOSABLE', `Offers are proposed once the person is diagnosed ready (DIAGNOSED or IN_PLACEMENT); this pathway is ${this.pathway.status}.`, ['input', 'pathwayId']);
    }
    if (!opportunity.isOpen) throw new OpportunitiesError('OPPORTUNITY_CLOSED', `This offer is ${opportunity.status}: it can no longer be proposed.`, ['input', 'opportunityId']);
    const proposal = new Proposal(this.pathway, opportunity, today, by, at);
    this.pathway.proposals.add(proposal);
    this.apply({ event: { type: 'OpportunityProposed', proposal, offer: proposal.offer() } }, by, at);
    return proposal;
  }

  /**
   * Staff record a step of one of the pathway's proposals (proposal-status.ts). HIRED takes a
   * position of the opportunity: true when that filled it.
   */
  recordStep(proposal: Proposal, record: StepRecord, by: User, at: Date, today: LocalDate): boolean {
    if (!PROPOSING.includes(this.pathway.status)) {
      throw new PathwaysError('NOT_PROPOSABLE', `This pathway is ${this.pathway.status}: its proposals no longer move.`, ['input', 'proposalId']);
    }
    const opportunity = proposal.opportunity.getEntity();
    // Said before the table: a proposal the filling cancelled would otherwise only be "CANCELLED".
    if (record.step === ProposalStatus.HIRED && opportunity.status === OpportunityStatus.FILLED) opportunity.assertHiring();
    proposal.step(record, by, at, today);
    const filled = record.step === ProposalStatus.HIRED && opportunity.hire(at);
    this.apply({ event: { type: 'ProposalStepRecorded', proposal, step: record.step, reason: record.reason, offer: proposal.offer() } }, by, at);
    return filled;
  }

  /**
   * The system ends one of the pathway's open proposals (its opportunity closed or filled, the
   * stale sweep, the pathway closing): in the history, without moving the retention clock
   * (nothing was done about the person).
   */
  end(proposal: Proposal, step: ProposalStatus.CANCELLED | ProposalStatus.STALE, reason: ProposalReason | null, by: User | null, at: Date): void {
    proposal.end(step, reason, by, at, parisDay(at));
    this.apply({ event: { type: 'ProposalStepRecorded', proposal, step, reason, offer: proposal.offer() }, quiet: true }, by, at);
  }

  /** The pathway closes: its open proposals are cancelled. getItems() refuses a collection not loaded: a closing command loads them. */
  cancelOpen(by: User | null, at: Date): void {
    if (!PROPOSING.includes(this.pathway.status)) return;
    for (const proposal of this.pathway.proposals.getItems().filter((item) => item.isOpen)) this.end(proposal, ProposalStatus.CANCELLED, ProposalReason.PATHWAY_CLOSED, by, at);
  }
}
