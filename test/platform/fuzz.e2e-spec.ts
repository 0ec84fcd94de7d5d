import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

const SEED = 20261126;
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 60);
// Run last: they end the sessions the others use.
const LAST = ['logout', 'changePassword', 'deactivateUser'];

/** Strings an attacker would try: control characters, surrogates, wildcards, quotes, SQL, very long text. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'a\uDFFFb', '\u001b[2J', '\u0085', '%', '_', '%_%', "'", '"', '\\', "'); drop table pathway; --", '1', '', ' ', 'null'),
  fc.constantFrom('é'.repeat(300), 'x'.repeat(5000), '𝔘'.repeat(2000)),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\uD800', '%', "'"), fc.string({ maxLength: 10 })).map((parts) => parts.join('')),
);

/**
 * The whole result of a field, nested resolvers included (but fields that need arguments, and
 * below a depth where the schema only repeats itself): what an attacker's query would select.
 */
export function wholeSelection(schema: GraphQLSchema, type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (depth >= 4) return ' { __typename }';
  if (isAbstractType(named)) {
    const parts = schema.getPossibleTypes(named).map((possible) => `... on ${possible.name}${wholeSelection(schema, possible, depth + 1)}`);
    return ` { __typename ${parts.join(' ')} }`;
  }
  if (!isObjectType(named)) return ' { __typename }';
  const fields = Object.values(named.getFields())
    .filter((field) => field.args.every((arg) => !isNonNullType(arg.type)))
    .map((field) => `${field.name}${wholeSelection(schema, field.type, depth + 1)}`);
  return ` { __typename ${fields.join(' ')} }`;
}

/**
 * Fuzzing every operation of the schema with hostile strings in every String and ID, null in any
 * field (those that may not be null included), and plausible values elsewhere, as each role,
 * selecting the whole result: never an INTERNAL_SERVER_ERROR, never a 5xx (seeded, a few thousand
 * cases; FUZZ_RUNS sets the runs per operation).
 */
describe('every operation under hostile input', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let users: TestUser[];
  let ids: string[];

  beforeAll(async () => {
    // Whole selections are long: the limits are raised here so that the resolvers run, not the limits answer.
    ({ t, accounts, journey } = await startJourneyApp({ env: { GRAPHQL_MAX_TOKENS: '100000', GRAPHQL_MAX_COST: '1000000', GRAPHQL_MAX_ALIASES: '1000' } }));
    const referent = await accounts.user('REFERENT');
    const counsellor = await accounts.user('COUNSELLOR');
    users = [referent, counsellor, await accounts.user('MANAGER'), await accounts.user('FUNDER'), { id: '', email: '', password: '', token: accounts.adminToken }];
    const pathway = await journey.refer(referent);
    const appointmentId = await journey.acceptAndSchedule(counsellor, pathway.id);
    ids = [pathway.id, pathway.participant.id, appointmentId, accounts.operatorId];
  }, 60_000);
  afterAll(() => t.close());

  /** A value for an input, or now and then null, whether the schema allows it or not. */
  const valueOf = (type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: plainValueOf(type, depth), weight: 6 });
  const plainValueOf = (type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> => {
    if (isNonNullType(type)) return plainValueOf(type.ofType, depth);
    if (isListType(type)) return fc.array(valueOf(type.ofType as GraphQLInputType, depth), { maxLength: 3 });
    const named = getNamedType(type);
    if (isEnumType(named)) return fc.constantFrom(...named.getValues().map((value) => value.value as string));
    if (isInputObjectType(named)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(named.getFields());
      return fc.record(
        Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, depth + 1)])),
        { requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) },
      );
    }
    switch (named.name) {
      case 'String':
        return hostile;
      case 'ID':
        return fc.oneof(fc.constantFrom(...ids), fc.uuid(), hostile);
      case 'Int':
        return fc.oneof(fc.integer({ min: -3, max: 120 }), fc.constantFrom(2 ** 31, -(2 ** 31)));
      case 'Float':
        return fc.double();
      case 'Boolean':
        return fc.boolean();
      case 'LocalDate':
        return fc.oneof(fc.constantFrom('2026-03-16', '2026-02-29', '1900-01-01', '9999-12-31'), hostile);
      case 'DateTime':
        return fc.oneof(fc.constantFrom('2026-03-16T09:00:00Z', '2026-03-16T10:00:00+01:00', '0000-01-01T00:00:00Z'), hostile);
      default:
        return hostile;
    }
  };

  const operations = (): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const all = [
      ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
      ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
    ];
    return [...all.filter(({ field }) => !LAST.includes(field.name)), ...all.filter(({ field }) => LAST.includes(field.name))];
  };

  /** Every path to an input field of the arguments (through input objects), each to be tried with null. */
  const inputPaths = (args: readonly GraphQLArgument[]): string[][] => {
    const below = (type: GraphQLInputType, path: string[], depth: number): string[][] => {
      const named = getNamedType(type);
      if (!isInputObjectType(named) || isListType(isNonNullType(type) ? type.ofType : type) || depth > 3) return [path];
      return [path, ...Object.values(named.getFields()).flatMap((field) => below(field.type, [...path, field.name], depth + 1))];
    };
    return args.flatMap((arg) => below(arg.type, [arg.name], 0));
  };
  const withNull = (values: Record<string, unknown>, path: string[]): Record<string, unknown> => {
    const copy = structuredClone(values);
    let at: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]] = null;
    return copy;
  };

  it('answers every case without an INTERNAL_SERVER_ERROR or a 5xx', async () => {
    const failures: unknown[] = [];
    let cases = 0;
    const check = async (operation: string, query: string, values: Record<string, unknown>, user: TestUser) => {
      cases++;
      const response = await t.api.request(query, values, { token: user.token });
      const internal = (response.errors ?? []).some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
      if (response.status >= 500 || internal) failures.push({ operation, status: response.status, variables: values, errors: response.errors });
    };
    for (const { kind, field } of operations()) {
      const args: readonly GraphQLArgument[] = field.args;
      const definitions = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
      const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const selection = wholeSelection(t.app.get(GraphQLSchemaHost).schema, field.type);
      const query = `${kind}${definitions ? ` (${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
      const record = (of: typeof valueOf) =>
        fc.record(Object.fromEntries(args.map((arg) => [arg.name, of(arg.type, 0)])), { requiredKeys: args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name) });
      await fc.assert(
        fc.asyncProperty(record(valueOf), fc.constantFrom(...users), async (values, user) => {
          await check(field.name, query, values, user);
          return true;
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION },
      );
      // Then each input field null in turn, in an otherwise complete input, as every role.
      const [base] = fc.sample(fc.record(Object.fromEntries(args.map((arg) => [arg.name, plainValueOf(arg.type, 0)]))), { seed: SEED, numRuns: 1 });
      for (const path of inputPaths(args)) {
        for (const user of users) await check(field.name, query, withNull(base, path), user);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect([...new Set(failures.map((failure) => (failure as { operation: string }).operation))]).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(2000);
  }, 600_000);
});
