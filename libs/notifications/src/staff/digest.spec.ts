import { digestDue, digestWindow, nextDigestAt } from './digest';

describe('the digest’s days and hours (07:30 Paris, working days)', () => {
  it('is due from 07:30 to noon on a working day, in Paris time across both daylight-saving changes', () => {
    // Monday 30 March 2026, the day after the spring change: 07:30 CEST is 05:30 UTC.
    expect(digestDue(new Date('2026-03-30T05:29:59Z'))).toBeNull();
    expect(digestDue(new Date('2026-03-30T05:30:00Z'))).toBe('2026-03-30');
    expect(digestDue(new Date('2026-03-30T09:59:59Z'))).toBe('2026-03-30');
    expect(digestDue(new Date('2026-03-30T10:00:00Z'))).toBeNull();
    // Monday 26 October 2026, the day after the autumn change: 07:30 CET is 06:30 UTC.
    expect(digestDue(new Date('2026-10-26T06:29:59Z'))).toBeNull();
    expect(digestDue(new Date('2026-10-26T06:30:00Z'))).toBe('2026-10-26');
  });

  it('is never due on a weekend or a public holiday', () => {
    expect(digestDue(new Date('2026-03-21T08:00:00Z'))).toBeNull(); // Saturday
    expect(digestDue(new Date('2026-03-22T08:00:00Z'))).toBeNull(); // Sunday
    expect(digestDue(new Date('2026-04-06T08:00:00Z'))).toBeNull(); // Easter Monday
    expect(digestDue(new Date('2026-05-01T08:00:00Z'))).toBeNull(); // 1 May, a Friday
    expect(digestDue(new Date('2026-04-07T08:00:00Z'))).toBe('2026-04-07');
  });

  it('counts from 07:30 on the working day before: a Monday counts the weekend, the day after a holiday counts it', () => {
    expect(digestWindow('2026-03-17')).toEqual({ from: new Date('2026-03-16T06:30:00Z'), to: new Date('2026-03-17T06:30:00Z') });
    expect(digestWindow('2026-03-23')).toEqual({ from: new Date('2026-03-20T06:30:00Z'), to: new Date('2026-03-23T06:30:00Z') });
    // Tuesday 7 April 2026, after Easter Monday: from Friday 3 April (CEST).
    expect(digestWindow('2026-04-07')).toEqual({ from: new Date('2026-04-03T05:30:00Z'), to: new Date('2026-04-07T05:30:00Z') });
    // Monday 30 March: from Friday 27 (CET) to Monday (CEST).
    expect(digestWindow('2026-03-30')).toEqual({ from: new Date('2026-03-27T06:30:00Z'), to: new Date('2026-03-30T05:30:00Z') });
  });

  it('waits for the next 07:30 of a working day', () => {
    expect(nextDigestAt(new Date('2026-03-17T06:29:00Z'))).toEqual(new Date('2026-03-17T06:30:00Z'));
    expect(nextDigestAt(new Date('2026-03-17T06:30:00Z'))).toEqual(new Date('2026-03-18T06:30:00Z'));
    expect(nextDigestAt(new Date('2026-03-20T12:00:00Z'))).toEqual(new Date('2026-03-23T06:30:00Z')); // Friday → Monday
    expect(nextDigestAt(new Date('2026-04-03T12:00:00Z'))).toEqual(new Date('2026-04-07T05:30:00Z')); // over Easter
    expect(nextDigestAt(new Date('2026-03-27T12:00:00Z'))).toEqual(new Date('2026-03-30T05:30:00Z')); // over the spring change
  });
});
