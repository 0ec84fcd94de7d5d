import { DomainError } from '@parcours/core';

/** Every expected failure of referrals and pathways, by its stable code. */
export const PathwaysErrorCode = {
  OUTSIDE_TERRITORY: 'OUTSIDE_TERRITORY',
  /** A conversation message empty, or longer than 2,000 characters. */
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  NO_RSA_NOR_BARRIER: 'NO_RSA_NOR_BARRIER',
  UNKNOWN_COMMUNE: 'UNKNOWN_COMMUNE',
  JUSTIFICATION_REQUIRED: 'JUSTIFICATION_REQUIRED',
  REASON_REQUIRED: 'REASON_REQUIRED',
  COMMENT_REQUIRED: 'COMMENT_REQUIRED',
  INVALID_DATE: 'INVALID_DATE',
  IDENTITY_CONFLICT: 'IDENTITY_CONFLICT',
  OPEN_PATHWAY_EXISTS: 'OPEN_PATHWAY_EXISTS',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** Erasure refused while the person has an open pathway. */
  PATHWAY_OPEN: 'PATHWAY_OPEN',
  PATHWAY_CLOSED: 'PATHWAY_CLOSED',
  NOT_ACCEPTED_YET: 'NOT_ACCEPTED_YET',
  ALREADY_ASSIGNED: 'ALREADY_ASSIGNED',
  APPOINTMENT_NOT_PLANNED: 'APPOINTMENT_NOT_PLANNED',
  APPOINTMENT_NOT_DUE: 'APPOINTMENT_NOT_DUE',
  NOT_RECORDED: 'NOT_RECORDED',
  INVALID_ASSESSMENT: 'INVALID_ASSESSMENT',
  NOT_PROPOSABLE: 'NOT_PROPOSABLE',
  PROPOSAL_ALREADY_OPEN: 'PROPOSAL_ALREADY_OPEN',
  INVALID_REASON: 'INVALID_REASON',
  NOT_PLACEABLE: 'NOT_PLACEABLE',
  PLANNED_END_REQUIRED: 'PLANNED_END_REQUIRED',
  PLANNED_END_NOT_ALLOWED: 'PLANNED_END_NOT_ALLOWED',
  END_BEFORE_START: 'END_BEFORE_START',
  BEFORE_REFERRAL: 'BEFORE_REFERRAL',
  TOO_MANY_PATHWAYS: 'TOO_MANY_PATHWAYS',
  DUPLICATE_PATHWAY: 'DUPLICATE_PATHWAY',
  TOO_FAR_AHEAD: 'TOO_FAR_AHEAD',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  INVALID_HOURS: 'INVALID_HOURS',
  INVALID_LEVEL: 'INVALID_LEVEL',
  FIELD_REQUIRED: 'FIELD_REQUIRED',
  FIELD_NOT_ALLOWED: 'FIELD_NOT_ALLOWED',
  WRONG_PARTNER_KIND: 'WRONG_PARTNER_KIND',
  PROPOSAL_NOT_HIRED: 'PROPOSAL_NOT_HIRED',
  PROPOSAL_ALREADY_USED: 'PROPOSAL_ALREADY_USED',
  PROPOSAL_OF_ANOTHER_PATHWAY: 'PROPOSAL_OF_ANOTHER_PATHWAY',
  INVALID_DIFFICULTIES: 'INVALID_DIFFICULTIES',
  PLACEMENT_ENDED: 'PLACEMENT_ENDED',
  CONTACT_NOT_ALLOWED: 'CONTACT_NOT_ALLOWED',
  CHECKPOINT_CLOSED: 'CHECKPOINT_CLOSED',
  INVALID_PHONE: 'INVALID_PHONE',
  /** Consent to SMS without a mobile number (a landline, a number to check, none). */
  SMS_NEEDS_MOBILE: 'SMS_NEEDS_MOBILE',
  CONSENT_NEEDS_EMAIL: 'CONSENT_NEEDS_EMAIL',
  /** The person's link to an appointment: forged, for an appointment held, missed, cancelled or past, or for a person erased; one answer for all. */
  APPOINTMENT_LINK_EXPIRED: 'APPOINTMENT_LINK_EXPIRED',
} as const;
export type PathwaysErrorCode = (typeof PathwaysErrorCode)[keyof typeof PathwaysErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<PathwaysErrorCode, true> {}
}

export class PathwaysError extends DomainError {
  constructor(code: PathwaysErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
