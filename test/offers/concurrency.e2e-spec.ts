import { Opportunity } from '@parcours/opportunities';
import { Proposal } from '@parcours/pathways';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import type { TestApp } from '../support/test-app';

const TODAY = '2026-03-16';

/** Races the database decides, on SQLite (one writer at a time) and PostgreSQL (row versions, unique indexes). */
describe('offers under concurrent commands', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let colleague: TestUser;
  let employer: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    colleague = await accounts.user('COUNSELLOR');
    employer = await offers.partner('EMPLOYER');
  });
  afterAll(() => t.close());

  it.each([1, 2, 3])('gives the last position to one of two HIRED steps at once; the other is OPPORTUNITY_FILLED (round %i)', async () => {
    const job = await offers.job(counsellor, employer, { positions: 1 });
    const proposals = [];
    for (let i = 0; i < 2; i++) {
      const proposal = await offers.propose(counsellor, (await journey.diagnosed(referent, counsellor)).id, job.id);
      for (const step of ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'INTERVIEW']) await offers.step(counsellor, proposal.id, step, TODAY);
      proposals.push(proposal);
    }
    const results = await Promise.all([offers.stepRaw(counsellor, proposals[0].id, 'HIRED', TODAY), offers.stepRaw(colleague, proposals[1].id, 'HIRED', TODAY)]);
    const outcomes = results.map((result) => result.proposal?.status ?? result.userErrors.map((error) => error.code).join(','));
    expect(outcomes.sort()).toEqual(['HIRED', 'OPPORTUNITY_FILLED']);
    const em = t.orm.em.fork();
    expect(await em.findOneOrFail(Opportunity, job.id)).toMatchObject({ hires: 1, status: 'FILLED' });
    const rows = await em.find(Proposal, { opportunity: job.id });
    expect(rows.map((row) => row.status).sort()).toEqual(['CANCELLED', 'HIRED']);
  });

  it.each([1, 2, 3])('makes one proposal of two proposeOpportunity at once for the same person and offer (round %i)', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const job = await offers.job(counsellor, employer);
    const results = await Promise.all([offers.proposeRaw(counsellor, pathway.id, job.id), offers.proposeRaw(colleague, pathway.id, job.id)]);
    const outcomes = results.map((result) => (result.proposal ? 'PROPOSED' : result.userErrors.map((error) => error.code).join(',')));
    expect(outcomes.sort()).toEqual(['PROPOSAL_ALREADY_OPEN', 'PROPOSED']);
    expect(await t.orm.em.fork().count(Proposal, { pathway: pathway.id, opportunity: job.id })).toBe(1);
  });
});
