import { DomainError } from '@parcours/core';

/** Every expected failure of partners and opportunities, by its stable code. */
export const OpportunitiesErrorCode = {
  INVALID_SIRET: 'INVALID_SIRET',
  SIRET_TAKEN: 'SIRET_TAKEN',
  UNKNOWN_COMMUNE: 'UNKNOWN_COMMUNE',
  INVALID_CONTACT: 'INVALID_CONTACT',
  WRONG_PARTNER_KIND: 'WRONG_PARTNER_KIND',
  FIELD_REQUIRED: 'FIELD_REQUIRED',
  FIELD_NOT_ALLOWED: 'FIELD_NOT_ALLOWED',
  INVALID_CONTRACT_TYPE: 'INVALID_CONTRACT_TYPE',
  INVALID_HOURS: 'INVALID_HOURS',
  INVALID_POSITIONS: 'INVALID_POSITIONS',
  INVALID_LEVEL: 'INVALID_LEVEL',
  INVALID_PERIOD: 'INVALID_PERIOD',
  POSITIONS_TAKEN: 'POSITIONS_TAKEN',
  OPPORTUNITY_CLOSED: 'OPPORTUNITY_CLOSED',
  OPPORTUNITY_FILLED: 'OPPORTUNITY_FILLED',
} as const;
export type OpportunitiesErrorCode = (typeof OpportunitiesErrorCode)[keyof typeof OpportunitiesErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<OpportunitiesErrorCode, true> {}
}

export class OpportunitiesError extends DomainError {
  constructor(code: OpportunitiesErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
