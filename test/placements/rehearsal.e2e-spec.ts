import { computeOutcome, followUpCalendar, SixMonthsRule, type CalendarPlacement } from '@parcours/pathways';
import { ContractType } from '@parcours/opportunities';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { JourneyFixture } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import { runMain, startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * A trainer's rehearsal: the real server, restarted later in time with CLOCK_START on the same
 * database, walks a pathway over months; what it stores matches the pure rules of the unit tests.
 */
describe('a journey walked over months with CLOCK_START, through the real server', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: ServerProcess | undefined;
  const users: Record<'referent' | 'counsellor', TestUser> = {} as never;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'parcours-rehearsal-'));
  });
  afterAll(async () => {
    await server?.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (clockStart: string, nodeEnv = 'test') => ({
    NODE_ENV: nodeEnv,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    JWT_SECRET: 'a-rehearsal-secret-of-at-least-32-characters',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    SWEEP_INTERVAL_MINUTES: '0',
    CLOCK_START: clockStart,
  });

  /** Starts the server at `clockStart` (stopping the previous one) and signs everyone in again. */
  const at = async (clockStart: string) => {
    await server?.stop();
    server = await startServer(env(clockStart));
    const api = new GraphqlClient(server.url);
    const accounts = await new AccountsFixture(api).init();
    for (const user of Object.values(users)) user.token = (await accounts.login(user.email, user.password)).accessToken;
    return { api, accounts, journey: new JourneyFixture(api, accounts), offers: new OffersFixture(api, accounts), placements: new PlacementsFixture(api) };
  };

  it('chains two missions, follows the calendar and exits with the category the unit rules compute; it refuses to go back in time', async () => {
    let step = await at('2026-03-16T09:00:00Z');
    users.referent = await step.accounts.user('REFERENT');
    users.counsellor = await step.accounts.user('COUNSELLOR');
    const agency = await step.offers.partner('TEMP_AGENCY', { name: 'Intérim Loire' });
    const otherAgency = await step.offers.partner('TEMP_AGENCY', { name: 'Adecco Forez' });
    const pathway = await step.journey.diagnosed(users.referent, users.counsellor);
    const a = await step.placements.start(users.counsellor, { pathwayId: pathway.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: agency, startOn: '2026-03-16', plannedEndOn: '2026-03-31', hoursPerWeek: 35 });

    step = await at('2026-03-31T15:00:00Z');
    expect((await step.placements.end(users.counsellor, a.id, '2026-03-31')).pathway).toEqual({ status: 'DIAGNOSED' });
    const fifteenDays = (await step.placements.followUp(users.counsellor, pathway.id)).checkpoints.find((checkpoint) => checkpoint.offset === '15d')!;
    expect((await step.placements.contact(users.counsellor, { pathwayId: pathway.id, on: '2026-03-31', situation: 'IN_POST', checkpointId: fifteenDays.id })).checkpoint).toMatchObject({ status: 'RECORDED' });
    // The server's today is the 31st: a contact on the 1st is in the future.
    expect((await step.placements.contactRaw(users.counsellor, { pathwayId: pathway.id, on: '2026-04-01' })).userErrors).toEqual([expect.objectContaining({ code: 'DATE_IN_FUTURE' })]);

    step = await at('2026-04-03T09:00:00Z');
    const b = await step.placements.start(users.counsellor, { pathwayId: pathway.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: otherAgency, startOn: '2026-04-03', plannedEndOn: '2026-10-02', hoursPerWeek: 35 });

    step = await at('2026-07-01T09:00:00Z');
    const exit = await step.placements.exitRaw(users.counsellor, { pathwayId: pathway.id, exitedOn: '2026-07-01', reason: 'FOUND_WORK_OR_TRAINING' });
    expect(exit.userErrors).toEqual([]);

    // What the server stored is what the pure rules compute for the same contracts.
    const contracts: CalendarPlacement[] = [
      { id: a.id, contractType: ContractType.TEMP_MISSION, startOn: '2026-03-16', plannedEndOn: '2026-03-31', endedOn: '2026-03-31', qualification: null },
      { id: b.id, contractType: ContractType.TEMP_MISSION, startOn: '2026-04-03', plannedEndOn: '2026-10-02', endedOn: null, qualification: null },
    ];
    const expected = computeOutcome('2026-07-01', contracts, null, { sixMonthsRule: SixMonthsRule.AT_LEAST, tempChainGapDays: 7 });
    expect(expected.category).toBe('DURABLE_EMPLOYMENT');
    expect(exit.outcome).toMatchObject({ category: expected.category, basis: expected.basis, sixMonthsRule: 'AT_LEAST', tempChainGapDays: 7 });
    const stored = (await step.placements.followUp(users.counsellor, pathway.id)).checkpoints;
    const calendar = followUpCalendar(contracts, ['15d', '1m', '3m', '6m'], 7);
    expect(stored.map((checkpoint) => [checkpoint.kind, checkpoint.offset, checkpoint.placementId, checkpoint.dueOn])).toEqual(
      calendar.map((checkpoint) => [checkpoint.kind, checkpoint.offset, checkpoint.placementId, checkpoint.dueOn]),
    );
    const inbox = await step.api.data<{ referentReports: { edges: { node: { kind: string; exit: { category: string } | null } }[] } }>(
      '{ referentReports(first: 10) { edges { node { kind exit { category } } } } }',
      undefined,
      { token: users.referent.token },
    );
    expect(inbox.referentReports.edges.map((edge) => edge.node.kind).reverse()).toEqual(['DIAGNOSTIC_RECORDED', 'PLACEMENT_STARTED', 'PLACEMENT_ENDED', 'PLACEMENT_STARTED', 'PATHWAY_EXITED']);
    expect(inbox.referentReports.edges[0].node.exit).toEqual({ category: 'DURABLE_EMPLOYMENT' });
    await server!.stop();
    server = undefined;

    // Back in time: refused, with the reason, before anything is served.
    const earlier = runMain(env('2026-05-01'));
    expect(await earlier.exited).toBe(1);
    expect(earlier.output()).toContain('CLOCK_START: 2026-04-30T22:00:00.000Z is earlier than the latest instant this database records (2026-07-01T09:00:');
    const production = runMain(env('2027-01-01', 'production'));
    expect(await production.exited).toBe(1);
    expect(production.output()).toContain('Configuration error: CLOCK_START: is for rehearsals, demos and tests, and is refused when NODE_ENV=production');
  }, 120_000); // five servers started one after the other
});
