import { DomainError } from '@parcours/core';

/** Every expected failure of funding conventions, by its stable code. */
export const ConventionsErrorCode = {
  INVALID_PERIOD: 'INVALID_PERIOD',
  WRONG_ORGANISATION_KIND: 'WRONG_ORGANISATION_KIND',
  INVALID_TARGET: 'INVALID_TARGET',
  TITLE_REQUIRED: 'TITLE_REQUIRED',
} as const;
export type ConventionsErrorCode = (typeof ConventionsErrorCode)[keyof typeof ConventionsErrorCode];

export class ConventionsError extends DomainError {
  constructor(code: ConventionsErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
