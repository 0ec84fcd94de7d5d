import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { aPerson, type JourneyFixture, startJourneyApp } from '../support/journey';
import { BACKUP, runMain, startServer } from '../support/server-process';
import { TEST_ADMIN, type TestApp } from '../support/test-app';
import { describeOnSqlite, queryDatabase } from '../support/test-database';

/** `npm run backup -- PATH`: an online copy of the SQLite file while the server writes (PostgreSQL's is pg_dump). */
describeOnSqlite('backup of a running SQLite database (PostgreSQL is backed up with pg_dump: skipped there)', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let folder: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    folder = dirname(t.config.database.sqlitePath!);
  });
  afterAll(() => t.close());

  const backup = async (path: string) => {
    const run = runMain({ DATABASE_URL: t.config.database.url, LOG_LEVEL: 'silent' }, BACKUP, [path]);
    return { code: await run.exited, lines: run.output().trim().split('\n') };
  };
  const pathways = async (url: string) => (await queryDatabase<{ n: number }>(url, 'select count(*) as n from pathway'))[0].n;
  const leftovers = () => readdirSync(folder).filter((name) => name.includes('.partial-'));

  it('makes a consistent copy during 50 concurrent writes, which passes integrity_check and starts a server', async () => {
    const before = await pathways(t.config.database.url);
    const target = join(folder, 'backup-test.sqlite');
    const writes = Promise.all(Array.from({ length: 50 }, () => journey.referRaw(referent, aPerson())));
    const made = await backup(target);
    const results = await writes;
    expect(made).toEqual({ code: 0, lines: [expect.stringMatching(/^Backup written: .*backup-test\.sqlite \(\d+ bytes, integrity ok, \d+ ms\)$/)] });
    expect(results.every((result) => result.pathway !== null)).toBe(true);

    const copy = `sqlite:${target}`;
    expect(await queryDatabase(copy, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const copied = await pathways(copy);
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(before + 50);
    // Each pathway in the copy came with its participant and its first history line (one snapshot).
    expect(await queryDatabase(copy, 'select count(*) as n from pathway p where not exists (select 1 from participant a where a.id = p.participant_id) or not exists (select 1 from pathway_event e where e.pathway_id = p.id)')).toEqual([{ n: 0 }]);
    expect(leftovers()).toEqual([]);

    const server = await startServer({ DATABASE_URL: copy, LOG_LEVEL: 'info', JWT_SECRET: 'a-secret-of-at-least-32-characters-long', ADMIN_EMAIL: TEST_ADMIN.email });
    try {
      const api = new GraphqlClient(server.url);
      const login = await api.data<{ login: { tokens: { accessToken: string } | null } }>('mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } } }', {
        input: { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      });
      const seen = await api.data<{ pathways: { totalCount: number } }>('{ pathways { totalCount } }', undefined, { token: login.login.tokens!.accessToken });
      expect(seen.pathways.totalCount).toBe(copied);
    } finally {
      await server.stop();
    }
  });

  it('refuses a path in a missing folder, and an existing file, with one line and a non-zero exit, writing nothing', async () => {
    const missing = await backup(join(folder, 'no-such-folder', 'copy.sqlite'));
    expect(missing).toEqual({ code: 1, lines: [expect.stringMatching(/^Backup failed: the folder .*no-such-folder does not exist\. Nothing was written\.$/)] });

    const existing = join(folder, 'existing-test.sqlite');
    writeFileSync(existing, 'an earlier file');
    const refused = await backup(existing);
    expect(refused).toEqual({ code: 1, lines: [expect.stringMatching(/already exists: give the name of a new file\. Nothing was written\.$/)] });
    expect(readFileSync(existing, 'utf8')).toBe('an earlier file');

    expect(await backup('')).toEqual({ code: 2, lines: ['Usage: npm run backup -- PATH (a new file, in an existing folder)'] });
    expect(leftovers()).toEqual([]);
  });
});
