/**
 * The codes the core itself answers. Every module keeps its own table beside its errors and adds
 * it to ErrorCodes by module augmentation:
 *
 *   declare module '@parcours/core' {
 *     interface ErrorCodes extends Record<AccountsErrorCode, true> {}
 *   }
 *
 * so that ErrorCode is the union of every module's codes and a code no table declares does not
 * compile. apps/api serves them all as the GraphQL enum ErrorCode.
 */
export const CoreErrorCode = {
  /** Missing, or out of the caller's scope: the same answer. */
  NOT_FOUND: 'NOT_FOUND',
  /** The role allows the operation but not this use of it. */
  FORBIDDEN: 'FORBIDDEN',
  /** Input that breaks a declared constraint (format, length, range). */
  INVALID_INPUT: 'INVALID_INPUT',
  /** A cursor the server did not give. */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** Others changed the same record again and again while the command was retried. */
  CONCURRENT_CHANGE: 'CONCURRENT_CHANGE',
} as const;
export type CoreErrorCode = (typeof CoreErrorCode)[keyof typeof CoreErrorCode];

/** Every module's codes, joined by module augmentation (see CoreErrorCode). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- each module extends it with its table
export interface ErrorCodes extends Record<CoreErrorCode, true> {}

/** A code the server may answer: one of some module's table. */
export type ErrorCode = keyof ErrorCodes & string;

/** One expected business failure: a stable code clients can switch on, and a sentence people can read. */
export interface Problem {
  code: ErrorCode;
  message: string;
  /** Path of the input field at fault, as in ['input', 'birthDate']. */
  field?: string[];
}

/**
 * An expected failure of a domain rule. Mutations answer it as userErrors; queries as a top-level
 * error with extensions.code. Every domain module throws subclasses of this, never bare Errors.
 */
export class DomainError extends Error {
  readonly problems: Problem[];
  /** What a mutation's payload answers beside its userErrors (counts that explain a refusal), if anything. */
  readonly payload?: object;

  constructor(code: ErrorCode, message: string, field?: string[]) {
    super(message);
    this.name = new.target.name;
    this.problems = [{ code, message, ...(field ? { field } : {}) }];
  }

  get code(): ErrorCode {
    return this.problems[0].code;
  }

  /** Several problems found at once (every unmet condition is named, not just the first). */
  static all(problems: Problem[]): DomainError {
    const error = new DomainError(problems[0].code, problems.map((problem) => problem.message).join(' '));
    error.problems.splice(0, 1, ...problems);
    return error;
  }
}

/** Missing and out-of-scope answer the same, so that nobody learns what exists beyond their reach. */
export class NotFoundError extends DomainError {
  constructor(what: string, field?: string[]) {
    super('NOT_FOUND', `${what} not found.`, field);
  }
}

/**
 * The caller's role allows the operation but not this use of it. Always answered at the top level
 * with code FORBIDDEN, like a role refused by the access guard, never as a userError.
 */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** Input that breaks a declared constraint (format, length, range) before any rule runs. */
export class InvalidInputError extends DomainError {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else names nothing, and is answered as not found before any query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The end of an exhaustive switch: the compiler proves it unreachable; a value from outside the types still fails loudly. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
