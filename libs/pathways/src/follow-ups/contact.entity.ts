import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { User, type Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { BarrierTheme } from '@parcours/participants';
import { randomUUID } from 'node:crypto';
import { pathwaysVisibleTo } from '../pathway-scope';
import type { Pathway } from '../pathway.entity';
import { Checkpoint } from './checkpoint.entity';
import { ContactKind, ContactReached, FollowUpSituation, type FollowUpDifficulty } from './follow-up-enums';

/** A contact as staff record it. */
export interface ContactRecord {
  kind: ContactKind;
  on: LocalDate;
  reached: ContactReached;
  situation: FollowUpSituation | null;
  difficulties: FollowUpDifficulty[];
  /** Required with a JUSTICE difficulty; only the operator's staff read it. */
  justiceJustification: string | null;
  /** Only the operator's staff read it. */
  note: string | null;
  nextStep: string | null;
}

/**
 * A contact with the person and/or the employer (interview, call, workshop, visit), from the
 * acceptance of the referral to the exit and after, answering a checkpoint or not.
 */
@Entity({ tableName: 'follow_up_contact' })
@Index({ properties: ['pathway', 'on'] })
export class Contact {
  static visibleTo(actor: Actor): FilterQuery<Contact> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @Property({ type: 'string', length: 20 })
  kind: ContactKind;

  @Property({ length: 10 })
  on: LocalDate;

  @Property({ type: 'string', length: 20 })
  reached: ContactReached;

  @Property({ type: 'string', length: 20, nullable: true })
  situation: FollowUpSituation | null;

  @Property({ type: 'json' })
  difficulties: FollowUpDifficulty[];

  @Property({ type: 'text', nullable: true, lazy: true })
  justiceJustification: string | null;

  @Property({ type: 'text', nullable: true })
  note: string | null;

  @Property({ type: 'text', nullable: true })
  nextStep: string | null;

  /** Indexed: a checkpoint's contact is read by checkpoint (the +6-month figures). */
  @ManyToOne(() => Checkpoint, { ref: true, nullable: true, index: true })
  checkpoint: Ref<Checkpoint> | null = null;

  @ManyToOne(() => User, { ref: true })
  recordedBy: Ref<User>;

  @Property({ type: Date })
  recordedAt: Date;

  constructor(pathway: Pathway, record: ContactRecord, checkpoint: Checkpoint | null, by: User, at: Date) {
    this.pathway = ref(pathway);
    this.kind = record.kind;
    this.on = record.on;
    this.reached = record.reached;
    this.situation = record.situation;
    this.difficulties = record.difficulties;
    this.justiceJustification = record.justiceJustification;
    this.note = record.note;
    this.nextStep = record.nextStep;
    this.checkpoint = checkpoint ? ref(checkpoint) : null;
    this.recordedBy = ref(by);
    this.recordedAt = at;
  }

  /** What the referent is told: AT_RISK, or any blocking difficulty, never JUSTICE (null: nothing to report). */
  reportedDifficulty(): { situation: FollowUpSituation | null; difficulties: FollowUpDifficulty[] } | null {
    const difficulties = this.difficulties.filter((difficulty) => difficulty.theme !== BarrierTheme.JUSTICE);
    const worrying = this.situation === FollowUpSituation.AT_RISK || difficulties.some((difficulty) => difficulty.blocking);
    return worrying ? { situation: this.situation, difficulties } : null;
  }

  /** Free texts may name people, and justice is special-category data: they go; codes and days stay. */
  forgetPersonalDetails(): void {
    this.justiceJustification = null;
    this.note = null;
    this.nextStep = null;
  }
}
