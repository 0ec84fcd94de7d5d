import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AuditEntry } from '@parcours/audit';
import { Clock } from '@parcours/core';
import { DatabaseLocks, MIGRATIONS } from '@parcours/db';
import { AppModule } from '../../apps/api/src/app.module';
import { fastifyAdapter } from '../../apps/api/src/http/fastify';
import { SweepScheduler } from '../../apps/api/src/sweeps/sweep-scheduler';
import { AccountsFixture, LOGIN } from '../support/accounts';
import { errorCodes, GraphqlClient } from '../support/graphql-client';
import { productionEnv, startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN, type TestApp } from '../support/test-app';
import { JourneyFixture, SCHEDULE, startJourneyApp } from '../support/journey';
import { DigestService, NotificationKind, StaffNotification, StaffNotificationsService } from '@parcours/notifications';
import { TestSmtp } from '../support/smtp';
import { SubscriptionProbe } from '../support/ws-client';

type Issued = { referentReportIssued: { id: string; kind: string; pathwayId: string } };
import { createTestDatabase, describeOnPostgres, queryDatabase, type TestDatabase } from '../support/test-database';

/**
 * Several API processes on one PostgreSQL database (SQLite supports one API process per file: these
 * tests are skipped there). What must happen once at a time does, under advisory locks.
 */
