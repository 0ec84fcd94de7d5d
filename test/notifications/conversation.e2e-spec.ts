import { AuditAction, AuditEntry } from '@parcours/audit';
import { ConversationRead, PathwayMessage } from '@parcours/pathways';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';
import { SubscriptionProbe } from '../support/ws-client';

const POST = 'mutation ($input: PostPathwayMessageInput!) { postPathwayMessage(input: $input) { message { id text mine author { fullName role } } userErrors { code field } } }';
const READ = 'mutation ($input: ReadPathwayConversationInput!) { readPathwayConversation(input: $input) { read userErrors { code } } }';
const CONVERSATION = 'query ($id: ID!) { pathway(id: $id) { conversation { text mine author { fullName } readBy { fullName } } } }';
const POSTED = 'subscription ($id: ID!) { pathwayMessagePosted(pathwayId: $id) { text author { fullName } } }';
const NOTICES = '{ myNotifications(filter: { unreadOnly: true }) { edges { node { kind pathwayId itemId } } } }';

/** The conversation of a pathway between its referent and the operator's staff (issue 35). */
describe('the conversation of a pathway', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let otherReferent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  const probes: SubscriptionProbe[] = [];

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT', { fullName: 'Nadia Référente' });
    otherReferent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    manager = await accounts.user('MANAGER', { fullName: 'Irène Responsable' });
  });
  afterAll(async () => {
    await Promise.all(probes.map((probe) => probe.close()));
    await t.close();
  });

  const post = (user: TestUser, pathwayId: string, text: string) => t.api.request<{ postPathwayMessage: { message: { id: string; text: string; mine: boolean } | null; userErrors: { code: string; field: string[] }[] } }>(POST, { input: { pathwayId, text } }, { token: user.token });
  const conversation = async (user: TestUser, id: string) => (await t.api.data<{ pathway: { conversation: { text: string | null; mine: boolean; author: { fullName: string }; readBy: { fullName: string }[] }[] } }>(CONVERSATION, { id }, { token: user.token })).pathway.conversation;
  const notices = async (user: TestUser) => (await t.api.data<{ myNotifications: { edges: { node: { kind: string; pathwayId: string; itemId: string } }[] } }>(NOTICES, undefined, { token: user.token })).myNotifications.edges.map((edge) => edge.node);
  const probe = (user: TestUser) => {
    const created = new SubscriptionProbe<{ pathwayMessagePosted: { text: string; author: { fullName: string } } }>(t.url, user.token);
    probes.push(created);
    return created;
  };

  it('the referent and the counsellor write to each other, each seeing the other live; the other side is notified; reading marks it read', async () => {
    const pathway = await journey.refer(referent);
    await journey.accept(counsellor, pathway.id);
    const counsellorLive = probe(counsellor);
    const referentLive = probe(referent);
    const strangerLive = probe(otherReferent);
    await counsellorLive.subscribe(POSTED, { id: pathway.id });
    await referentLive.subscribe(POSTED, { id: pathway.id });
    await strangerLive.subscribe(POSTED, { id: pathway.id });

    const first = await post(referent, pathway.id, '  Elle a déménagé à Firminy, nouvelle adresse transmise.  ');
    expect(first.data?.postPathwayMessage).toMatchObject({ message: { text: 'Elle a déménagé à Firminy, nouvelle adresse transmise.', mine: true }, userErrors: [] });
    expect((await counsellorLive.next(1)).pathwayMessagePosted).toEqual({ text: 'Elle a déménagé à Firminy, nouvelle adresse transmise.', author: { fullName: 'Nadia Référente' } });
    expect(await notices(counsellor)).toEqual([{ kind: 'NEW_MESSAGE', pathwayId: pathway.id, itemId: first.data!.postPathwayMessage.message!.id }]);
    expect((await notices(manager)).filter((notice) => notice.kind === 'NEW_MESSAGE')).toEqual([]);
    expect(await notices(referent)).toEqual([]);

    // A minute later the counsellor opens the conversation: the notice is read, and the referent sees that it was.
    t.clock.advance(60_000);
    expect((await t.api.data<{ readPathwayConversation: { read: boolean } }>(READ, { input: { pathwayId: pathway.id } }, { token: counsellor.token })).readPathwayConversation.read).toBe(true);
    expect(await notices(counsellor)).toEqual([]);
    // Opened again with nothing new: nothing written.
    const marker = async () => (await t.orm.em.fork().findOneOrFail(ConversationRead, { pathway: pathway.id, reader: counsellor.id })).readAt.getTime();
    const readAt = await marker();
    t.clock.advance(60_000);
    await t.api.data(READ, { input: { pathwayId: pathway.id } }, { token: counsellor.token });
    expect(await marker()).toBe(readAt);
    await post(counsellor, pathway.id, 'Merci, je la rappelle demain.');
    expect((await referentLive.next(2)).pathwayMessagePosted).toEqual({ text: 'Merci, je la rappelle demain.', author: { fullName: 'Paul Conseiller' } });
    expect((await notices(referent)).map((notice) => notice.kind)).toEqual(['NEW_MESSAGE']);
    expect(await conversation(referent, pathway.id)).toEqual([
      { text: 'Elle a déménagé à Firminy, nouvelle adresse transmise.', mine: true, author: { fullName: 'Nadia Référente' }, readBy: [{ fullName: 'Paul Conseiller' }] },
      { text: 'Merci, je la rappelle demain.', mine: false, author: { fullName: 'Paul Conseiller' }, readBy: [] },
    ]);
    // Another referent: nothing, live or not.
    expect(strangerLive.received).toEqual([]);
    expect(errorCodes(await t.api.request(CONVERSATION, { id: pathway.id }, { token: otherReferent.token }))).toEqual(['NOT_FOUND']);
    const refused = await post(otherReferent, pathway.id, 'Bonjour');
    expect(refused.data?.postPathwayMessage).toEqual({ message: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'pathwayId'] }] });

    // Every read is in the access log, the pushed ones included.
    const reads = await t.orm.em.fork().find(AuditEntry, { participantId: pathway.participant.id, objectType: 'PathwayMessage', action: AuditAction.READ });
    expect(reads.map((entry) => entry.userId)).toEqual(expect.arrayContaining([counsellor.id, referent.id]));
    expect(reads.filter((entry) => entry.operation === 'subscription pathwayMessagePosted').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses an empty message and a long one, writing nothing; a message while nobody is in charge goes to the managers', async () => {
    const pathway = await journey.refer(referent);
    const count = () => t.orm.em.fork().count(PathwayMessage, { pathway: pathway.id });
    expect((await post(referent, pathway.id, '   ')).data?.postPathwayMessage.userErrors).toEqual([{ code: 'INVALID_MESSAGE', field: ['input', 'text'] }]);
    expect(errorCodes(await post(referent, pathway.id, 'x'.repeat(2001)))).toEqual([]);
    expect((await post(referent, pathway.id, 'x'.repeat(2001))).data?.postPathwayMessage.userErrors.map((error) => error.code)).toEqual(['INVALID_INPUT']);
    expect(await count()).toBe(0);
    await post(referent, pathway.id, 'x'.repeat(2000));
    expect(await count()).toBe(1);
    expect((await notices(manager)).filter((notice) => notice.pathwayId === pathway.id).map((notice) => notice.kind).sort()).toEqual(['NEW_MESSAGE', 'NEW_REFERRAL']);
  });

  it('a former referent reads and writes nothing after a handover; the messages are exported, and erased with the person', async () => {
    const pathway = await journey.refer(referent);
    await journey.accept(counsellor, pathway.id);
    await post(counsellor, pathway.id, 'Il est hospitalisé cette semaine.');
    const handed = await t.api.data<{ assignReferent: { userErrors: unknown[] } }>(
      'mutation ($input: AssignReferentInput!) { assignReferent(input: $input) { userErrors { code } } }',
      { input: { pathwayId: pathway.id, referentId: otherReferent.id, reason: 'Changement de secteur' } },
      { token: referent.token },
    );
    expect(handed.assignReferent.userErrors).toEqual([]);
    expect(errorCodes(await t.api.request(CONVERSATION, { id: pathway.id }, { token: referent.token }))).toEqual(['NOT_FOUND']);
    expect((await post(referent, pathway.id, 'Encore moi')).data?.postPathwayMessage.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect((await notices(referent)).filter((notice) => notice.pathwayId === pathway.id)).toEqual([]);
    expect((await conversation(otherReferent, pathway.id)).map((message) => message.text)).toEqual(['Il est hospitalisé cette semaine.']);

    const exported = await t.api.data<{ exportParticipantData: { pathways: { conversation: { text: string; author: string }[] }[] } }>(
      'query ($id: ID!) { exportParticipantData(participantId: $id) }',
      { id: pathway.participant.id },
      { token: accounts.adminToken },
    );
    expect(JSON.stringify(exported)).toContain('Il est hospitalisé cette semaine.');

    await journey.withdraw(otherReferent, pathway.id);
    const erased = await t.api.data<{ eraseParticipant: { erased: boolean } }>(
      'mutation ($input: EraseParticipantInput!) { eraseParticipant(input: $input) { erased userErrors { code } } }',
      { input: { participantId: pathway.participant.id, reason: 'Demande de la personne' } },
      { token: accounts.adminToken },
    );
    expect(erased.eraseParticipant.erased).toBe(true);
    const rows = await t.orm.em.fork().find(PathwayMessage, { pathway: pathway.id });
    expect(rows.map((row) => row.text)).toEqual([null]);
  });
});
