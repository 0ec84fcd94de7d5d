import { OrganisationKind, Role, type Actor } from '@parcours/accounts';
import { Pathway, PathwayEvent, ReferralsService } from '@parcours/pathways';
import { UnitOfWork } from '@parcours/unit-of-work';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

/**
 * Queries read beside the writer (SQLite: a pool of read-only connections on the same file;
 * PostgreSQL: its pool): they never wait for a command, and never see it half done. A command
 * reads and writes on the writer, so it sees its own changes and loses no one else's.
 */
describe('reads beside the writer', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let actor: Actor;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    actor = { userId: counsellor.id, role: Role.COUNSELLOR, organisationId: accounts.operatorId, organisationKind: OrganisationKind.OPERATOR, sessionId: null };
  });
  afterAll(() => t.close());

  const statusThroughApi = async (pathwayId: string) =>
    (await t.api.data<{ pathway: { status: string } }>('query ($id: ID!) { pathway(id: $id) { status } }', { id: pathwayId }, { token: referent.token })).pathway.status;

  it('a query answers while a command holds the writer, with the state before it; the command sees its own change', async () => {
    const pathway = await journey.refer(referent);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const inside = new Promise<void>((resolve) => (began = resolve));
    const seenInside: string[] = [];
    // The test hook: a command that accepts the referral, then stays open until released.
    const command = t.app.get(UnitOfWork).run(actor, async ({ reads }) => {
      await t.app.get(ReferralsService).accept(actor, pathway.id);
      seenInside.push((await reads.findOne(Pathway, { id: pathway.id }))!.status);
      began();
      await held;
    });
    await inside;
    expect(seenInside).toEqual(['ACCEPTED']);
    expect(await statusThroughApi(pathway.id)).toBe('REFERRED');
    release();
    await command;
    expect(await statusThroughApi(pathway.id)).toBe('ACCEPTED');
  });

  it('20 concurrent commands on one pathway: each judged on the state the one before left, none lost', async () => {
    const manager = await accounts.user('MANAGER');
    const staff = [counsellor, await accounts.user('COUNSELLOR'), await accounts.user('COUNSELLOR')];
    const pathway = await journey.refer(referent);
    await journey.accept(counsellor, pathway.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        journey.mutate(manager, 'assignCounsellor', 'AssignCounsellorInput', { pathwayId: pathway.id, counsellorId: staff[(i % 2) + 1].id, reason: `relève ${i}` }),
      ),
    );
    // Refused only by the rule (that counsellor was already in charge), never by the race.
    results.flatMap((result) => result.userErrors).forEach((error) => expect(error.code).toBe('ALREADY_ASSIGNED'));
    const applied = results.flatMap((result, i) => (result.pathway ? [`relève ${i}`] : []));
    expect(applied.length).toBeGreaterThanOrEqual(2);
    const em = t.orm.em.fork();
    const events = await em.find(PathwayEvent, { pathway: pathway.id, type: 'CounsellorAssigned' }, { orderBy: { id: 'asc' } });
    // Every applied command left its event, and each one changed the counsellor the one before had left.
    expect(events.map((event) => event.reason).sort()).toEqual(applied.sort());
    events.forEach((event, i) => expect(event.fromUser?.id).toBe(i === 0 ? counsellor.id : events[i - 1].toUser?.id));
    const stored = await em.findOneOrFail(Pathway, pathway.id);
    expect(stored.counsellor?.id).toBe(events[events.length - 1].toUser?.id);
  });
});
