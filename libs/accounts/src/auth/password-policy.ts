import { AccountsError } from '../accounts-error';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * At least 12 characters mixing at least three of: lower case, upper case, digits, other signs;
 * not mostly one repeated character; not the e-mail address. Returns the problem, or null.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'A password has at most 256 characters.';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) return 'A password mixes at least three of: lower case, upper case, digits, other signs.';
  if (new Set(password).size < 6) return 'A password needs more than a few different characters.';
  const localPart = email?.split('@')[0].toLowerCase() ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) return 'A password must not contain the e-mail address.';
  return null;
}

export function assertStrongPassword(password: string, field: string[], email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AccountsError('WEAK_PASSWORD', problem, field);
}
