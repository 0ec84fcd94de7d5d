export enum ProposalStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED_BY_PARTICIPANT = 'ACCEPTED_BY_PARTICIPANT',
  DECLINED_BY_PARTICIPANT = 'DECLINED_BY_PARTICIPANT',
  SENT_TO_EMPLOYER = 'SENT_TO_EMPLOYER',
  INTERVIEW = 'INTERVIEW',
  HIRED = 'HIRED',
  REJECTED_BY_EMPLOYER = 'REJECTED_BY_EMPLOYER',
  CANCELLED = 'CANCELLED',
  STALE = 'STALE',
}

const { PROPOSED, ACCEPTED_BY_PARTICIPANT, DECLINED_BY_PARTICIPANT, SENT_TO_EMPLOYER, INTERVIEW, HIRED, REJECTED_BY_EMPLOYER, CANCELLED, STALE } = ProposalStatus;

export const OPEN_PROPOSAL_STATUSES: readonly ProposalStatus[] = [PROPOSED, ACCEPTED_BY_PARTICIPANT, SENT_TO_EMPLOYER, INTERVIEW];

/**
 * The one table of a proposal's steps (for a training, "employer" is the training body). From
 * any open step: CANCELLED (by staff, or when the pathway or the opportunity closes) and STALE
 * (the sweep only, see `SWEEP_ONLY`). Anything else is INVALID_TRANSITION.
 */
export const PROPOSAL_STEPS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  [PROPOSED]: [ACCEPTED_BY_PARTICIPANT, DECLINED_BY_PARTICIPANT, CANCELLED, STALE],
  [ACCEPTED_BY_PARTICIPANT]: [SENT_TO_EMPLOYER, DECLINED_BY_PARTICIPANT, CANCELLED, STALE],
  [SENT_TO_EMPLOYER]: [INTERVIEW, HIRED, REJECTED_BY_EMPLOYER, DECLINED_BY_PARTICIPANT, CANCELLED, STALE],
  [INTERVIEW]: [HIRED, REJECTED_BY_EMPLOYER, DECLINED_BY_PARTICIPANT, CANCELLED, STALE],
  [DECLINED_BY_PARTICIPANT]: [],
  [HIRED]: [],
  [REJECTED_BY_EMPLOYER]: [],
  [CANCELLED]: [],
  [STALE]: [],
};

/** Steps no person records: the stale sweep's. */
export const SWEEP_ONLY: readonly ProposalStatus[] = [STALE];

export function isOpenProposal(status: ProposalStatus): boolean {
  return OPEN_PROPOSAL_STATUSES.includes(status);
}

export function canStep(from: ProposalStatus, to: ProposalStatus, by: 'staff' | 'sweep'): boolean {
  return PROPOSAL_STEPS[from].includes(to) && SWEEP_ONLY.includes(to) === (by === 'sweep');
}

/**
 * Why a proposal ended: the participant's codes, the employer's (or training body's), and the one
 * the system gives when the pathway closes. Codes only: none names health or justice, since the
 * referent reads them.
 */
export enum ProposalReason {
  NOT_INTERESTED = 'NOT_INTERESTED',
  CONDITIONS = 'CONDITIONS',
  SCHEDULE = 'SCHEDULE',
  MOBILITY = 'MOBILITY',
  FOUND_ELSEWHERE = 'FOUND_ELSEWHERE',
  UNREACHABLE = 'UNREACHABLE',
  NO_SHOW_AT_INTERVIEW = 'NO_SHOW_AT_INTERVIEW',
  SKILLS = 'SKILLS',
  NO_POSITION = 'NO_POSITION',
  PATHWAY_CLOSED = 'PATHWAY_CLOSED',
  OTHER = 'OTHER',
}

const R = ProposalReason;
export const PARTICIPANT_REASONS: readonly ProposalReason[] = [R.NOT_INTERESTED, R.CONDITIONS, R.SCHEDULE, R.MOBILITY, R.FOUND_ELSEWHERE, R.OTHER];
export const EMPLOYER_REASONS: readonly ProposalReason[] = [R.UNREACHABLE, R.NO_SHOW_AT_INTERVIEW, R.SKILLS, R.NO_POSITION, R.OTHER];

/** The reason codes staff may give with a step; null: the step takes none. */
export function reasonsFor(step: ProposalStatus): readonly ProposalReason[] | null {
  switch (step) {
    case DECLINED_BY_PARTICIPANT:
      return PARTICIPANT_REASONS;
    case REJECTED_BY_EMPLOYER:
      return EMPLOYER_REASONS;
    case CANCELLED:
      return [...new Set([...PARTICIPANT_REASONS, ...EMPLOYER_REASONS])];
    default:
      return null;
  }
}
