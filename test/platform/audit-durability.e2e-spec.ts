import { randomUUID } from 'node:crypto';
import { AccountsFixture } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { aPerson, REFER } from '../support/journey';
import { startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const READ = 'query ($id: ID!) { pathway(id: $id) { participant { lastName birthDate } } }';

/**
 * Read audits are written by groups, after the reads and before the answers: a server killed
 * outright (SIGKILL, no shutdown) in the middle of a burst of audited reads has an audit entry,
 * after restart, for every response a client received.
 */
describe('audit of reads, server killed mid-burst', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  const env = (url: string) => ({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    LOG_LEVEL: 'info',
    JWT_SECRET: 'a-shared-secret-of-at-least-32-characters',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    SWEEP_INTERVAL_MINUTES: '0',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop('SIGKILL');
    await database.drop();
  });

  it('every answered read has its entry', async () => {
    server = await startServer(env(database.url));
    const api = new GraphqlClient(server.url);
    const accounts = await new AccountsFixture(api).init();
    const referent = await accounts.user('REFERENT');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const data = await api.data<{ referParticipant: { pathway: { id: string } } }>(REFER, { input: { operatorId: accounts.operatorId, person: aPerson(), barriers: [] } }, { token: referent.token });
      ids.push(data.referParticipant.pathway.id);
    }

    const answered: string[] = [];
    let sent = 0;
    let killed: Promise<number | null> | undefined;
    const kill = () => (killed ??= server!.stop('SIGKILL'));
    const worker = async () => {
      while (sent < 2000 && !killed) {
        const requestId = randomUUID();
        const id = ids[sent++ % ids.length];
        try {
          const response = await fetch(`${server!.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${referent.token}`, 'x-request-id': requestId },
            body: JSON.stringify({ query: READ, variables: { id } }),
          });
          const body = (await response.json()) as { data?: { pathway: { participant: { lastName: string } } } };
          if (body.data?.pathway.participant.lastName) answered.push(requestId);
        } catch {
          return; // the server is gone
        }
        if (answered.length === 300) kill();
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    await killed;
    expect(answered.length).toBeGreaterThanOrEqual(300);
    expect(sent).toBeLessThan(2000); // killed in the middle of the burst

    server = await startServer(env(database.url)); // recovery (SQLite: the write-ahead log is replayed)
    const logged = new Set(await requestIdsOfReads(database.url));
    expect(answered.filter((requestId) => !logged.has(requestId))).toEqual([]);
    await server.stop();
  });
});

/** The request ids of the READ entries, read from the database as an auditor would. */
async function requestIdsOfReads(url: string): Promise<string[]> {
  return (await queryDatabase<{ request_id: string }>(url, "select request_id from audit_entry where action = 'READ'")).map((row) => row.request_id);
}
