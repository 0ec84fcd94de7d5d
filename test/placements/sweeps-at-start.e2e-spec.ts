import { AccountsFixture, type TestUser } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { JourneyFixture } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import { startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The sweeps run as soon as a server has started, not only after SWEEP_INTERVAL_MINUTES: a server
 * restarted more often than the interval (as a rehearsal restarts it on later days) still marks
 * checkpoints MISSED.
 */
describe('the sweeps at start-up, through the real server', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    await database.drop();
  });

  const env = (clockStart: string, sweepMinutes: string) => ({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    LOG_LEVEL: 'info',
    JWT_SECRET: 'a-rehearsal-secret-of-at-least-32-characters',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    SWEEP_INTERVAL_MINUTES: sweepMinutes,
    CLOCK_START: clockStart,
  });

  it('mark a checkpoint overdue by more than the missed delay as MISSED within seconds of start, without waiting for the interval', async () => {
    server = await startServer(env('2026-03-16T09:00:00Z', '0'));
    let api = new GraphqlClient(server.url);
    let accounts = await new AccountsFixture(api).init();
    const referent: TestUser = await accounts.user('REFERENT');
    const counsellor: TestUser = await accounts.user('COUNSELLOR');
    const pathway = await new JourneyFixture(api, accounts).diagnosed(referent, counsellor);
    const employer = await new OffersFixture(api, accounts).partner('EMPLOYER', { name: 'Propreté Forez' });
    await new PlacementsFixture(api).start(counsellor, { pathwayId: pathway.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 35 });
    await server.stop();

    // Ten weeks later, sweeping every 24 hours: the 15-day and one-month checkpoints are overdue by more than 7 days.
    server = await startServer(env('2026-05-25T09:00:00Z', '1440'));
    api = new GraphqlClient(server.url);
    accounts = await new AccountsFixture(api).init();
    counsellor.token = (await accounts.login(counsellor.email, counsellor.password)).accessToken;
    const placements = new PlacementsFixture(api);
    const deadline = Date.now() + 10_000;
    let statuses: string[] = [];
    while (Date.now() < deadline) {
      statuses = (await placements.followUp(counsellor, pathway.id)).checkpoints.map((checkpoint) => `${checkpoint.offset} ${checkpoint.status}`);
      if (statuses.includes('1m MISSED')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statuses).toEqual(['15d MISSED', '1m MISSED', '3m PENDING', '6m PENDING']);
    expect(server.output()).toContain('missed checkpoints: 2 missed');
  }, 60_000); // two servers started one after the other
});
