import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replicate } from '../../scripts/bench/replicate';
import { DEMO_PASSWORD } from '../../scripts/demo-data/constants';
import { GraphqlClient } from '../support/graphql-client';
import { runMain, startServer } from '../support/server-process';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const GENERATE = join(__dirname, '../../dist/scripts/generate.js');
const DEMO = join(__dirname, '../../dist/scripts/demo.js');
const UNTIL = '2026-06-01';

async function generate(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runMain({}, GENERATE, args);
  const code = await run.exited;
  return { code, output: run.output() };
}

async function count(url: string, sql: string): Promise<number> {
  const [row] = await queryDatabase<{ n: number | string }>(url, sql);
  return Number(row.n);
}

const digestOf = (output: string) => /Digest ([0-9a-f]{16})/.exec(output)?.[1];

/** The accounts the generator printed: "Accounts (password …): ADMIN a@…, MANAGER m@…, …". */
function printedAccounts(output: string): Record<string, string> {
  const line = /Accounts \(password [^)]+\): (.*)\./.exec(output)?.[1] ?? '';
  return Object.fromEntries(line.split(', ').map((entry) => entry.split(' ') as [string, string]));
}

describe('npm run generate: demo data through the domain', () => {
  jest.setTimeout(240_000);
  const databases: TestDatabase[] = [];
  const fresh = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  };
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('gives the same digest twice for one seed; the printed accounts sign in and the outcome report answers on the result', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const first = await generate(['--database', a.url, '--pathways', '50', '--seed', '7', '--until', UNTIL]);
    const second = await generate(['--database', b.url, '--pathways', '50', '--seed', '7', '--until', UNTIL]);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(digestOf(first.output)).toMatch(/^[0-9a-f]{16}$/);
    expect(digestOf(second.output)).toBe(digestOf(first.output));
    expect(first.output).toContain(`CLOCK_START=${UNTIL}`);

    // Another seed, other rows.
    const other = await fresh();
    const third = await generate(['--database', other.url, '--pathways', '50', '--seed', '8', '--until', UNTIL]);
    expect(digestOf(third.output)).not.toBe(digestOf(first.output));

    // On PostgreSQL, the same rows as on the embedded SQLite: the digest reads values as the entities type them.
    if (a.url.startsWith('postgres')) {
      const folder = mkdtempSync(join(tmpdir(), 'parcours-generate-'));
      try {
        const sqlite = await generate(['--database', `sqlite:${join(folder, 'demo.sqlite')}`, '--pathways', '50', '--seed', '7', '--until', UNTIL]);
        expect(digestOf(sqlite.output)).toBe(digestOf(first.output));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }

    // Every stage is reached, visibly fictional, and nothing is dated after the last simulated day.
    expect(await count(a.url, 'select count(*) as n from pathway')).toBe(50);
    const statuses = (await queryDatabase<{ status: string }>(a.url, 'select distinct status from pathway')).map((row) => row.status);
    expect(statuses).toEqual(expect.arrayContaining(['EXITED', 'IN_PLACEMENT', 'DIAGNOSED']));
    expect(await count(a.url, "select count(*) as n from participant where last_name not like '%(démo)'")).toBe(0);
    expect(await count(a.url, 'select count(*) as n from placement')).toBeGreaterThan(0);
    expect(await count(a.url, 'select count(*) as n from follow_up_contact')).toBeGreaterThan(0);
    expect(await count(a.url, 'select count(*) as n from convention')).toBe(1);
    expect(await count(a.url, `select count(*) as n from pathway_event where at >= ${a.url.startsWith('sqlite:') ? Date.parse(`${UNTIL}T00:00:00+02:00`) : `'${UNTIL}T00:00:00+02:00'`}`)).toBe(0);

    const accounts = printedAccounts(first.output);
    expect(Object.keys(accounts)).toEqual(['ADMIN', 'MANAGER', 'COUNSELLOR', 'REFERENT', 'FUNDER']);
    const server = await startServer({ NODE_ENV: 'test', DATABASE_URL: a.url, JWT_SECRET: 'demo-test-secret-demo-test-secret-000000', CLOCK_START: UNTIL, SWEEP_INTERVAL_MINUTES: '0', LOG_LEVEL: 'info' });
    try {
      const api = new GraphqlClient(server.url);
      const tokens: Record<string, string> = {};
      for (const [role, email] of Object.entries(accounts)) {
        const data = await api.data<{ login: { tokens: { accessToken: string } | null } }>(
          'mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } } }',
          { input: { email, password: DEMO_PASSWORD } },
        );
        expect(data.login.tokens).not.toBeNull();
        tokens[role] = data.login.tokens!.accessToken;
        const me = await api.data<{ me: { role: string } }>('{ me { role } }', {}, { token: tokens[role] });
        expect(me.me.role).toBe(role);
      }
      const report = await api.data<{ outcomeReport: { rows: { month: string }[]; total: { figures: { referrals: { value: number }; exits: { value: number } } } } }>(
        '{ outcomeReport(input: { from: "2024-12-01", to: "2026-05-31", groupBy: [MONTH] }) { rows { month } total { figures { referrals { value } exits { value } } } } }',
        {},
        { token: tokens.MANAGER },
      );
      expect(report.outcomeReport.total.figures.referrals.value).toBe(50);
      expect(report.outcomeReport.total.figures.exits.value).toBeGreaterThan(0);
      expect(report.outcomeReport.rows.length).toBeGreaterThan(6);
    } finally {
      await server.stop();
    }
  });

  it('a generated database replicated for the benchmarks at scale: every journey table times the copies, fresh ids and people, nothing pointing outside its copy', async () => {
    const database = await fresh();
    expect((await generate(['--database', database.url, '--pathways', '20', '--seed', '5', '--until', UNTIL])).code).toBe(0);
    const tables = ['participant', 'pathway', 'referral_barrier', 'appointment', 'diagnostic', 'referent_report', 'proposal', 'proposal_step', 'placement', 'checkpoint', 'follow_up_contact', 'pathway_event', 'audit_entry'];
    const before = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(database.url, `select count(*) as n from ${table}`)] as const)));
    const users = await count(database.url, 'select count(*) as n from app_user');
    await replicate(database.url, 3);
    for (const table of tables) expect([table, await count(database.url, `select count(*) as n from ${table}`)]).toEqual([table, 3 * before[table]]);
    expect(await count(database.url, 'select count(*) as n from app_user')).toBe(users);
    // Other people: each copy's names carry its number, and no identity is there twice.
    expect(await count(database.url, "select count(*) as n from participant where last_name like '%(démo 2)'")).toBe(before.participant);
    expect(await count(database.url, 'select count(distinct identity_key) as n from participant')).toBe(3 * before.participant);
    // Each copy's rows point to their own copy: a pathway's events and proposals are its own person's, never another copy's.
    expect(await count(database.url, 'select count(*) as n from pathway_event e join pathway p on p.id = e.pathway_id')).toBe(3 * before.pathway_event);
    expect(await count(database.url, "select count(*) as n from pathway p join participant r on r.id = p.participant_id where r.last_name like '%(démo 2)' and p.open_key is not null and p.open_key <> cast(p.participant_id as varchar(36))")).toBe(0);
    expect(await count(database.url, 'select count(*) as n from proposal s join pathway p on p.id = s.pathway_id join placement l on l.proposal_id = s.id where l.pathway_id <> p.id')).toBe(0);
    if (database.url.startsWith('sqlite:')) expect(await queryDatabase(database.url, 'pragma foreign_key_check')).toEqual([]);
  });

  it('killed mid-run, leaves whole batches only (each is one transaction), and a rerun is refused as not empty', async () => {
    const database = await fresh();
    const run = runMain({}, GENERATE, ['--database', database.url, '--pathways', '600', '--seed', '3', '--until', UNTIL]);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const pathways = await count(database.url, 'select count(*) as n from pathway').catch(() => 0);
      if (pathways >= 40) break;
      if (run.child.exitCode !== null || Date.now() > deadline) throw new Error(`the generator ended or stalled before the test could kill it:\n${run.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    run.child.kill('SIGKILL');
    await run.exited;

    // Every command's rows came with the rest of its batch: no pathway without its history, no
    // participant without its access-log entry, no diagnostic without the referent's report.
    expect(await count(database.url, 'select count(*) as n from pathway p where not exists (select 1 from pathway_event e where e.pathway_id = p.id)')).toBe(0);
    expect(await count(database.url, "select count(*) as n from participant p where not exists (select 1 from audit_entry a where a.participant_id = '' || p.id)")).toBe(0);
    expect(
      await count(database.url, "select count(*) as n from diagnostic d where not exists (select 1 from referent_report r where r.pathway_id = d.pathway_id and r.kind = 'DIAGNOSTIC_RECORDED')"),
    ).toBe(0);
    const before = await count(database.url, 'select count(*) as n from pathway');

    const rerun = await generate(['--database', database.url, '--pathways', '10']);
    expect(rerun.code).toBe(2);
    expect(rerun.output.trim()).toMatch(/^Refused: the database "[^"]+" is not empty \(\d+ tables\); generate into a new one\.$/);
    expect(await count(database.url, 'select count(*) as n from pathway')).toBe(before);
  });

  describe('bad input: one line, exit code 2, nothing written', () => {
    let folder: string;
    beforeAll(() => (folder = mkdtempSync(join(tmpdir(), 'parcours-generate-'))));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('a negative number of pathways', async () => {
      const target = join(folder, 'demo-negative.sqlite');
      const result = await generate(['--database', `sqlite:${target}`, '--pathways', '-1']);
      expect(result.code).toBe(2);
      expect(result.output).toBe('--pathways must be a whole number from 1 to 2000000 (got "-1").\n');
      expect(existsSync(target)).toBe(false);
    });

    it('a database URL of no known kind', async () => {
      const result = await generate(['--database', 'mysql://localhost/demo', '--pathways', '5']);
      expect(result.code).toBe(2);
      expect(result.output).toBe('--database: must be sqlite:PATH (for example sqlite:data/parcours.sqlite) or postgresql://USER@HOST:PORT/DATABASE\n');
    });

    it('a database not named for generated data', async () => {
      const sqlite = join(folder, 'parcours.sqlite');
      const result = await generate(['--database', `sqlite:${sqlite}`, '--pathways', '5']);
      expect(result.code).toBe(2);
      expect(result.output).toBe('Refused: the database "parcours.sqlite" is not named for generated data; its name must contain demo, bench or test.\n');
      expect(existsSync(sqlite)).toBe(false);
      if ((process.env.DATABASE_URL ?? '').startsWith('postgres')) {
        const server = new URL(process.env.DATABASE_URL!);
        server.pathname = '/parcours_live_data';
        const refused = await generate(['--database', server.toString(), '--pathways', '5']);
        expect(refused.code).toBe(2);
        server.pathname = '/postgres';
        expect(await count(server.toString(), "select count(*) as n from pg_database where datname = 'parcours_live_data'")).toBe(0);
      }
    });

    it('an unknown option', async () => {
      const result = await generate(['--database', `sqlite:${join(folder, 'demo.sqlite')}`, '--size', '5']);
      expect(result.code).toBe(2);
      expect(result.output).toMatch(/^Unknown option '--size'\. Usage: npm run generate -- --database URL .*\n$/);
    });
  });

  describe('npm run demo', () => {
    it('refuses to run in production, before it generates or serves anything', async () => {
      const run = runMain({ NODE_ENV: 'production' }, DEMO);
      expect(await run.exited).toBe(2);
      expect(run.output()).toBe('Refused: the demo serves fictional data on a moving clock; it does not run with NODE_ENV=production.\n');
    });

    it('refuses an unknown argument', async () => {
      const run = runMain({}, DEMO, ['--size=5']);
      expect(await run.exited).toBe(2);
      expect(run.output()).toBe('Unknown argument --size=5. Usage: npm run demo [-- --fresh] [--proconnect]\n');
    });
  });
});
