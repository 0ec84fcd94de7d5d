import { Role, type Problem } from '@parcours/core';
import { NotificationKind } from './notification-kind';

/** How a kind of notice reaches a member of staff besides the console's bell. */
export enum NotificationDelivery {
  /** An e-mail for each, at once (it says only what kind of notice waits, with a link). */
  AT_ONCE = 'AT_ONCE',
  /** Counted in the morning's digest (07:30 Paris, working days). */
  DIGEST = 'DIGEST',
  /** Only in the console: no e-mail. */
  CONSOLE_ONLY = 'CONSOLE_ONLY',
  /** Not at all (NEW_REFERRAL only: a counsellor chooses to be told of the operator's new referrals). */
  OFF = 'OFF',
}

/** The kinds a user chooses for: the staff notifications, and REPORT (a referent's reports, which always reach their inbox). */
export const REPORT_SETTING = 'REPORT' as const;
export type SettingKind = NotificationKind | typeof REPORT_SETTING;

/** The kinds each role is told of, in the order the settings page lists them. */
export const SETTING_KINDS: Partial<Record<Role, readonly SettingKind[]>> = {
  [Role.REFERENT]: [REPORT_SETTING, NotificationKind.NEW_MESSAGE, NotificationKind.CONTRACT_ENDING],
  [Role.COUNSELLOR]: [
    NotificationKind.PERSON_CANNOT_COME,
    NotificationKind.NEW_MESSAGE,
    NotificationKind.PATHWAY_ASSIGNED,
    NotificationKind.APPOINTMENT_TOMORROW,
    NotificationKind.APPOINTMENT_MISSED,
    NotificationKind.CHECKPOINT_TOMORROW,
    NotificationKind.CHECKPOINT_MISSED,
    NotificationKind.CONTRACT_ENDING,
    NotificationKind.CONTRACT_END_TOMORROW,
    NotificationKind.CONTRACT_END_MISSED,
    NotificationKind.NEW_REFERRAL,
  ],
};
SETTING_KINDS[Role.MANAGER] = SETTING_KINDS[Role.COUNSELLOR];

/**
 * What a user gets when they have not chosen: a report, a person who cannot come and a message at
 * once (each calls for an answer soon), everything else in the digest; a counsellor is not told of the
 * operator's new referrals unless they ask (a manager is).
 */
export function defaultDelivery(role: Role, kind: SettingKind): NotificationDelivery {
  if (kind === REPORT_SETTING || kind === NotificationKind.PERSON_CANNOT_COME || kind === NotificationKind.NEW_MESSAGE) return NotificationDelivery.AT_ONCE;
  if (kind === NotificationKind.NEW_REFERRAL && role !== Role.MANAGER) return NotificationDelivery.OFF;
  return NotificationDelivery.DIGEST;
}

/** How this user gets this kind: their choice, else the default. */
export function deliveryOf(user: { role: Role; notificationEmails: Record<string, string> | null }, kind: SettingKind): NotificationDelivery {
  const chosen = user.notificationEmails?.[kind];
  return chosen && chosen in NotificationDelivery ? (chosen as NotificationDelivery) : defaultDelivery(user.role, kind);
}

/** Every kind of the user's role with how it reaches them. */
export function settingsOf(user: { role: Role; notificationEmails: Record<string, string> | null }): { kind: SettingKind; delivery: NotificationDelivery }[] {
  return (SETTING_KINDS[user.role] ?? []).map((kind) => ({ kind, delivery: deliveryOf(user, kind) }));
}

/** What is wrong with these choices for this role (field: the index in the input's list); none: they may be saved. */
export function settingProblems(role: Role, choices: readonly { kind: SettingKind; delivery: NotificationDelivery }[], field: string[]): Problem[] {
  const allowed = SETTING_KINDS[role] ?? [];
  const problems: Problem[] = [];
  choices.forEach(({ kind, delivery }, index) => {
    const at = [...field, String(index)];
    if (!allowed.includes(kind)) problems.push({ code: 'INVALID_NOTIFICATION_SETTING', field: at, message: `A ${role} is not told of ${kind}.` });
    else if (delivery === NotificationDelivery.OFF && kind !== NotificationKind.NEW_REFERRAL) {
      problems.push({ code: 'INVALID_NOTIFICATION_SETTING', field: at, message: `${kind} always reaches the console: choose AT_ONCE, DIGEST or CONSOLE_ONLY.` });
    }
  });
  if (new Set(choices.map((choice) => choice.kind)).size !== choices.length) problems.push({ code: 'INVALID_NOTIFICATION_SETTING', field, message: 'Each kind is named once.' });
  return problems;
}
