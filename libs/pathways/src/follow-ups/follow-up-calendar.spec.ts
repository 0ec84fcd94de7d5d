import { parisDay } from '@parcours/core';
import { ContractType } from '@parcours/opportunities';
import { CheckpointStatus, followUpCalendar, isMissed, reconcileCalendar, type CalendarPlacement, type PlannedCheckpoint } from './follow-up-calendar';

const OFFSETS = ['15d', '1m', '3m', '6m'];

function placement(id: string, contractType: ContractType, startOn: string, plannedEndOn: string | null, endedOn: string | null = null): CalendarPlacement {
  return { id, contractType, startOn, plannedEndOn, endedOn, qualification: null };
}
const days = (calendar: PlannedCheckpoint[]) => calendar.map((checkpoint) => [checkpoint.key, checkpoint.dueOn]);

describe('followUpCalendar', () => {
  it('puts the offsets on calendar days from the first start: 31 January + 1 month = 28 February', () => {
    expect(days(followUpCalendar([placement('a', ContractType.CDI, '2026-01-31', null)], OFFSETS, 7))).toEqual([
      ['OFFSET:15d', '2026-02-15'],
      ['OFFSET:1m', '2026-02-28'],
      ['OFFSET:3m', '2026-04-30'],
      ['OFFSET:6m', '2026-07-31'],
    ]);
  });

  it('29 February 2028 + 6 months = 29 August 2028; + 1 month = 29 March', () => {
    expect(days(followUpCalendar([placement('a', ContractType.CDI, '2028-02-29', null)], OFFSETS, 7))).toEqual([
      ['OFFSET:15d', '2028-03-15'],
      ['OFFSET:1m', '2028-03-29'],
      ['OFFSET:3m', '2028-05-29'],
      ['OFFSET:6m', '2028-08-29'],
    ]);
  });

  it('adds the planned end of each fixed-term placement, and counts from the first start of all', () => {
    const calendar = followUpCalendar([placement('b', ContractType.CDD, '2026-05-04', '2026-06-30'), placement('a', ContractType.CDI_INCLUSION, '2026-04-01', null)], ['15d'], 7);
    expect(days(calendar)).toEqual([
      ['OFFSET:15d', '2026-04-16'],
      ['END:b', '2026-06-30'],
    ]);
  });

  it('moves the planned-end checkpoint with the planned end, and drops it when the placement ends earlier', () => {
    expect(days(followUpCalendar([placement('a', ContractType.CDD, '2026-04-01', '2026-09-30')], [], 7))).toEqual([['END:a', '2026-09-30']]);
    expect(days(followUpCalendar([placement('a', ContractType.CDD, '2026-04-01', '2026-10-31')], [], 7))).toEqual([['END:a', '2026-10-31']]);
    expect(days(followUpCalendar([placement('a', ContractType.CDD, '2026-04-01', '2026-09-30', '2026-06-12')], [], 7))).toEqual([]);
    expect(days(followUpCalendar([placement('a', ContractType.CDD, '2026-04-01', '2026-09-30', '2026-09-30')], [], 7))).toEqual([['END:a', '2026-09-30']]);
  });

  it('gives a temp-mission chain one checkpoint, at its last mission\'s planned end', () => {
    const chained = [placement('a', ContractType.TEMP_MISSION, '2026-01-05', '2026-03-10', '2026-03-10'), placement('b', ContractType.TEMP_MISSION, '2026-03-17', '2026-05-29')];
    expect(days(followUpCalendar(chained, [], 7))).toEqual([['CHAIN:a', '2026-05-29']]);
    const apart = [chained[0], placement('b', ContractType.TEMP_MISSION, '2026-03-18', '2026-05-29')];
    expect(days(followUpCalendar(apart, [], 7))).toEqual([
      ['CHAIN:a', '2026-03-10'],
      ['CHAIN:b', '2026-05-29'],
    ]);
  });

  it('has no checkpoint for a pathway without placements, nor a planned end for a durable contract', () => {
    expect(followUpCalendar([], OFFSETS, 7)).toEqual([]);
    expect(followUpCalendar([placement('a', ContractType.CDI, '2026-04-01', null)], [], 7)).toEqual([]);
  });
});

describe('reconcileCalendar', () => {
  const planned = (key: string, dueOn: string) => ({ key, dueOn, kind: 'PLANNED_END', offset: null, placementId: 'a' }) as PlannedCheckpoint;

  it('creates what is new, moves what moved, cancels what went, and never touches a recorded checkpoint', () => {
    const changes = reconcileCalendar(
      [
        { key: 'OFFSET:15d', status: CheckpointStatus.RECORDED, dueOn: '2026-04-16' },
        { key: 'OFFSET:1m', status: CheckpointStatus.MISSED, dueOn: '2026-05-01' },
        { key: 'END:a', status: CheckpointStatus.PENDING, dueOn: '2026-09-30' },
        { key: 'END:b', status: CheckpointStatus.PENDING, dueOn: '2026-07-31' },
        { key: 'END:c', status: CheckpointStatus.RECORDED_LATE, dueOn: '2026-06-30' },
        { key: 'END:d', status: CheckpointStatus.CANCELLED, dueOn: '2026-06-30' },
      ],
      [planned('OFFSET:15d', '2026-04-20'), planned('OFFSET:1m', '2026-05-01'), planned('END:a', '2026-10-31'), planned('END:d', '2026-08-31'), planned('OFFSET:3m', '2026-07-01')],
    );
    expect(changes).toEqual({
      create: [planned('OFFSET:3m', '2026-07-01')],
      move: [
        { key: 'END:a', dueOn: '2026-10-31' },
        { key: 'END:d', dueOn: '2026-08-31' },
      ],
      cancel: ['END:b'],
    });
  });
});

describe('isMissed', () => {
  it.each([
    ['2026-04-16', '2026-04-22', false],
    ['2026-04-16', '2026-04-23', true],
    ['2026-03-22', '2026-03-29', true],
  ])('a checkpoint of %s on %s: %s', (dueOn, today, missed) => {
    expect(isMissed(dueOn, today, 7)).toBe(missed);
  });

  it('takes "today" in Paris across a daylight-saving change', () => {
    // 23:30 on Saturday 28 March in Paris is still the 28th; an hour later the clocks have gone forward and it is Sunday 29th.
    expect(isMissed('2026-03-22', parisDay(new Date('2026-03-28T22:30:00Z')), 7)).toBe(false);
    expect(isMissed('2026-03-22', parisDay(new Date('2026-03-28T23:30:00Z')), 7)).toBe(true);
    // The night the clocks go back: 00:30 on 25 October in Paris is 22:30 UTC on the 24th.
    expect(parisDay(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    expect(isMissed('2026-10-18', parisDay(new Date('2026-10-24T22:30:00Z')), 7)).toBe(true);
  });
});
