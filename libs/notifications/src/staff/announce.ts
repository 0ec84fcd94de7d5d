import { Role, User } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { NotificationKind } from './notification-kind';
import type { ScopedReads } from '@parcours/unit-of-work';
import { deliveryOf, NotificationDelivery } from './notification-settings';
import { notificationKey, StaffNotification, type NotificationDraft } from './staff-notification.entity';

/**
 * The notifications of these drafts that are new: for active accounts only (a deactivated one gets
 * none) who have not turned the kind OFF (a counsellor, the operator's new referrals), never twice for one key and reader. A draft whose notification exists is skipped; with
 * `again` (a new occurrence of what it tells: a pathway assigned to them once more), one that was
 * read comes back unread, as new. Returns the rows to write (new or come back).
 */
export async function announce(reads: ScopedReads, drafts: readonly NotificationDraft[], now: Date, options: { again?: boolean } = {}): Promise<StaffNotification[]> {
  if (drafts.length === 0) return [];
  const users = new Map(
    (await reads.system().find(User, { id: { $in: [...new Set(drafts.map((draft) => draft.recipientId))] }, deactivatedAt: null, role: { $ne: Role.FUNDER } }, { fields: ['id', 'role', 'notificationEmails'] })).map((user) => [user.id, user]),
  );
  const active = [...users.keys()];
  const wanted = drafts.filter((draft) => {
    const user = users.get(draft.recipientId);
    return user !== undefined && deliveryOf(user, draft.kind) !== NotificationDelivery.OFF;
  });
  if (wanted.length === 0) return [];
  const keys = [...new Set(wanted.map(notificationKey))];
  const existing = new Map(
    (await reads.system().find(StaffNotification, { key: { $in: keys }, recipient: { $in: active } })).map((notification) => [`${notification.recipient.id} ${notification.key}`, notification]),
  );
  const written: StaffNotification[] = [];
  for (const draft of wanted) {
    const id = `${draft.recipientId} ${notificationKey(draft)}`;
    const found = existing.get(id);
    if (!found) {
      const notification = new StaffNotification(draft, now);
      existing.set(id, notification);
      written.push(notification);
    } else if (options.again && found.readAt && !written.includes(found)) {
      found.readAt = null;
      found.createdAt = now;
      written.push(found);
    }
  }
  return written;
}

/**
 * Who is told of a new referral to an operator: its active managers, and those of its counsellors
 * who asked (announce drops who turned NEW_REFERRAL OFF). `itemId` is the pathway, or the import
 * whose referrals are one notification.
 */
export async function newReferralDrafts(reads: ScopedReads, operatorId: string, pathwayId: string, itemId: string, on: LocalDate): Promise<NotificationDraft[]> {
  const staff = await reads.system().find(User, { organisation: operatorId, role: { $in: [Role.MANAGER, Role.COUNSELLOR] }, deactivatedAt: null }, { fields: ['id'] });
  return staff.map((user) => ({ recipientId: user.id, kind: NotificationKind.NEW_REFERRAL, pathwayId, itemId, dueOn: on }));
}
