import { AccountsFixture, type TestUser } from '../support/accounts';
import type { GraphqlResponse } from '../support/graphql-client';
import { JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings, type PathwayView } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every query and mutation of the referral, diagnostic, offers and placements stages, called by each permitted role on a
 * pathway (or an offer) out of its scope, answers exactly what it answers for one that does not exist.
 */
describe('referral operations out of scope', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let pathway: PathwayView;
  let appointmentId: string;
  let diagnosticId: string;
  let opportunityId: string;
  let proposalId: string;
  let placementId: string;
  const outsiders: Record<string, TestUser> = {};
  const missing = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await startTestApp();
    accounts = await new AccountsFixture(t.api).init();
    const journey = new JourneyFixture(t.api, accounts);
    const owner = await accounts.user('REFERENT');
    pathway = await journey.refer(owner);
    await journey.accept(await accounts.user('COUNSELLOR'), pathway.id);
    const counsellor = await accounts.user('COUNSELLOR');
    const schedule = async () => {
      const scheduled = await journey.refer(owner);
      await journey.accept(counsellor, scheduled.id);
      const data = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(
        SCHEDULE,
        { input: { pathwayId: scheduled.id, startsAt: '2026-03-16T08:00:00Z', channel: 'PHONE' } },
        { token: counsellor.token },
      );
      return data.scheduleDiagnostic.appointment.id;
    };
    appointmentId = await schedule();
    const recorded = await t.api.data<{ recordDiagnostic: { diagnostic: { id: string } } }>(RECORD_DIAGNOSTIC, { input: { appointmentId: await schedule(), ...someFindings() } }, { token: counsellor.token });
    diagnosticId = recorded.recordDiagnostic.diagnostic.id;
    const offers = new OffersFixture(t.api, accounts);
    const diagnosed = await journey.diagnosed(owner, counsellor);
    opportunityId = (await offers.job(counsellor, await offers.partner('EMPLOYER'))).id;
    proposalId = (await offers.propose(counsellor, diagnosed.id, opportunityId)).id;
    placementId = (await new PlacementsFixture(t.api).start(counsellor, { pathwayId: diagnosed.id, contractType: 'BUSINESS_CREATION', startOn: '2026-03-16' })).id;
    const otherOperator = await accounts.organisation('OPERATOR');
    outsiders.REFERENT = await accounts.user('REFERENT');
    outsiders.COUNSELLOR = await accounts.user('COUNSELLOR', { organisationId: otherOperator });
    outsiders.MANAGER = await accounts.user('MANAGER', { organisationId: otherOperator });
  });
  afterAll(() => t.close());

  interface Ids {
    pathway: string;
    participant: string;
    appointment: string;
    diagnostic: string;
    opportunity: string;
    proposal: string;
    placement: string;
  }

  const OPERATIONS: [string, string[], (ids: Ids) => [string, Record<string, unknown>]][] = [
    ['pathway', ['REFERENT', 'COUNSELLOR', 'MANAGER'], ({ pathway: id }) => ['query ($id: ID!) { pathway(id: $id) { id } }', { id }]],
    ['participant', ['REFERENT', 'COUNSELLOR', 'MANAGER'], ({ participant: id }) => ['query ($id: ID!) { participant(id: $id) { participant { id } } }', { id }]],
    ['acceptReferral', ['COUNSELLOR', 'MANAGER'], ({ pathway: id }) => ['mutation ($id: ID!) { acceptReferral(input: { pathwayId: $id }) { userErrors { code field message } } }', { id }]],
    ['declineReferral', ['COUNSELLOR', 'MANAGER'], ({ pathway: id }) => ['mutation ($id: ID!) { declineReferral(input: { pathwayId: $id, reason: DUPLICATE }) { userErrors { code field message } } }', { id }]],
    ['withdrawReferral', ['REFERENT'], ({ pathway: id }) => ['mutation ($id: ID!) { withdrawReferral(input: { pathwayId: $id }) { userErrors { code field message } } }', { id }]],
    ['assignCounsellor', ['MANAGER'], ({ pathway: id }) => [`mutation ($id: ID!) { assignCounsellor(input: { pathwayId: $id, counsellorId: "${missing}" }) { userErrors { code field message } } }`, { id }]],
    ['assignReferent', ['REFERENT', 'MANAGER'], ({ pathway: id }) => [`mutation ($id: ID!) { assignReferent(input: { pathwayId: $id, referentId: "${missing}", reason: "r" }) { userErrors { code field message } } }`, { id }]],
    ['scheduleDiagnostic', ['COUNSELLOR', 'MANAGER'], ({ pathway: id }) => ['mutation ($id: ID!) { scheduleDiagnostic(input: { pathwayId: $id, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) { userErrors { code field message } } }', { id }]],
    ['rescheduleAppointment', ['COUNSELLOR', 'MANAGER'], ({ appointment: id }) => ['mutation ($id: ID!) { rescheduleAppointment(input: { appointmentId: $id, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) { userErrors { code field message } } }', { id }]],
    ['cancelAppointment', ['COUNSELLOR', 'MANAGER'], ({ appointment: id }) => ['mutation ($id: ID!) { cancelAppointment(input: { appointmentId: $id }) { userErrors { code field message } } }', { id }]],
    ['recordNoShow', ['COUNSELLOR', 'MANAGER'], ({ appointment: id }) => ['mutation ($id: ID!) { recordNoShow(input: { appointmentId: $id }) { userErrors { code field message } } }', { id }]],
    ['recordExcused', ['COUNSELLOR', 'MANAGER'], ({ appointment: id }) => ['mutation ($id: ID!) { recordExcused(input: { appointmentId: $id }) { userErrors { code field message } } }', { id }]],
    ['recordDiagnostic', ['COUNSELLOR', 'MANAGER'], ({ appointment: id }) => ['mutation ($input: RecordDiagnosticInput!) { recordDiagnostic(input: $input) { userErrors { code field message } } }', { input: { appointmentId: id, ...someFindings() } }]],
    ['correctDiagnostic', ['COUNSELLOR', 'MANAGER'], ({ diagnostic: id }) => ['mutation ($input: CorrectDiagnosticInput!) { correctDiagnostic(input: $input) { userErrors { code field message } } }', { input: { diagnosticId: id, ...someFindings() } }]],
    ['updateParticipant', ['REFERENT', 'COUNSELLOR', 'MANAGER'], ({ participant: id }) => ['mutation ($id: ID!) { updateParticipant(input: { participantId: $id, phone: "0600000000" }) { userErrors { code field message } } }', { id }]],
    ['opportunity', ['COUNSELLOR', 'MANAGER'], ({ opportunity: id }) => ['query ($id: ID!) { opportunity(id: $id) { id } }', { id }]],
    ['candidates', ['COUNSELLOR', 'MANAGER'], ({ opportunity: id }) => ['query ($id: ID!) { candidates(opportunityId: $id) { totalCount } }', { id }]],
    [
      'updateOpportunity',
      ['COUNSELLOR', 'MANAGER'],
      ({ opportunity: id }) => ['mutation ($id: ID!) { updateOpportunity(input: { opportunityId: $id, partnerId: $id, title: "X", communeCode: "42218", startOn: "2026-04-01" }) { userErrors { code field message } } }', { id }],
    ],
    ['closeOpportunity', ['COUNSELLOR', 'MANAGER'], ({ opportunity: id }) => ['mutation ($id: ID!) { closeOpportunity(input: { opportunityId: $id }) { userErrors { code field message } } }', { id }]],
    [
      'proposeOpportunity',
      ['COUNSELLOR', 'MANAGER'],
      ({ pathway, opportunity }) => ['mutation ($p: ID!, $o: ID!) { proposeOpportunity(input: { pathwayId: $p, opportunityId: $o }) { userErrors { code field message } } }', { p: pathway, o: opportunity }],
    ],
    [
      'recordProposalStep',
      ['COUNSELLOR', 'MANAGER'],
      ({ proposal: id }) => ['mutation ($id: ID!) { recordProposalStep(input: { proposalId: $id, step: ACCEPTED_BY_PARTICIPANT, on: "2026-03-16" }) { userErrors { code field message } } }', { id }],
    ],
    [
      'startPlacement',
      ['COUNSELLOR', 'MANAGER'],
      ({ pathway: id }) => ['mutation ($id: ID!) { startPlacement(input: { pathwayId: $id, contractType: BUSINESS_CREATION, startOn: "2026-03-16" }) { userErrors { code field message } } }', { id }],
    ],
    ['endPlacement', ['COUNSELLOR', 'MANAGER'], ({ placement: id }) => ['mutation ($id: ID!) { endPlacement(input: { placementId: $id, endedOn: "2026-03-16", reason: END_OF_TERM }) { userErrors { code field message } } }', { id }]],
    [
      'correctPlacement',
      ['COUNSELLOR', 'MANAGER'],
      ({ placement: id }) => ['mutation ($id: ID!) { correctPlacement(input: { placementId: $id, contractType: BUSINESS_CREATION, startOn: "2026-03-16" }) { userErrors { code field message } } }', { id }],
    ],
    ['exitPathway', ['COUNSELLOR', 'MANAGER'], ({ pathway: id }) => ['mutation ($id: ID!) { exitPathway(input: { pathwayId: $id, exitedOn: "2026-03-16", reason: NO_SOLUTION }) { userErrors { code field message } } }', { id }]],
    [
      'recordContact',
      ['COUNSELLOR', 'MANAGER'],
      ({ pathway: id }) => ['mutation ($id: ID!) { recordContact(input: { pathwayId: $id, kind: PHONE_CALL, on: "2026-03-16", reached: PARTICIPANT }) { userErrors { code field message } } }', { id }],
    ],
  ];

  const cases = OPERATIONS.flatMap(([name, roles, build]) => roles.map((role) => [name, role, build] as const));

  it.each(cases)('%s as an outside %s: NOT_FOUND, as for a missing object', async (_name, role, build) => {
    const call = (ids: Ids) => {
      const [query, variables] = build(ids);
      return t.api.request(query, variables, { token: outsiders[role].token });
    };
    const outOfScope: GraphqlResponse = await call({
      pathway: pathway.id,
      participant: pathway.participant.id,
      appointment: appointmentId,
      diagnostic: diagnosticId,
      opportunity: opportunityId,
      proposal: proposalId,
      placement: placementId,
    });
    const absent: GraphqlResponse = await call({ pathway: missing, participant: missing, appointment: missing, diagnostic: missing, opportunity: missing, proposal: missing, placement: missing });
    expect(outOfScope).toEqual({ ...absent, headers: outOfScope.headers });
    expect(JSON.stringify(outOfScope)).toContain('NOT_FOUND');
  });

  it('left the pathway as it was', async () => {
    const admin = { token: accounts.adminToken };
    const { pathway: seen } = await t.api.data<{ pathway: { status: string; participant: { phone: string } } }>(
      'query ($id: ID!) { pathway(id: $id) { status participant { phone } } }',
      { id: pathway.id },
      admin,
    );
    expect(seen).toEqual({ status: 'ACCEPTED', participant: { phone: '06 12 34 56 78' } });
    const offer = await t.api.data<{ opportunity: { status: string; title: string } }>('query ($id: ID!) { opportunity(id: $id) { status title } }', { id: opportunityId }, admin);
    expect(offer.opportunity).toEqual({ status: 'OPEN', title: 'Agent de propreté' });
  });
});
