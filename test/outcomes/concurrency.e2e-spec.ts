import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, RECORD_DIAGNOSTIC, someFindings, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

const REPORT = `query ($input: OutcomeReportInput!) { outcomeReport(input: $input) {
  rows { figures { diagnostics { value } diagnosed { value } appointmentsWithOutcome { value } readyForEmployment { value } } }
  total { figures { diagnostics { value } diagnosed { value } appointmentsWithOutcome { value } noShows { value } readyForEmployment { value } } } } }`;

type Figures = Record<string, { value: number }>;

/** The report reads one snapshot while diagnostics are being written. */
describe('the outcome report during concurrent writes', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let counsellor: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    counsellor = await accounts.user('COUNSELLOR');
  });
  afterAll(() => t.close());

  // Its own timeout: 50 referrals and interviews set up through the API first: on a loaded two-core machine, more than jest's 30 s (a fresh-clone run took 31 s beside a browser suite).
  it('adds up, group by group and family by family, during 50 concurrent recordDiagnostic', async () => {
    const referents = [await accounts.user('REFERENT'), await accounts.user('REFERENT'), await accounts.user('REFERENT')];
    const appointments: string[] = [];
    for (let i = 0; i < 50; i++) appointments.push(await journey.acceptAndSchedule(counsellor, (await journey.refer(referents[i % 3])).id));
    const report = () => t.api.data<{ outcomeReport: { rows: { figures: Figures }[]; total: { figures: Figures } } }>(REPORT, { input: { from: '2026-01-01', to: '2026-12-31', groupBy: ['PRESCRIBER'] } }, { token: accounts.adminToken });
    const writes = Promise.all(appointments.map((appointmentId) => t.api.data(RECORD_DIAGNOSTIC, { input: { appointmentId, ...someFindings() } }, { token: counsellor.token })));
    const reads: Awaited<ReturnType<typeof report>>[] = [];
    let done = false;
    void writes.then(() => (done = true));
    while (!done) reads.push(await report());
    await writes;
    reads.push(await report());
    expect(reads.length).toBeGreaterThan(1);
    for (const { outcomeReport } of reads) {
      const total = outcomeReport.total.figures;
      for (const name of ['diagnostics', 'diagnosed', 'appointmentsWithOutcome', 'readyForEmployment']) {
        expect({ name, sum: outcomeReport.rows.reduce((sum, row) => sum + row.figures[name].value, 0) }).toEqual({ name, sum: total[name].value });
      }
      // Three statements, one snapshot: each held appointment is a diagnostic, and each a first one here.
      expect(total.diagnostics.value).toBe(total.appointmentsWithOutcome.value - total.noShows.value);
      expect(total.diagnosed.value).toBe(total.diagnostics.value);
    }
    expect(reads.at(-1)!.outcomeReport.total.figures.diagnostics.value).toBe(50);
  }, 120_000);
});
