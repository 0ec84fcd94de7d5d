import { ChangeSetType, type EntityManager, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Role, User } from '@parcours/accounts';
import { parisDay } from '@parcours/core';
import { AppointmentAnswer, CheckpointKind, ConversationRead, Pathway, PathwayEvent, PathwayMessage, type JourneyEvent } from '@parcours/pathways';
import { Composer, COMPOSER_ORDER, ScopedReads, SYSTEM, type FlushComposer } from '@parcours/unit-of-work';
import { announce, newReferralDrafts } from './announce';
import { NotificationBus } from './notification-bus';
import { NotificationKind } from './notification-kind';
import { StaffNotification, type NotificationDraft } from './staff-notification.entity';

/** What a history line changes in the notifications of its pathway. */
interface Effect {
  drafts: NotificationDraft[];
  /** Those who no longer see the pathway, or no longer have it in charge: their notifications of it go. */
  relieved: string[];
  /** The referral is decided: the managers' NEW_REFERRAL notices of it are done. */
  decided: boolean;
}

/**
 * The staff's notifications of what a unit of work recorded, in its own transaction (after the
 * reports, before the outbox): a new referral for the operator's managers (and counsellors who ask), a pathway put in a
 * counsellor's charge, a person who cannot come, a checkpoint gone missed, a message in the
 * conversation (reading the conversation reads its notices). A handover takes the
 * pathway's notifications away from whoever it leaves, at once; a referral decided marks its
 * NEW_REFERRAL notices read. What falls due (tomorrow, missed, a contract ending) is the sweeps'
 * (StaffNotificationsService). Nobody is told of what they did themselves.
 */
@Composer()
@Injectable()
export class NotificationComposer implements FlushComposer {
  readonly order = COMPOSER_ORDER.NOTIFICATIONS;
  private readonly pending = new WeakMap<EntityManager, StaffNotification[]>();

  constructor(private readonly bus: NotificationBus) {}

  async compose({ em, uow }: FlushEventArgs): Promise<void> {
    const reads = new ScopedReads(em, SYSTEM);
    const written = (notifications: StaffNotification[]) => {
      for (const notification of notifications) uow.computeChangeSet(notification);
      this.pending.set(em, [...(this.pending.get(em) ?? []), ...notifications]);
    };
    for (const changeSet of uow.getChangeSets()) {
      const entity = changeSet.entity;
      if (entity instanceof PathwayMessage && changeSet.type === ChangeSetType.CREATE) {
        written(await announce(reads, await this.otherSide(reads, entity), entity.writtenAt));
        continue;
      }
      // Reading the conversation reads its messages' notices.
      if (entity instanceof ConversationRead) {
        for (const notice of await reads.find(StaffNotification, { pathway: entity.pathway.id, recipient: entity.reader.id, kind: NotificationKind.NEW_MESSAGE, readAt: null })) {
          notice.markRead(entity.readAt);
          uow.computeChangeSet(notice);
        }
        continue;
      }
      if (!(entity instanceof PathwayEvent) || changeSet.type !== ChangeSetType.CREATE || !entity.recorded) continue;
      const pathway = entity.pathway.getEntity();
      const effect = await this.effectOf(reads, entity.recorded, pathway, entity.at);
      if (!effect) continue;
      const by = entity.by?.id ?? null;
      if (effect.relieved.length > 0) {
        for (const notification of await reads.find(StaffNotification, { pathway: pathway.id, recipient: { $in: effect.relieved } })) uow.computeChangeSet(notification, ChangeSetType.DELETE);
      }
      if (effect.decided) {
        for (const notification of await reads.find(StaffNotification, { pathway: pathway.id, itemId: pathway.id, kind: NotificationKind.NEW_REFERRAL, readAt: null })) {
          notification.markRead(entity.at);
          uow.computeChangeSet(notification);
        }
      }
      written(await announce(reads, effect.drafts.filter((draft) => draft.recipientId !== by), entity.at, { again: true }));
    }
  }

  /** Whom a message is for: the referent when the operator's staff write, else the counsellor in charge (the managers while nobody is). */
  private async otherSide(reads: ScopedReads, message: PathwayMessage): Promise<NotificationDraft[]> {
    const pathway = await reads.findOneOrFail(Pathway, { id: message.pathway.id });
    const author = message.author.id;
    let recipients: string[];
    if (author !== pathway.referent.id) recipients = [pathway.referent.id];
    else if (pathway.counsellor) recipients = [pathway.counsellor.id];
    else recipients = (await reads.find(User, { organisation: pathway.operator.id, role: Role.MANAGER, deactivatedAt: null }, { fields: ['id'] })).map((user) => user.id);
    return recipients.filter((id) => id !== author).map((recipientId) => ({ recipientId, kind: NotificationKind.NEW_MESSAGE, pathwayId: pathway.id, itemId: message.id }));
  }

  private async effectOf(reads: ScopedReads, event: JourneyEvent, pathway: Pathway, at: Date): Promise<Effect | null> {
    const none: Effect = { drafts: [], relieved: [], decided: false };
    const onPathway = (kind: NotificationKind, recipientIds: readonly (string | null | undefined)[], itemId = pathway.id, dueOn: string | null = null): NotificationDraft[] =>
      recipientIds.filter((id): id is string => Boolean(id)).map((recipientId) => ({ recipientId, kind, pathwayId: pathway.id, itemId, dueOn }));
    const counsellor = pathway.counsellor?.id;
    switch (event.type) {
      case 'ParticipantReferred':
        // The referrals of an imported list are one notice, written when the import ends (StaffNotificationsService.announceImportedReferrals).
        if (event.source) return null;
        return { ...none, drafts: await newReferralDrafts(reads, pathway.operator.id, pathway.id, pathway.id, parisDay(at)) };
      case 'ReferralAccepted':
        return { ...none, decided: true, drafts: onPathway(NotificationKind.PATHWAY_ASSIGNED, [event.counsellorId]) };
      case 'ReferralDeclined':
      case 'ReferralWithdrawn':
        return { ...none, decided: true };
      case 'CounsellorAssigned':
        return { ...none, relieved: event.fromUserId === event.toUserId ? [] : [event.fromUserId], drafts: onPathway(NotificationKind.PATHWAY_ASSIGNED, [event.toUserId]) };
      case 'ReferentAssigned':
        return { ...none, relieved: event.fromUserId === event.toUserId ? [] : [event.fromUserId] };
      case 'AppointmentAnswered':
        return event.appointment.answer === AppointmentAnswer.CANNOT_COME
          ? { ...none, drafts: onPathway(NotificationKind.PERSON_CANNOT_COME, [counsellor], event.appointment.id, event.appointment.startsOn) }
          : null;
      case 'CheckpointMissed': {
        const kind = event.checkpoint.kind === CheckpointKind.PLANNED_END ? NotificationKind.CONTRACT_END_MISSED : NotificationKind.CHECKPOINT_MISSED;
        return { ...none, drafts: onPathway(kind, [counsellor], event.checkpoint.id, event.checkpoint.dueOn) };
      }
      default:
        return null;
    }
  }

  afterCommit(em: EntityManager): void {
    const written = this.pending.get(em) ?? [];
    this.pending.delete(em);
    for (const notification of written) this.bus.publish({ notificationId: notification.id, recipientId: notification.recipient.id });
  }

  afterRollback(em: EntityManager): void {
    this.pending.delete(em);
  }
}