describeOnPostgres('several API processes on PostgreSQL', () => {
  describe('started at the same instant on an empty database', () => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      const env = productionEnv(database.url, TEST_ADMIN.email, TEST_ADMIN.password);
      servers = await Promise.all([startServer(env), startServer(env)]);
    });
    afterAll(async () => {
      for (const server of servers) if (server.child.exitCode === null) await server.stop();
      await database.drop();
    });

    it('migrates once and creates one first administrator; both are healthy', async () => {
      const outputs = servers.map((server) => server.output());
      expect(outputs.filter((output) => /Applied \d+ migration\(s\)/.test(output))).toHaveLength(1);
      expect(outputs.filter((output) => output.includes('Created the operator organisation'))).toHaveLength(1);
      expect(await queryDatabase(database.url, 'select count(*)::int as n from mikro_orm_migrations')).toEqual([{ n: MIGRATIONS.postgresql.length }]);
      expect(await queryDatabase(database.url, 'select count(*)::int as n from app_user')).toEqual([{ n: 1 }]);
      expect(await queryDatabase(database.url, 'select count(*)::int as n from organisation')).toEqual([{ n: 1 }]);
      for (const server of servers) expect((await fetch(`${server.url}/health`)).status).toBe(200);
    });

    it('pushes a report recorded through one process to its referent subscribed on the other, and to nobody else', async () => {
      const [a, b] = servers.map((server) => new GraphqlClient(server.url));
      const accounts = await new AccountsFixture(a).init();
      const referent = await accounts.user('REFERENT');
      const stranger = await accounts.user('REFERENT');
      const counsellor = await accounts.user('COUNSELLOR');
      const probes = [referent, stranger].map((user) => new SubscriptionProbe<Issued>(servers[0].url, user.token));
      try {
        for (const probe of probes) await probe.subscribe('subscription { referentReportIssued { id kind pathwayId } }');
        const pathway = await new JourneyFixture(b, accounts).diagnosed(referent, counsellor); // through B
        const recorded = Date.now();
        const pushed = await probes[0].next(1, 10_000);
        console.log(`report recorded through B → pushed by A: ${Date.now() - recorded} ms`);
        expect(pushed.referentReportIssued).toMatchObject({ kind: 'DIAGNOSTIC_RECORDED', pathwayId: pathway.id });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(probes[1].received).toEqual([]);
        expect(probes.flatMap((probe) => probe.errors)).toEqual([]);
      } finally {
        await Promise.all(probes.map((probe) => probe.close()));
      }
    });

    it('ends a session everywhere: after logout through one, the token is refused by the other', async () => {
      const [a, b] = servers.map((server) => new GraphqlClient(server.url));
      const login = await a.data<{ login: { tokens: { accessToken: string } } }>(LOGIN, { input: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } });
      const token = login.login.tokens.accessToken;
      expect(errorCodes(await b.request('{ me { id } }', undefined, { token }))).toEqual([]);
      await a.data('mutation { logout { loggedOut } }', undefined, { token });
      expect(errorCodes(await b.request('{ me { id } }', undefined, { token }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('rolling restart', () => {
    let database: TestDatabase;
    const servers: ServerProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      const env = productionEnv(database.url, TEST_ADMIN.email, TEST_ADMIN.password);
      servers.push(await startServer(env));
      servers.push(await startServer(env));
    });
    afterAll(async () => {
      for (const server of servers) if (server.child.exitCode === null) await server.stop();
      await database.drop();
    });

    /** A load balancer's retry: a request refused or cut by a process that is going away goes to the next one. */
    const balanced = async (body: string, token: string, start: number): Promise<number> => {
      for (let attempt = 0; attempt < servers.length * 2; attempt++) {
        const server = servers[(start + attempt) % servers.length];
        try {
          const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
          if (response.status === 503) continue; // draining
          await response.json();
          return response.status;
        } catch {
          // connection refused or closed: the next process
        }
      }
      return 0;
    };

    it('loses no request when one of two processes gets SIGTERM under load', async () => {
      const api = new GraphqlClient(servers[0].url);
      const login = await api.data<{ login: { tokens: { accessToken: string } } }>(LOGIN, { input: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } });
      const token = login.login.tokens.accessToken;
      const body = JSON.stringify({ query: '{ me { id email } organisations(first: 5) { totalCount } }' });
      const statuses: number[] = [];
      let sent = 0;
      const until = Date.now() + 3_000;
      const worker = async (lane: number) => {
        while (Date.now() < until) statuses.push(await balanced(body, token, lane + sent++));
      };
      const load = Promise.all(Array.from({ length: 8 }, (_, lane) => worker(lane)));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const exit = servers[0].stop('SIGTERM');
      await load;
      expect(await exit).toBe(0);
      expect(statuses.length).toBeGreaterThan(50);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
    });
  });

  describe('sweeps', () => {
    let t: TestApp;
    let other: NestFastifyApplication;
    let tomorrow: string;

    beforeAll(async () => {
      let accounts: AccountsFixture;
      let journey: JourneyFixture;
      ({ t, accounts, journey } = await startJourneyApp());
      await journey.refer(await accounts.user('REFERENT')); // audit entries, for the purge to count
      // An interview tomorrow (Tuesday 17 March), for the notifications of what falls due.
      const counsellor = await accounts.user('COUNSELLOR');
      const booked = await journey.refer(await accounts.user('REFERENT'));
      await journey.accept(counsellor, booked.id);
      const scheduled = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId: booked.id, startsAt: '2026-03-17T08:00:00Z', channel: 'ON_SITE' } }, { token: counsellor.token });
      tomorrow = scheduled.scheduleDiagnostic.appointment.id;
      // A second process on the same database: its own module, its own connection pool, the same clock.
      const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(t.config)] }).overrideProvider(Clock).useValue(t.clock).compile();
      other = moduleRef.createNestApplication<NestFastifyApplication>(fastifyAdapter(t.config), { logger: false });
      await other.init();
    });
    afterAll(async () => {
      await other.close();
      await t.close();
    });

    it('announce what falls due once, even when two processes sweep at the same instant past the lock', async () => {
      const [mine, theirs] = [t.app.get(StaffNotificationsService), other.get(StaffNotificationsService)];
      const runs = await Promise.all([mine.sweepDue(), theirs.sweepDue(), mine.sweepDue(), theirs.sweepDue()]);
      expect(runs.reduce((sum, run) => sum + run.announced, 0)).toBe(1);
      expect(await t.orm.em.fork().count(StaffNotification, { itemId: tomorrow, kind: NotificationKind.APPOINTMENT_TOMORROW })).toBe(1);
    });

    it('run in one process at a time: started on both at once, their effect is counted once', async () => {
      const old = await t.orm.em.fork().count(AuditEntry, {});
      expect(old).toBeGreaterThan(0);
      t.clock.set('2027-06-01T09:00:00Z'); // every entry is now older than AUDIT_RETENTION_MONTHS
      const [mine, theirs] = [t.app.get(SweepScheduler), other.get(SweepScheduler)];
      const runs = await Promise.all([mine.runOnce(), theirs.runOnce()]);
      const done = runs.filter((run) => run !== null);
      expect(done.length).toBeGreaterThanOrEqual(1);
      expect(done.reduce((sum, run) => sum + run!['audit purge'].purged, 0)).toBe(old);
      expect(await t.orm.em.fork().count(AuditEntry, {})).toBe(0);
    });

    it('skip a tick while another process sweeps', async () => {
      const skipped = await other.get(DatabaseLocks).exclusive('sweeps', () => t.app.get(SweepScheduler).runOnce());
      expect(skipped).toBeNull();
      expect(await t.app.get(SweepScheduler).runOnce()).not.toBeNull();
    });
  });

  describe('the morning digest', () => {
    let t: TestApp;
    let other: NestFastifyApplication;
    let smtp: TestSmtp;

    beforeAll(async () => {
      smtp = await TestSmtp.start();
      let accounts: AccountsFixture;
      let journey: JourneyFixture;
      ({ t, accounts, journey } = await startJourneyApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://parcours.test' } }));
      await accounts.user('MANAGER');
      await accounts.user('MANAGER');
      await journey.refer(await accounts.user('REFERENT')); // Monday 10:00: a new referral for each manager
      const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(t.config)] }).overrideProvider(Clock).useValue(t.clock).compile();
      other = moduleRef.createNestApplication<NestFastifyApplication>(fastifyAdapter(t.config), { logger: false });
      await other.init();
    });
    afterAll(async () => {
      await other.close();
      await t.close();
      await smtp.down();
    });

    it('is written once per user and day when two processes write the digests at the same instant', async () => {
      t.clock.set('2026-03-17T07:00:00Z'); // Tuesday, 08:00 in Paris
      const runs = await Promise.all([t.app.get(DigestService).compose(), other.get(DigestService).compose(), t.app.get(DigestService).compose()]);
      expect(runs.reduce((sum, run) => sum + run.written, 0)).toBe(2);
      const rows = await queryDatabase<{ recipient_id: string }>(t.config.database.url, "select recipient_id from outbox_message where digest_on = '2026-03-17'");
      expect(new Set(rows.map((row) => row.recipient_id)).size).toBe(2);
      expect(rows).toHaveLength(2);
    });
  });

  describe('the report channel', () => {
    let t: TestApp;
    let accounts: AccountsFixture;
    let journey: JourneyFixture;

    beforeAll(async () => {
      ({ t, accounts, journey } = await startJourneyApp());
    });
    afterAll(() => t.close());

    const listeners = async () =>
      queryDatabase<{ pid: number }>(t.config.database.url, "select pid from pg_stat_activity where datname = current_database() and query like 'LISTEN parcours_reports_issued%'");

    it('listens again when its connection is cut, and the push goes on', async () => {
      const [before] = await listeners();
      await queryDatabase(t.config.database.url, `select pg_terminate_backend(${before.pid})`);
      const deadline = Date.now() + 10_000;
      let after = await listeners();
      while (!(after.length === 1 && after[0].pid !== before.pid) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await listeners();
      }
      expect(after).toHaveLength(1);
      expect(after[0].pid).not.toBe(before.pid);
      const referent = await accounts.user('REFERENT');
      const probe = new SubscriptionProbe<Issued>(t.url, referent.token);
      try {
        await probe.subscribe('subscription { referentReportIssued { id kind pathwayId } }');
        const pathway = await journey.diagnosed(referent, await accounts.user('COUNSELLOR'));
        expect((await probe.next(1, 10_000)).referentReportIssued).toMatchObject({ kind: 'DIAGNOSTIC_RECORDED', pathwayId: pathway.id });
      } finally {
        await probe.close();
      }
    });
  });
});
