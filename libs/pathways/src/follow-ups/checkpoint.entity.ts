import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, Unique, type FilterQuery, type Ref } from '@mikro-orm/core';
import type { Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { randomUUID } from 'node:crypto';
import { pathwaysVisibleTo } from '../pathway-scope';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { Placement } from '../placements/placement.entity';
import { CheckpointKind, CheckpointStatus, OPEN_CHECKPOINTS, type PlannedCheckpoint } from './follow-up-calendar';

/**
 * A day of the pathway's follow-up calendar (follow-up-calendar.ts): PENDING until a contact
 * answers it (RECORDED), MISSED some days after it (the sweep), RECORDED_LATE when answered after
 * that; CANCELLED when the calendar no longer calls for it. A recorded one is never removed.
 */
@Entity({ tableName: 'checkpoint' })
@Unique({ properties: ['pathway', 'key'] })
@Index({ properties: ['status', 'dueOn'] })
export class Checkpoint {
  static visibleTo(actor: Actor): FilterQuery<Checkpoint> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  /** Names it across recomputations of the calendar: OFFSET:1m, END:<placement>, CHAIN:<first mission>. */
  @Property({ length: 60 })
  key: string;

  @Property({ type: 'string', length: 20 })
  kind: CheckpointKind;

  /** An OFFSET checkpoint's offset as configured ("15d", "6m"). */
  @Property({ type: 'string', length: 10, nullable: true })
  offset: string | null;

  /** A PLANNED_END checkpoint's placement (a chain's first mission). */
  @ManyToOne(() => Placement, { ref: true, nullable: true })
  placement: Ref<Placement> | null;

  @Property({ length: 10 })
  dueOn: LocalDate;

  @Property({ type: 'string', length: 20 })
  status: CheckpointStatus = CheckpointStatus.PENDING;

  @Property({ type: Date, nullable: true })
  missedAt: Date | null = null;

  @Property({ type: Date, nullable: true })
  recordedAt: Date | null = null;

  constructor(pathway: Pathway, planned: PlannedCheckpoint) {
    this.pathway = ref(pathway);
    this.key = planned.key;
    this.kind = planned.kind;
    this.offset = planned.offset;
    this.placement = planned.placementId ? ref(Placement, planned.placementId) : null;
    this.dueOn = planned.dueOn;
  }

  get isOpen(): boolean {
    return OPEN_CHECKPOINTS.includes(this.status);
  }

  /** A contact answers it (the contact names it): RECORDED, or RECORDED_LATE once MISSED. */
  record(at: Date): void {
    if (!this.isOpen) throw new PathwaysError('CHECKPOINT_CLOSED', `This checkpoint is ${this.status}: it takes no contact.`, ['input', 'checkpointId']);
    this.status = this.status === CheckpointStatus.MISSED ? CheckpointStatus.RECORDED_LATE : CheckpointStatus.RECORDED;
    this.recordedAt = at;
  }

  /** The calendar moved it (or called for it again): PENDING on its new day. */
  moveTo(dueOn: LocalDate): void {
    this.dueOn = dueOn;
    this.status = CheckpointStatus.PENDING;
    this.missedAt = null;
  }

  cancel(): void {
    if (this.isOpen) this.status = CheckpointStatus.CANCELLED;
  }

  miss(at: Date): void {
    this.status = CheckpointStatus.MISSED;
    this.missedAt = at;
  }
}
