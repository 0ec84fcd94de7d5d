import { MIGRATIONS } from '@parcours/db';
import { ConventionsProbeModule } from '../support/conventions-probe.module';
import { errorCodes } from '../support/graphql-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GraphQL conventions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ConventionsProbeModule] });
  });
  afterAll(() => t.close());

  it('serverInfo proves the chain from HTTP to the migrated database', async () => {
    t.clock.set('2026-03-28T23:30:00Z'); // already Sunday 29 March in Paris
    const { serverInfo } = await t.api.data<{ serverInfo: Record<string, unknown> }>(
      '{ serverInfo { version databaseDriver migrationsApplied latestMigration now today } }',
    );
    const migrations = MIGRATIONS[t.config.database.driver];
    expect(serverInfo).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      databaseDriver: t.config.database.driver.toUpperCase(),
      migrationsApplied: migrations.length,
      latestMigration: migrations.at(-1)?.name ?? null,
      now: '2026-03-28T23:30:00.000Z',
      today: '2026-03-29',
    });
  });

  it('answers a malformed query with GRAPHQL_PARSE_FAILED', async () => {
    const response = await t.api.request('{ serverInfo { version ');
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await t.api.request('{ serverInfo { colour } }');
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it.each(['2026-02-30', '2026-13-01', '26-03-01', '2026-3-1', '2026-03-01T00:00:00Z'])(
    'refuses the LocalDate %s, as a variable and as a literal',
    async (day) => {
      const asVariable = await t.api.request('query ($day: LocalDate!) { probeDay(day: $day) }', { day });
      expect(errorCodes(asVariable)).toEqual(['BAD_USER_INPUT']);
      expect(asVariable.errors?.[0].message).toContain('LocalDate must be a real calendar day written YYYY-MM-DD');
      const asLiteral = await t.api.request(`{ probeDay(day: "${day}") }`);
      expect(errorCodes(asLiteral)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(asLiteral.data).toBeUndefined();
    },
  );

  it('accepts real days, 29 February of a leap year included', async () => {
    for (const day of ['2024-02-29', '2026-12-31', '2026-01-01']) {
      expect(await t.api.data('query ($day: LocalDate!) { probeDay(day: $day) }', { day })).toEqual({ probeDay: day });
    }
  });

  it('reads a DateTime with its offset and answers in UTC; refuses one without', async () => {
    const ok = await t.api.data('{ probeInstant(at: "2026-07-14T10:00:00+02:00") }');
    expect(ok).toEqual({ probeInstant: '2026-07-14T08:00:00.000Z' });
    const noOffset = await t.api.request('{ probeInstant(at: "2026-07-14T10:00:00") }');
    expect(errorCodes(noOffset)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses an over-deep query with QUERY_TOO_COMPLEX naming the limit', async () => {
    const deep = '{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }';
    const response = await t.api.request(deep);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0].extensions?.limit).toBe('depth');
    expect(response.data).toBeUndefined();
  });

  it('refuses too many aliases with QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: serverInfo { version }`).join(' ');
    const response = await t.api.request(`{ ${aliases} }`);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0].extensions?.limit).toBe('aliases');
  });

  it('counts aliases of __typename too: 200 of them are QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `t${i}: __typename`).join(' ');
    const response = await t.api.request(`{ ${aliases} }`);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0].extensions?.limit).toBe('aliases');
  });

  it('refuses one field repeated in a selection more than 3 times, and lets 3 through', async () => {
    const repeated = (times: number) => `{ serverInfo { ${Array.from({ length: times }, () => 'version').join(' ')} } }`;
    const response = await t.api.request(repeated(600));
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0].extensions?.limit).toBe('repeatedField');
    expect(errorCodes(await t.api.request(repeated(4)))).toEqual(['QUERY_TOO_COMPLEX']);
    expect((await t.api.request(repeated(3))).errors).toBeUndefined();
  });

  it('refuses a query of too many tokens with QUERY_TOO_COMPLEX', async () => {
    const fields = Array.from({ length: 2100 }, () => 'version').join(' ');
    const response = await t.api.request(`{ serverInfo { ${fields} } }`);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0].extensions?.limit).toBe('tokens');
  });

  it('refuses batched requests', async () => {
    const response = await t.api.post([{ query: '{ serverInfo { version } }' }, { query: '{ serverInfo { version } }' }]);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_REQUEST']);
  });

  it('has no automatic persisted queries: a hash, matching or not, is PERSISTED_QUERY_NOT_SUPPORTED, never INTERNAL', async () => {
    const persistedQuery = { version: 1, sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38' };
    for (const body of [{ extensions: { persistedQuery } }, { query: '{ __typename }', extensions: { persistedQuery } }, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'forged' } } }]) {
      const response = await t.api.post(body);
      expect({ status: response.status < 500, codes: errorCodes(response) }).toEqual({ status: true, codes: ['PERSISTED_QUERY_NOT_SUPPORTED'] });
    }
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR, without its message or stack', async () => {
    const response = await t.api.request('{ probeCrash }');
    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.errors?.[0].message).toBe('Internal server error.');
    expect(JSON.stringify(response)).not.toContain('Dupont');
    expect(response.errors?.[0].extensions?.stacktrace).toBeUndefined();
  });

  it('answers a domain error in a query with its own code', async () => {
    const response = await t.api.request('{ probeNotFound }');
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.errors?.[0].message).toBe('Pathway not found.');
  });

  describe('mutation payloads', () => {
    const mutate = 'mutation ($input: ProbeInput!) { probeMutate(input: $input) { day userErrors { code field message } } }';

    it('carry an empty userErrors list on success', async () => {
      const data = await t.api.data(mutate, { input: { day: '2026-05-04' } });
      expect(data).toEqual({ probeMutate: { day: '2026-05-04', userErrors: [] } });
    });

    it('carry a domain error as a userError with its code and field', async () => {
      const response = await t.api.request(mutate, { input: { day: '2026-05-01' } });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        probeMutate: { day: null, userErrors: [{ code: 'INVALID_DATE', field: ['input', 'day'], message: 'Nobody works on 1 May.' }] },
      });
    });

    it('carry every broken input constraint as an INVALID_INPUT userError naming its field', async () => {
      const response = await t.api.request(mutate, { input: { day: '2026-05-04', email: 'not-an-address', note: 'far too long' } });
      expect(response.errors).toBeUndefined();
      const payload = (response.data as { probeMutate: { userErrors: { code: string; field: string[] }[] } }).probeMutate;
      expect(payload.userErrors.map((e) => [e.code, e.field.join('.')]).sort()).toEqual([
        ['INVALID_INPUT', 'input.email'],
        ['INVALID_INPUT', 'input.note'],
      ]);
    });
  });

  describe('request ids', () => {
    it('echoes a well-formed request id and generates one otherwise', async () => {
      const given = await t.api.request('{ serverInfo { version } }', undefined, { headers: { 'x-request-id': 'abc-123' } });
      expect(given.headers.get('x-request-id')).toBe('abc-123');
      const unsafe = await t.api.request('{ serverInfo { version } }', undefined, { headers: { 'x-request-id': 'a b<script>' } });
      expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const none = await t.api.request('{ serverInfo { version } }');
      expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('answers GET /health when the database answers and every migration is applied', async () => {
    const response = await fetch(`${t.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; details: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.details.database.status).toBe('up');
    expect(body.details.migrations).toEqual({ status: 'up', applied: MIGRATIONS[t.config.database.driver].length });
    expect(await (await fetch(`${t.url}/health/live`)).json()).toEqual({ status: 'ok' });
  });
});
