import { AccountsError } from '../accounts-error';

/**
 * When the person is reminded of an appointment: `daysBefore` calendar days before it (in Paris),
 * at `time` (HH:MM, Paris) or, when null, at the appointment's own time of day.
 */
export interface ReminderDelay {
  daysBefore: number;
  time: string | null;
}

/** Two days before, at the appointment's time; and the morning of, at 08:00. */
export const DEFAULT_REMINDER_DELAYS: readonly ReminderDelay[] = [
  { daysBefore: 2, time: null },
  { daysBefore: 0, time: '08:00' },
];

/** Reminders leave between 08:00 and 20:00 (Paris): a delay's own time is within them. */
export const REMINDER_HOURS = { from: 8, until: 20 } as const;
export const MAX_REMINDERS = 4;
export const MAX_DAYS_BEFORE = 14;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A delay as a key's part: "2d" (at the appointment's time), "0d08h00". */
export function reminderDelayKey(delay: ReminderDelay): string {
  return `${delay.daysBefore}d${delay.time ? delay.time.replace(':', 'h') : ''}`;
}

/** Back from its key; null for anything else. */
export function parseReminderDelayKey(key: string): ReminderDelay | null {
  const match = /^(\d{1,2})d(?:(\d{2})h(\d{2}))?$/.exec(key);
  return match ? { daysBefore: Number(match[1]), time: match[2] ? `${match[2]}:${match[3]}` : null } : null;
}

/**
 * A MANAGER's reminder delays, checked: at most MAX_REMINDERS, each 0 to MAX_DAYS_BEFORE days
 * before, a time (if any) written HH:MM between 08:00 and 20:00, the day itself only with a time
 * (else it is the appointment's instant), no two alike. Sorted earliest first. An empty list means
 * no reminders.
 */
export function checkReminderDelays(delays: readonly ReminderDelay[]): ReminderDelay[] {
  const refuse = (message: string, index?: number) => new AccountsError('INVALID_REMINDER_DELAYS', message, index === undefined ? ['input', 'reminders'] : ['input', 'reminders', String(index)]);
  if (delays.length > MAX_REMINDERS) throw refuse(`At most ${MAX_REMINDERS} reminders.`);
  const seen = new Set<string>();
  const checked = delays.map((delay, index) => {
    if (!Number.isInteger(delay.daysBefore) || delay.daysBefore < 0 || delay.daysBefore > MAX_DAYS_BEFORE) throw refuse(`A reminder is 0 to ${MAX_DAYS_BEFORE} days before the appointment.`, index);
    const time = delay.time?.trim() || null;
    if (time !== null) {
      const match = TIME.exec(time);
      if (!match) throw refuse('A reminder’s time is written HH:MM.', index);
      const minutes = Number(match[1]) * 60 + Number(match[2]);
      if (minutes < REMINDER_HOURS.from * 60 || minutes > REMINDER_HOURS.until * 60) throw refuse('A reminder leaves between 08:00 and 20:00.', index);
    }
    if (delay.daysBefore === 0 && time === null) throw refuse('A reminder on the day itself needs a time (the appointment’s own would be too late).', index);
    const key = reminderDelayKey({ daysBefore: delay.daysBefore, time });
    if (seen.has(key)) throw refuse('Two reminders are alike.', index);
    seen.add(key);
    return { daysBefore: delay.daysBefore, time };
  });
  return checked.sort((a, b) => b.daysBefore - a.daysBefore || (a.time ?? '').localeCompare(b.time ?? ''));
}
