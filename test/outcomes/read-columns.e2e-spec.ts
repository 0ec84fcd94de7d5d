import { backfillReadColumns } from '../../libs/db/src/migrations/outcomes-read-columns';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

const COLUMNS = {
  pathway: ['accepted_on', 'closed_on', 'prescriber_id', 'outcome_contract_type'],
  appointment: ['starts_on'],
  referent_report: ['acknowledged_on'],
} as const;

/** The migration's backfill computes, for rows written before it, what this version writes itself. */
describe('the read columns of the figures', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let employer: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    employer = await new OffersFixture(t.api, accounts).partner('EMPLOYER');
  });
  afterAll(() => t.close());

  const execute = (sql: string, params: unknown[] = []) => t.orm.em.getConnection().execute<Record<string, unknown>[]>(sql, params);
  const snapshot = async () => {
    const rows: Record<string, unknown[]> = {};
    for (const [table, columns] of Object.entries(COLUMNS)) rows[table] = await execute(`select id, ${columns.join(', ')} from ${table} order by id`);
    return rows;
  };

  it('sets the Paris days, the prescriber at referral and the exit\'s contract type as the application does, late in the evening included', async () => {
    // 23:30 in Paris on 31 March is 21:30 UTC: the day is the 31st, not the UTC day.
    t.clock.set('2026-03-31T21:30:00Z');
    await accounts.signInAgain(referent, counsellor);
    const pathway = await journey.diagnosed(referent, counsellor);
    const declined = await journey.refer(referent);
    await journey.decline(counsellor, declined.id, 'DUPLICATE');
    const placements = new PlacementsFixture(t.api);
    await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-31', hoursPerWeek: 35 });
    await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-31', reason: 'FOUND_WORK_OR_TRAINING' });
    const { referentReports } = await t.api.data<{ referentReports: { edges: { node: { id: string } }[] } }>('{ referentReports { edges { node { id } } } }', undefined, { token: referent.token });
    for (const { node } of referentReports.edges) await t.api.data('mutation ($id: ID!) { acknowledgeReport(input: { reportId: $id }) { userErrors { code } } }', { id: node.id }, { token: referent.token });

    const written = await snapshot();
    expect(written.pathway).toEqual(expect.arrayContaining([expect.objectContaining({ accepted_on: '2026-03-31', closed_on: '2026-03-31', outcome_contract_type: 'CDI' })]));
    expect(written.appointment).toEqual([expect.objectContaining({ starts_on: '2026-03-31' })]);
    expect(written.referent_report.every((row) => (row as { acknowledged_on: string }).acknowledged_on === '2026-03-31')).toBe(true);

    for (const [table, columns] of Object.entries(COLUMNS)) await execute(`update ${table} set ${columns.map((column) => `${column} = null`).join(', ')}`);
    await backfillReadColumns((sql, params) => execute(sql, params));
    expect(await snapshot()).toEqual(written);
  });
});
