import { AppointmentLinks, FollowUpsService } from '@parcours/pathways';
import { StaffNotification, StaffNotificationsService } from '@parcours/notifications';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { type JourneyFixture, SCHEDULE, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';
import { SubscriptionProbe } from '../support/ws-client';

const MINE = `query ($filter: StaffNotificationsFilter) {
  myUnreadNotificationCount
  myNotifications(first: 50, filter: $filter) { totalCount edges { node { id kind pathwayId itemId dueOn readAt pathway { id participant { lastName } } } } }
}`;
const READ = 'mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount userErrors { code field } } }';
const READ_ALL = 'mutation { markAllNotificationsRead { marked unreadCount userErrors { code } } }';
const ADDED = 'subscription { staffNotificationAdded { kind pathwayId pathway { participant { lastName } } } }';
const ANSWER = 'mutation ($input: AnswerAppointmentInput!) { answerAppointment(input: $input) { appointment { answer } userErrors { code } } }';

interface Notice {
  id: string;
  kind: string;
  pathwayId: string;
  itemId: string;
  dueOn: string | null;
  readAt: string | null;
  pathway: { id: string; participant: { lastName: string } };
}

/**
 * The staff's notifications (issue 35): each kind reaches exactly whom it should, once; what falls
 * due is announced once across repeated sweeps; a handover takes them away; read, purged, erased.
 */
describe('staff notifications', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let placements: PlacementsFixture;
  let referent: TestUser;
  let otherReferent: TestUser;
  let counsellor: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let secondManager: TestUser;
  let leavingManager: TestUser;
  let strangerManager: TestUser;
  let employer: string;
  const probes: SubscriptionProbe[] = [];

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    placements = new PlacementsFixture(t.api);
    referent = await accounts.user('REFERENT');
    otherReferent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    colleague = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    secondManager = await accounts.user('MANAGER');
    leavingManager = await accounts.user('MANAGER');
    const otherOperator = await accounts.organisation('OPERATOR');
    strangerManager = await accounts.user('MANAGER', { organisationId: otherOperator });
    employer = await new OffersFixture(t.api, accounts).partner('EMPLOYER', { name: 'Propreté Forez' }, manager);
    const left = await t.api.data<{ deactivateUser: { userErrors: unknown[] } }>(`mutation { deactivateUser(input: { userId: "${leavingManager.id}" }) { userErrors { code } } }`, undefined, { token: accounts.adminToken });
    expect(left.deactivateUser.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await Promise.all(probes.map((probe) => probe.close()));
    await t.close();
  });

  const mine = async (user: TestUser, filter: Record<string, unknown> = {}) => {
    const data = await t.api.data<{ myUnreadNotificationCount: number; myNotifications: { totalCount: number; edges: { node: Notice }[] } }>(MINE, { filter }, { token: user.token });
    return { unread: data.myUnreadNotificationCount, all: data.myNotifications.edges.map((edge) => edge.node) };
  };
  const kindsOn = async (user: TestUser, pathwayId: string) => (await mine(user)).all.filter((notice) => notice.pathwayId === pathwayId).map((notice) => notice.kind).sort();
  const rows = (where: Record<string, unknown> = {}) => t.orm.em.fork().find(StaffNotification, where);
  const sweep = () => t.app.get(StaffNotificationsService).sweepDue();
  const schedule = async (pathwayId: string, startsAt: string) => {
    const data = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } | null; userErrors: unknown[] } }>(SCHEDULE, { input: { pathwayId, startsAt, channel: 'ON_SITE' } }, { token: counsellor.token });
    if (!data.scheduleDiagnostic.appointment) throw new Error(JSON.stringify(data.scheduleDiagnostic.userErrors));
    return data.scheduleDiagnostic.appointment.id;
  };

  it("tells the operator's active managers of a new referral, nobody else; the decision marks it read", async () => {
    const pathway = await journey.refer(referent);
    for (const user of [manager, secondManager]) expect(await kindsOn(user, pathway.id)).toEqual(['NEW_REFERRAL']);
    for (const user of [counsellor, colleague, referent, otherReferent, strangerManager]) expect(await kindsOn(user, pathway.id)).toEqual([]);
    expect(await rows({ recipient: leavingManager.id })).toEqual([]);
    const notice = (await mine(manager)).all.find((each) => each.pathwayId === pathway.id)!;
    expect(notice).toMatchObject({ itemId: pathway.id, dueOn: '2026-03-16', readAt: null, pathway: { id: pathway.id, participant: { lastName: expect.any(String) } } });

    // The manager puts the counsellor in charge: the counsellor is told, the managers' notices are done.
    expect((await journey.accept(manager, pathway.id, counsellor.id)).userErrors).toEqual([]);
    expect(await kindsOn(counsellor, pathway.id)).toEqual(['PATHWAY_ASSIGNED']);
    expect(await kindsOn(manager, pathway.id)).toEqual(['NEW_REFERRAL']);
    expect((await mine(manager, { unreadOnly: true })).all.filter((each) => each.pathwayId === pathway.id)).toEqual([]);
    expect(await kindsOn(colleague, pathway.id)).toEqual([]);
    // Nobody is told of what they did themselves: a counsellor who accepts for themselves.
    const own = await journey.refer(referent);
    await journey.accept(colleague, own.id);
    expect(await kindsOn(colleague, own.id)).toEqual([]);
  });

  it("a handover takes the pathway's notifications from whoever it leaves, at once; the new one is told", async () => {
    const pathway = await journey.refer(referent);
    await journey.accept(manager, pathway.id, counsellor.id);
    expect(await kindsOn(counsellor, pathway.id)).toEqual(['PATHWAY_ASSIGNED']);
    const moved = await t.api.data<{ assignCounsellor: { userErrors: unknown[] } }>(
      'mutation ($input: AssignCounsellorInput!) { assignCounsellor(input: $input) { userErrors { code } } }',
      { input: { pathwayId: pathway.id, counsellorId: colleague.id } },
      { token: manager.token },
    );
    expect(moved.assignCounsellor.userErrors).toEqual([]);
    expect(await kindsOn(counsellor, pathway.id)).toEqual([]);
    expect(await rows({ recipient: counsellor.id, pathway: pathway.id })).toEqual([]);
    expect(await kindsOn(colleague, pathway.id)).toEqual(['PATHWAY_ASSIGNED']);
  });

  it('announces what falls due once, however often the sweep runs: tomorrow, then missed', async () => {
    const pathway = await journey.refer(referent);
    await journey.accept(counsellor, pathway.id);
    const appointmentId = await schedule(pathway.id, '2026-03-17T08:00:00Z');
    const swept = await sweep();
    expect(swept.announced).toBeGreaterThanOrEqual(1);
    expect(await sweep()).toEqual({ announced: 0 });
    expect((await mine(counsellor)).all.filter((each) => each.pathwayId === pathway.id)).toEqual([expect.objectContaining({ kind: 'APPOINTMENT_TOMORROW', itemId: appointmentId, dueOn: '2026-03-17' })]);
    for (const user of [colleague, referent, manager]) expect(await kindsOn(user, pathway.id)).not.toContain('APPOINTMENT_TOMORROW');

    // Its day passes with nothing recorded: missed, once.
    t.clock.set('2026-03-18T07:00:00Z');
    await accounts.signInAgain(counsellor, referent, manager, colleague);
    await sweep();
    await sweep();
    expect(await kindsOn(counsellor, pathway.id)).toEqual(['APPOINTMENT_MISSED', 'APPOINTMENT_TOMORROW']);
    t.clock.set('2026-03-16T09:00:00Z');
    await accounts.signInAgain(counsellor, referent, manager, colleague);
  });

  it('a contract ending within 15 days: the counsellor and the referent, once; the day before, and missed, the counsellor', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-03-27', hoursPerWeek: 35 });
    await sweep();
    await sweep();
    expect(await kindsOn(counsellor, pathway.id)).toEqual(['CONTRACT_ENDING']);
    expect(await kindsOn(referent, pathway.id)).toEqual(['CONTRACT_ENDING']);
    for (const user of [colleague, otherReferent, manager, strangerManager]) expect(await kindsOn(user, pathway.id)).not.toContain('CONTRACT_ENDING');
    const ending = (await mine(referent)).all.find((each) => each.pathwayId === pathway.id)!;
    expect(ending.dueOn).toBe('2026-03-27');

    t.clock.set('2026-03-26T07:00:00Z');
    await accounts.signInAgain(counsellor, referent);
    await sweep();
    expect(await kindsOn(counsellor, pathway.id)).toEqual(['CONTRACT_ENDING', 'CONTRACT_END_TOMORROW']);
    expect(await kindsOn(referent, pathway.id)).toEqual(['CONTRACT_ENDING']);

    // Nobody records the follow-up at its planned end: the checkpoint goes MISSED, the counsellor is told.
    t.clock.set('2026-04-20T07:00:00Z');
    await accounts.signInAgain(counsellor, referent);
    await t.app.get(FollowUpsService).sweepMissedCheckpoints();
    expect(await kindsOn(counsellor, pathway.id)).toContain('CONTRACT_END_MISSED');
    expect(await kindsOn(referent, pathway.id)).not.toContain('CONTRACT_END_MISSED');
    t.clock.set('2026-03-16T09:00:00Z');
    await accounts.signInAgain(counsellor, referent);
  });

  it("a person's \"cannot come\" reaches the counsellor in charge, pushed live to their console only", async () => {
    const pathway = await journey.refer(referent);
    await journey.accept(counsellor, pathway.id);
    const appointmentId = await schedule(pathway.id, '2026-03-24T09:00:00Z');
    const mineLive = new SubscriptionProbe<{ staffNotificationAdded: { kind: string; pathwayId: string } }>(t.url, counsellor.token);
    const colleagueLive = new SubscriptionProbe(t.url, colleague.token);
    probes.push(mineLive, colleagueLive);
    await mineLive.subscribe(ADDED);
    await colleagueLive.subscribe(ADDED);
    const token = t.app.get(AppointmentLinks).token(appointmentId);
    expect((await t.api.data<{ answerAppointment: unknown }>(ANSWER, { input: { token, answer: 'CANNOT_COME', reason: 'Garde d’enfant', callBack: true } })).answerAppointment).toEqual({ appointment: { answer: 'CANNOT_COME' }, userErrors: [] });
    expect(await kindsOn(counsellor, pathway.id)).toEqual(['PERSON_CANNOT_COME']);
    const pushed = await mineLive.next(1);
    expect(pushed.staffNotificationAdded).toEqual({ kind: 'PERSON_CANNOT_COME', pathwayId: pathway.id, pathway: { participant: { lastName: expect.any(String) } } });
    // Answering again does not tell twice.
    await t.api.data(ANSWER, { input: { token, answer: 'CANNOT_COME' } });
    expect(await kindsOn(counsellor, pathway.id)).toEqual(['PERSON_CANNOT_COME']);
    expect(colleagueLive.received).toEqual([]);
  });

  it('marks read one by one or all; another one\'s notification is NOT_FOUND and nothing is marked', async () => {
    const pathway = await journey.refer(referent);
    const [first] = (await mine(manager, { unreadOnly: true })).all.filter((each) => each.pathwayId === pathway.id);
    const theirs = (await mine(secondManager, { unreadOnly: true })).all.find((each) => each.pathwayId === pathway.id)!;
    const before = (await mine(manager)).unread;
    const refused = await t.api.data<{ markNotificationsRead: { marked: number | null; userErrors: { code: string }[] } }>(READ, { input: { ids: [first.id, theirs.id] } }, { token: manager.token });
    expect(refused.markNotificationsRead).toMatchObject({ marked: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'ids'] }] });
    expect((await mine(manager)).unread).toBe(before);
    const marked = await t.api.data<{ markNotificationsRead: { marked: number; unreadCount: number } }>(READ, { input: { ids: [first.id] } }, { token: manager.token });
    expect(marked.markNotificationsRead).toMatchObject({ marked: 1, unreadCount: before - 1 });
    expect((await mine(secondManager)).all.find((each) => each.id === theirs.id)?.readAt).toBeNull();
    const all = await t.api.data<{ markAllNotificationsRead: { marked: number; unreadCount: number } }>(READ_ALL, undefined, { token: manager.token });
    expect(all.markAllNotificationsRead).toMatchObject({ marked: before - 1, unreadCount: 0 });
    expect((await mine(manager)).unread).toBe(0);
    expect(errorCodes(await t.api.post({ query: MINE }, { token: accounts.adminToken }))).toEqual(['FORBIDDEN']);
  });

  it('a former referent sees none of the pathway; read ones go 90 days after; erased with the person', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-03-30', hoursPerWeek: 35 });
    await sweep();
    expect(await kindsOn(referent, pathway.id)).toEqual(['CONTRACT_ENDING']);
    const handed = await t.api.data<{ assignReferent: { userErrors: unknown[] } }>(
      'mutation ($input: AssignReferentInput!) { assignReferent(input: $input) { userErrors { code } } }',
      { input: { pathwayId: pathway.id, referentId: otherReferent.id, reason: 'Déménagement' } },
      { token: referent.token },
    );
    expect(handed.assignReferent.userErrors).toEqual([]);
    expect(await kindsOn(referent, pathway.id)).toEqual([]);
    expect(await rows({ recipient: referent.id, pathway: pathway.id })).toEqual([]);

    // Read ones are purged 90 days after being read; unread ones stay.
    await t.api.data(READ_ALL, undefined, { token: counsellor.token });
    const service = t.app.get(StaffNotificationsService);
    t.clock.set('2026-06-13T09:00:00Z');
    expect((await service.purge()).purged).toBe(0);
    t.clock.set('2026-06-15T09:00:00Z');
    expect((await service.purge()).purged).toBeGreaterThan(0);
    expect(await rows({ recipient: counsellor.id, readAt: { $ne: null } })).toEqual([]);
    expect((await rows({ recipient: manager.id })).length + (await rows({ recipient: secondManager.id })).length).toBeGreaterThan(0);
    t.clock.set('2026-03-16T09:00:00Z');
    await accounts.signInAgain(counsellor, otherReferent, manager);

    // Erased with the person.
    const other = await journey.refer(otherReferent);
    expect((await rows({ pathway: other.id })).length).toBeGreaterThan(0);
    await journey.withdraw(otherReferent, other.id);
    const erased = await t.api.data<{ eraseParticipant: { erased: boolean } }>(
      'mutation ($input: EraseParticipantInput!) { eraseParticipant(input: $input) { erased userErrors { code } } }',
      { input: { participantId: other.participant.id, reason: 'Demande de la personne' } },
      { token: accounts.adminToken },
    );
    expect(erased.eraseParticipant.erased).toBe(true);
    expect(await rows({ pathway: other.id })).toEqual([]);
  });
});
