import { Collection, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { User, type Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { ContractType, Opportunity, OpportunityKind } from '@parcours/opportunities';
import { randomUUID } from 'node:crypto';
import { pathwaysVisibleTo } from '../pathway-scope';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { canStep, isOpenProposal, ProposalReason, ProposalStatus, reasonsFor } from './proposal-status';

/** What the referent is told of the offer: never more than title, kind, contract type and partner. */
export interface OfferSummary {
  title: string;
  kind: OpportunityKind;
  contractType: ContractType;
  partnerName: string;
}

/** One step as staff record it, or as the system does (by: null). */
export interface StepRecord {
  step: ProposalStatus;
  on: LocalDate;
  reason: ProposalReason | null;
  comment: string | null;
}

/**
 * An opportunity proposed to the person of a pathway, from PROPOSED to a final step
 * (proposal-status.ts). At most one open proposal per opportunity and pathway: the database's
 * unique index on `openKey`, as for the open pathway.
 */
@Entity({ tableName: 'proposal' })
@Index({ properties: ['pathway'] })
@Index({ properties: ['opportunity', 'status'] })
@Index({ properties: ['status', 'lastStepAt'] })
export class Proposal {
  static visibleTo(actor: Actor): FilterQuery<Proposal> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @ManyToOne(() => Opportunity, { ref: true })
  opportunity: Ref<Opportunity>;

  @Property({ type: 'string', length: 30 })
  status: ProposalStatus = ProposalStatus.PROPOSED;

  /** `<opportunity id>/<pathway id>` while open, NULL once closed (NULLs never collide). */
  @Property({ type: 'string', length: 73, nullable: true, unique: true })
  openKey: string | null;

  @Property({ type: Date })
  proposedAt: Date;

  @Property({ length: 10 })
  proposedOn: LocalDate;

  /** The day of the last step (the figures count proposals by final status on it). */
  @Property({ length: 10 })
  lastStepOn: LocalDate;

  /** When the last step was recorded: the stale sweep counts from it. */
  @Property({ type: Date })
  lastStepAt: Date;

  /** The reason code of the final step, if it took one. */
  @Property({ type: 'string', length: 30, nullable: true })
  reason: ProposalReason | null = null;

  @OneToMany(() => ProposalStep, (step) => step.proposal, { orderBy: { id: 'asc' } })
  steps = new Collection<ProposalStep>(this);

  constructor(pathway: Pathway, opportunity: Opportunity, on: LocalDate, by: User, at: Date) {
    this.pathway = ref(pathway);
    this.opportunity = ref(opportunity);
    this.openKey = `${opportunity.id}/${pathway.id}`;
    this.proposedAt = at;
    this.proposedOn = on;
    this.lastStepOn = on;
    this.lastStepAt = at;
    this.steps.add(new ProposalStep(this, { step: ProposalStatus.PROPOSED, on, reason: null, comment: null }, by, at));
  }

  get isOpen(): boolean {
    return isOpenProposal(this.status);
  }

  /** The offer as the referent's report names it (the opportunity and its partner loaded). */
  offer(): OfferSummary {
    const opportunity = this.opportunity.getEntity();
    return { title: opportunity.title, kind: opportunity.kind, contractType: opportunity.contractType, partnerName: opportunity.partner.getEntity().name };
  }

  /**
   * Staff record the next step, as the table allows, dated `on`: not in the future, not before
   * the previous step. A decline, a rejection or a cancellation takes a reason code of its list
   * (OTHER with a comment); other steps take none.
   */
  step(record: StepRecord, by: User, at: Date, today: LocalDate): void {
    if (!canStep(this.status, record.step, 'staff')) {
      throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} proposal cannot become ${record.step}.`, ['input', 'step']);
    }
    if (record.on > today) throw new PathwaysError('INVALID_DATE', 'A step is dated today or earlier.', ['input', 'on']);
    if (record.on < this.lastStepOn) throw new PathwaysError('INVALID_DATE', `A step is dated on or after the previous one (${this.lastStepOn}).`, ['input', 'on']);
    checkReason(record);
    this.moveTo(record, by, at);
  }

  /** The system ends an open proposal: CANCELLED when its pathway or opportunity closes, STALE by the sweep. */
  end(step: ProposalStatus.CANCELLED | ProposalStatus.STALE, reason: ProposalReason | null, by: User | null, at: Date, today: LocalDate): void {
    if (!canStep(this.status, step, step === ProposalStatus.STALE ? 'sweep' : 'staff')) {
      throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} proposal cannot become ${step}.`);
    }
    this.moveTo({ step, on: today < this.lastStepOn ? this.lastStepOn : today, reason, comment: null }, by, at);
  }

  private moveTo(record: StepRecord, by: User | null, at: Date): void {
    this.status = record.step;
    this.lastStepOn = record.on;
    this.lastStepAt = at;
    this.reason = record.reason;
    if (!this.isOpen) this.openKey = null;
    this.steps.add(new ProposalStep(this, record, by, at));
  }

  /** Free texts may name people: the comments go on anonymisation; codes and days stay. */
  forgetPersonalDetails(): void {
    for (const step of this.steps) step.comment = null;
  }
}

function checkReason({ step, reason, comment }: StepRecord): void {
  const allowed = reasonsFor(step);
  if (!allowed) {
    if (reason) throw new PathwaysError('INVALID_REASON', `A ${step} step takes no reason.`, ['input', 'reason']);
    return;
  }
  if (!reason) throw new PathwaysError('REASON_REQUIRED', `A ${step} step needs a reason code.`, ['input', 'reason']);
  if (!allowed.includes(reason)) throw new PathwaysError('INVALID_REASON', `${reason} is not a reason for ${step}: one of ${allowed.join(', ')}.`, ['input', 'reason']);
  if (reason === ProposalReason.OTHER && !comment) throw new PathwaysError('COMMENT_REQUIRED', 'Another reason needs a comment saying which.', ['input', 'comment']);
}

/** One step of a proposal: which, on which day, why (a code, and staff's comment). */
@Entity({ tableName: 'proposal_step' })
@Index({ properties: ['proposal'] })
export class ProposalStep {
  static visibleTo(actor: Actor): FilterQuery<ProposalStep> {
    return { proposal: { pathway: pathwaysVisibleTo(actor) } };
  }

  @PrimaryKey({ autoincrement: true })
  id: number;

  @ManyToOne(() => Proposal, { ref: true })
  proposal: Ref<Proposal>;

  @Property({ type: 'string', length: 30 })
  step: ProposalStatus;

  @Property({ length: 10 })
  on: LocalDate;

  @Property({ type: 'string', length: 30, nullable: true })
  reason: ProposalReason | null;

  /** Only the operator's staff and ADMIN read it; never in a report. */
  @Property({ type: 'text', nullable: true })
  comment: string | null;

  /** Null for the system (sweeps, closings). */
  @ManyToOne(() => User, { ref: true, nullable: true })
  by: Ref<User> | null;

  @Property({ type: Date })
  at: Date;

  constructor(proposal: Proposal, record: StepRecord, by: User | null, at: Date) {
    this.proposal = ref(proposal);
    this.step = record.step;
    this.on = record.on;
    this.reason = record.reason;
    this.comment = record.comment;
    this.by = by ? ref(by) : null;
    this.at = at;
  }
}
