import { DomainError } from '@parcours/core';

/** Every expected failure of the accounts module, by its stable code. */
export const AccountsErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  ROLE_DOES_NOT_FIT_ORGANISATION: 'ROLE_DOES_NOT_FIT_ORGANISATION',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  ORGANISATION_NAME_TAKEN: 'ORGANISATION_NAME_TAKEN',
  CANNOT_DEACTIVATE_SELF: 'CANNOT_DEACTIVATE_SELF',
  ALREADY_DEACTIVATED: 'ALREADY_DEACTIVATED',
  PARTNER_KIND: 'PARTNER_KIND',
  /** A contact for referents belongs to an OPERATOR only. */
  CONTACT_FOR_OPERATORS: 'CONTACT_FOR_OPERATORS',
  /** A MANAGER's reminder delays, refused (too many, out of range, outside 08:00–20:00, alike). */
  INVALID_REMINDER_DELAYS: 'INVALID_REMINDER_DELAYS',
  ALREADY_ACTIVE: 'ALREADY_ACTIVE',
  HAS_OPEN_WORK: 'HAS_OPEN_WORK',
  INVALID_SUCCESSOR: 'INVALID_SUCCESSOR',
  INVALID_RESET_TOKEN: 'INVALID_RESET_TOKEN',
  CANNOT_CHANGE_OWN_ROLE: 'CANNOT_CHANGE_OWN_ROLE',
  INVITATION_NEEDS_MAIL: 'INVITATION_NEEDS_MAIL',
  /** A link (the CSV export's) refused: expired, already used, or not for this address. */
  LINK_EXPIRED: 'LINK_EXPIRED',
  LINK_USED: 'LINK_USED',
  INVALID_LINK: 'INVALID_LINK',
  /** Sign-in through the identity provider (OpenID Connect): what refuses it, each said in French. */
  OIDC_OFF: 'OIDC_OFF',
  OIDC_REQUIRED: 'OIDC_REQUIRED',
  OIDC_NOT_LINKED: 'OIDC_NOT_LINKED',
  OIDC_NO_ACCOUNT: 'OIDC_NO_ACCOUNT',
  OIDC_EMAIL_NOT_VOUCHED: 'OIDC_EMAIL_NOT_VOUCHED',
  OIDC_ATTEMPT_EXPIRED: 'OIDC_ATTEMPT_EXPIRED',
  OIDC_STATE_MISMATCH: 'OIDC_STATE_MISMATCH',
  OIDC_NONCE_MISMATCH: 'OIDC_NONCE_MISMATCH',
  OIDC_ID_TOKEN_INVALID: 'OIDC_ID_TOKEN_INVALID',
  OIDC_CODE_REFUSED: 'OIDC_CODE_REFUSED',
  OIDC_PROVIDER_ERROR: 'OIDC_PROVIDER_ERROR',
  OIDC_INVITATION_MISMATCH: 'OIDC_INVITATION_MISMATCH',
  ACCOUNT_DEACTIVATED: 'ACCOUNT_DEACTIVATED',
} as const;
export type AccountsErrorCode = (typeof AccountsErrorCode)[keyof typeof AccountsErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<AccountsErrorCode, true> {}
}

export class AccountsError extends DomainError {
  constructor(code: AccountsErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
