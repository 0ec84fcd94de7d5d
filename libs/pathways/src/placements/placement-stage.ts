import type { User } from '@parcours/accounts';
import { addCalendarDays } from '@parcours/core';
import { ContractType } from '@parcours/opportunities';
import { Checkpoint } from '../follow-ups/checkpoint.entity';
import { followUpCalendar, reconcileCalendar } from '../follow-ups/follow-up-calendar';
import { isOpen, PathwayStatus } from '../pathway-status';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { PROPOSING } from '../proposals/proposal-stage';
import { ProposalStatus } from '../proposals/proposal-status';
import type { Proposal } from '../proposals/proposal.entity';
import type { ApplyChange } from '../stage-change';
import { isFixedTerm } from './contract-rules';
import { computeOutcome, type Outcome, type OutcomeParameters } from './outcome';
import type { ExitRecord } from './pathway-exit';
import { ExitReason, PlacementEndReason } from './placement-enums';
import { Placement, type PlacementCorrection, type PlacementEnd, type PlacementTerms } from './placement.entity';

/** How the follow-up calendar and the outcome are computed (configuration). */
export interface FollowUpRules {
  offsets: readonly string[];
  outcome: OutcomeParameters;
}

/**
 * Steps 5 and 6 of the journey on one pathway: its placements, the follow-up calendar they call
 * for, and the outcome they give at exit. Owns the pathway's `placements` and keeps its
 * `checkpoints` to the calendar; the moves of status it returns to the pathway (StageChange).
 */
export class PlacementStage {
  constructor(
    private readonly pathway: Pathway,
    private readonly apply: ApplyChange,
  ) {}

  /**
   * DIAGNOSED or IN_PLACEMENT: a placement starts, optionally from a HIRED proposal of this
   * pathway; the first running one makes the pathway IN_PLACEMENT. The calendar follows.
   */
  start(terms: PlacementTerms, proposal: Proposal | null, rules: FollowUpRules, by: User, at: Date): Placement {
    if (!PROPOSING.includes(this.pathway.status)) {
      throw new PathwaysError('NOT_PLACEABLE', `A placement starts once the person is diagnosed ready (DIAGNOSED or IN_PLACEMENT); this pathway is ${this.pathway.status}.`, ['input', 'pathwayId']);
    }
    if (proposal && proposal.pathway.id !== this.pathway.id) throw new PathwaysError('PROPOSAL_OF_ANOTHER_PATHWAY', "This proposal is another pathway's: a placement comes from one of its own pathway's.", ['input', 'proposalId']);
    if (proposal && proposal.status !== ProposalStatus.HIRED) throw new PathwaysError('PROPOSAL_NOT_HIRED', `A placement comes from a HIRED proposal; this one is ${proposal.status}.`, ['input', 'proposalId']);
    const placement = this.add(terms, proposal, by, at);
    this.followCalendar(rules);
    return placement;
  }

  /**
   * Ends a running placement (IN_PLACEMENT, or EXITED: the calendar goes on after the exit).
   * CONVERTED_TO_CDI starts the CDI with the same employer the next day. When none is left
   * running, an open pathway returns to DIAGNOSED.
   */
  end(placement: Placement, end: PlacementEnd, rules: FollowUpRules, by: User, at: Date): Placement | null {
    placement.assertRunning();
    const status = this.pathway.status;
    if (status !== PathwayStatus.IN_PLACEMENT && status !== PathwayStatus.EXITED) {
      throw new PathwaysError('PATHWAY_CLOSED', `This pathway is ${status}: its placements no longer change.`, ['input', 'placementId']);
    }
    if (end.reason === PlacementEndReason.OTHER && !end.comment) throw new PathwaysError('COMMENT_REQUIRED', 'Another reason needs a comment saying which.', ['input', 'comment']);
    const employer = placement.employer;
    const converted = end.reason === PlacementEndReason.CONVERTED_TO_CDI;
    if (converted && (!employer || !isFixedTerm(placement.contractType) || placement.contractType === ContractType.TRAINING)) {
      throw new PathwaysError('INVALID_REASON', 'A conversion to CDI ends a fixed-term contract with an employer (or a temp agency\'s client).', ['input', 'reason']);
    }
    placement.end(end, at);
    const stillRunning = this.pathway.placements.getItems().some((item) => item.isRunning);
    const backToDiagnosed = !stillRunning && status !== PathwayStatus.EXITED && !converted;
    this.apply({ event: { type: 'PlacementEnded', placement, summary: placement.summary() }, to: backToDiagnosed ? PathwayStatus.DIAGNOSED : undefined }, by, at);
    let cdi: Placement | null = null;
    if (converted) {
      const terms = { contractType: ContractType.CDI, partner: employer, client: null, startOn: addCalendarDays(end.on, 1), plannedEndOn: null, hoursPerWeek: placement.hoursPerWeek, qualification: null, level: null };
      cdi = this.add(terms, null, by, at);
    }
    this.followCalendar(rules);
    return cdi;
  }

