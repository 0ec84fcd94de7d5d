import type { FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuthService, type Actor } from '@parcours/accounts';
import { AuditAction } from '@parcours/audit';
import { addCalendarDays, Clock, isUuid, NotFoundError } from '@parcours/core';
import { Appointment, AppointmentStatus, Checkpoint, CONTRACT_ENDING_DAYS, CheckpointKind, CheckpointStatus, pathwayViews, type Pathway, type PathwayView } from '@parcours/pathways';
import { Sweep, SYSTEM, UnitOfWork, type Page, type Work } from '@parcours/unit-of-work';
import { subDays } from 'date-fns';
import { announce, newReferralDrafts } from './announce';
import { NotificationBus, type AnnouncedNotification } from './notification-bus';
import { NotificationKind, READ_NOTIFICATION_RETENTION_DAYS } from './notification-kind';
import { StaffNotification, type NotificationDraft } from './staff-notification.entity';

/** An appointment still PLANNED this many days after its day is no longer announced as missed (the first sweep after an upgrade stays quiet about old ones). */
const MISSED_APPOINTMENT_LOOKBACK_DAYS = 7;

export interface NotificationsFilter {
  unreadOnly?: boolean;
}

/** A page of notifications and the pathways they point to, as the reader sees them. */
export interface NotificationsPage {
  page: Page<StaffNotification>;
  views: Map<string, PathwayView>;
}

