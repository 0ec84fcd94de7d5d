import { canMove, isOpen, OPEN_STATUSES, PathwayStatus as S, PATHWAY_TRANSITIONS } from './pathway-status';

describe('the pathway transition table', () => {
  it.each([
    [S.REFERRED, S.ACCEPTED],
    [S.REFERRED, S.DECLINED],
    [S.ACCEPTED, S.DIAGNOSTIC_SCHEDULED],
    [S.DIAGNOSTIC_SCHEDULED, S.ACCEPTED],
    [S.DIAGNOSTIC_SCHEDULED, S.DIAGNOSED],
    [S.DIAGNOSTIC_SCHEDULED, S.RETURNED_TO_REFERENT],
    [S.DIAGNOSED, S.IN_PLACEMENT],
    [S.IN_PLACEMENT, S.DIAGNOSED],
  ])('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
  });

  it.each([
    [S.REFERRED, S.DIAGNOSED],
    [S.REFERRED, S.DIAGNOSTIC_SCHEDULED],
    [S.ACCEPTED, S.DECLINED],
    [S.ACCEPTED, S.REFERRED],
    [S.DIAGNOSED, S.ACCEPTED],
    [S.DECLINED, S.ACCEPTED],
    [S.WITHDRAWN, S.REFERRED],
    [S.EXITED, S.IN_PLACEMENT],
    [S.RETURNED_TO_REFERENT, S.ACCEPTED],
  ])('refuses %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(false);
  });

  it('lets every open status, and only those, exit or be withdrawn', () => {
    for (const status of Object.values(S)) {
      expect(canMove(status, S.EXITED)).toBe(isOpen(status));
      expect(canMove(status, S.WITHDRAWN)).toBe(isOpen(status));
    }
    expect([...OPEN_STATUSES].sort()).toEqual(['ACCEPTED', 'DIAGNOSED', 'DIAGNOSTIC_SCHEDULED', 'IN_PLACEMENT', 'REFERRED']);
  });

  it('has no way out of a closed status', () => {
    for (const status of [S.DECLINED, S.WITHDRAWN, S.RETURNED_TO_REFERENT, S.EXITED]) expect(PATHWAY_TRANSITIONS[status]).toEqual([]);
  });
});
