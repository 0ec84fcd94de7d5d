import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Every connection refuses, before any SQL, a cursor it did not give; the cursors it gives work. */
describe('page cursors', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let admin: TestUser;

  const CONNECTIONS: [string, string, () => TestUser][] = [
    ['pathways', 'pathway', () => referent],
    ['referentReports', 'referent_report', () => admin],
    ['users', 'app_user', () => admin],
    ['organisations', 'organisation', () => admin],
    ['auditLog', 'audit_entry', () => admin],
  ];
  const FORGED = [
    '1',
    'not a cursor!',
    '',
    encode('{}'),
    encode('not json'),
    encode([]),
    encode(['2026-03-16T09:00:00.000Z']),
    encode(['2026-03-16T09:00:00.000Z', 'x', 1]),
    encode([{ $ne: null }, 'x']),
    encode(['x', 1]),
    encode(['2026-03-16T09:00:00.000Z', 'a\u0000b']),
    encode([1e400, 'x']),
    encode(['2026-02-30T09:00:00.000Z', 'x']),
    encode(['2026-13-45T99:99:99.999Z', 'x']),
    encode(['2026-03-16T09:00:00.000Z', '00000000-0000-0000-0000-00000000000g']),
  ];

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    admin = { id: '', email: '', password: '', token: accounts.adminToken };
    const counsellor = await accounts.user('COUNSELLOR');
    for (let i = 0; i < 3; i++) await journey.decline(counsellor, (await journey.refer(referent)).id, 'UNREACHABLE'); // a report each
  });
  afterAll(() => t.close());

  it.each(CONNECTIONS)('%s: refuses every malformed or forged cursor with INVALID_CURSOR, and reads nothing', async (connection, table, who) => {
    const knex = (t.orm.em.getConnection() as AbstractSqlConnection).getKnex();
    const statements: string[] = [];
    const listener = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', listener);
    try {
      for (const after of FORGED) {
        const response = await t.api.request(`query ($after: String) { ${connection}(first: 2, after: $after) { totalCount } }`, { after }, { token: who().token });
        expect({ after, status: response.status < 500, codes: errorCodes(response) }).toEqual({ after, status: true, codes: ['INVALID_CURSOR'] });
      }
    } finally {
      knex.removeListener('query', listener);
    }
    expect(statements.filter((sql) => new RegExp(`from [\`"]?${table}[\`"]? `).test(sql))).toEqual([]);
  });

  it.each(CONNECTIONS)('%s: pages with the cursors it gives', async (connection, _table, who) => {
    const first = await t.api.data<Record<string, { edges: { cursor: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } }>>(
      `{ ${connection}(first: 1) { edges { cursor } pageInfo { endCursor hasNextPage } } }`,
      {},
      { token: who().token },
    );
    const { endCursor, hasNextPage } = first[connection].pageInfo;
    expect(hasNextPage).toBe(true);
    const next = await t.api.data<Record<string, { edges: { cursor: string }[] }>>(`query ($after: String) { ${connection}(first: 1, after: $after) { edges { cursor } } }`, { after: endCursor }, { token: who().token });
    expect(next[connection].edges).toHaveLength(1);
    expect(next[connection].edges[0].cursor).not.toBe(endCursor);
  });

  it.each(CONNECTIONS)('%s: walking the pages one at a time gives exactly one big page, in its order', async (connection, _table, who) => {
    type Page = Record<string, { edges: { cursor: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }>;
    const all = await t.api.data<Page>(`{ ${connection}(first: 50) { edges { cursor } pageInfo { endCursor hasNextPage } } }`, {}, { token: who().token });
    expect(all[connection].pageInfo.hasNextPage).toBe(false);
    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 60; pages++) {
      const page: Page = await t.api.data<Page>(`query ($after: String) { ${connection}(first: 1, after: $after) { edges { cursor } pageInfo { endCursor hasNextPage } } }`, { after }, { token: who().token });
      walked.push(...page[connection].edges.map((edge) => edge.cursor));
      if (!page[connection].pageInfo.hasNextPage) break;
      after = page[connection].pageInfo.endCursor;
    }
    expect(walked.length).toBeGreaterThanOrEqual(2);
    expect(walked).toEqual(all[connection].edges.map((edge) => edge.cursor));
  });
});
