/** Dates as people in France write them: 26/11/2026, and times in Saint-Étienne's time zone. */

const DAY = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' });
const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** A calendar day of the API (2026-11-26) as 26/11/2026. */
export function day(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, date] = value.split('-');
  return `${date}/${month}/${year}`;
}

/** An instant of the API as 26/11/2026 à 14:05, Paris time. */
export function instant(value: string | null | undefined): string {
  if (!value) return '';
  const at = new Date(value);
  return `${DAY.format(at)} à ${TIME.format(at)}`;
}

/** Today in Paris, as the API writes days. */
export function today(): string {
  const [date, month, year] = DAY.format(new Date()).split('/');
  return `${year}-${month}-${date}`;
}

/**
 * A day typed as JJ/MM/AAAA (or J/M/AAAA) → 2026-11-26; null when it is not a real day
 * (31/02/1990, 00/01/2000, letters).
 */
export function parseDay(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [date, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (year < 1900 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

export function fullName(person: { firstNames: string; lastName: string }): string {
  return `${person.firstNames} ${person.lastName}`;
}
