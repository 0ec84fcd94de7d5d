import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, Unique, type FilterQuery, type Ref } from '@mikro-orm/core';
import { User, type Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { Pathway, pathwaysVisibleTo } from '@parcours/pathways';
import { randomUUID } from 'node:crypto';
import { NotificationKind } from './notification-kind';

export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  pathwayId: string;
  /** The appointment, checkpoint or pathway it is about. */
  itemId: string;
  /** The day it is about (an appointment's, a checkpoint's, a contract's end), when it has one. */
  dueOn?: LocalDate | null;
}

/**
 * One thing a member of staff should know, for them alone: its kind, the pathway (and the item of
 * it) it points to, when, read or not. Created in the flush that records what it announces
 * (NotificationComposer) or by the sweeps (what falls due); `key` makes each once per reader: the
 * same item on the same day is never announced twice, whichever process sweeps, however often.
 * Seen by its recipient only, and only while they see its pathway (a referent who handed it over,
 * an account moved away); a counsellor relieved of a pathway loses its notifications at once.
 */
@Entity({ tableName: 'staff_notification' })
@Unique({ properties: ['recipient', 'key'] })
@Index({ properties: ['recipient', 'createdAt'] })
@Index({ properties: ['pathway'] })
@Index({ properties: ['readAt'] })
export class StaffNotification {
  static visibleTo(actor: Actor): FilterQuery<StaffNotification> {
    return { recipient: actor.userId, pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true })
  recipient: Ref<User>;

  @Property({ type: 'string', length: 30 })
  kind: NotificationKind;

  @ManyToOne(() => Pathway, { ref: true })
  pathway: Ref<Pathway>;

  /** The appointment, checkpoint or pathway it is about (an id, no reference: the item may go, the notice stays until purged). */
  @Property({ length: 36 })
  itemId: string;

  @Property({ type: 'string', length: 10, nullable: true })
  dueOn: LocalDate | null;

  /** kind:item[:day] — unique per recipient: what makes a sweep run twice write nothing. */
  @Property({ length: 90 })
  key: string;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date, nullable: true })
  readAt: Date | null = null;

  constructor(draft: NotificationDraft, at: Date) {
    this.recipient = ref(User, draft.recipientId);
    this.kind = draft.kind;
    this.pathway = ref(Pathway, draft.pathwayId);
    this.itemId = draft.itemId;
    this.dueOn = draft.dueOn ?? null;
    this.key = notificationKey(draft);
    this.createdAt = at;
  }

  markRead(at: Date): void {
    this.readAt ??= at;
  }
}

/** What makes a notification once: its kind, its item and, for what falls due, the day (a contract's end moved is announced again). */
export function notificationKey(draft: Pick<NotificationDraft, 'kind' | 'itemId' | 'dueOn'>): string {
  return [draft.kind, draft.itemId, ...(draft.dueOn ? [draft.dueOn] : [])].join(':');
}