@Injectable()
export class StaffNotificationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly bus: NotificationBus,
  ) {}

  /** The reader's own, newest first, each with its pathway (only those whose pathway they still see). */
  list(actor: Actor, filter: NotificationsFilter, page: { first?: number; after?: string }): Promise<NotificationsPage> {
    const where: FilterQuery<StaffNotification> = filter.unreadOnly ? { readAt: null } : {};
    return this.uow.read(actor, async (reads) => {
      const found = await reads.findByCursor(StaffNotification, where, { first: page.first ?? 20, after: page.after, orderBy: { createdAt: 'desc', id: 'desc' } });
      return { page: found, views: await this.viewsOf(actor, found.items) };
    });
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.uow.read(actor, (reads) => reads.count(StaffNotification, { readAt: null }));
  }

  /** Marks the reader's own notifications read (already read: unchanged); any id not theirs is NOT_FOUND and nothing is marked. */
  markRead(actor: Actor, ids: readonly string[]): Promise<StaffNotification[]> {
    return this.uow.run(actor, async ({ reads, now }) => {
      const wanted = [...new Set(ids)];
      const found = wanted.every(isUuid) ? await reads.find(StaffNotification, { id: { $in: wanted } }) : [];
      if (found.length !== wanted.length) throw new NotFoundError('Notification', ['input', 'ids']);
      for (const notification of found) notification.markRead(now);
      return found;
    });
  }

  /** Marks every unread notification of the reader read; how many were. */
  markAllRead(actor: Actor): Promise<number> {
    return this.uow.run(actor, async ({ reads, now }) => {
      const unread = await reads.find(StaffNotification, { readAt: null });
      for (const notification of unread) notification.markRead(now);
      return unread.length;
    });
  }

  /** The pathways of these notifications, read as the reader sees them (audited as any read of a pathway). */
  viewsOf(actor: Actor, notifications: readonly StaffNotification[]): Promise<Map<string, PathwayView>> {
    return this.uow.read(actor, async (reads) => new Map((await pathwayViews(reads, [...new Set(notifications.map((notification) => notification.pathway.id))])).map((view) => [view.id, view])));
  }

  /** An announced notification, if it is the subscriber's, their session is live and they still see it; with its pathway. */
  async deliverable(subscriber: Actor, announced: AnnouncedNotification): Promise<{ notification: StaffNotification; view: PathwayView } | null> {
    if (announced.recipientId !== subscriber.userId || !subscriber.sessionId) return null;
    if (!(await this.auth.sessionIsLive(subscriber.sessionId, subscriber.userId))) return null;
    const notification = await this.uow.read(subscriber, (reads) => reads.findOne(StaffNotification, { id: announced.notificationId }));
    const view = notification && (await this.viewsOf(subscriber, [notification])).get(notification.pathway.id);
    return notification && view ? { notification, view } : null;
  }

  /**
   * Sweep: what falls due, announced once each — interviews, checkpoints and contract ends due
   * tomorrow (the next Paris day), interviews whose day passed with nothing recorded, contracts
   * whose planned end is within CONTRACT_ENDING_DAYS (the counsellor and the referent). A second
   * run, or a second process, writes nothing (one key per item, day and reader).
   */
  @Sweep('staff notifications due')
  async sweepDue(): Promise<{ announced: number }> {
    const written = await this.uow.run(
      null,
      async ({ em, reads, now, today }) => {
        const tomorrow = addCalendarDays(today, 1);
        const [appointments, checkpoints] = await Promise.all([
          reads.find(
            Appointment,
            { status: AppointmentStatus.PLANNED, startsOn: { $gte: addCalendarDays(today, -MISSED_APPOINTMENT_LOOKBACK_DAYS), $lte: tomorrow }, pathway: { counsellor: { $ne: null } } },
            { populate: ['pathway'] },
          ),
          reads.find(
            Checkpoint,
            { status: CheckpointStatus.PENDING, $or: [{ dueOn: tomorrow }, { kind: CheckpointKind.PLANNED_END, dueOn: { $gte: today, $lte: addCalendarDays(today, CONTRACT_ENDING_DAYS) } }] },
            { populate: ['pathway'] },
          ),
        ]);
        const drafts: NotificationDraft[] = [];
        const to = (pathway: Pathway, kind: NotificationKind, itemId: string, dueOn: string, recipients: readonly (string | undefined)[]) => {
          for (const recipientId of recipients) if (recipientId) drafts.push({ recipientId, kind, pathwayId: pathway.id, itemId, dueOn });
        };
        for (const appointment of appointments) {
          const pathway = appointment.pathway.getEntity();
          if (appointment.startsOn === tomorrow) to(pathway, NotificationKind.APPOINTMENT_TOMORROW, appointment.id, appointment.startsOn, [pathway.counsellor?.id]);
          else if (appointment.startsOn < today) to(pathway, NotificationKind.APPOINTMENT_MISSED, appointment.id, appointment.startsOn, [pathway.counsellor?.id]);
        }
        for (const checkpoint of checkpoints) {
          const pathway = checkpoint.pathway.getEntity();
          const contract = checkpoint.kind === CheckpointKind.PLANNED_END;
          if (checkpoint.dueOn === tomorrow) to(pathway, contract ? NotificationKind.CONTRACT_END_TOMORROW : NotificationKind.CHECKPOINT_TOMORROW, checkpoint.id, checkpoint.dueOn, [pathway.counsellor?.id]);
          if (contract) to(pathway, NotificationKind.CONTRACT_ENDING, checkpoint.id, checkpoint.dueOn, [pathway.counsellor?.id, pathway.referent.id]);
        }
        const notifications = await announce(reads, drafts, now);
        em.persist(notifications);
        return notifications;
      },
      { audit: { action: AuditAction.WRITE, operation: 'staff notifications sweep' } },
    );
    for (const notification of written) this.bus.publish({ notificationId: notification.id, recipientId: notification.recipient.id });
    return { announced: written.length };
  }

  /**
   * The referrals of an imported list, told once to the operator's staff (as NEW_REFERRAL: its
   * item the import, its pathway the first one referred), in the caller's unit of work, when the
   * import ends; `published` after its commit pushes them to the bells.
   */
  async announceImportedReferrals({ reads, em, now, today }: Work, values: { operatorId: string; firstPathwayId: string; importId: string }): Promise<StaffNotification[]> {
    const written = await announce(reads, await newReferralDrafts(reads, values.operatorId, values.firstPathwayId, values.importId, today), now);
    em.persist(written);
    return written;
  }

  published(written: readonly StaffNotification[]): void {
    for (const notification of written) this.bus.publish({ notificationId: notification.id, recipientId: notification.recipient.id });
  }

  /** Sweep: notifications read more than READ_NOTIFICATION_RETENTION_DAYS ago. */
  @Sweep('staff notifications purge')
  async purge(): Promise<{ purged: number }> {
    const before = subDays(this.clock.now(), READ_NOTIFICATION_RETENTION_DAYS);
    const purged = await this.uow.read(SYSTEM, (reads) => reads.nativeDelete(StaffNotification, { readAt: { $lt: before } }));
    return { purged };
  }
}
