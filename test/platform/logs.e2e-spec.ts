import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '@parcours/config';
import { ormOptions } from '@parcours/db';
import { randomUUID } from 'node:crypto';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes, GraphqlClient } from '../support/graphql-client';
import { aPerson, REFER } from '../support/journey';
import { startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Runs one statement on the server's database from outside it (to break it under the server's feet). */
async function sql(url: string, statement: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions(loadConfig({ DATABASE_URL: url, NODE_ENV: 'test' }).database));
  try {
    await orm.em.getConnection().execute(statement);
  } finally {
    await orm.close();
  }
}

/**
 * What the server writes when things go wrong: never a driver's message, SQL text or parameter,
 * in a log line or a response, in production or in development; expected answers are not errors.
 */
describe.each(['production', 'development'])('the logs of a server in %s mode', (mode) => {
  let database: TestDatabase;
  let server: ServerProcess;
  let api: GraphqlClient;
  let referent: TestUser;
  let accounts: AccountsFixture;
  const PEOPLE = [
    { lastName: 'Quennevat', firstNames: 'Zacharie', birthDate: '1975-05-23' },
    { lastName: 'Brancourt', firstNames: 'Ysolde', birthDate: '1969-11-02' },
  ];

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({
      NODE_ENV: mode,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      JWT_SECRET: 'a-secret-for-the-log-test-of-32-chars-at-least',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      SWEEP_INTERVAL_MINUTES: '0',
    });
    api = new GraphqlClient(server.url);
    accounts = await new AccountsFixture(api).init();
    referent = await accounts.user('REFERENT');
  });
  afterAll(async () => {
    if (server.child.exitCode === null) await server.stop();
    await database.drop();
  });

  it('logs neither names, birth dates nor hashes on a driver failure, answers it without them, and does not log NOT_FOUND as an error', async () => {
    const refer = (person: Record<string, unknown>) => api.request(REFER, { input: { operatorId: accounts.operatorId, person: aPerson(person), barriers: [] } }, { token: referent.token });
    expect((await refer(PEOPLE[0])).errors).toBeUndefined();
    const missing = await api.request('query ($id: ID!) { pathway(id: $id) { id } }', { id: randomUUID() }, { token: referent.token, headers: { 'x-request-id': 'not-found-check' } });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);

    // Hostile input, refused at the edge: its values stay out of the logs too.
    for (const lastName of ['Quennevat\u0000', 'Quennevat\uD800', 'Quennevat'.repeat(20)]) {
      expect(errorCodes(await refer({ ...PEOPLE[0], lastName }))).not.toContain('INTERNAL_SERVER_ERROR');
    }

    await sql(database.url, 'alter table participant rename to participant_moved');
    try {
      const failed = await api.request(REFER, { input: { operatorId: accounts.operatorId, person: aPerson(PEOPLE[1]), barriers: [] } }, { token: referent.token, headers: { 'x-request-id': 'driver-failure' } });
      expect(errorCodes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
      const response = JSON.stringify(failed);
      for (const trace of ['Brancourt', 'Ysolde', '1969-11-02', 'participant_moved', 'insert into', 'select ', 'no such table', 'does not exist']) expect({ trace, inResponse: response.toLowerCase().includes(trace.toLowerCase()) }).toEqual({ trace, inResponse: false });
    } finally {
      await sql(database.url, 'alter table participant_moved rename to participant');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));

    const output = server.output();
    for (const trace of ['Quennevat', 'Brancourt', 'Zacharie', 'Ysolde', '1975-05-23', '1969-11-02', '$argon2', referent.password, 'participant_moved']) {
      expect({ trace, inLogs: output.includes(trace) }).toEqual({ trace, inLogs: false });
    }
    const entries = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg?: string; reqId?: string });
    const errors = entries.filter((entry) => entry.level >= 50);
    expect(errors.map((entry) => [entry.msg, entry.reqId])).toContainEqual(['Unexpected error', 'driver-failure']);
    expect(errors.filter((entry) => entry.reqId === 'not-found-check')).toEqual([]);
    expect(errors.every((entry) => ['Unexpected error', 'request errored', 'request completed'].includes(entry.msg ?? ''))).toBe(true);
  });
});
