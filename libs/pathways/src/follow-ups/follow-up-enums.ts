import { BarrierTheme } from '@parcours/participants';

export enum ContactKind {
  INTERVIEW = 'INTERVIEW',
  PHONE_CALL = 'PHONE_CALL',
  WORKSHOP = 'WORKSHOP',
  VISIT = 'VISIT',
}

/** Who the counsellor reached. */
export enum ContactReached {
  PARTICIPANT = 'PARTICIPANT',
  EMPLOYER = 'EMPLOYER',
  BOTH = 'BOTH',
  NONE = 'NONE',
}

/** The person's situation as the contact found it. */
export enum FollowUpSituation {
  IN_POST = 'IN_POST',
  AT_RISK = 'AT_RISK',
  IN_OTHER_WORK = 'IN_OTHER_WORK',
  IN_TRAINING = 'IN_TRAINING',
  NOT_IN_WORK = 'NOT_IN_WORK',
  UNKNOWN = 'UNKNOWN',
}

/** What a follow-up finds difficult: the barrier themes, and what work itself brings. */
export const FollowUpDifficultyTheme = {
  ...BarrierTheme,
  WORKING_CONDITIONS: 'WORKING_CONDITIONS',
  RELATIONS_AT_WORK: 'RELATIONS_AT_WORK',
  SCHEDULE: 'SCHEDULE',
  PAY: 'PAY',
  SKILLS: 'SKILLS',
} as const;
export type FollowUpDifficultyTheme = (typeof FollowUpDifficultyTheme)[keyof typeof FollowUpDifficultyTheme];

export interface FollowUpDifficulty {
  theme: FollowUpDifficultyTheme;
  blocking: boolean;
}

/** Still in work, anywhere: what the +6-month checkpoint asks. */
export const IN_WORK: readonly FollowUpSituation[] = [FollowUpSituation.IN_POST, FollowUpSituation.IN_OTHER_WORK, FollowUpSituation.IN_TRAINING];
