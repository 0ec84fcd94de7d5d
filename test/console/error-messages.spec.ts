import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphqlErrorCode } from '../../apps/api/src/graphql/errors';
import { ERROR_MESSAGES, frenchMessage } from '../../apps/web/src/errors';
import { IneligibilityCode } from '../../libs/pathways/src/eligibility';

const ROOT = join(__dirname, '..', '..');

/** Every .ts file under a folder (tests aside). */
function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map((name) => join(ROOT, folder, name));
}

/**
 * Every code the server can answer: the error-code tables of each module (…ErrorCode = { … }),
 * the GraphQL layer's, and each literal thrown or reported (code: 'X', DomainError('X', problem('X',
 * super('X', the HTTP routes' codes).
 */
function serverCodes(): Set<string> {
  const codes = new Set<string>([...Object.values(GraphqlErrorCode), ...Object.values(IneligibilityCode)]);
  for (const file of [...sources('libs'), ...sources('apps/api/src')]) {
    const text = readFileSync(file, 'utf8');
    for (const table of text.matchAll(/ErrorCode = \{([^}]*)\}/g)) {
      for (const entry of table[1].matchAll(/([A-Z][A-Z_]+):/g)) codes.add(entry[1]);
    }
    for (const literal of text.matchAll(/(?:code: |DomainError\(|problem\(|super\(|opened === )'([A-Z][A-Z_]+)'/g)) codes.add(literal[1]);
    for (const literal of text.matchAll(/'(LINK_EXPIRED|INVALID_LINK)'/g)) codes.add(literal[1]);
  }
  return codes;
}

describe('the console’s French sentences for error codes', () => {
  it('has one for every code the server answers', () => {
    const codes = serverCodes();
    expect(codes.size).toBeGreaterThan(80);
    expect([...codes].filter((code) => !(code in ERROR_MESSAGES)).sort()).toEqual([]);
  });

  it('says the throttle’s wait in words when the server gives it', () => {
    expect(frenchMessage('TOO_MANY_ATTEMPTS', 'Too many failed attempts: try again in 15 minute(s).')).toBe('Trop de tentatives de connexion ont échoué : réessayez dans 15 minutes.');
    expect(frenchMessage('TOO_MANY_ATTEMPTS', 'Too many failed attempts: try again in 1 minute(s).')).toBe('Trop de tentatives de connexion ont échoué : réessayez dans 1 minute.');
    expect(frenchMessage('TOO_MANY_ATTEMPTS', 'Too many requests: try again in 12 minute(s).')).toBe('Trop de demandes à la suite : réessayez dans 12 minutes.');
  });

  it('falls back to a sentence, never to the English message, for a code it does not know', () => {
    expect(frenchMessage('SOMETHING_NEW', 'Something new happened.')).toBe(ERROR_MESSAGES.INTERNAL_SERVER_ERROR);
  });
});
