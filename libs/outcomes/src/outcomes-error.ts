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

export class OutcomesError extends DomainError {
  constructor(code: OutcomesErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
