import { DomainError } from '@parcours/core';

/** Every expected failure of referrals and pathways, by its stable code. */
export const PathwaysErrorCode = {
  OUTSIDE_TERRITORY: 'OUTSIDE_TERRITORY',
  NO_RSA_NOR_BARRIER: 'NO_RSA_NOR_BARRIER',
  UNKNOWN_COMMUNE: 'UNKNOWN_COMMUNE',
  JUSTIFICATION_REQUIRED: 'JUSTIFICATION_REQUIRED',
  REASON_REQUIRED: 'REASON_REQUIRED',
  COMMENT_REQUIRED: 'COMMENT_REQUIRED',
  INVALID_DATE: 'INVALID_DATE',
  IDENTITY_CONFLICT: 'IDENTITY_CONFLICT',
  OPEN_PATHWAY_EXISTS: 'OPEN_PATHWAY_EXISTS',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  PATHWAY_CLOSED: 'PATHWAY_CLOSED',
  NOT_ACCEPTED_YET: 'NOT_ACCEPTED_YET',
  ALREADY_ASSIGNED: 'ALREADY_ASSIGNED',
  APPOINTMENT_NOT_PLANNED: 'APPOINTMENT_NOT_PLANNED',
  APPOINTMENT_NOT_DUE: 'APPOINTMENT_NOT_DUE',
  NOT_RECORDED: 'NOT_RECORDED',
  INVALID_ASSESSMENT: 'INVALID_ASSESSMENT',
} as const;
export type PathwaysErrorCode = (typeof PathwaysErrorCode)[keyof typeof PathwaysErrorCode];

export class PathwaysError extends DomainError {
  constructor(code: PathwaysErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
