import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as french from '@zxcvbn-ts/language-fr';
import { AccountsError } from '../accounts-error';

export const MIN_PASSWORD_LENGTH = 12;

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/** The strength estimator, with the common-password lists and French words (built once, on first use). */
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...french.dictionary }, graphs: common.adjacencyGraphs, translations: french.translations });
  return estimator;
}

/**
 * At least 12 characters mixing at least three of: lower case, upper case, digits, other signs;
 * not mostly one repeated character; not the e-mail address; and not easy to guess for zxcvbn-ts
 * (common passwords, dictionary words, keyboard patterns, dates, the user's own address): a score
 * of at least MIN_PASSWORD_SCORE. Returns the problem, or null.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'A password has at most 256 characters.';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) return 'A password mixes at least three of: lower case, upper case, digits, other signs.';
  if (new Set(password).size < 6) return 'A password needs more than a few different characters.';
  const localPart = email?.split('@')[0].toLowerCase() ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) return 'A password must not contain the e-mail address.';
  if (strength().check(password, email ? [email, localPart] : []).score < MIN_PASSWORD_SCORE) {
    return 'This password is too easy to guess: it looks like a common password, words or a simple pattern.';
  }
  return null;
}

export function assertStrongPassword(password: string, field: string[], email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AccountsError('WEAK_PASSWORD', problem, field);
}
