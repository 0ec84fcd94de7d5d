import { AccountsFixture, type TestUser } from '../support/accounts';
import type { GraphqlResponse } from '../support/graphql-client';
import { JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings, type PathwayView } from '../support/journey';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every query and mutation of the referral and diagnostic stages, called by each permitted role on a pathway out
 * of its scope, answers exactly what it answers for a pathway that does not exist.
 */
describe('referral operations out of scope', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let pathway: PathwayView;
  let appointmentId: string;
  let diagnosticId: string;
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
    const otherOperator = await accounts.organisation('OPERATOR');
    outsiders.REFERENT = await accounts.user('REFERENT');
    outsiders.COUNSELLOR = await accounts.user('COUNSELLOR', { organisationId: otherOperator });
    outsiders.MANAGER = await accounts.user('MANAGER', { organisationId: otherOperator });
  });
  afterAll(() => t.close());

  const OPERATIONS: [string, string[], (pathwayId: string, participantId: string, appointmentId: string, diagnosticId: string) => [string, Record<string, unknown>]][] = [
    ['pathway', ['REFERENT', 'COUNSELLOR', 'MANAGER'], (id) => ['query ($id: ID!) { pathway(id: $id) { id } }', { id }]],
    ['participant', ['REFERENT', 'COUNSELLOR', 'MANAGER'], (_, id) => ['query ($id: ID!) { participant(id: $id) { participant { id } } }', { id }]],
    ['acceptReferral', ['COUNSELLOR', 'MANAGER'], (id) => ['mutation ($id: ID!) { acceptReferral(input: { pathwayId: $id }) { userErrors { code field message } } }', { id }]],
    ['declineReferral', ['COUNSELLOR', 'MANAGER'], (id) => ['mutation ($id: ID!) { declineReferral(input: { pathwayId: $id, reason: DUPLICATE }) { userErrors { code field message } } }', { id }]],
    ['withdrawReferral', ['REFERENT'], (id) => ['mutation ($id: ID!) { withdrawReferral(input: { pathwayId: $id }) { userErrors { code field message } } }', { id }]],
    ['assignCounsellor', ['MANAGER'], (id) => [`mutation ($id: ID!) { assignCounsellor(input: { pathwayId: $id, counsellorId: "${missing}" }) { userErrors { code field message } } }`, { id }]],
    ['assignReferent', ['REFERENT', 'MANAGER'], (id) => [`mutation ($id: ID!) { assignReferent(input: { pathwayId: $id, referentId: "${missing}", reason: "r" }) { userErrors { code field message } } }`, { id }]],
    ['scheduleDiagnostic', ['COUNSELLOR', 'MANAGER'], (id) => ['mutation ($id: ID!) { scheduleDiagnostic(input: { pathwayId: $id, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) { userErrors { code field message } } }', { id }]],
    ['rescheduleAppointment', ['COUNSELLOR', 'MANAGER'], (_p, _q, id) => ['mutation ($id: ID!) { rescheduleAppointment(input: { appointmentId: $id, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) { userErrors { code field message } } }', { id }]],
    ['cancelAppointment', ['COUNSELLOR', 'MANAGER'], (_p, _q, id) => ['mutation ($id: ID!) { cancelAppointment(input: { appointmentId: $id }) { userErrors { code field message } } }', { id }]],
    ['recordNoShow', ['COUNSELLOR', 'MANAGER'], (_p, _q, id) => ['mutation ($id: ID!) { recordNoShow(input: { appointmentId: $id }) { userErrors { code field message } } }', { id }]],
    ['recordExcused', ['COUNSELLOR', 'MANAGER'], (_p, _q, id) => ['mutation ($id: ID!) { recordExcused(input: { appointmentId: $id }) { userErrors { code field message } } }', { id }]],
    ['recordDiagnostic', ['COUNSELLOR', 'MANAGER'], (_p, _q, id) => ['mutation ($input: RecordDiagnosticInput!) { recordDiagnostic(input: $input) { userErrors { code field message } } }', { input: { appointmentId: id, ...someFindings() } }]],
    ['correctDiagnostic', ['COUNSELLOR', 'MANAGER'], (_p, _q, _a, id) => ['mutation ($input: CorrectDiagnosticInput!) { correctDiagnostic(input: $input) { userErrors { code field message } } }', { input: { diagnosticId: id, ...someFindings() } }]],
    ['updateParticipant', ['REFERENT', 'COUNSELLOR', 'MANAGER'], (_, id) => ['mutation ($id: ID!) { updateParticipant(input: { participantId: $id, phone: "0600000000" }) { userErrors { code field message } } }', { id }]],
  ];

  const cases = OPERATIONS.flatMap(([name, roles, build]) => roles.map((role) => [name, role, build] as const));

  it.each(cases)('%s as an outside %s: NOT_FOUND, as for a missing object', async (_name, role, build) => {
    const call = (pathwayId: string, participantId: string, appointment: string, diagnostic: string) => {
      const [query, variables] = build(pathwayId, participantId, appointment, diagnostic);
      return t.api.request(query, variables, { token: outsiders[role].token });
    };
    const outOfScope: GraphqlResponse = await call(pathway.id, pathway.participant.id, appointmentId, diagnosticId);
    const absent: GraphqlResponse = await call(missing, missing, missing, missing);
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
  });
});
