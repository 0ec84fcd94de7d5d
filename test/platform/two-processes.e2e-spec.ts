import { AccountsFixture } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { aPerson, REFER } from '../support/journey';
import { productionEnv, startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, describeOnSqlite, type TestDatabase } from '../support/test-database';


/**
 * Two server processes on one SQLite file (the layout of an API beside a relay): their writers
 * wait for each other on the busy timeout instead of failing.
 */
describeOnSqlite('two server processes on one SQLite file', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = productionEnv(database.url, TEST_ADMIN.email, TEST_ADMIN.password);
    servers.push(await startServer(env)); // the first migrates and creates the administrator
    servers.push(await startServer(env));
  });
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) await server.stop();
    await database.drop();
  });

  it('takes 100 concurrent referrals split between them: no error, one open pathway per person', async () => {
    const [first, second] = servers.map((server) => new GraphqlClient(server.url));
    const accounts = await new AccountsFixture(first).init();
    const referent = await accounts.user('REFERENT');
    const people = Array.from({ length: 50 }, () => aPerson());
    // Each person referred twice at once, once through each process.
    const results = await Promise.all(
      people.flatMap((person) =>
        [first, second].map((api) => api.request<{ referParticipant: { pathway: { id: string } | null; userErrors: { code: string }[] } }>(REFER, { input: { operatorId: accounts.operatorId, person, barriers: [] } }, { token: referent.token })),
      ),
    );
    expect(results.map((result) => result.status).filter((status) => status !== 200)).toEqual([]);
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const outcomes = results.map((result) => (result.data!.referParticipant.pathway ? 'REFERRED' : result.data!.referParticipant.userErrors.map((error) => error.code).join()));
    expect(outcomes.filter((outcome) => outcome === 'REFERRED')).toHaveLength(people.length);
    expect(outcomes.filter((outcome) => outcome !== 'REFERRED')).toEqual(Array(people.length).fill('OPEN_PATHWAY_EXISTS'));
    const listed = await second.data<{ pathways: { totalCount: number } }>('{ pathways(first: 1) { totalCount } }', {}, { token: referent.token });
    expect(listed.pathways.totalCount).toBe(people.length);
    for (const server of servers) expect(server.output()).not.toMatch(/SQLITE_BUSY|"level":50/);
  });
});
