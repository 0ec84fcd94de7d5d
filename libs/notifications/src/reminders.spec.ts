import { DEFAULT_REMINDER_DELAYS, checkReminderDelays, parseReminderDelayKey } from '@parcours/accounts';
import { outsideQuietHours, plannedReminders } from './reminders';

const iso = (at: Date) => at.toISOString();

describe('reminders', () => {
  it('by default: two days before at the appointment’s time, and 08:00 the day itself (Paris, winter: UTC+1)', () => {
    const startsAt = new Date('2027-01-14T09:30:00Z'); // Thursday 10:30 in Paris
    const planned = plannedReminders(startsAt, DEFAULT_REMINDER_DELAYS, new Date('2027-01-01T00:00:00Z'));
    expect(planned.map((reminder) => [reminder.delay, iso(reminder.at)])).toEqual([
      ['2d', '2027-01-12T09:30:00.000Z'],
      ['0d08h00', '2027-01-14T07:00:00.000Z'],
    ]);
  });

  it('keeps the wall time across the change to summer time (28 March 2027): 47 hours, not 48', () => {
    const startsAt = new Date('2027-03-29T08:00:00Z'); // Monday 10:00 CEST
    const [twoDays, morning] = plannedReminders(startsAt, DEFAULT_REMINDER_DELAYS, new Date('2027-03-01T00:00:00Z'));
    expect(iso(twoDays.at)).toBe('2027-03-27T09:00:00.000Z'); // Saturday 10:00 CET
    expect(startsAt.getTime() - twoDays.at.getTime()).toBe(47 * 3600_000);
    expect(iso(morning.at)).toBe('2027-03-29T06:00:00.000Z'); // 08:00 CEST
  });

  it('keeps the wall time across the change to winter time (31 October 2027): 49 hours', () => {
    const startsAt = new Date('2027-11-01T09:00:00Z'); // Monday 10:00 CET
    const [twoDays, morning] = plannedReminders(startsAt, DEFAULT_REMINDER_DELAYS, new Date('2027-10-01T00:00:00Z'));
    expect(iso(twoDays.at)).toBe('2027-10-30T08:00:00.000Z'); // Saturday 10:00 CEST
    expect(startsAt.getTime() - twoDays.at.getTime()).toBe(49 * 3600_000);
    expect(iso(morning.at)).toBe('2027-11-01T07:00:00.000Z'); // 08:00 CET
  });

  it('holds a reminder that would fall between 20:00 and 08:00 until 08:00', () => {
    expect(iso(outsideQuietHours(new Date('2027-01-12T06:30:00Z')))).toBe('2027-01-12T07:00:00.000Z'); // 07:30 → 08:00 the same day
    expect(iso(outsideQuietHours(new Date('2027-01-12T19:00:00Z')))).toBe('2027-01-13T07:00:00.000Z'); // 20:00 → 08:00 the next day
    expect(iso(outsideQuietHours(new Date('2027-03-27T22:30:00Z')))).toBe('2027-03-28T06:00:00.000Z'); // 23:30 CET → 08:00 CEST, the night the clocks change
    expect(iso(outsideQuietHours(new Date('2027-01-12T18:59:00Z')))).toBe('2027-01-12T18:59:00.000Z'); // 19:59 stays
    const early = new Date('2027-01-14T06:45:00Z'); // 07:45 in Paris: two days before is held to 08:00
    expect(plannedReminders(early, [{ daysBefore: 2, time: null }], new Date('2027-01-01T00:00:00Z')).map((reminder) => iso(reminder.at))).toEqual(['2027-01-12T07:00:00.000Z']);
  });

  it('plans none already past, none at or after the appointment', () => {
    const startsAt = new Date('2027-01-14T07:00:00Z'); // 08:00 in Paris: "08:00 the day itself" would be the appointment
    expect(plannedReminders(startsAt, DEFAULT_REMINDER_DELAYS, new Date('2027-01-01T00:00:00Z')).map((reminder) => reminder.delay)).toEqual(['2d']);
    expect(plannedReminders(new Date('2027-01-14T09:30:00Z'), DEFAULT_REMINDER_DELAYS, new Date('2027-01-13T09:00:00Z')).map((reminder) => reminder.delay)).toEqual(['0d08h00']);
    expect(plannedReminders(new Date('2027-01-14T09:30:00Z'), [], new Date('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('checks a manager’s delays: range, hours, the day itself only with a time, no two alike, at most four; sorted earliest first', () => {
    expect(checkReminderDelays([{ daysBefore: 0, time: '09:15' }, { daysBefore: 3, time: null }])).toEqual([{ daysBefore: 3, time: null }, { daysBefore: 0, time: '09:15' }]);
    const refused = (delays: { daysBefore: number; time: string | null }[]) => {
      try {
        checkReminderDelays(delays);
        return null;
      } catch (error) {
        return [(error as { code: string }).code, (error as { problems: { field: string[] }[] }).problems[0].field];
      }
    };
    expect(refused([{ daysBefore: 15, time: null }])).toEqual(['INVALID_REMINDER_DELAYS', ['input', 'reminders', '0']]);
    expect(refused([{ daysBefore: 1, time: '07:59' }])).toEqual(['INVALID_REMINDER_DELAYS', ['input', 'reminders', '0']]);
    expect(refused([{ daysBefore: 1, time: '20:01' }])).toEqual(['INVALID_REMINDER_DELAYS', ['input', 'reminders', '0']]);
    expect(refused([{ daysBefore: 1, time: '9h' }])).toEqual(['INVALID_REMINDER_DELAYS', ['input', 'reminders', '0']]);
    expect(refused([{ daysBefore: 1, time: null }, { daysBefore: 0, time: null }])).toEqual(['INVALID_REMINDER_DELAYS', ['input', 'reminders', '1']]);
    expect(refused([{ daysBefore: 1, time: null }, { daysBefore: 1, time: null }])).toEqual(['INVALID_REMINDER_DELAYS', ['input', 'reminders', '1']]);
    expect(refused([1, 2, 3, 4, 5].map((daysBefore) => ({ daysBefore, time: null })))).toEqual(['INVALID_REMINDER_DELAYS', ['input', 'reminders']]);
    expect(parseReminderDelayKey('0d08h00')).toEqual({ daysBefore: 0, time: '08:00' });
    expect(parseReminderDelayKey('2d')).toEqual({ daysBefore: 2, time: null });
  });
});
