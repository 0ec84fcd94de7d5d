import { Opportunity } from '@parcours/opportunities';
import { Proposal, ProposalsService } from '@parcours/pathways';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { OffersFixture, OPPORTUNITY_FIELDS, type OpportunityView } from '../support/offers';
import type { TestApp } from '../support/test-app';

const DAY = 86_400_000;

/** Jobs and trainings: their terms, checked field by field; closing, filling and the stale sweep. */
describe('opportunities', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let counsellor: TestUser;
  let referent: TestUser;
  let employer: string;
  let agency: string;
  let school: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    counsellor = await accounts.user('COUNSELLOR');
    referent = await accounts.user('REFERENT');
    employer = await offers.partner('EMPLOYER', { name: 'Propreté Forez' });
    agency = await offers.partner('TEMP_AGENCY', { name: 'Intérim Loire' });
    school = await offers.partner('TRAINING_BODY', { name: 'AFPA' });
  });
  afterAll(() => t.close());

  const count = () => t.orm.em.fork().count(Opportunity, {});

  it('creates a job of an employer and a qualifying training, each owned by the counsellor\'s operator', async () => {
    const job = await offers.opportunityRaw(counsellor, 'createOpportunity', offers.jobInput(employer));
    expect(job.userErrors).toEqual([]);
    expect(job.opportunity).toMatchObject({
      kind: 'JOB', status: 'OPEN', title: 'Agent de propreté', romeCode: 'K2204', contractType: 'CDD', hoursPerWeek: 35, positions: 2, hires: 0,
      partner: { id: employer, name: 'Propreté Forez', kind: 'EMPLOYER' }, client: null, endOn: null, qualification: null,
    });
    const training = await offers.opportunityRaw(counsellor, 'createOpportunity', offers.trainingInput(school));
    expect(training.userErrors).toEqual([]);
    expect(training.opportunity).toMatchObject({ kind: 'TRAINING', contractType: 'TRAINING', qualification: 'QUALIFYING', level: 3, startOn: '2026-04-06', endOn: '2026-06-26', positions: null });
  });

  it("takes a temp agency's mission with its client", async () => {
    const mission = await offers.job(counsellor, agency, { contractType: 'TEMP_MISSION', clientPartnerId: employer, positions: 1 });
    expect(mission).toMatchObject({ partner: { id: agency }, client: { id: employer } });
  });

  it.each<[string, () => Record<string, unknown>, { code: string; field: string[] }[]]>([
    ['60 hours a week', () => offers.jobInput(employer, { hoursPerWeek: 60 }), [{ code: 'INVALID_HOURS', field: ['input', 'hoursPerWeek'] }]],
    ['no position', () => offers.jobInput(employer, { positions: 0 }), [{ code: 'INVALID_POSITIONS', field: ['input', 'positions'] }]],
    ['a training ending before it starts', () => offers.trainingInput(school, { endOn: '2026-04-05' }), [{ code: 'INVALID_PERIOD', field: ['input', 'endOn'] }]],
    ['an unknown commune', () => offers.jobInput(employer, { communeCode: '99999' }), [{ code: 'UNKNOWN_COMMUNE', field: ['input', 'communeCode'] }]],
    ['a job of a training body', () => offers.jobInput(school), [{ code: 'WRONG_PARTNER_KIND', field: ['input', 'partnerId'] }]],
    ['a training of an employer', () => offers.trainingInput(employer), [{ code: 'WRONG_PARTNER_KIND', field: ['input', 'partnerId'] }]],
    ['a job of TRAINING', () => offers.jobInput(employer, { contractType: 'TRAINING' }), [{ code: 'INVALID_CONTRACT_TYPE', field: ['input', 'contractType'] }]],
    ['a job of BUSINESS_CREATION', () => offers.jobInput(employer, { contractType: 'BUSINESS_CREATION' }), [{ code: 'INVALID_CONTRACT_TYPE', field: ['input', 'contractType'] }]],
    ['a temp mission of an employer', () => offers.jobInput(employer, { contractType: 'TEMP_MISSION' }), [{ code: 'WRONG_PARTNER_KIND', field: ['input', 'partnerId'] }]],
    ["an employer's job with a client", () => offers.jobInput(employer, { clientPartnerId: employer }), [{ code: 'FIELD_NOT_ALLOWED', field: ['input', 'clientPartnerId'] }]],
    ['a training without qualification, level 9', () => offers.trainingInput(school, { qualification: null, level: 9 }), [
      { code: 'FIELD_REQUIRED', field: ['input', 'qualification'] },
      { code: 'INVALID_LEVEL', field: ['input', 'level'] },
    ]],
    ['a ROME code that is not one', () => offers.jobInput(employer, { romeCode: 'K22' }), [{ code: 'INVALID_INPUT', field: ['input', 'romeCode'] }]],
    ['an unknown partner', () => offers.jobInput('00000000-0000-4000-8000-000000000000'), [{ code: 'NOT_FOUND', field: ['input', 'partnerId'] }]],
  ])('refuses %s, naming the field, and writes nothing', async (_, input, problems) => {
    const before = await count();
    const { opportunity, userErrors } = await offers.opportunityRaw(counsellor, 'createOpportunity', input());
    expect(opportunity).toBeNull();
    expect(userErrors.map(({ code, field }) => ({ code, field }))).toEqual(problems);
    expect(await count()).toBe(before);
  });

  it('replaces the terms of an open offer, keeps positions above the hires, and refuses a closed one', async () => {
    const job = await offers.job(counsellor, employer);
    const updated = await offers.opportunityRaw(counsellor, 'updateOpportunity', { ...offers.jobInput(employer, { title: 'Agent d\'entretien', hoursPerWeek: 24 }), kind: undefined, opportunityId: job.id });
    expect(updated.opportunity).toMatchObject({ title: "Agent d'entretien", hoursPerWeek: 24, status: 'OPEN' });
    await close(job.id);
    const refused = await offers.opportunityRaw(counsellor, 'updateOpportunity', { ...offers.jobInput(employer), kind: undefined, opportunityId: job.id });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'OPPORTUNITY_CLOSED', field: ['input', 'opportunityId'] })]);
  });

  const close = async (id: string) => {
    const data = await t.api.data<{ closeOpportunity: { opportunity: OpportunityView | null; userErrors: { code: string }[] } }>(
      `mutation ($id: ID!) { closeOpportunity(input: { opportunityId: $id }) { opportunity { ${OPPORTUNITY_FIELDS} } userErrors { code field message } } }`,
      { id },
      { token: counsellor.token },
    );
    return data.closeOpportunity;
  };

  it('closes an offer once (OPPORTUNITY_CLOSED the second time) and cancels its open proposals (NO_POSITION)', async () => {
    const job = await offers.job(counsellor, employer);
    const pathway = await journey.diagnosed(referent, counsellor);
    await offers.propose(counsellor, pathway.id, job.id);
    const first = await close(job.id);
    expect(first.opportunity).toMatchObject({ status: 'CLOSED', closedBecause: 'BY_STAFF', closedAt: expect.any(String) });
    expect((await close(job.id)).userErrors).toEqual([expect.objectContaining({ code: 'OPPORTUNITY_CLOSED' })]);
    const proposals = await proposalsOf(pathway.id);
    expect(proposals).toEqual([{ status: 'CANCELLED', reason: 'NO_POSITION' }]);
  });

  const proposalsOf = async (pathwayId: string) =>
    (await t.api.data<{ pathway: { proposals: { status: string; reason: string | null }[] } }>('query ($id: ID!) { pathway(id: $id) { proposals { status reason } } }', { id: pathwayId }, { token: counsellor.token }))
      .pathway.proposals;

  it('filters offers by kind, contract type, commune, open or not, and title', async () => {
    const search = await offers.job(counsellor, employer, { title: 'Préparateur de commandes', contractType: 'CDI', communeCode: '42095' });
    const list = async (filter: Record<string, unknown>) =>
      (await t.api.data<{ opportunities: { edges: { node: { id: string; kind: string; status: string; contractType: string; communeCode: string } }[] } }>(
        'query ($filter: OpportunitiesFilter) { opportunities(first: 100, filter: $filter) { edges { node { id kind status contractType communeCode } } } }',
        { filter },
        { token: counsellor.token },
      )).opportunities.edges.map((edge) => edge.node);
    expect((await list({ search: 'preparateur' })).map((node) => node.id)).toEqual([search.id]);
    expect((await list({ kind: 'TRAINING' })).every((node) => node.kind === 'TRAINING')).toBe(true);
    expect((await list({ contractType: 'CDI', communeCode: '42095' })).map((node) => node.id)).toEqual([search.id]);
    const closed = await list({ open: false });
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((node) => node.status !== 'OPEN')).toBe(true);
    expect((await list({ open: true })).every((node) => node.status === 'OPEN')).toBe(true);
  });

  it('lets another operator see none of them', async () => {
    const outsider = await accounts.user('COUNSELLOR', { organisationId: await accounts.organisation('OPERATOR') });
    const data = await t.api.data<{ opportunities: { totalCount: number } }>('{ opportunities { totalCount } }', undefined, { token: outsider.token });
    expect(data.opportunities.totalCount).toBe(0);
  });

  it('closes offers not updated for OPPORTUNITY_STALE_DAYS (not at 89 days, at 91), cancelling their proposals, idempotently', async () => {
    const start = t.clock.now().getTime();
    const job = await offers.job(counsellor, employer);
    const pathway = await journey.diagnosed(referent, counsellor);
    await offers.propose(counsellor, pathway.id, job.id);
    const sweep = t.app.get(ProposalsService);
    const statusOf = async () => (await t.orm.em.fork().findOneOrFail(Opportunity, job.id)).status;

    t.clock.set(new Date(start + 89 * DAY));
    await sweep.sweepStaleOpportunities();
    await sweep.sweepStaleOpportunities();
    expect(await statusOf()).toBe('OPEN');

    t.clock.set(new Date(start + 91 * DAY));
    expect((await sweep.sweepStaleOpportunities()).closed).toBeGreaterThan(0);
    expect(await sweep.sweepStaleOpportunities()).toEqual({ closed: 0 });
    const closed = await t.orm.em.fork().findOneOrFail(Opportunity, job.id);
    expect({ status: closed.status, closedBecause: closed.closedBecause }).toEqual({ status: 'CLOSED', closedBecause: 'STALE' });
    const proposals = await t.orm.em.fork().find(Proposal, { pathway: pathway.id });
    expect(proposals.map(({ status, reason }) => ({ status, reason }))).toEqual([{ status: 'CANCELLED', reason: 'NO_POSITION' }]);
    t.clock.set('2026-03-16T09:00:00Z');
  });
});
