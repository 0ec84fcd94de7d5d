import { addCalendarDays, addCalendarMonths, calendarDaysBetween, isLocalDate, parisDay } from './dates';

describe('isLocalDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2026-12-31', '2000-02-29'])('accepts %s', (day) => {
    expect(isLocalDate(day)).toBe(true);
  });

  it.each(['2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '20260101', '2026-01-01T00:00:00Z', '', 20260101, null])(
    'refuses %p',
    (day) => {
      expect(isLocalDate(day)).toBe(false);
    },
  );
});

describe('parisDay', () => {
  it.each([
    ['2026-03-28T22:59:59Z', '2026-03-28'], // 23:59:59 in winter time
    ['2026-03-28T23:00:00Z', '2026-03-29'], // midnight, the night clocks go forward
    ['2026-07-13T21:59:59Z', '2026-07-13'], // 23:59:59 in summer time
    ['2026-07-13T22:00:00Z', '2026-07-14'],
    ['2026-10-24T22:00:00Z', '2026-10-25'], // midnight, the night clocks go back
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('puts %s on the Paris day %s', (instant, day) => {
    expect(parisDay(new Date(instant))).toBe(day);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2028-02-29', 6, '2028-08-29'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-03-15', 6, '2026-09-15'],
    ['2026-08-31', 1, '2026-09-30'],
  ])('%s + %i month(s) = %s', (day, months, expected) => {
    expect(addCalendarMonths(day, months)).toBe(expected);
  });

  it.each([
    ['2026-03-10', 7, '2026-03-17'],
    ['2026-03-28', 1, '2026-03-29'], // the night clocks go forward
    ['2026-10-24', 2, '2026-10-26'], // the night clocks go back
    ['2026-12-31', 1, '2027-01-01'],
  ])('%s + %i day(s) = %s', (day, days, expected) => {
    expect(addCalendarDays(day, days)).toBe(expected);
    expect(calendarDaysBetween(day, expected)).toBe(days);
  });
});
