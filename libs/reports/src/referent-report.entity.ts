import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { User } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { Pathway, ReportKind, type ReportSummary } from '@parcours/pathways';
import { randomUUID } from 'node:crypto';

export enum ReportState {
  UNACKNOWLEDGED = 'UNACKNOWLEDGED',
  OVERDUE = 'OVERDUE',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
}

/**
 * The systematic report to the pathway's active referent, written in the same transaction as the
 * event that triggers it. Its acknowledgement is due on a working day computed once, when written.
 */
@Entity({ tableName: 'referent_report' })
@Index({ properties: ['referent', 'acknowledgedAt', 'dueOn'] })
export class ReferentReport {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Pathway, { ref: true })
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
  summary: Omit<ReportSummary, 'counsellorSummary'>;

  /** The counsellor's own words for the referent. */
  @Property({ type: 'text', nullable: true })
  counsellorSummary: string | null;

  /** When the event happened. */
  @Property({ type: 'datetime' })
  eventAt: Date;

  @Property({ length: 10 })
  reportedOn: LocalDate;

  /** The Nth working day after reportedOn; OVERDUE from the day after. */
  @Property({ length: 10 })
  dueOn: LocalDate;

  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt: Date | null = null;

  constructor(values: { pathway: Pathway; referentId: string; kind: ReportKind; correction: boolean; summary: ReportSummary; eventAt: Date; reportedOn: LocalDate; dueOn: LocalDate }) {
    const { counsellorSummary, ...summary } = values.summary;
    this.pathway = ref(values.pathway);
    this.referent = ref(User, values.referentId);
    this.kind = values.kind;
    this.correction = values.correction;
    this.summary = summary;
    this.counsellorSummary = counsellorSummary ?? null;
    this.eventAt = values.eventAt;
    this.reportedOn = values.reportedOn;
    this.dueOn = values.dueOn;
  }

  state(today: LocalDate): ReportState {
    if (this.acknowledgedAt) return ReportState.ACKNOWLEDGED;
    return today > this.dueOn ? ReportState.OVERDUE : ReportState.UNACKNOWLEDGED;
  }

  acknowledge(at: Date): void {
    this.acknowledgedAt ??= at;
  }

  forgetPersonalDetails(): void {
    this.counsellorSummary = null;
  }
}
