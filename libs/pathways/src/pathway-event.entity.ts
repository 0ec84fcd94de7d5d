import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { User } from '@parcours/accounts';
import type { Pathway } from './pathway.entity';
import { BarrierTheme } from '@parcours/participants';
import { ReportKind, type Readiness } from './interviews/interview-enums';
import { DeclineReason, PathwayStatus } from './pathway-status';

export enum PathwayEventKind {
  TRANSITION = 'TRANSITION',
  COUNSELLOR_ASSIGNED = 'COUNSELLOR_ASSIGNED',
  REFERENT_ASSIGNED = 'REFERENT_ASSIGNED',
  PARTICIPANT_UPDATED = 'PARTICIPANT_UPDATED',
  APPOINTMENT_RESCHEDULED = 'APPOINTMENT_RESCHEDULED',
  DIAGNOSTIC_CORRECTED = 'DIAGNOSTIC_CORRECTED',
}

/** What the referent is told of an event: never a note, never anything about JUSTICE. */
export interface ReportSummary {
  readiness?: Readiness;
  barriers?: { theme: BarrierTheme; blocking: boolean }[];
  nextStep: string;
  counsellorSummary?: string;
  declineReason?: DeclineReason;
  appointmentAt?: string;
}

/**
 * One line of a pathway's history: who, when, what (a transition from → to, a handover, a
 * correction of the person's details by field name), and why. Never the data itself.
 */
@Entity({ tableName: 'pathway_event' })
@Index({ properties: ['pathway', 'at'] })
export class PathwayEvent {
  /** Increasing: orders the history even when two events share an instant. */
  @PrimaryKey({ autoincrement: true })
  id: number;

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @Property({ type: 'string', length: 30 })
  kind: PathwayEventKind;

  @Property({ type: 'datetime' })
  at: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  by: Ref<User> | null;

  @Property({ type: 'string', length: 30, nullable: true })
  fromStatus: PathwayStatus | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  toStatus: PathwayStatus | null = null;

  /** A reason code (DECLINED's reason) or a short reason given with a handover. */
  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  /** Ids of the users handed over from and to; names of the fields corrected. */
  @Property({ type: 'string', length: 1000, nullable: true })
  details: string | null = null;

  /** The report this event sends the referent, if any (the report composer writes it in the same flush). */
  @Property({ type: 'string', length: 30, nullable: true })
  reportKind: ReportKind | null = null;

  /** Not stored: what the report says, handed to the composer in the flush. */
  @Property({ persist: false })
  reportSummary?: ReportSummary;

  @Property({ persist: false })
  reportIsCorrection?: boolean;

  /** Free texts may name people: only reason codes survive anonymisation. */
  forgetPersonalDetails(): void {
    this.comment = null;
    if (this.reason !== null && !(Object.values(DeclineReason) as string[]).includes(this.reason)) this.reason = null;
  }

  constructor(
    pathway: Pathway,
    kind: PathwayEventKind,
    by: User | null,
    at: Date,
    values: Partial<Pick<PathwayEvent, 'fromStatus' | 'toStatus' | 'reason' | 'comment' | 'details' | 'reportKind' | 'reportSummary' | 'reportIsCorrection'>> = {},
  ) {
    this.pathway = ref(pathway);
    this.kind = kind;
    this.by = by ? ref(by) : null;
    this.at = at;
    Object.assign(this, values);
  }
}
