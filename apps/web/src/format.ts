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

/** Minutes Paris is ahead of UTC at an instant (60 or 120). */
function parisOffsetMinutes(at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(at))
      .map((part) => [part.type, Number(part.value)]),
  );
  return (Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - Math.floor(at / 60_000) * 60_000) / 60_000;
}

/** A time typed as 14:30 or 14h30 → minutes after midnight; null when it is not one. */
export function parseTime(text: string): number | null {
  const match = /^\s*([01]?\d|2[0-3])\s*[:hH]\s*([0-5]\d)?\s*$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2] ?? 0) : null;
}

/** A day (2026-11-26) and a time in Paris → the instant, as the API takes it (ISO, UTC). */
export function parisInstant(dayIso: string, minutes: number): string {
  const [year, month, date] = dayIso.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date, Math.floor(minutes / 60), minutes % 60);
  const guess = wall - parisOffsetMinutes(wall) * 60_000;
  return new Date(wall - parisOffsetMinutes(guess) * 60_000).toISOString();
}

/** An instant as its Paris day (26/11/2026) and time (14:30), for a form to edit. */
export function dayAndTime(value: string): { day: string; time: string } {
  const at = new Date(value);
  return { day: DAY.format(at), time: TIME.format(at) };
}

/** A label inside a sentence: its first letter in lower case, unless it starts an acronym (CDI, RSA). */
export function lower(label: string): string {
  return /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** A calendar day moved by `days` (2026-03-30 + 7 → 2026-04-06). */
export function addDays(dayIso: string, days: number): string {
  const date = new Date(`${dayIso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday after a day's week (a Monday gives the next one). */
export function nextMonday(dayIso: string): string {
  const weekday = new Date(`${dayIso}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(dayIso, weekday === 0 ? 1 : 8 - weekday);
}

/** A number as kept (E.164): a French one as people read it (06 12 34 56 78), any other as kept. */
export function phone(value: string): string {
  const french = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  return french ? `0${french.slice(1).join(' ')}` : value;
}
