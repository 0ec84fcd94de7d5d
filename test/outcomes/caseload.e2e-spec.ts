import { FollowUpsService } from '@parcours/pathways';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

const CASELOAD = `query ($id: ID) { caseload(counsellorId: $id) { weekFrom weekTo openByStatus { status count } waitingTooLong appointmentsNeedingUpdate appointmentsThisWeek
  checkpointsThisWeek checkpointsMissed placementsPastPlannedEnd contractsEndingSoon proposalsOpen proposalsStale reportsOverdue exitsThisMonth { category count } } }`;

interface CaseloadView {
  weekFrom: string;
  weekTo: string;
  openByStatus: { status: string; count: number }[];
  waitingTooLong: number;
  checkpointsMissed: number;
  reportsOverdue: number;
  checkpointsThisWeek: number;
  appointmentsNeedingUpdate: number;
  appointmentsThisWeek: number;
  placementsPastPlannedEnd: number;
  contractsEndingSoon: number;
  proposalsOpen: number;
  proposalsStale: number;
}

/** Each caseload line the list of pathways filters by its need. */
const NEEDS = {
  APPOINTMENT_TO_UPDATE: 'appointmentsNeedingUpdate',
  APPOINTMENT_THIS_WEEK: 'appointmentsThisWeek',
  PLACEMENT_PAST_PLANNED_END: 'placementsPastPlannedEnd',
  CONTRACT_ENDING_SOON: 'contractsEndingSoon',
  PROPOSAL_OPEN: 'proposalsOpen',
  PROPOSAL_STALE: 'proposalsStale',
} as const;

/** A caseload's counts are the totals of the lists that show their items. */
describe('the caseload', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let colleague: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    colleague = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    const employer = await new OffersFixture(t.api, accounts).partner('EMPLOYER');
    // Monday 16 March: two referrals left waiting, two diagnosed, one of them placed.
    await journey.refer(referent);
    await journey.refer(referent);
    const placed = await journey.diagnosed(referent, counsellor);
    await journey.diagnosed(referent, counsellor);
    // An interview booked that day and never updated.
    await journey.acceptAndSchedule(counsellor, (await journey.refer(referent)).id);
    await new PlacementsFixture(t.api).start(counsellor, { pathwayId: placed.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-04-20', hoursPerWeek: 35 });
    // Friday 24 April: the +15 days and +1 month checkpoints missed, the reports overdue, the referrals waiting too long.
    t.clock.set('2026-04-24T09:00:00Z');
    await accounts.signInAgain(referent, counsellor, colleague, manager);
    await t.app.get(FollowUpsService).sweepMissedCheckpoints();
    // That Friday, the colleague places someone on a CDD ending Tuesday 5 May: a contract ending within 15 days.
    const soon = await journey.diagnosed(referent, colleague);
    await new PlacementsFixture(t.api).start(colleague, { pathwayId: soon.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-04-24', plannedEndOn: '2026-05-05', hoursPerWeek: 35 });
  });
  afterAll(() => t.close());

  const caseload = async (user: TestUser, id?: string) => (await t.api.data<{ caseload: CaseloadView }>(CASELOAD, { id }, { token: user.token })).caseload;
  const total = async (user: TestUser, query: string, variables: Record<string, unknown>) => {
    const data = await t.api.data<Record<string, { totalCount: number }>>(query, variables, { token: user.token });
    return Object.values(data)[0].totalCount;
  };

  it("matches a manager's lists: waiting too long, and pathways by status", async () => {
    const seen = await caseload(manager);
    expect(seen.waitingTooLong).toBe(2);
    expect(seen.waitingTooLong).toBe(await total(manager, '{ pathways(filter: { waitingTooLong: true }) { totalCount } }', {}));
    for (const { status, count } of seen.openByStatus) expect({ status, count }).toEqual({ status, count: await total(manager, 'query ($s: [PathwayStatus!]) { pathways(filter: { statuses: $s }) { totalCount } }', { s: [status] }) });
    expect([seen.weekFrom, seen.weekTo]).toEqual(['2026-04-20', '2026-04-26']);
  });

  it("matches a counsellor's missed checkpoints, and their colleague's caseload is their own", async () => {
    const seen = await caseload(counsellor);
    expect(seen.checkpointsMissed).toBe(2);
    expect(seen.checkpointsMissed).toBe(await total(counsellor, '{ followUpsDue(filter: { status: [MISSED] }) { totalCount } }', {}));
    expect(seen.openByStatus.find((entry) => entry.status === 'IN_PLACEMENT')!.count).toBe(1);
    expect(seen.checkpointsThisWeek).toBe(1); // the CDD's planned end, Monday 20 April
    expect((await caseload(colleague)).checkpointsMissed).toBe(0);
    expect((await caseload(manager, counsellor.id)).checkpointsMissed).toBe(2);
    const forbidden = await t.api.request(CASELOAD, { id: counsellor.id }, { token: colleague.token });
    expect(forbidden.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it("matches a referent's overdue reports", async () => {
    const seen = await caseload(referent);
    expect(seen.reportsOverdue).toBe(3); // two diagnostics, one placement started
    expect(seen.reportsOverdue).toBe(await total(referent, '{ referentReports(filter: { state: OVERDUE }) { totalCount } }', {}));
  });

  it('matches the list each need opens, for a manager, one counsellor, and a counsellor’s own (pathways, each once)', async () => {
    const byNeed = 'query ($need: PathwayNeed, $c: ID) { pathways(filter: { need: $need, counsellorId: $c }) { totalCount } }';
    const seen = await caseload(manager);
    // This week's interview: the colleague's diagnostic, held that Friday.
    expect(seen).toMatchObject({ appointmentsNeedingUpdate: 1, placementsPastPlannedEnd: 1, appointmentsThisWeek: 1, proposalsOpen: 0 });
    for (const [need, line] of Object.entries(NEEDS)) {
      expect({ need, count: await total(manager, byNeed, { need }) }).toEqual({ need, count: seen[line] });
      expect({ need, count: await total(manager, byNeed, { need, c: counsellor.id }) }).toEqual({ need, count: (await caseload(manager, counsellor.id))[line] });
      expect({ need, count: await total(counsellor, byNeed, { need, c: counsellor.id }) }).toEqual({ need, count: (await caseload(counsellor))[line] });
    }
    expect(await total(colleague, byNeed, { need: 'PLACEMENT_PAST_PLANNED_END', c: colleague.id })).toBe(0);
    expect([seen.contractsEndingSoon, (await caseload(colleague)).contractsEndingSoon, (await caseload(counsellor)).contractsEndingSoon]).toEqual([1, 1, 0]);
  });

  it('orders the list by referral, newest first by default or oldest first, and pages it either way', async () => {
    const days = async (order?: string) => {
      const seenDays: string[] = [];
      let after: string | undefined;
      do {
        const data = await t.api.data<{ pathways: { edges: { node: { referredOn: string; id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
          'query ($order: PathwayOrder, $after: String) { pathways(first: 2, after: $after, order: $order) { edges { node { id referredOn } } pageInfo { hasNextPage endCursor } } }',
          { order, after },
          { token: manager.token },
        );
        seenDays.push(...data.pathways.edges.map((edge) => edge.node.id));
        after = data.pathways.pageInfo.hasNextPage ? data.pathways.pageInfo.endCursor : undefined;
      } while (after);
      return seenDays;
    };
    const newest = await days();
    expect(newest.length).toBeGreaterThanOrEqual(5);
    expect(await days('REFERRAL_NEWEST')).toEqual(newest);
    expect(await days('REFERRAL_OLDEST')).toEqual([...newest].reverse());
  });
});
