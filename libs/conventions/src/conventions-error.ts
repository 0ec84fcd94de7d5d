import { DomainError } from '@parcours/core';

/** Every expected failure of funding conventions, by its stable code. */
export const ConventionsErrorCode = {
  INVALID_PERIOD: 'INVALID_PERIOD',
  WRONG_ORGANISATION_KIND: 'WRONG_ORGANISATION_KIND',
  INVALID_TARGET: 'INVALID_TARGET',
  TITLE_REQUIRED: 'TITLE_REQUIRED',
} as const;
export type ConventionsErrorCode = (typeof ConventionsErrorCode)[keyof typeof ConventionsErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<ConventionsErrorCode, true> {}
}

export class ConventionsError extends DomainError {
  constructor(code: ConventionsErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
