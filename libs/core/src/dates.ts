import { TZDate } from '@date-fns/tz';
import { format, isValid, parse } from 'date-fns';

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
