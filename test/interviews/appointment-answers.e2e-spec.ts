import { AppointmentLinks } from '@parcours/pathways';
import type { TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { aPerson, SCHEDULE, startJourneyApp, type JourneyFixture } from '../support/journey';
import type { AccountsFixture } from '../support/accounts';
import type { TestApp } from '../support/test-app';

const PAGE_FIELDS = 'startsAt channel place counsellorName operatorName operatorPhone answer answerReason answerCallBack receivesMessages';
const OPEN = `mutation ($input: AppointmentLinkInput!) { openAppointmentLink(input: $input) { appointment { ${PAGE_FIELDS} } userErrors { code field message } } }`;
const ANSWER = `mutation ($input: AnswerAppointmentInput!) { answerAppointment(input: $input) { appointment { ${PAGE_FIELDS} } userErrors { code field message } } }`;
const STOP = `mutation ($input: AppointmentLinkInput!) { stopAppointmentMessages(input: $input) { appointment { receivesMessages } userErrors { code field message } } }`;
const PATHWAY = `query ($id: ID!) { pathway(id: $id) {
  participant { messageConsents { channel } }
  appointments { id answer answerReason answerCallBack answeredAt }
  history { type byUserId reason fields }
} }`;
const CASELOAD = '{ caseload { appointmentsPersonCannotCome } }';
const BY_NEED = 'query { pathways(filter: { need: PERSON_CANNOT_COME }) { totalCount } }';
const RESCHEDULE = 'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { userErrors { code } } }';
const CANCEL = 'mutation ($input: AppointmentOutcomeInput!) { cancelAppointment(input: $input) { userErrors { code } } }';

/**
 * Issue 34, item 4: the person's answer through the link in their messages, over GraphQL as the
 * public page calls it (no account; the token in the body): the appointment and nothing else of
 * theirs, "coming" or "cannot come" (a reason, call me back), changeable until the appointment;
 * no status moves; on the pathway, in its history and the access log as the person through their
 * link; a "cannot come" on the counsellor's home page. One APPOINTMENT_LINK_EXPIRED for a forged
 * link, a cancelled or past appointment.
 */
describe('the person’s answer through their link', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let links: AppointmentLinks;

  async function booked(startsAt = '2026-03-20T09:00:00Z'): Promise<{ pathwayId: string; participantId: string; appointmentId: string; token: string }> {
    const pathway = await journey.refer(referent, aPerson({ phone: '06 11 22 33 44', email: 'personne@example.org' }), { messageConsent: ['SMS', 'EMAIL'] });
    await journey.accept(counsellor, pathway.id);
    const { scheduleDiagnostic } = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId: pathway.id, startsAt, channel: 'ON_SITE', place: '3 rue de la Paix, Saint-Étienne' } }, { token: counsellor.token });
    const appointmentId = scheduleDiagnostic.appointment.id;
    return { pathwayId: pathway.id, participantId: pathway.participant.id, appointmentId, token: links.token(appointmentId) };
  }

  const seenBy = (user: TestUser, pathwayId: string) =>
    t.api.data<{ pathway: { participant: { messageConsents: { channel: string }[] }; appointments: Record<string, unknown>[]; history: { type: string; byUserId: string | null; reason: string | null; fields: string[] | null }[] } }>(PATHWAY, { id: pathwayId }, { token: user.token });

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    links = t.app.get(AppointmentLinks);
  });
  afterAll(() => t?.close());

  it('opens the appointment, and nothing else of the person’s', async () => {
    const { token } = await booked();
    const opened = await t.api.request<{ openAppointmentLink: { appointment: Record<string, unknown> } }>(OPEN, { input: { token } });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openAppointmentLink.appointment).toEqual({
      startsAt: '2026-03-20T09:00:00.000Z',
      channel: 'ON_SITE',
      place: '3 rue de la Paix, Saint-Étienne',
      counsellorName: 'Paul Conseiller',
      operatorName: expect.any(String),
      operatorPhone: null,
      answer: null,
      answerReason: null,
      answerCallBack: false,
      receivesMessages: true,
    });
    // The type itself has no field for the person: no name, number, address or pathway.
    const fields = await t.api.data<{ __type: { fields: { name: string }[] } }>('{ __type(name: "AppointmentAtLink") { fields { name } } }');
    expect(fields.__type.fields.map((field) => field.name).sort()).toEqual(PAGE_FIELDS.split(' ').sort());
  });

  it('records "cannot come" with its reason and call-back, moves no status, and puts it on the pathway, its history, the access log and the counsellor’s home page', async () => {
    const { token, pathwayId, participantId, appointmentId } = await booked();
    const answered = await t.api.data<{ answerAppointment: { appointment: Record<string, unknown>; userErrors: unknown[] } }>(ANSWER, { input: { token, answer: 'CANNOT_COME', reason: '  Garde d’enfant  ', callBack: true } });
    expect(answered.answerAppointment).toMatchObject({ appointment: { answer: 'CANNOT_COME', answerReason: 'Garde d’enfant', answerCallBack: true }, userErrors: [] });
    const seen = await seenBy(counsellor, pathwayId);
    expect(seen.pathway.appointments).toEqual([{ id: appointmentId, answer: 'CANNOT_COME', answerReason: 'Garde d’enfant', answerCallBack: true, answeredAt: '2026-03-16T09:00:00.000Z' }]);
    expect(seen.pathway.history.at(-1)).toEqual({ type: 'AppointmentAnswered', byUserId: null, reason: 'CANNOT_COME_CALL_BACK', fields: null });
    const status = await t.api.data<{ pathway: { status: string } }>('query ($id: ID!) { pathway(id: $id) { status } }', { id: pathwayId }, { token: counsellor.token });
    expect(status.pathway.status).toBe('DIAGNOSTIC_SCHEDULED');
    expect((await t.api.data<{ caseload: { appointmentsPersonCannotCome: number } }>(CASELOAD, undefined, { token: counsellor.token })).caseload.appointmentsPersonCannotCome).toBe(1);
    expect((await t.api.data<{ pathways: { totalCount: number } }>(BY_NEED, undefined, { token: counsellor.token })).pathways.totalCount).toBe(1);
    // The access log names the person, through their link, for what the page read and what they wrote.
    const log = await t.api.data<{ auditLog: { edges: { node: { role: string; action: string; operation: string; fields: string[] } }[] } }>(
      'query ($id: ID) { auditLog(first: 50, filter: { participantId: $id }) { edges { node { role action operation fields } } } }',
      { id: participantId },
      { token: accounts.adminToken },
    );
    const byLink = log.auditLog.edges.map((edge) => edge.node).filter((node) => node.role === 'PERSON_LINK');
    expect(byLink).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'WRITE', fields: expect.arrayContaining(['answerReason']) }),
        expect.objectContaining({ action: 'READ', operation: 'mutation answerAppointment', fields: expect.arrayContaining(['AppointmentAtLink.answerReason']) }),
      ]),
    );

    // Changed to "coming": the reason and call-back go, and so does the line on the home page.
    const coming = await t.api.data<{ answerAppointment: { appointment: Record<string, unknown> } }>(ANSWER, { input: { token, answer: 'COMING', reason: 'ignored', callBack: true } });
    expect(coming.answerAppointment.appointment).toMatchObject({ answer: 'COMING', answerReason: null, answerCallBack: false });
    expect((await t.api.data<{ caseload: { appointmentsPersonCannotCome: number } }>(CASELOAD, undefined, { token: counsellor.token })).caseload.appointmentsPersonCannotCome).toBe(0);
    // Moved to another time, the answer is asked again.
    await t.api.data(RESCHEDULE, { input: { appointmentId, startsAt: '2026-03-21T09:00:00Z', channel: 'PHONE' } }, { token: counsellor.token });
    expect((await seenBy(counsellor, pathwayId)).pathway.appointments[0]).toMatchObject({ answer: null, answeredAt: null });
  });

  it('answers the same APPOINTMENT_LINK_EXPIRED to a forged link, a cancelled appointment and one whose time has come, and writes nothing', async () => {
    const good = await booked();
    const cancelled = await booked();
    await t.api.data(CANCEL, { input: { appointmentId: cancelled.appointmentId } }, { token: counsellor.token });
    const forged = `${good.token.slice(0, 30)}${good.token[30] === 'A' ? 'B' : 'A'}${good.token.slice(31)}`;
    const refusals = [];
    for (const token of [forged, 'not-a-token', links.token('00000000-0000-4000-8000-000000000000'), cancelled.token]) {
      const answered = await t.api.data<{ answerAppointment: { appointment: unknown; userErrors: unknown[] } }>(ANSWER, { input: { token, answer: 'COMING' } });
      const opened = await t.api.data<{ openAppointmentLink: { appointment: unknown; userErrors: unknown[] } }>(OPEN, { input: { token } });
      refusals.push(answered.answerAppointment, opened.openAppointmentLink);
    }
    t.clock.set('2026-03-20T09:00:00Z');
    try {
      const late = await t.api.data<{ answerAppointment: { appointment: unknown; userErrors: unknown[] } }>(ANSWER, { input: { token: good.token, answer: 'CANNOT_COME' } });
      refusals.push(late.answerAppointment);
    } finally {
      t.clock.set('2026-03-16T09:00:00Z');
    }
    expect(new Set(refusals.map((refusal) => JSON.stringify(refusal)))).toEqual(new Set([JSON.stringify({ appointment: null, userErrors: [{ code: 'APPOINTMENT_LINK_EXPIRED', field: ['input', 'token'], message: 'This link has expired.' }] })]));
    expect((await seenBy(counsellor, good.pathwayId)).pathway.appointments[0]).toMatchObject({ answer: null });
    expect((await seenBy(counsellor, good.pathwayId)).pathway.history.map((event) => event.type)).not.toContain('AppointmentAnswered');
  });

  it('stops every message at the person’s word: their consents withdrawn, by nobody on the staff', async () => {
    const { token, pathwayId } = await booked();
    expect((await seenBy(counsellor, pathwayId)).pathway.participant.messageConsents.map((consent) => consent.channel).sort()).toEqual(['EMAIL', 'SMS']);
    expect((await t.api.data<{ stopAppointmentMessages: unknown }>(STOP, { input: { token } })).stopAppointmentMessages).toEqual({ appointment: { receivesMessages: false }, userErrors: [] });
    const seen = await seenBy(counsellor, pathwayId);
    expect(seen.pathway.participant.messageConsents).toEqual([]);
    expect(seen.pathway.history.at(-1)).toEqual({ type: 'ParticipantUpdated', byUserId: null, reason: null, fields: ['smsConsent', 'emailConsent'] });
    // A token in a URL or a header is no way in: the page posts it in the body only.
    expect(errorCodes(await t.api.request(OPEN, { input: {} }))).toEqual(['BAD_USER_INPUT']);
  });
});
