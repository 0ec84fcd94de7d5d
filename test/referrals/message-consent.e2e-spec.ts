import type { AccountsFixture, TestUser } from '../support/accounts';
import { aPerson, type JourneyFixture, startJourneyApp } from '../support/journey';
import { migrateAgain, type TestApp } from '../support/test-app';

const PARTICIPANT = 'id phone phoneToCheck email messageConsents { channel givenAt givenBy }';
const REFER = `mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id participant { ${PARTICIPANT} } } userErrors { code field } } }`;
const CONSENT = (name: string) => `mutation ($input: MessageConsentInput!) { ${name}(input: $input) { participant { ${PARTICIPANT} } userErrors { code field } } }`;
const UPDATE = `mutation ($input: UpdateParticipantInput!) { updateParticipant(input: $input) { participant { ${PARTICIPANT} } userErrors { code field } } }`;

interface ParticipantSeen {
  id: string;
  phone: string | null;
  phoneToCheck: boolean;
  email: string | null;
  messageConsents: { channel: string; givenAt: string; givenBy: string }[];
}
type Answer = { participant?: ParticipantSeen | null; pathway?: { id: string; participant: ParticipantSeen } | null; userErrors: { code: string; field: string[] }[] };

/**
 * Issue 34, item 1: the person's phone kept in E.164 (a number that does not read is refused), and
 * their consent to messages by SMS (a mobile only) and e-mail (an address needed), recorded at
 * referral or later by the operator's staff, withdrawn in one action, ended by a new number or
 * address, each change in the pathway's history; numbers typed before the check are normalised by
 * the migration or kept as typed and flagged.
 */
