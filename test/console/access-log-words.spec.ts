import { buildSchema, type GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldsInWords, OPERATION, operationInWords } from '../../apps/web/src/audit-labels';

const ROOT = join(__dirname, '..', '..');

/** Every root field the API serves: what an access log entry's operation names. */
function rootFields(): string[] {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema.gql'), 'utf8'));
  return ['Query', 'Mutation', 'Subscription'].flatMap((name) => Object.keys((schema.getType(name) as GraphQLObjectType).getFields()));
}

/** No code an administrator would have to decode: no identifier in camelCase, no Type.field, no enum value. */
const CODE = /[a-z][A-Z]|\b[A-Z][a-z]+\.[a-z]|\b[A-Z]{2,}_?[A-Z]*\b/;

describe('the access log in words (the console’s audit-labels.ts)', () => {
  it('says every operation of the API in French, and names none the API lacks', () => {
    const roots = rootFields();
    expect(roots.length).toBeGreaterThan(60);
    expect(roots.filter((name) => !(name in OPERATION))).toEqual([]);
    expect(Object.keys(OPERATION).filter((name) => !roots.includes(name))).toEqual([]);
    for (const name of roots) expect(OPERATION[name]).not.toMatch(CODE);
  });

  it('says an operation with several roots once each, and the server’s own work in words', () => {
    expect(operationInWords('query pathway')).toBe('page d’un parcours');
    expect(operationInWords('query pathway,me,pathway')).toBe('page d’un parcours ; son propre compte');
    expect(operationInWords('mutation recordDiagnostic')).toBe('diagnostic enregistré');
    expect(operationInWords('retention sweep')).toBe('anonymisation automatique (durée de conservation)');
    for (const operation of ['http', 'export', 'unknown', 'missed checkpoints sweep', 'query somethingNew']) expect(operationInWords(operation)).not.toMatch(CODE);
  });

  it('says the fields read or written by record, and an unknown one as "autre donnée", never its code', () => {
    expect(fieldsInWords(['Participant.firstNames', 'Participant.lastName', 'Pathway.declineComment'], 'Pathway')).toBe('personne : prénoms, nom ; parcours : commentaire de refus');
    expect(fieldsInWords(['lastName', 'phone'], 'Participant')).toBe('personne : nom, téléphone');
    expect(fieldsInWords(['everything'], 'Participant')).toBe('personne : toutes ses données');
    expect(fieldsInWords(['Mystery.someNewField'], 'Mystery')).toBe('autre donnée : autre donnée');
  });
});
