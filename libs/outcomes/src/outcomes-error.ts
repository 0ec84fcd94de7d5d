import { DomainError } from '@parcours/core';

/** Every expected failure of the outcome report, by its stable code. */
export const OutcomesErrorCode = {
  INVALID_PERIOD: 'INVALID_PERIOD',
  PERIOD_REQUIRED: 'PERIOD_REQUIRED',
  CONVENTION_REQUIRED: 'CONVENTION_REQUIRED',
  WHOLE_MONTHS_ONLY: 'WHOLE_MONTHS_ONLY',
  PERIOD_OUTSIDE_CONVENTION: 'PERIOD_OUTSIDE_CONVENTION',
  GROUPING_NOT_ALLOWED: 'GROUPING_NOT_ALLOWED',
  TOO_MANY_DIMENSIONS: 'TOO_MANY_DIMENSIONS',
} as const;
export type OutcomesErrorCode = (typeof OutcomesErrorCode)[keyof typeof OutcomesErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<OutcomesErrorCode, true> {}
}

export class OutcomesError extends DomainError {
  constructor(code: OutcomesErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
