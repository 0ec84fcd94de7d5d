import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, format, isValid, parse } from 'date-fns';

/** Parcours' calendar: every calendar day is a day in Paris. */
export const TIME_ZONE = 'Europe/Paris';

/** A calendar day in Europe/Paris, written YYYY-MM-DD. */
export type LocalDate = string;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) return false;
  const day = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(day) && format(day, 'yyyy-MM-dd') === value;
}

/** The Paris calendar day an instant falls on. */
export function parisDay(instant: Date): LocalDate {
  return format(new TZDate(instant, TIME_ZONE), 'yyyy-MM-dd');
}

// Calendar arithmetic on days: parsed and written in the same (local) wall time, so the process's
// own time zone never moves a day.
const asDay = (day: LocalDate) => parse(day, 'yyyy-MM-dd', new Date(2000, 0, 1));
const toDay = (date: Date): LocalDate => format(date, 'yyyy-MM-dd');

/** The day `days` calendar days after `day` (before, if negative). */
export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return toDay(addDays(asDay(day), days));
}

/** The day `months` calendar months after `day`, clamped to the month's end (31 January + 1 month = 28 February). */
export function addCalendarMonths(day: LocalDate, months: number): LocalDate {
  return toDay(addMonths(asDay(day), months));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  return differenceInCalendarDays(asDay(to), asDay(from));
}

/** The instant of a wall time on a Paris calendar day. */
export function parisInstant(day: LocalDate, hours = 0, minutes = 0): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(new TZDate(year, month - 1, date, hours, minutes, TIME_ZONE).getTime());
}
