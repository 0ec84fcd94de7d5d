import { isWorkingDay, publicHolidays, workingDaysAfter } from './working-days';

describe('working days', () => {
  it('knows the moving and fixed holidays', () => {
    expect([...publicHolidays(2025)].sort()).toEqual([
      '2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09', '2025-07-14', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25',
    ]);
    expect(publicHolidays(2026).has('2026-04-06')).toBe(true); // Easter Monday 2026
  });

  it.each([
    ['2025-07-11', 5, '2025-07-21'], // Friday 11 July: the weekend, then 14 July, are not counted
    ['2025-04-17', 5, '2025-04-25'], // Easter Monday 21 April skipped
    ['2025-12-22', 5, '2025-12-30'], // Christmas Day skipped
    ['2025-12-24', 1, '2025-12-26'],
    ['2026-03-13', 5, '2026-03-20'], // a plain week
    ['2026-03-14', 1, '2026-03-16'], // a Saturday's report: Monday is the first working day
    ['2025-05-07', 2, '2025-05-12'], // 8 May and the weekend
    ['2026-12-31', 1, '2027-01-04'], // New Year's Day, then the weekend
  ])('the working day %s + %i is %s', (day, count, expected) => {
    expect(workingDaysAfter(day, count)).toBe(expected);
  });

  it.each([
    ['2025-07-14', false],
    ['2025-07-15', true],
    ['2025-07-12', false],
    ['2025-04-21', false],
  ])('%s is a working day: %s', (day, expected) => {
    expect(isWorkingDay(day)).toBe(expected);
  });
});
