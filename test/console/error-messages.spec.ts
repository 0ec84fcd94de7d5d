import { buildSchema, type GraphQLEnumType } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_MESSAGES, frenchMessage } from '../../apps/web/src/errors';

const ROOT = join(__dirname, '..', '..');

/** The codes the server answers: the schema's enum ErrorCode, which every module's table fills (apps/api/src/graphql/error-code.ts). */
function serverCodes(): string[] {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema.gql'), 'utf8'));
  return (schema.getType('ErrorCode') as GraphQLEnumType).getValues().map((value) => value.name);
}

describe('the console’s French sentences for error codes', () => {
  it('has one for every code the server answers, and none for a code it does not (the console\'s own NETWORK_ERROR aside)', () => {
    // The console's type check says the same (ERROR_MESSAGES is keyed on the generated ErrorCode); this says it without a build.
    const codes = serverCodes();
    expect(codes.length).toBeGreaterThan(80);
    expect(codes.filter((code) => !(code in ERROR_MESSAGES))).toEqual([]);
    expect(Object.keys(ERROR_MESSAGES).filter((code) => !codes.includes(code))).toEqual(['NETWORK_ERROR']);
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
