import type { LocalDate } from '@parcours/core';
import { addDays, format, isWeekend, parseISO } from 'date-fns';
// The French public holidays, maintained by the Fabrique numérique des ministères sociaux.
import getJoursFeries from '@socialgouv/jours-feries';

const holidaysByYear = new Map<number, Set<LocalDate>>();

/** France's public holidays of a year (metropolitan list, without the Alsace-Moselle extra days). */
export function publicHolidays(year: number): Set<LocalDate> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    // The package builds local-time midnights with millisecond arithmetic: read the local calendar
    // day at noon, so that a daylight-saving change cannot move a holiday to the day before.
    holidays = new Set(Object.values(getJoursFeries(year)).map((day) => format(new Date(day.getTime() + 12 * 3_600_000), 'yyyy-MM-dd')));
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

export function isWorkingDay(day: LocalDate): boolean {
  const date = parseISO(day);
  return !isWeekend(date) && !publicHolidays(date.getFullYear()).has(day);
}

/** The Nth working day after a calendar day (weekends and public holidays excluded). */
export function workingDaysAfter(day: LocalDate, count: number): LocalDate {
  let date = parseISO(day);
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(format(date, 'yyyy-MM-dd'))) left--;
  }
  return format(date, 'yyyy-MM-dd');
}