describe("the person's phone and consent to messages", () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT', { fullName: 'Rita Référente' });
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    const elsewhere = await accounts.organisation('OPERATOR');
    stranger = await accounts.user('COUNSELLOR', { organisationId: elsewhere });
  });
  afterAll(() => t.close());

  const refer = async (person: Record<string, unknown>, messageConsent: string[]) =>
    (await t.api.data<{ referParticipant: Answer }>(REFER, { input: { operatorId: accounts.operatorId, person, barriers: [], messageConsent } }, { token: referent.token })).referParticipant;
  const consent = async (user: TestUser, name: 'recordMessageConsent' | 'withdrawMessageConsent', participantId: string, channel: string) =>
    (await t.api.data<Record<string, Answer>>(CONSENT(name), { input: { participantId, channel } }, { token: user.token }))[name];
  const update = async (user: TestUser, participantId: string, patch: Record<string, unknown>) =>
    (await t.api.data<{ updateParticipant: Answer }>(UPDATE, { input: { participantId, ...patch } }, { token: user.token })).updateParticipant;
  const participants = async () => Number((await t.orm.em.fork().getConnection().execute('select count(*) as n from participant'))[0].n);
  const history = async (pathwayId: string) =>
    (await t.api.data<{ pathway: { history: { type: string; fields: string[] | null; byUserId: string }[] } }>('query ($id: ID!) { pathway(id: $id) { history { type fields byUserId } } }', { id: pathwayId }, { token: counsellor.token })).pathway.history.filter(
      (line) => line.type === 'ParticipantUpdated',
    );

  it('keeps a phone in E.164 and records the consent given at referral, with who gave it', async () => {
    const answer = await refer(aPerson({ phone: '06 12 34 56 78', email: 'camille@example.org' }), ['SMS', 'EMAIL']);
    expect(answer.userErrors).toEqual([]);
    const person = answer.pathway!.participant;
    expect([person.phone, person.phoneToCheck]).toEqual(['+33612345678', false]);
    expect(person.messageConsents).toEqual([
      { channel: 'SMS', givenAt: '2026-03-16T09:00:00.000Z', givenBy: 'Rita Référente' },
      { channel: 'EMAIL', givenAt: '2026-03-16T09:00:00.000Z', givenBy: 'Rita Référente' },
    ]);
  });

  it('refuses a number that does not read, SMS consent without a mobile and e-mail consent without an address, all in one answer, writing nothing', async () => {
    const before = await participants();
    const unreadable = await refer(aPerson({ phone: 'chez sa sœur' }), []);
    expect(unreadable).toEqual({ pathway: null, userErrors: [{ code: 'INVALID_PHONE', field: ['input', 'person', 'phone'] }] });
    const landline = await refer(aPerson({ phone: '04 77 12 34 56', email: null }), ['SMS', 'EMAIL']);
    expect(landline).toEqual({
      pathway: null,
      userErrors: [
        { code: 'SMS_NEEDS_MOBILE', field: ['input', 'messageConsent'] },
        { code: 'CONSENT_NEEDS_EMAIL', field: ['input', 'messageConsent'] },
      ],
    });
    expect(await participants()).toBe(before);
  });

  it("lets the operator's staff record and withdraw consent later, each change once in the history, and refuses it without a mobile", async () => {
    const answer = await refer(aPerson({ phone: '04 77 12 34 56', email: null }), []);
    const { id: pathwayId, participant } = answer.pathway!;
    await journey.accept(counsellor, pathwayId);
    expect((await consent(counsellor, 'recordMessageConsent', participant.id, 'SMS')).userErrors).toEqual([{ code: 'SMS_NEEDS_MOBILE', field: ['input', 'channel'] }]);
    expect((await update(counsellor, participant.id, { phone: '07 81 23 45 67' })).userErrors).toEqual([]);
    const given = await consent(counsellor, 'recordMessageConsent', participant.id, 'SMS');
    expect(given.participant!.messageConsents).toEqual([{ channel: 'SMS', givenAt: '2026-03-16T09:00:00.000Z', givenBy: 'Paul Conseiller' }]);
    // Asked again: nothing changes.
    await consent(counsellor, 'recordMessageConsent', participant.id, 'SMS');
    const withdrawn = await consent(referent, 'withdrawMessageConsent', participant.id, 'SMS');
    expect(withdrawn).toEqual({ participant: expect.objectContaining({ messageConsents: [] }), userErrors: [] });
    await consent(referent, 'withdrawMessageConsent', participant.id, 'SMS');
    expect((await history(pathwayId)).map((line) => [line.fields, line.byUserId])).toEqual([
      [['phone'], counsellor.id],
      [['smsConsent'], counsellor.id],
      [['smsConsent'], referent.id],
    ]);
  });

  it('ends the consent given for a number or an address when it changes', async () => {
    const answer = await refer(aPerson({ phone: '06 12 34 56 79', email: 'dom@example.org' }), ['SMS', 'EMAIL']);
    const { id: pathwayId, participant } = answer.pathway!;
    const moved = await update(referent, participant.id, { phone: '06 98 76 54 32' });
    expect(moved.participant!.messageConsents.map((given) => given.channel)).toEqual(['EMAIL']);
    const renamed = await update(referent, participant.id, { email: 'dominique@example.org' });
    expect(renamed.participant!.messageConsents).toEqual([]);
    expect((await history(pathwayId)).map((line) => line.fields)).toEqual([
      ['phone', 'smsConsent'],
      ['email', 'emailConsent'],
    ]);
  });

  it('refuses consent changes to whoever may not see the person (not found), and to a referent recording one (forbidden)', async () => {
    const answer = await refer(aPerson({ phone: '06 12 34 56 70' }), []);
    const { participant } = answer.pathway!;
    expect((await consent(stranger, 'withdrawMessageConsent', participant.id, 'SMS')).userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect((await consent(stranger, 'recordMessageConsent', participant.id, 'SMS')).userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const forbidden = await t.api.request(CONSENT('recordMessageConsent'), { input: { participantId: participant.id, channel: 'SMS' } }, { token: referent.token });
    expect(forbidden.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('normalises the numbers typed before the check, keeps the others as typed and flagged, and lets their other details change', async () => {
    const typed = (await refer(aPerson({ phone: null }), [])).pathway!.participant;
    const odd = (await refer(aPerson({ phone: null }), [])).pathway!.participant;
    const connection = t.orm.em.fork().getConnection();
    await connection.execute('update participant set phone = ? where id = ?', ['06.11.22.33.44', typed.id]);
    await connection.execute('update participant set phone = ? where id = ?', ['chez sa mère', odd.id]);
    expect(await migrateAgain(t.orm, '_MessageConsent')).toMatch(/_MessageConsent$/);
    const seen = async (id: string) =>
      (await t.api.data<{ participant: { participant: ParticipantSeen } }>(`query ($id: ID!) { participant(id: $id) { participant { ${PARTICIPANT} } } }`, { id }, { token: referent.token })).participant.participant;
    expect([(await seen(typed.id)).phone, (await seen(typed.id)).phoneToCheck]).toEqual(['+33611223344', false]);
    expect([(await seen(odd.id)).phone, (await seen(odd.id)).phoneToCheck]).toEqual(['chez sa mère', true]);
    expect((await update(referent, odd.id, { addressLine: '3 rue Neuve' })).userErrors).toEqual([]);
    expect((await consent(counsellor, 'recordMessageConsent', odd.id, 'SMS')).userErrors.map((error) => error.code)).toEqual(['SMS_NEEDS_MOBILE']);
  });
});
