import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Role, User, type Actor } from '@parcours/accounts';
import { parisDay, type LocalDate } from '@parcours/core';
import { Pathway } from '@parcours/pathways';
import { randomUUID } from 'node:crypto';
import type { ReportDraft, ReportSummary } from './report-decisions';
import { ReportKind } from './report-kind';

export enum ReportState {
  UNACKNOWLEDGED = 'UNACKNOWLEDGED',
  OVERDUE = 'OVERDUE',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
}

/** UNACKNOWLEDGED until its due day, OVERDUE after it, ACKNOWLEDGED once acknowledged (a report or its view). */
export function reportState(report: { acknowledgedAt: Date | null; dueOn: LocalDate }, today: LocalDate): ReportState {
  if (report.acknowledgedAt) return ReportState.ACKNOWLEDGED;
  return today > report.dueOn ? ReportState.OVERDUE : ReportState.UNACKNOWLEDGED;
}

/**
 * The systematic report to the pathway's active referent, written in the same transaction as the
 * event that triggers it. Its acknowledgement is due on a working day computed once, when written.
 */
@Entity({ tableName: 'referent_report' })
@Index({ properties: ['referent', 'acknowledgedAt', 'dueOn'] })
export class ReferentReport {
  /**
   * The reports an actor may read: a REFERENT those of the pathways they are the active referent
   * of (acknowledged ones included: the file follows the pathway, and a former referent keeps
   * nothing); a MANAGER those of their operator's pathways; an ADMIN all.
   */
  static visibleTo(actor: Actor): FilterQuery<ReferentReport> {
    switch (actor.role) {
      case Role.ADMIN:
        return {};
      case Role.MANAGER:
        return { pathway: { operator: actor.organisationId } };
      case Role.REFERENT:
        return { pathway: { referent: actor.userId } };
      default:
        return { id: { $in: [] } };
    }
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed: a pathway's reports are read by pathway (the handover to a new referent, the outcome model's recount). */
  @ManyToOne(() => Pathway, { ref: true, index: true })
  pathway: Ref<Pathway>;

  /** The referent it is addressed to: the pathway's active referent, who changes with a handover. */
  @ManyToOne(() => User, { ref: true })
  referent: Ref<User>;

  @Property({ type: 'string', length: 30 })
  kind: ReportKind;

  /** A corrected diagnostic sends a new report marked so. */
  @Property()
  correction: boolean;

  /** Readiness, barriers (theme and blocking flag only), next step, decline reason. */
  @Property({ type: 'json' })
  summary: ReportSummary;

  /** The counsellor's own words for the referent. */
  @Property({ type: 'text', nullable: true })
  counsellorSummary: string | null;

  /** When the event happened. */
  @Property({ type: Date })
  eventAt: Date;

  @Property({ length: 10 })
  reportedOn: LocalDate;

  /** The Nth working day after reportedOn; OVERDUE from the day after. */
  @Property({ length: 10 })
  dueOn: LocalDate;

  @Property({ type: Date, nullable: true })
  acknowledgedAt: Date | null = null;

  /** The Paris day of the acknowledgement, for the figures. */
  @Property({ type: 'string', length: 10, nullable: true })
  acknowledgedOn: LocalDate | null = null;

  constructor(values: { pathway: Pathway; referentId: string; draft: ReportDraft; eventAt: Date; reportedOn: LocalDate; dueOn: LocalDate }) {
    this.pathway = ref(values.pathway);
    this.referent = ref(User, values.referentId);
    this.kind = values.draft.kind;
    this.correction = values.draft.correction;
    this.summary = values.draft.summary;
    this.counsellorSummary = values.draft.counsellorSummary;
    this.eventAt = values.eventAt;
    this.reportedOn = values.reportedOn;
    this.dueOn = values.dueOn;
  }

  acknowledge(at: Date): void {
    if (this.acknowledgedAt) return;
    this.acknowledgedAt = at;
    this.acknowledgedOn = parisDay(at);
  }

  forgetPersonalDetails(): void {
    this.counsellorSummary = null;
  }
}
