import { Pathway, PathwayEvent, Proposal, ProposalStep, ProposalsService } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { aPerson, type JourneyFixture, type PathwayView, someFindings, startJourneyApp } from '../support/journey';
import { OffersFixture, PROPOSAL_FIELDS, type ProposalView } from '../support/offers';
import type { TestApp } from '../support/test-app';

const TODAY = '2026-03-16';
const DAY = 86_400_000;

/** How to bring a proposal to each status by staff steps, and the reason each closing step takes. */
const PATHS: Record<string, string[]> = {
  PROPOSED: [],
  ACCEPTED_BY_PARTICIPANT: ['ACCEPTED_BY_PARTICIPANT'],
  SENT_TO_EMPLOYER: ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER'],
  INTERVIEW: ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'INTERVIEW'],
  DECLINED_BY_PARTICIPANT: ['DECLINED_BY_PARTICIPANT'],
  HIRED: ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'HIRED'],
  REJECTED_BY_EMPLOYER: ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'REJECTED_BY_EMPLOYER'],
  CANCELLED: ['CANCELLED'],
};
const REASONS: Record<string, { reason?: string }> = { DECLINED_BY_PARTICIPANT: { reason: 'SCHEDULE' }, REJECTED_BY_EMPLOYER: { reason: 'SKILLS' }, CANCELLED: { reason: 'NO_POSITION' } };
/** The table of the issue, as staff may follow it (STALE is the sweep's). */
const ALLOWED: Record<string, string[]> = {
  PROPOSED: ['ACCEPTED_BY_PARTICIPANT', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
  ACCEPTED_BY_PARTICIPANT: ['SENT_TO_EMPLOYER', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
  SENT_TO_EMPLOYER: ['INTERVIEW', 'HIRED', 'REJECTED_BY_EMPLOYER', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
  INTERVIEW: ['HIRED', 'REJECTED_BY_EMPLOYER', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
  DECLINED_BY_PARTICIPANT: [],
  HIRED: [],
  REJECTED_BY_EMPLOYER: [],
  CANCELLED: [],
};
const TARGETS = ['PROPOSED', 'ACCEPTED_BY_PARTICIPANT', 'DECLINED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'INTERVIEW', 'HIRED', 'REJECTED_BY_EMPLOYER', 'CANCELLED', 'STALE'];

describe('proposals', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let employer: string;
  let school: string;
  let pathway: PathwayView;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    const manager = await accounts.user('MANAGER');
    employer = await offers.partner('EMPLOYER', { name: 'Propreté Forez' }, manager);
    school = await offers.partner('TRAINING_BODY', { name: 'AFPA' }, manager);
    pathway = await journey.diagnosed(referent, counsellor);
  });
  afterAll(() => t.close());

  const proposalCount = () => t.orm.em.fork().count(Proposal, {});
  const stepCount = () => t.orm.em.fork().count(ProposalStep, {});
  const reportsOf = (pathwayId: string) => t.orm.em.fork().find(ReferentReport, { pathway: pathwayId }, { orderBy: { eventAt: 'asc' } });
  const proposalsOf = async (pathwayId: string, user: TestUser) =>
    (await t.api.data<{ pathway: { proposals: ProposalView[] } }>(`query ($id: ID!) { pathway(id: $id) { proposals { ${PROPOSAL_FIELDS} } } }`, { id: pathwayId }, { token: user.token })).pathway.proposals;
  const walk = async (proposalId: string, steps: string[]) => {
    for (const step of steps) await offers.step(counsellor, proposalId, step, TODAY, REASONS[step]);
  };

  it('takes a job from proposal to hire: the referent is told of the acceptance and sees the proposal, without comments', async () => {
    const job = await offers.job(counsellor, employer, { positions: 2 });
    const training = await offers.opportunityRaw(counsellor, 'createOpportunity', offers.trainingInput(school));
    expect(training.opportunity).toMatchObject({ kind: 'TRAINING', qualification: 'QUALIFYING' });

    const proposed = await offers.proposeRaw(counsellor, pathway.id, job.id);
    expect(proposed.userErrors).toEqual([]);
    expect(proposed.proposal).toMatchObject({ status: 'PROPOSED', proposedOn: TODAY, offer: { title: 'Agent de propreté', partnerName: 'Propreté Forez' }, steps: [{ step: 'PROPOSED', on: TODAY }] });
    expect(proposed.pathway).toEqual({ status: 'DIAGNOSED' });
    const id = proposed.proposal!.id;

    const reportsBefore = (await reportsOf(pathway.id)).length;
    await offers.step(counsellor, id, 'ACCEPTED_BY_PARTICIPANT', TODAY, { comment: 'Très motivée, préfère le matin' });
    const reports = await reportsOf(pathway.id);
    expect(reports).toHaveLength(reportsBefore + 1);
    expect(reports.at(-1)).toMatchObject({
      kind: 'PROPOSAL_ACCEPTED',
      summary: { proposal: { title: 'Agent de propreté', kind: 'JOB', contractType: 'CDD', partnerName: 'Propreté Forez', step: 'ACCEPTED_BY_PARTICIPANT', reason: null } },
      counsellorSummary: null,
    });
    expect(JSON.stringify(reports.at(-1))).not.toContain('motivée');

    const asReferent = (await proposalsOf(pathway.id, referent)).find((proposal) => proposal.id === id)!;
    expect(asReferent.status).toBe('ACCEPTED_BY_PARTICIPANT');
    expect(asReferent.steps.map((step) => step.comment)).toEqual([null, null]);
    const asCounsellor = (await proposalsOf(pathway.id, counsellor)).find((proposal) => proposal.id === id)!;
    expect(asCounsellor.steps.map((step) => step.comment)).toEqual([null, 'Très motivée, préfère le matin']);

    await offers.step(counsellor, id, 'SENT_TO_EMPLOYER', TODAY);
    await offers.step(counsellor, id, 'INTERVIEW', TODAY);
    const hired = await offers.step(counsellor, id, 'HIRED', TODAY);
    expect(hired.status).toBe('HIRED');
    expect(hired.placementDraft).toEqual({
      proposalId: id, contractType: 'CDD', employerPartnerId: employer, tempAgencyPartnerId: null, clientPartnerId: null, trainingBodyPartnerId: null,
      qualification: null, level: null, startOn: '2026-04-01', plannedEndOn: null, hoursPerWeek: 35,
    });
    const offer = await t.api.data<{ opportunity: { hires: number; status: string } }>('query ($id: ID!) { opportunity(id: $id) { hires status } }', { id: job.id }, { token: counsellor.token });
    expect(offer.opportunity).toEqual({ hires: 1, status: 'OPEN' });
    expect((await reportsOf(pathway.id)).length).toBe(reportsBefore + 1); // sent, interview and hired are not reported
  });

  describe('every step of the table, allowed and refused', () => {
    const cases = Object.keys(PATHS).flatMap((from) => TARGETS.map((to) => [from, to, ALLOWED[from].includes(to)] as const));
    it.each(cases)('%s → %s: allowed %s', async (from, to, allowed) => {
      const job = await offers.job(counsellor, employer, { positions: 5 });
      const proposal = await offers.propose(counsellor, pathway.id, job.id);
      await walk(proposal.id, PATHS[from]);
      const steps = await stepCount();
      const result = await offers.stepRaw(counsellor, proposal.id, to, TODAY, REASONS[to]);
      if (allowed) {
        expect(result.userErrors).toEqual([]);
        expect(result.proposal!.status).toBe(to);
      } else {
        expect(result.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'step'] })]);
        expect(await stepCount()).toBe(steps);
      }
    });
  });

  it.each<[string, () => Promise<{ userErrors: { code: string; field: string[] | null }[] }>, string, string[]]>([
    ['a REFERRED pathway', async () => offers.proposeRaw(counsellor, (await journey.refer(referent)).id, (await offers.job(counsellor, employer)).id), 'NOT_PROPOSABLE', ['input', 'pathwayId']],
    [
      'a closed opportunity',
      async () => {
        const job = await offers.job(counsellor, employer);
        await t.api.data('mutation ($id: ID!) { closeOpportunity(input: { opportunityId: $id }) { userErrors { code } } }', { id: job.id }, { token: counsellor.token });
        return offers.proposeRaw(counsellor, pathway.id, job.id);
      },
      'OPPORTUNITY_CLOSED',
      ['input', 'opportunityId'],
    ],
    [
      'an offer already proposed and still open',
      async () => {
        const job = await offers.job(counsellor, employer);
        await offers.propose(counsellor, pathway.id, job.id);
        return offers.proposeRaw(counsellor, pathway.id, job.id);
      },
      'PROPOSAL_ALREADY_OPEN',
      ['input', 'opportunityId'],
    ],
    [
      "another operator's offer",
      async () => {
        const outsider = await accounts.user('COUNSELLOR', { organisationId: await accounts.organisation('OPERATOR') });
        return offers.proposeRaw(counsellor, pathway.id, (await offers.job(outsider, employer)).id);
      },
      'NOT_FOUND',
      ['input', 'opportunityId'],
    ],
  ])('refuses to propose to %s, writing nothing', async (_, attempt, code, field) => {
    const before = await proposalCount();
    const { userErrors } = await attempt();
    expect(userErrors.map((error) => ({ code: error.code, field: error.field }))).toEqual([{ code, field }]);
    const after = await proposalCount();
    expect(after - before).toBe(code === 'PROPOSAL_ALREADY_OPEN' ? 1 : 0); // the first proposal of the pair only
  });

  it.each<[string, string, string, Record<string, string>, string, string[]]>([
    ['dated in the future', 'ACCEPTED_BY_PARTICIPANT', '2026-03-17', {}, 'INVALID_DATE', ['input', 'on']],
    ['dated before the previous step', 'ACCEPTED_BY_PARTICIPANT', '2026-03-15', {}, 'INVALID_DATE', ['input', 'on']],
    ['a decline without a reason', 'DECLINED_BY_PARTICIPANT', TODAY, {}, 'REASON_REQUIRED', ['input', 'reason']],
    ["a decline with the employer's reason", 'DECLINED_BY_PARTICIPANT', TODAY, { reason: 'SKILLS' }, 'INVALID_REASON', ['input', 'reason']],
    ['another reason without a comment', 'DECLINED_BY_PARTICIPANT', TODAY, { reason: 'OTHER' }, 'COMMENT_REQUIRED', ['input', 'comment']],
    ['a reason for an acceptance', 'ACCEPTED_BY_PARTICIPANT', TODAY, { reason: 'SCHEDULE' }, 'INVALID_REASON', ['input', 'reason']],
    ['the system’s own reason', 'CANCELLED', TODAY, { reason: 'PATHWAY_CLOSED' }, 'INVALID_REASON', ['input', 'reason']],
  ])('refuses a step %s, writing nothing', async (_, step, on, extra, code, field) => {
    const proposal = await offers.propose(counsellor, pathway.id, (await offers.job(counsellor, employer)).id);
    const [steps, reports] = [await stepCount(), (await reportsOf(pathway.id)).length];
    const result = await offers.stepRaw(counsellor, proposal.id, step, on, extra);
    expect(result.userErrors.map((error) => ({ code: error.code, field: error.field }))).toEqual([{ code, field }]);
    expect([await stepCount(), (await reportsOf(pathway.id)).length]).toEqual([steps, reports]);
  });

  it('tells the referent of a decline and of a rejection with the reason code, never the comment', async () => {
    const declined = await offers.propose(counsellor, pathway.id, (await offers.job(counsellor, employer, { title: 'Plongeur' })).id);
    await offers.step(counsellor, declined.id, 'DECLINED_BY_PARTICIPANT', TODAY, { reason: 'OTHER', comment: 'Garde de ses enfants le soir' });
    const rejected = await offers.propose(counsellor, pathway.id, (await offers.opportunityRaw(counsellor, 'createOpportunity', offers.trainingInput(school, { title: 'CAP Cuisine' }))).opportunity!.id);
    await walk(rejected.id, ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER']);
    await offers.step(counsellor, rejected.id, 'REJECTED_BY_EMPLOYER', TODAY, { reason: 'SKILLS' });
    const reports = (await reportsOf(pathway.id)).filter((report) => report.kind === 'PROPOSAL_DECLINED').slice(-2);
    expect(reports.map((report) => report.summary.proposal)).toEqual([
      { title: 'Plongeur', kind: 'JOB', contractType: 'CDD', partnerName: 'Propreté Forez', step: 'DECLINED_BY_PARTICIPANT', reason: 'OTHER' },
      { title: 'CAP Cuisine', kind: 'TRAINING', contractType: 'TRAINING', partnerName: 'AFPA', step: 'REJECTED_BY_EMPLOYER', reason: 'SKILLS' },
    ]);
    expect(reports[1].summary.nextStep).toMatch(/organisme de formation/);
    expect(JSON.stringify(reports)).not.toContain('enfants');
  });

  it('fills a job when HIRED proposals reach its positions, cancelling the others still open (NO_POSITION)', async () => {
    const job = await offers.job(counsellor, employer, { positions: 1 });
    const other = await journey.diagnosed(referent, counsellor);
    const first = await offers.propose(counsellor, pathway.id, job.id);
    const second = await offers.propose(counsellor, other.id, job.id);
    await walk(first.id, ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'HIRED']);
    const offer = await t.api.data<{ opportunity: { hires: number; status: string; closedBecause: string } }>('query ($id: ID!) { opportunity(id: $id) { hires status closedBecause } }', { id: job.id }, { token: counsellor.token });
    expect(offer.opportunity).toEqual({ hires: 1, status: 'FILLED', closedBecause: 'FILLED' });
    const cancelled = (await proposalsOf(other.id, counsellor)).find((proposal) => proposal.id === second.id)!;
    expect({ status: cancelled.status, reason: cancelled.reason }).toEqual({ status: 'CANCELLED', reason: 'NO_POSITION' });
    const proposing = await offers.proposeRaw(counsellor, other.id, job.id);
    expect(proposing.userErrors).toEqual([expect.objectContaining({ code: 'OPPORTUNITY_CLOSED' })]);
  });

  it('cancels the open proposals of a pathway its referent withdraws (PATHWAY_CLOSED), and keeps the ended ones', async () => {
    const leaving = await journey.diagnosed(referent, counsellor, aPerson());
    const open = await offers.propose(counsellor, leaving.id, (await offers.job(counsellor, employer)).id);
    const ended = await offers.propose(counsellor, leaving.id, (await offers.job(counsellor, employer)).id);
    await offers.step(counsellor, ended.id, 'DECLINED_BY_PARTICIPANT', TODAY, { reason: 'MOBILITY' });
    const withdrawn = await journey.withdraw(referent, leaving.id);
    expect(withdrawn.pathway!.status).toBe('WITHDRAWN');
    const proposals = await proposalsOf(leaving.id, counsellor);
    expect(proposals.map(({ id, status, reason }) => ({ id, status, reason })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: open.id, status: 'CANCELLED', reason: 'PATHWAY_CLOSED' },
        { id: ended.id, status: 'DECLINED_BY_PARTICIPANT', reason: 'MOBILITY' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('marks STALE an open proposal with no step for PROPOSAL_STALE_DAYS (not at 59 days, at 61), in the history, without moving the retention clock', async () => {
    const waiting = await journey.diagnosed(referent, counsellor);
    const proposal = await offers.propose(counsellor, waiting.id, (await offers.job(counsellor, employer)).id);
    const start = t.clock.now().getTime();
    const changedAt = (await t.orm.em.fork().findOneOrFail(Pathway, waiting.id)).lastChangedAt;
    const sweep = t.app.get(ProposalsService);
    const statusOf = async () => (await t.orm.em.fork().findOneOrFail(Proposal, proposal.id)).status;

    t.clock.set(new Date(start + 59 * DAY));
    await sweep.sweepStaleProposals();
    await sweep.sweepStaleProposals();
    expect(await statusOf()).toBe('PROPOSED');

    t.clock.set(new Date(start + 61 * DAY));
    expect((await sweep.sweepStaleProposals()).stale).toBeGreaterThan(0);
    expect(await sweep.sweepStaleProposals()).toEqual({ stale: 0 });
    expect(await statusOf()).toBe('STALE');
    const em = t.orm.em.fork();
    expect((await em.findOneOrFail(Pathway, waiting.id)).lastChangedAt).toEqual(changedAt);
    const events = await em.find(PathwayEvent, { pathway: waiting.id, proposal: proposal.id }, { orderBy: { id: 'asc' } });
    expect(events.map(({ type, proposalStep, by }) => ({ type, proposalStep, by: by?.id ?? null }))).toEqual([
      { type: 'OpportunityProposed', proposalStep: null, by: counsellor.id },
      { type: 'ProposalStepRecorded', proposalStep: 'STALE', by: null },
    ]);
    t.clock.set('2026-03-16T09:00:00Z');
    counsellor = { ...counsellor, token: (await accounts.login(counsellor.email, counsellor.password)).accessToken };
    const again = await offers.stepRaw(counsellor, proposal.id, 'ACCEPTED_BY_PARTICIPANT', TODAY);
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
  });

  it('ranks a same-ROME, available person living where the job is above the others, and says why', async () => {
    const operator = await accounts.organisation('OPERATOR');
    const staff = await accounts.user('COUNSELLOR', { organisationId: operator });
    const diagnosedAt = async (findings: Record<string, unknown>, communeCode: string) => {
      const data = await t.api.data<{ referParticipant: { pathway: { id: string } } }>(
        'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id } } }',
        { input: { operatorId: operator, person: aPerson({ communeCode, postalCode: communeCode === '42218' ? '42000' : '42700' }), barriers: [] } },
        { token: referent.token },
      );
      const id = data.referParticipant.pathway.id;
      await journey.accept(staff, id);
      const scheduled = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(
        'mutation ($id: ID!) { scheduleDiagnostic(input: { pathwayId: $id, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) { appointment { id } } }',
        { id },
        { token: staff.token },
      );
      await t.api.data('mutation ($input: RecordDiagnosticInput!) { recordDiagnostic(input: $input) { userErrors { code } } }', { input: { appointmentId: scheduled.scheduleDiagnostic.appointment.id, ...someFindings(findings) } }, { token: staff.token });
      return id;
    };
    const best = await diagnosedAt({ targetJobs: [{ title: 'Agent de propreté', romeCode: 'K2204' }], availableFrom: '2026-03-20' }, '42218');
    const family = await diagnosedAt({ targetJobs: [{ title: 'Laveur de vitres', romeCode: 'K2202' }], availableFrom: '2026-03-20' }, '42218');
    const later = await diagnosedAt({ targetJobs: [{ title: 'Agent de propreté', romeCode: 'K2204' }], availableFrom: '2026-09-01' }, '42095');
    const elsewhere = await diagnosedAt({ targetJobs: [{ title: 'Cuisinier', romeCode: 'G1602' }], contractTypes: ['CDI'], workingTime: 'PART_TIME', availableFrom: '2026-09-01' }, '42095');
    const job = await offers.job(staff, employer);
    const page = await t.api.data<{ candidates: { totalCount: number; edges: { cursor: string; node: { pathway: { id: string }; score: number; reasons: string[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      'query ($id: ID!, $first: Int, $after: String) { candidates(opportunityId: $id, first: $first, after: $after) { totalCount edges { cursor node { pathway { id } score reasons } } pageInfo { hasNextPage endCursor } } }',
      { id: job.id, first: 2 },
      { token: staff.token },
    );
    expect(page.candidates.totalCount).toBe(4);
    expect(page.candidates.edges.map((edge) => ({ id: edge.node.pathway.id, score: edge.node.score, reasons: edge.node.reasons }))).toEqual([
      { id: best, score: 100, reasons: ['SAME_ROME', 'WANTED_CONTRACT', 'WORKING_TIME', 'AVAILABLE', 'SAME_COMMUNE'] },
      { id: later, score: 85, reasons: ['SAME_ROME', 'WANTED_CONTRACT', 'WORKING_TIME', 'IN_TERRITORY'] },
    ]);
    expect(page.candidates.pageInfo.hasNextPage).toBe(true);
    const next = await t.api.data<{ candidates: { edges: { node: { pathway: { id: string }; reasons: string[] } }[]; pageInfo: { hasNextPage: boolean } } }>(
      'query ($id: ID!, $after: String) { candidates(opportunityId: $id, first: 2, after: $after) { edges { node { pathway { id } reasons } } pageInfo { hasNextPage } } }',
      { id: job.id, after: page.candidates.pageInfo.endCursor },
      { token: staff.token },
    );
    expect(next.candidates.edges.map((edge) => edge.node.pathway.id)).toEqual([family, elsewhere]);
    expect(next.candidates.edges[1].node.reasons).toEqual(['IN_TERRITORY']);
    expect(next.candidates.pageInfo.hasNextPage).toBe(false);
    // Proposed, a person is no longer a candidate for it.
    await offers.propose(staff, best, job.id);
    const after = await t.api.data<{ candidates: { totalCount: number } }>('query ($id: ID!) { candidates(opportunityId: $id) { totalCount } }', { id: job.id }, { token: staff.token });
    expect(after.candidates.totalCount).toBe(3);
    const invalid = await t.api.request('query ($id: ID!) { candidates(opportunityId: $id, after: "bm9wZQ") { totalCount } }', { id: job.id }, { token: staff.token });
    expect(invalid.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
  });
});
