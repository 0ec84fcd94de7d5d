import { addCalendarDays } from '@parcours/core';
import { families } from '../outcome-figures';
import { lowerMedian, wholeMonths } from './outcome-model-report';
import { cellsSql, COUNTED_TABLES, difference, familiesReading, familyReads, modelFamilies, UNCHANGING_TABLES } from './outcome-model';

describe('the outcome model', () => {
  it('keeps only counts that depend on nothing but their row: its cells are the same whatever the period or today', () => {
    for (const driver of ['sqlite', 'postgresql'] as const) {
      const cells = (days: { from: string; to: string; matureBy: string; today: string }) => modelFamilies(driver, undefined, days).map(({ family, counts }) => [family.name, family.from, family.filter, counts]);
      expect(cells({ from: '2026-01-01', to: '2026-12-31', matureBy: '2026-12-01', today: '2026-12-31' })).toEqual(cells({ from: '2020-03-01', to: '2020-03-02', matureBy: '2020-02-01', today: '2031-01-01' }));
    }
  });

  it('recounts a pathway whenever a row of any table its figures read is written (or says why a table never changes)', () => {
    const read = new Set(families('sqlite', { from: '2026-01-01', to: '2026-01-31', matureBy: '2026-01-01', today: '2026-01-31' }).flatMap((family) => [...family.from.matchAll(/(?:^|join\s+|from\s+)(\w+)\s+\w+/g)].map((match) => match[1])));
    expect([...read].filter((table) => !(table in COUNTED_TABLES) && !(UNCHANGING_TABLES as readonly string[]).includes(table))).toEqual([]);
  });

  it('knows which columns each family reads, so that a write changing none of them recounts nothing', () => {
    const reads = (name: string) => familyReads(modelFamilies('sqlite').find(({ family }) => family.name === name)!.family);
    const declined = reads('declined').get('pathway') as Set<string>;
    expect([...declined].sort()).toEqual(expect.arrayContaining(['closed_on', 'decline_reason', 'operator_id', 'prescriber_id', 'referral_commune_code', 'status']));
    expect(reads('appointments').get('pathway')).not.toContain('status');
    expect(reads('diagnosed').get('diagnostic')).toBe('*');
    // A new row concerns every family reading its table; a changed one, those reading what changed.
    expect(familiesReading('sqlite', 'refused_referral', null)).toEqual(['refusals']);
    expect(familiesReading('sqlite', 'pathway', ['version', 'updated_at', 'counsellor_id'])).toEqual([]);
    expect(familiesReading('sqlite', 'pathway', ['status'])).toEqual(expect.arrayContaining(['declined', 'exits']));
    expect(familiesReading('sqlite', 'pathway', ['status'])).not.toContain('appointments');
    expect(familiesReading('sqlite', 'diagnostic', null).sort()).toEqual(['diagnosed', 'diagnostics']);
  });

  it('reads only the pathways and refused attempts named, and nothing when none is', () => {
    const pathway = '0b9a3c1e-8f2d-4c3b-9a1e-2f4d5c6b7a80';
    const only = cellsSql('sqlite', { pathway: [pathway], refusal: [] });
    expect(only).toContain(`p.id in ('${pathway}')`);
    expect(only).toContain(`where pathway_id in ('${pathway}')`);
    expect(only).not.toMatch(/refused_referral/);
    expect(cellsSql('sqlite', { pathway: [], refusal: [] })).toBe('');
    expect(() => cellsSql('sqlite', { pathway: ["x' or 1=1 --"], refusal: [] })).toThrow('Not an id');
  });

  it('adds what changed, takes away what vanished, in one order for every writer', () => {
    const before = new Map([
      ['["op","2026-01-02","referrals"]', [1, 1]],
      ['["op","2026-01-01","accepted"]', [1, 1]],
    ]);
    const after = new Map([
      ['["op","2026-01-02","referrals"]', [1, 1]],
      ['["op","2026-01-03","accepted"]', [1, 1]],
    ]);
    const changes = difference(before, after);
    expect(changes.map(([key, delta]) => [key, delta.slice(0, 2)])).toEqual([
      ['["op","2026-01-01","accepted"]', [-1, -1]],
      ['["op","2026-01-03","accepted"]', [1, 1]],
    ]);
  });

  it('reads from the months\' cells only whole months ending before the last 30 days of the period and before today', () => {
    const at = (from: string, to: string, today: string) => wholeMonths({ from, to, matureBy: addCalendarDays(to, -30), today });
    expect(at('2026-01-01', '2026-12-31', '2027-01-15')).toEqual({ first: '2026-01', last: '2026-11' });
    expect(at('2026-01-02', '2026-12-31', '2027-01-15')).toEqual({ first: '2026-02', last: '2026-11' });
    expect(at('2026-01-01', '2026-12-31', '2026-06-15')).toEqual({ first: '2026-01', last: '2026-05' });
    expect(at('2026-01-01', '2026-12-31', '2026-07-01')).toEqual({ first: '2026-01', last: '2026-06' });
    expect(at('2026-01-01', '2026-01-31', '2027-01-01')).toBeNull();
    expect(at('2026-01-01', '2026-03-02', '2027-01-01')).toEqual({ first: '2026-01', last: '2026-01' });
  });

  it('takes the exact lower median from rows by number of days: the ⌊(n + 1) / 2⌋-th smallest', () => {
    expect(lowerMedian(new Map([[7, 1]]))).toBe(7);
    expect(lowerMedian(new Map([[3, 1], [9, 1]]))).toBe(3);
    expect(lowerMedian(new Map([[9, 2], [3, 1]]))).toBe(9);
    expect(lowerMedian(new Map([[1, 2], [5, 1], [8, 1]]))).toBe(1);
    expect(lowerMedian(new Map([[1, 2], [5, 2], [8, 1]]))).toBe(5);
    expect(() => lowerMedian(new Map())).toThrow();
  });
});
