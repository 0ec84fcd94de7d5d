import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse, type GraphQLObjectType } from 'graphql';
import { AccessDeclarations } from '../../apps/api/src/auth/access-declarations';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCUMENTS = join(__dirname, '..', '..', 'apps', 'web', 'src', 'graphql');

/**
 * The operations no console document sends, on purpose. Keep it short, each with its reason.
 */
const NOT_IN_DOCUMENTS: Record<string, string> = {
  // The console signs in and resumes its session through POST /session and POST /session/refresh,
  // which keep the refresh token in an HttpOnly cookie (apps/api/src/accounts/browser-session.controller.ts).
  'Mutation.login': 'POST /session',
  'Mutation.refreshSession': 'POST /session/refresh',
};

/** Every root field a console document selects, as Type.field. */
function usedByTheConsole(): Set<string> {
  const used = new Set<string>();
  for (const file of readdirSync(DOCUMENTS).filter((name) => name.endsWith('.graphql'))) {
    for (const definition of parse(readFileSync(join(DOCUMENTS, file), 'utf8')).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const type = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[definition.operation];
      for (const selection of definition.selectionSet.selections) if (selection.kind === Kind.FIELD) used.add(`${type}.${selection.name.value}`);
    }
  }
  return used;
}

/**
 * Nobody needs GraphQL to use Parcours: every query, mutation and subscription of schema.gql is
 * sent by a console document, with the roles the access policy allows to call it (printed when one
 * is missing), except the few above. The committed schema is the one the server serves (checked
 * too), so a new operation without its screen fails here.
 */
describe('the console covers the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('sends every operation of the schema a role may call, except the listed ones', () => {
    const committed = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
    const served = t.app.get(GraphQLSchemaHost).schema;
    const declarations = t.app.get(AccessDeclarations);
    const operations = (schema: typeof committed) =>
      [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
        .filter((type): type is GraphQLObjectType => Boolean(type))
        .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`))
        .sort();
    expect(operations(committed)).toEqual(operations(served));

    const used = usedByTheConsole();
    const missing = operations(served)
      .filter((operation) => !used.has(operation) && !(operation in NOT_IN_DOCUMENTS))
      .map((operation) => {
        const declaration = declarations.get(operation);
        return `${operation} (${declaration?.kind === 'roles' ? declaration.roles.join(', ') : declaration?.kind})`;
      });
    expect(missing).toEqual([]);
    // The exceptions are real operations, and really unused.
    for (const operation of Object.keys(NOT_IN_DOCUMENTS)) {
      expect(operations(served)).toContain(operation);
      expect(used.has(operation)).toBe(false);
    }
  });
});
