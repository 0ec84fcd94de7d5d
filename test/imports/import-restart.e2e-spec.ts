import { AccountsFixture } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { ImportsClient, listCsv, type ListPerson } from '../support/imports';
import { productionEnv, startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 36, item 3: an import goes on by itself after the server stopped in the middle of it —
 * killed outright (SIGKILL: no shutdown, its lease still held) — and ends as it would have: every
 * line referred once, the managers told once.
 */
describe('an import through a restart', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.stop('SIGKILL');
    await database.drop();
  });

  it('resumes after SIGKILL where it was, and refers nobody twice', async () => {
    const env = productionEnv(database.url, TEST_ADMIN.email, TEST_ADMIN.password);
    server = await startServer(env);
    let api = new GraphqlClient(server.url);
    const accounts = await new AccountsFixture(api).init();
    const referent = await accounts.user('REFERENT');
    const manager = await accounts.user('MANAGER');
    let imports = new ImportsClient(api, server.url);
    const people: ListPerson[] = Array.from({ length: 300 }, (_, index) => ({ nom: `Relance${String.fromCharCode(97 + (index % 26))}${index}`, prenom: 'Yves', naissance: '05/05/1985' }));
    const { body } = await imports.upload(referent, listCsv(people), 'relance.csv');
    await imports.update(referent, body.id!, { choices: { operatorId: accounts.operatorId, informedOn: '2026-03-02' } });
    await imports.confirm(referent, body.id!);
    let done = 0;
    while (done < 20) done = (await imports.get(referent, body.id!, false)).done;
    await server.stop('SIGKILL');
    const [{ n: before }] = await queryDatabase<{ n: number }>(database.url, `select count(*) as n from referral_import_line where referral_import_id = '${body.id}' and done = ${database.url.startsWith('sqlite') ? 1 : 'true'}`);
    expect(Number(before)).toBeLessThan(300);

    server = await startServer(env);
    api = new GraphqlClient(server.url);
    imports = new ImportsClient(api, server.url);
    // Its lease lapses (10 s), the server's check takes it up (every 10 s).
    const ended = await imports.done(referent, body.id!, 60);
    expect(ended.counts).toMatchObject({ referred: 300, alreadyInPathway: 0, inError: 0 });
    const [{ people: referred, pathways }] = await queryDatabase<{ people: number; pathways: number }>(
      database.url,
      "select count(distinct p.id) as people, count(w.id) as pathways from participant p join pathway w on w.participant_id = p.id where p.last_name like 'Relance%'",
    );
    expect([Number(referred), Number(pathways)]).toEqual([300, 300]);
    const notices = await api.data<{ myNotifications: { edges: { node: { kind: string; itemId: string } }[] } }>('{ myNotifications(first: 50) { edges { node { kind itemId } } } }', {}, { token: manager.token });
    expect(notices.myNotifications.edges.map((edge) => edge.node)).toEqual([{ kind: 'NEW_REFERRAL', itemId: body.id }]);
  }, 120_000);
});
