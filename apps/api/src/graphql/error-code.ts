import { registerEnumType } from '@nestjs/graphql';
import { AccountsErrorCode } from '@parcours/accounts';
import { ConventionsErrorCode } from '@parcours/conventions';
import { CoreErrorCode, type ErrorCode } from '@parcours/core';
import { ImportsErrorCode } from '@parcours/imports';
import { NotificationsErrorCode } from '@parcours/notifications';
import { OpportunitiesErrorCode } from '@parcours/opportunities';
import { OutcomesErrorCode } from '@parcours/outcomes';
import { PathwaysErrorCode } from '@parcours/pathways';
import { GraphqlErrorCode } from './errors';

/**
 * Every code the server answers, in `UserError.code` and in `extensions.code`: the transport's
 * and each module's table. The compiler refuses this object if it lacks a code of ErrorCode (the
 * union every module's table joins), so a new module's table cannot be left out; the console's
 * French sentences are keyed on the same enum (apps/web/src/errors.ts).
 */
export const ERROR_CODES = {
  ...GraphqlErrorCode,
  ...CoreErrorCode,
  ...AccountsErrorCode,
  ...PathwaysErrorCode,
  ...OpportunitiesErrorCode,
  ...ConventionsErrorCode,
  ...OutcomesErrorCode,
  ...NotificationsErrorCode,
  ...ImportsErrorCode,
} satisfies { [Code in ErrorCode]: Code };

registerEnumType(ERROR_CODES, {
  name: 'ErrorCode',
  description: 'Every code the server answers, in a mutation\'s userErrors and in a top-level error\'s extensions.code: the transport\'s (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, QUERY_TOO_COMPLEX…) and each stage\'s.',
});
