import type { AccountsFixture, TestUser } from '../support/accounts';
import { JourneyFixture, RECORD_DIAGNOSTIC, someFindings, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import { logStatements } from '@parcours/db';
import type { TestApp } from '../support/test-app';

/**
 * The statements each hot operation runs, counted on every connection: a change that adds one
 * (an N+1, a second authentication query, a flush too many) fails here, not in production.
 */
const TODAY = '2026-03-16';

describe('statements per operation', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
  });
  afterAll(() => t.close());

  const statementsOf = async (call: () => Promise<unknown>): Promise<string[]> => {
    const log = logStatements(t.orm);
    try {
      await call();
    } finally {
      log.stop();
    }
    return log.sql;
  };

  const kinds = (sql: string[]) => sql.map((statement) => statement.trim().split(/\s+/)[0].replace(/;$/, '').toLowerCase());

  it('me: one statement to authenticate (session, user and organisation), one for the user', async () => {
    const sql = await statementsOf(() => t.api.data('{ me { email role organisation { name } } }', {}, { token: referent.token }));
    expect(kinds(sql)).toEqual(['select', 'select']);
  });

  it('pathway(id): authentication, the pathway with its people in one statement that applies the visibility rule, and the audit entry of the read', async () => {
    const pathway = await journey.refer(referent);
    const sql = await statementsOf(() =>
      t.api.data('query ($id: ID!) { pathway(id: $id) { participant { lastName birthDate } referent { fullName } } }', { id: pathway.id }, { token: referent.token }),
    );
    expect(kinds(sql)).toEqual(['select', 'select', 'insert']);
  });

  it('pathways(first: 50): as many statements for 50 pathways as for 5', async () => {
    for (let i = 0; i < 50; i++) await journey.refer(referent);
    const page = (first: number) =>
      statementsOf(() =>
        t.api.data('query ($first: Int) { pathways(first: $first) { edges { node { participant { lastName } referent { fullName } counsellor { fullName } } } } }', { first }, { token: referent.token }),
      );
    const five = await page(5);
    const fifty = await page(50);
    expect(kinds(fifty)).toEqual(kinds(five));
    // Authentication, the page through the visibility rule, the views of its pathways, the audit of
    // the names read; no COUNT unless totalCount is asked for.
    expect(kinds(fifty)).toEqual(['select', 'select', 'select', 'insert']);
    expect(fifty.join('\n')).not.toMatch(/count\(/i);
  });

  it('recordDiagnostic: one transaction of inserts and the two changed rows, nothing rewritten that did not change', async () => {
    const pathway = await journey.refer(referent);
    const appointmentId = await journey.acceptAndSchedule(counsellor, pathway.id);
    const sql = await statementsOf(() => t.api.data(RECORD_DIAGNOSTIC, { input: { appointmentId, ...someFindings() } }, { token: counsellor.token }));
    const inside = sql.slice(sql.findIndex((statement) => /^begin/i.test(statement)), sql.findIndex((statement) => /^commit/i.test(statement)) + 1);
    // The outcome model: the pathway's cells before the flush's statements and after them, then the difference added (one upsert).
    // Last, the audit entries of the flush, one plain insert after its statements (no change set computed for them).
    expect(kinds(inside)).toEqual(['begin', 'select', 'select', 'insert', 'insert', 'insert', 'update', 'update', 'select', 'insert', 'insert', 'commit']);
    expect(inside.filter((statement) => /^update/i.test(statement)).map((statement) => /^update\s+\W?(\w+)/i.exec(statement)?.[1])).toEqual(['pathway', 'appointment']);
    expect(inside.at(-3)).toMatch(/^insert into .?outcome_cell.? .* on conflict/i);
    expect(inside.at(-2)).toMatch(/^insert into .?audit_entry/i);
    // Before: authentication. After: the payload's pathway (its view, scoped in the statement) and the audit entry of what it shows.
    expect(sql).toHaveLength(1 + inside.length + 2);
  });

  it('recordProposalStep: the proposal found as a plain row, the pathway locked, the proposal with its steps and offer in one statement; nothing read twice', async () => {
    const offers = new OffersFixture(t.api, accounts);
    const job = await offers.job(counsellor, await offers.partner('EMPLOYER'));
    const proposal = await offers.propose(counsellor, (await journey.diagnosed(referent, counsellor)).id, job.id);
    const sql = await statementsOf(() => offers.step(counsellor, proposal.id, 'ACCEPTED_BY_PARTICIPANT', TODAY));
    const inside = sql.slice(sql.findIndex((statement) => /^begin/i.test(statement)), sql.findIndex((statement) => /^commit/i.test(statement)) + 1);
    // Was 12 reads (a refresh read the pathway, the steps and the partner's organisation again and again).
    // (The pathway's row is not rewritten: the test clock stands still, so its last change is already now.)
    // Then the outcome model: the pathway's cells before and after the flush's statements, the difference added.
    expect(kinds(inside)).toEqual(['begin', 'select', 'select', 'select', 'select', 'insert', 'insert', 'insert', 'update', 'select', 'insert', 'commit']);
    const tables = (kind: string) => inside.filter((statement) => statement.toLowerCase().startsWith(kind)).map((statement) => /^\w+\s+(?:into\s+)?\W?(\w+)/i.exec(statement)?.[1]);
    expect(tables('insert').sort()).toEqual(['outcome_cell', 'pathway_event', 'proposal_step', 'referent_report']);
    expect(tables('update')).toEqual(['proposal']);
  });

  it('candidates(first: 20) and pathways with their proposals: as many statements for many people as for a few', async () => {
    const offers = new OffersFixture(t.api, accounts);
    const job = await offers.job(counsellor, await offers.partner('EMPLOYER'));
    const candidates = (first: number) =>
      statementsOf(() =>
        t.api.data('query ($id: ID!, $first: Int) { candidates(opportunityId: $id, first: $first) { edges { node { score reasons pathway { participant { lastName } } } } } }', { id: job.id, first }, { token: counsellor.token }),
      );
    const proposalsPage = (first: number) =>
      statementsOf(() => t.api.data('query ($first: Int) { pathways(first: $first) { edges { node { proposals { status offer { title } steps { step } } } } } }', { first }, { token: counsellor.token }));
    for (let i = 0; i < 3; i++) await offers.propose(counsellor, (await journey.diagnosed(referent, counsellor)).id, job.id);
    const [fewCandidates, fewProposals] = [kinds(await candidates(2)), kinds(await proposalsPage(2))];
    for (let i = 0; i < 12; i++) await offers.propose(counsellor, (await journey.diagnosed(referent, counsellor)).id, job.id);
    for (let i = 0; i < 12; i++) await journey.diagnosed(referent, counsellor);
    expect(kinds(await candidates(20))).toEqual(fewCandidates);
    // The audit's one INSERT comes only when the page shows a proposal: the reads are what must not grow.
    const reads = (sql: string[]) => sql.filter((kind) => kind === 'select');
    expect(reads(kinds(await proposalsPage(20)))).toEqual(reads(fewProposals));
    // Authentication, the offer, the pathways, their diagnostics, the proposals made, the page's views, the audit.
    expect(fewCandidates).toEqual(['select', 'select', 'select', 'select', 'select', 'select', 'insert']);
  });

  it('pathways with their placements, contacts, calendar and outcome: as many reads for 20 as for 2', async () => {
    const offers = new OffersFixture(t.api, accounts);
    const placements = new PlacementsFixture(t.api);
    const employer = await offers.partner('EMPLOYER');
    const followed = async () => {
      const pathway = await journey.diagnosed(referent, counsellor);
      await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35 });
      await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST' });
      await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING' });
    };
    const page = (first: number) =>
      statementsOf(() =>
        t.api.data(
          'query ($first: Int) { pathways(first: $first) { edges { node { placements { contractType employer { name } } contacts { situation } checkpoints { dueOn status } outcome { category } } } } }',
          { first },
          { token: counsellor.token },
        ),
      );
    for (let i = 0; i < 2; i++) await followed();
    const few = kinds(await page(2));
    for (let i = 0; i < 18; i++) await followed();
    const reads = (sql: string[]) => sql.filter((kind) => kind === 'select');
    expect(reads(kinds(await page(20)))).toEqual(reads(few));
  });

  it('outcomeReport: as many statements for 300 pathways as for 10, in one read transaction, no entity but the names', async () => {
    const manager = await accounts.user('MANAGER');
    const query = 'query ($input: OutcomeReportInput!) { outcomeReport(input: $input) { rows { prescriber { name } counsellor { name } figures { referrals { value } daysToDiagnosticMedian { value } } } total { figures { referrals { value } exits { value } } } } }';
    const run = () => statementsOf(() => t.api.data(query, { input: { from: '2026-01-01', to: '2026-12-31', groupBy: ['PRESCRIBER', 'COUNSELLOR'] } }, { token: manager.token }));
    const referents = [referent, await accounts.user('REFERENT'), await accounts.user('REFERENT')];
    const refer = async (count: number) => {
      for (let i = 0; i < count; i++) await journey.accept(counsellor, (await journey.refer(referents[i % 3])).id);
    };
    await refer(10);
    const few = kinds(await run());
    await refer(290);
    const sql = await run();
    const many = kinds(sql);
    expect(many).toEqual(few);
    // A manager's figures are counts of rows: no distinct people (the funder's disclosure control alone needs them).
    expect(sql.join('\n')).not.toMatch(/count\(distinct/i);
    // Authentication; begin; 15 families (each reading its rows once, WITH … AS MATERIALIZED), 2 medians, the organisations' and the users' names; commit.
    expect(many.filter((kind) => kind === 'with')).toHaveLength(15);
    expect(many.filter((kind) => kind === 'select').length).toBe(1 + 2 + 2);
    expect(many.filter((kind) => kind === 'begin' || kind === 'start')).toHaveLength(1);
    // From the outcome model (by month and prescriber): two statements on its cells, whatever the pathways; no journey table read.
    const modelled = () => statementsOf(() => t.api.data(query.replace('counsellor { name } ', ''), { input: { from: '2026-01-01', to: '2026-12-31', groupBy: ['MONTH', 'PRESCRIBER'] } }, { token: manager.token }));
    const cells = await modelled();
    const inTransaction = cells.slice(cells.findIndex((statement) => /^(begin|start)/i.test(statement)));
    expect(inTransaction.filter((statement) => /^select/i.test(statement) && /from outcome_cell/i.test(statement))).toHaveLength(2);
    expect(inTransaction.join('\n')).not.toMatch(/from (pathway|diagnostic|appointment|placement|referent_report)\b/i);
    // 600 mutations one after the other: 15 s alone, twice that beside the browser suite on two cores.
  }, 120_000);
});
