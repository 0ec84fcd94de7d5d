import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { migrateAgain, type TestApp } from '../support/test-app';

const ROW = 'id lastContactOn nextAppointmentAt referredOn';

interface Row {
  id: string;
  lastContactOn: string | null;
  nextAppointmentAt: string | null;
  referredOn: string;
}

/**
 * The pathway lists sort by last contact and by next appointment: two columns of the pathway that
 * its commands keep (schedule, reschedule, cancel, absences, diagnostic held, contacts) and that the
 * migration which added them fills from the rows already there; cursor paging intact either way.
 */
describe('the pathway list sorted by last contact and by next appointment', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  const ids: Record<string, string> = {};

  const run = async <T>(user: TestUser, query: string, variables: Record<string, unknown>) => t.api.data<T>(query, variables, { token: user.token });
  const ok = async (user: TestUser, name: string, input: string, variables: Record<string, unknown>) => {
    const data = await run<Record<string, { userErrors: unknown[] }>>(user, `mutation ($input: ${input}!) { ${name}(input: $input) { userErrors { code } } }`, { input: variables });
    expect({ name, errors: data[name].userErrors }).toEqual({ name, errors: [] });
  };
  const contact = (pathwayId: string, on: string, reached: string) => ok(counsellor, 'recordContact', 'RecordContactInput', { pathwayId, kind: 'PHONE_CALL', on, reached });

  /** Every page of the list in one order, two at a time. */
  const walk = async (order: string): Promise<Row[]> => {
    const rows: Row[] = [];
    let after: string | undefined;
    do {
      const data = await run<{ pathways: { edges: { node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        manager,
        `query ($order: PathwayOrder, $after: String) { pathways(first: 2, after: $after, order: $order) { edges { node { ${ROW} } } pageInfo { hasNextPage endCursor } } }`,
        { order, after },
      );
      rows.push(...data.pathways.edges.map((edge) => edge.node));
      after = data.pathways.pageInfo.hasNextPage ? data.pathways.pageInfo.endCursor : undefined;
    } while (after);
    return rows;
  };

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    // Monday 16 March 2026.
    ids.waiting = (await journey.refer(referent)).id;
    ids.booked = (await journey.refer(referent)).id;
    await journey.acceptAndSchedule(counsellor, ids.booked);
    ids.moved = (await journey.refer(referent)).id;
    const moved = await journey.acceptAndSchedule(counsellor, ids.moved);
    await ok(counsellor, 'rescheduleAppointment', 'RescheduleAppointmentInput', { appointmentId: moved, startsAt: '2026-03-20T13:30:00Z', channel: 'PHONE' });
    ids.cancelled = (await journey.refer(referent)).id;
    await ok(counsellor, 'cancelAppointment', 'AppointmentOutcomeInput', { appointmentId: await journey.acceptAndSchedule(counsellor, ids.cancelled) });
    ids.absent = (await journey.refer(referent)).id;
    await ok(counsellor, 'recordNoShow', 'AppointmentOutcomeInput', { appointmentId: await journey.acceptAndSchedule(counsellor, ids.absent) });
    ids.diagnosed = (await journey.diagnosed(referent, counsellor)).id;
    ids.followed = (await journey.diagnosed(referent, counsellor)).id;
    // Thursday 2 April: a call that reached the person, then one that reached nobody.
    t.clock.set('2026-04-02T09:00:00Z');
    await accounts.signInAgain(referent, counsellor, manager);
    await contact(ids.followed, '2026-04-01', 'PARTICIPANT');
    await contact(ids.followed, '2026-04-02', 'NONE');
    await contact(ids.absent, '2026-03-30', 'EMPLOYER');
    ids.rebooked = (await journey.refer(referent)).id;
    await journey.acceptAndSchedule(counsellor, ids.rebooked);
  });
  afterAll(() => t.close());

  const byId = async () => Object.fromEntries((await walk('REFERRAL_NEWEST')).map((row) => [row.id, row]));

  it('keeps each pathway’s last contact and next appointment as its commands change them', async () => {
    const rows = await byId();
    const seen = Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, { lastContactOn: rows[id].lastContactOn, nextAppointmentAt: rows[id].nextAppointmentAt }]));
    expect(seen).toEqual({
      waiting: { lastContactOn: null, nextAppointmentAt: null },
      booked: { lastContactOn: null, nextAppointmentAt: '2026-03-16T08:00:00.000Z' },
      moved: { lastContactOn: null, nextAppointmentAt: '2026-03-20T13:30:00.000Z' },
      cancelled: { lastContactOn: null, nextAppointmentAt: null },
      // A no-show is no contact, and a call that reached only the employer neither.
      absent: { lastContactOn: null, nextAppointmentAt: null },
      diagnosed: { lastContactOn: '2026-03-16', nextAppointmentAt: null },
      // The call that reached nobody moves nothing.
      followed: { lastContactOn: '2026-04-01', nextAppointmentAt: null },
      rebooked: { lastContactOn: null, nextAppointmentAt: '2026-04-01T23:30:00.000Z' },
    });
  });

  it('sorts by next appointment, the soonest first and those with none last, paging two at a time', async () => {
    const rows = await walk('NEXT_APPOINTMENT_SOONEST');
    expect(rows).toHaveLength(Object.keys(ids).length);
    const booked = rows.filter((row) => row.nextAppointmentAt !== null);
    expect(booked.map((row) => row.id)).toEqual([ids.booked, ids.moved, ids.rebooked]);
    expect(rows.slice(0, 3)).toEqual(booked);
    const rest = rows.slice(3).map((row) => row.id);
    expect(rest).toEqual([...rest].sort());
  });

  it('sorts by last contact, the longest without first (never contacted, then the oldest), and the other way, paging two at a time', async () => {
    const oldest = await walk('LAST_CONTACT_OLDEST');
    expect(oldest).toHaveLength(Object.keys(ids).length);
    expect(oldest.slice(-2).map((row) => row.id)).toEqual([ids.diagnosed, ids.followed]);
    expect(oldest.slice(0, -2).every((row) => row.lastContactOn === null)).toBe(true);
    expect(await walk('LAST_CONTACT_NEWEST')).toEqual([...oldest].reverse());
  });

  it('refuses a cursor of one order given to another', async () => {
    const first = await run<{ pathways: { pageInfo: { endCursor: string } } }>(manager, '{ pathways(first: 2, order: LAST_CONTACT_OLDEST) { pageInfo { endCursor } } }', {});
    const refused = await t.api.request('query ($after: String) { pathways(first: 2, after: $after, order: NEXT_APPOINTMENT_SOONEST) { totalCount } }', { after: first.pathways.pageInfo.endCursor }, { token: manager.token });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['INVALID_CURSOR']);
  });

  it('are filled by their migration from the rows already there, as the commands left them', async () => {
    const before = await byId();
    expect(await migrateAgain(t.orm, '_PathwayListOrders')).toMatch(/_PathwayListOrders$/);
    expect(await byId()).toEqual(before);
  });
});
