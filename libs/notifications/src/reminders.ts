import { TZDate } from '@date-fns/tz';
import { REMINDER_HOURS, reminderDelayKey, type ReminderDelay } from '@parcours/accounts';
import { addCalendarDays, parisDay, parisInstant, TIME_ZONE } from '@parcours/core';

/** A reminder planned: its delay's key ("2d", "0d08h00") and the instant it leaves. */
export interface PlannedReminder {
  delay: string;
  at: Date;
}

function parisClock(at: Date): { hours: number; minutes: number } {
  const wall = new TZDate(at, TIME_ZONE);
  return { hours: wall.getHours(), minutes: wall.getMinutes() };
}

/**
 * The instant itself between 08:00 and 20:00 Paris time; earlier, 08:00 that day; from 20:00, 08:00
 * the next day. (A reminder is never sent at night: it waits for the morning.)
 */
export function outsideQuietHours(at: Date): Date {
  const { hours } = parisClock(at);
  if (hours >= REMINDER_HOURS.from && hours < REMINDER_HOURS.until) return at;
  const day = parisDay(at);
  return parisInstant(hours < REMINDER_HOURS.from ? day : addCalendarDays(day, 1), REMINDER_HOURS.from);
}

/**
 * When the person is reminded of an appointment at `startsAt`: for each delay, its Paris calendar
 * day so many days before, at its time (or the appointment's own time of day, in Paris: across a
 * change of daylight saving time, "two days before at 10:00" stays at 10:00 on the wall), moved out
 * of the night to 08:00; only those after `now` and before the appointment.
 */
export function plannedReminders(startsAt: Date, delays: readonly ReminderDelay[], now: Date): PlannedReminder[] {
  const own = parisClock(startsAt);
  const planned: PlannedReminder[] = [];
  for (const delay of delays) {
    const [hours, minutes] = delay.time ? delay.time.split(':').map(Number) : [own.hours, own.minutes];
    const at = outsideQuietHours(parisInstant(addCalendarDays(parisDay(startsAt), -delay.daysBefore), hours, minutes));
    if (at > now && at < startsAt) planned.push({ delay: reminderDelayKey(delay), at });
  }
  return planned;
}
