import { canStep, EMPLOYER_REASONS, isOpenProposal, PARTICIPANT_REASONS, ProposalReason, ProposalStatus, reasonsFor } from './proposal-status';

const S = ProposalStatus;
const ALL = Object.values(ProposalStatus);

/** The table, written out again: staff steps, and the sweep's. */
const STAFF: Record<ProposalStatus, ProposalStatus[]> = {
  PROPOSED: [S.ACCEPTED_BY_PARTICIPANT, S.DECLINED_BY_PARTICIPANT, S.CANCELLED],
  ACCEPTED_BY_PARTICIPANT: [S.SENT_TO_EMPLOYER, S.DECLINED_BY_PARTICIPANT, S.CANCELLED],
  SENT_TO_EMPLOYER: [S.INTERVIEW, S.HIRED, S.REJECTED_BY_EMPLOYER, S.DECLINED_BY_PARTICIPANT, S.CANCELLED],
  INTERVIEW: [S.HIRED, S.REJECTED_BY_EMPLOYER, S.DECLINED_BY_PARTICIPANT, S.CANCELLED],
  DECLINED_BY_PARTICIPANT: [],
  HIRED: [],
  REJECTED_BY_EMPLOYER: [],
  CANCELLED: [],
  STALE: [],
};

describe('proposal steps', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to, STAFF[from].includes(to)] as const)))('staff: %s → %s allowed: %s', (from, to, allowed) => {
    expect(canStep(from, to, 'staff')).toBe(allowed);
  });

  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to, isOpenProposal(from) && to === S.STALE] as const)))('sweep: %s → %s allowed: %s', (from, to, allowed) => {
    expect(canStep(from, to, 'sweep')).toBe(allowed);
  });

  it('calls PROPOSED, ACCEPTED_BY_PARTICIPANT, SENT_TO_EMPLOYER and INTERVIEW open', () => {
    expect(ALL.filter(isOpenProposal)).toEqual([S.PROPOSED, S.ACCEPTED_BY_PARTICIPANT, S.SENT_TO_EMPLOYER, S.INTERVIEW]);
  });

  it('asks the participant’s reasons for a decline, the employer’s for a rejection, either for a cancellation, none otherwise', () => {
    expect(reasonsFor(S.DECLINED_BY_PARTICIPANT)).toEqual(['NOT_INTERESTED', 'CONDITIONS', 'SCHEDULE', 'MOBILITY', 'FOUND_ELSEWHERE', 'OTHER']);
    expect(reasonsFor(S.REJECTED_BY_EMPLOYER)).toEqual(['UNREACHABLE', 'NO_SHOW_AT_INTERVIEW', 'SKILLS', 'NO_POSITION', 'OTHER']);
    expect(new Set(reasonsFor(S.CANCELLED))).toEqual(new Set([...PARTICIPANT_REASONS, ...EMPLOYER_REASONS]));
    expect(reasonsFor(S.CANCELLED)).not.toContain(ProposalReason.PATHWAY_CLOSED);
    for (const step of [S.ACCEPTED_BY_PARTICIPANT, S.SENT_TO_EMPLOYER, S.INTERVIEW, S.HIRED, S.STALE]) expect(reasonsFor(step)).toBeNull();
  });
});