  /**
   * Corrects a placement's dates and type (who it is with stays); the calendar, and the outcome of
   * an exited pathway, are computed again, and the referent gets a report marked as a correction.
   * Refused when it would change the pathway's status: a running placement stays running, an
   * ended one ended.
   */
  correct(placement: Placement, correction: PlacementCorrection, rules: FollowUpRules, by: User, at: Date): void {
    const { status, exited } = this.pathway;
    if (!isOpen(status) && status !== PathwayStatus.EXITED) {
      throw new PathwaysError('PATHWAY_CLOSED', `This pathway is ${status}: its placements no longer change.`, ['input', 'placementId']);
    }
    if (placement.isRunning !== (correction.endedOn === null)) {
      throw new PathwaysError(
        'INVALID_TRANSITION',
        placement.isRunning ? 'A correction does not end a running placement (that would change the pathway\'s status): end it with endPlacement.' : 'An ended placement keeps an end: a correction cannot make it run again (that would change the pathway\'s status).',
        ['input', 'endedOn'],
      );
    }
    placement.correct(correction, at);
    this.followCalendar(rules);
    const outcome = status === PathwayStatus.EXITED && exited ? computeOutcome(exited.on, this.contracts(), exited.declared, exited.parameters) : null;
    this.apply({ event: { type: 'PlacementCorrected', placement, summary: placement.summary(), outcome }, outcome }, by, at);
  }

  /** The outcome an exit on this record would have, from the placements as they stand (outcome.ts). */
  outcome(record: ExitRecord, parameters: OutcomeParameters): Outcome {
    if (record.reason === ExitReason.OTHER && !record.comment) throw new PathwaysError('COMMENT_REQUIRED', 'Another reason needs a comment saying which.', ['input', 'comment']);
    return computeOutcome(record.on, this.contracts(), record.declared, parameters);
  }

  private contracts() {
    return this.pathway.placements.getItems().map((placement) => placement.asContract());
  }

  private add(terms: PlacementTerms, proposal: Proposal | null, by: User, at: Date): Placement {
    const placement = new Placement(this.pathway, terms, proposal, by, at);
    this.pathway.placements.add(placement);
    const first = this.pathway.status === PathwayStatus.DIAGNOSED;
    this.apply({ event: { type: 'PlacementStarted', placement, summary: placement.summary() }, to: first ? PathwayStatus.IN_PLACEMENT : undefined }, by, at);
    return placement;
  }

  /** Brings the stored checkpoints to the calendar the placements call for (follow-up-calendar.ts). */
  private followCalendar(rules: FollowUpRules): void {
    const checkpoints = this.pathway.checkpoints.getItems();
    const calendar = followUpCalendar(this.contracts(), rules.offsets, rules.outcome.tempChainGapDays);
    const changes = reconcileCalendar(checkpoints, calendar);
    const byKey = new Map(checkpoints.map((checkpoint) => [checkpoint.key, checkpoint]));
    for (const planned of changes.create) this.pathway.checkpoints.add(new Checkpoint(this.pathway, planned));
    for (const { key, dueOn } of changes.move) byKey.get(key)!.moveTo(dueOn);
    for (const key of changes.cancel) byKey.get(key)!.cancel();
  }
}
