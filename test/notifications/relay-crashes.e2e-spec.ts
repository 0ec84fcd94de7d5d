import { AccountsFixture, type TestUser } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { JourneyFixture } from '../support/journey';
import { startRelay, startServer, type ServerProcess } from '../support/server-process';
import { eventually, mailEnv, outboxOf, TestSmtp, type OutboxRow } from '../support/smtp';
import { createTestDatabase, describeOnSqlite, queryDatabase, type TestDatabase } from '../support/test-database';

const onPostgres = (process.env.DATABASE_URL ?? '').startsWith('postgres');
const describeOnPostgres: jest.Describe = onPostgres ? describe : describe.skip;

// Each test starts several processes (a server started is ~2 s of CPU on a 2-core machine).
jest.setTimeout(90_000);

/**
 * The relay never loses a notification: Parcours killed outright (SIGKILL) before sending, or in
 * the window between the SMTP server's acceptance and the mark; an SMTP server refusing
 * connections, then answering 451; two relays. Real processes, a real SMTP server.
 */
describe('the relay under crashes and failures', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  const processes: ServerProcess[] = [];
  let api: GraphqlClient;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let counsellor: TestUser;

  const start = async (extra: Record<string, string> = {}) => {
    const server = await startServer(mailEnv(database.url, smtp, extra));
    processes.push(server);
    api = new GraphqlClient(server.url);
    accounts = await new AccountsFixture(api).init();
    journey = new JourneyFixture(api, accounts);
    return server;
  };
  const rows = () => queryDatabase<OutboxRow>(database.url, 'select * from outbox_message');
  const rowsOf = (pathwayIds: string[]) => outboxOf(database.url, pathwayIds);
  const allSent = (pathwayIds: string[]) =>
    eventually(async () => {
      const found = await rowsOf(pathwayIds);
      return found.length === pathwayIds.length && found.every((row) => row.status === 'SENT') ? found : null;
    }, 10_000, 'every message SENT');

  beforeEach(async () => {
    database = await createTestDatabase();
    smtp = await TestSmtp.start();
  });
  afterEach(async () => {
    for (const process of processes.splice(0)) await process.stop('SIGKILL');
    await smtp.down();
    await database.drop();
  });

  it('crash before send: SMTP unreachable, Parcours killed; after restarting both, the e-mail arrives once', async () => {
    await smtp.down();
    const first = await start();
    const referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    const pathway = await journey.diagnosed(referent, counsellor);
    await eventually(async () => (await rowsOf([pathway.id]))[0]?.attempts >= 1, 10_000, 'a failed attempt');
    await first.stop('SIGKILL');

    await smtp.up();
    await start();
    const [row] = await allSent([pathway.id]);
    expect(smtp.to(referent.email).map((mail) => mail.messageId)).toEqual([row.idempotency_key]);
  });

  it('duplicate window: killed between SMTP acceptance and marking SENT, at most one more copy, with the same Message-ID', async () => {
    const paused = await start({ OUTBOX_TEST_PAUSE_AFTER_SEND_MS: '60000', OUTBOX_LEASE_SECONDS: '1' });
    const referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    const pathway = await journey.diagnosed(referent, counsellor);
    await eventually(() => smtp.to(referent.email).length === 1 && paused.output().includes('Test hook'), 10_000, 'the pause after acceptance');
    expect((await rowsOf([pathway.id]))[0].status).toBe('PENDING');
    await paused.stop('SIGKILL');

    await start({ OUTBOX_LEASE_SECONDS: '1' });
    const [row] = await allSent([pathway.id]);
    const copies = smtp.to(referent.email);
    expect(copies.length).toBeLessThanOrEqual(2);
    expect(new Set(copies.map((mail) => mail.messageId))).toEqual(new Set([row.idempotency_key]));
  });

  it('SMTP refusing connections, then answering 451, then back: every e-mail arrives, none twice', async () => {
    await smtp.down();
    await start();
    const referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    const pathways: string[] = [];
    for (let i = 0; i < 3; i++) pathways.push((await journey.diagnosed(referent, counsellor)).id);
    const refused = await eventually(async () => {
      const found = await rowsOf(pathways);
      return found.length === 3 && found.every((row) => row.attempts >= 1) ? found : null;
    }, 10_000, 'a refused connection for each');
    for (const row of refused) expect(row).toMatchObject({ status: 'PENDING', smtp_code: null, last_error: expect.stringMatching(/^E[A-Z]+$/) });

    smtp.mode = 'tempfail';
    await smtp.up();
    await eventually(async () => (await rowsOf(pathways)).every((row) => row.status === 'PENDING' && row.last_error === 'SMTP 451'), 10_000, 'a 451 for each');
    expect(smtp.mails).toHaveLength(0);

    smtp.mode = 'accept';
    const sent = await allSent(pathways);
    const ids = smtp.to(referent.email).map((mail) => mail.messageId).sort();
    expect(ids).toEqual(sent.map((row) => row.idempotency_key).sort());
    expect(new Set(ids).size).toBe(3);
  });

  it('on SIGTERM, finishes the message in hand, then exits 0', async () => {
    const server = await start({ OUTBOX_TEST_PAUSE_AFTER_SEND_MS: '1500' });
    const referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    const pathway = await journey.diagnosed(referent, counsellor);
    await eventually(() => server.output().includes('Test hook'), 10_000, 'the message in hand');
    expect(await server.stop('SIGTERM')).toBe(0);
    expect((await rowsOf([pathway.id]))[0]).toMatchObject({ status: 'SENT', smtp_code: 250 });
    expect(server.output()).toMatch(/Relay .* stopped/);
  });

  describeOnSqlite('on SQLite', () => {
    it('refuses a second relay on the same file, and lets one start once the first is gone', async () => {
      const api = await start();
      const second = await startRelay(mailEnv(database.url, smtp)).then(
        () => 'started',
        (error: Error) => error.message,
      );
      expect(second).toMatch(/exited \(1\)/);
      expect(second).toContain('Another e-mail relay is running on this SQLite database');
      await api.stop('SIGKILL');
      const relay = await startRelay(mailEnv(database.url, smtp));
      processes.push(relay);
      expect(relay.output()).toContain('Relay running');
    });
  });

  describeOnPostgres('on PostgreSQL', () => {
    it('two relays share 200 messages, each delivered once (FOR UPDATE SKIP LOCKED)', async () => {
      await start({ RELAY_IN_PROCESS: 'false' });
      const referent = await accounts.user('REFERENT');
      counsellor = await accounts.user('COUNSELLOR');
      const relays = await Promise.all([0, 1].map(() => startRelay(mailEnv(database.url, smtp, { OUTBOX_POLL_MS: '50' }))));
      processes.push(...relays);
      let made = 0;
      const pathways: string[] = [];
      const worker = async () => {
        while (made < 200) {
          made += 1;
          const pathway = await journey.refer(referent);
          await journey.decline(counsellor, pathway.id, 'UNREACHABLE');
          pathways.push(pathway.id);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      expect(pathways).toHaveLength(200);
      const sent = await eventually(async () => {
        const found = await rows();
        return found.length === 200 && found.every((row) => row.status === 'SENT') ? found : null;
      }, 10_000, '200 messages SENT');
      const ids = smtp.to(referent.email).map((mail) => mail.messageId);
      expect(ids).toHaveLength(200);
      expect(new Set(ids)).toEqual(new Set(sent.map((row) => row.idempotency_key)));
      const byRelay = relays.map((relay) => (relay.output().match(/: SENT \(250\)/g) ?? []).length);
      expect(byRelay[0] + byRelay[1]).toBe(200);
      expect(Math.min(...byRelay)).toBeGreaterThan(0);
    }, 180_000);
  });
});
