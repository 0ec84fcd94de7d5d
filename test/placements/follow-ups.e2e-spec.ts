import { Checkpoint, Contact, PathwayEvent, Placement, Proposal } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

const DUE = `query ($filter: FollowUpsDueFilter) { followUpsDue(first: 50, filter: $filter) { totalCount edges { node { checkpoint { offset dueOn status pathwayId } pathway { id counsellor { id } } } } } }`;

interface DueView {
  totalCount: number;
  edges: { node: { checkpoint: { offset: string | null; dueOn: string; status: string; pathwayId: string }; pathway: { id: string; counsellor: { id: string } } } }[];
}

describe('contacts, checkpoints due, and the exit', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let placements: PlacementsFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let employer: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    placements = new PlacementsFixture(t.api);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    colleague = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    employer = await offers.partner('EMPLOYER', { name: 'Propreté Forez' }, manager);
  });
  afterAll(() => t.close());

  const counts = async () => {
    const em = t.orm.em.fork();
    return { contacts: await em.count(Contact, {}), events: await em.count(PathwayEvent, {}), reports: await em.count(ReferentReport, {}), checkpoints: await em.count(Checkpoint, {}), placements: await em.count(Placement, {}) };
  };
  const placed = async (by = counsellor) => {
    const pathway = await journey.diagnosed(referent, by);
    await placements.start(by, { pathwayId: pathway.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35 });
    return pathway;
  };
  const due = async (user: TestUser, filter: Record<string, unknown> = {}) => (await t.api.data<{ followUpsDue: DueView }>(DUE, { filter }, { token: user.token })).followUpsDue;

  it('records contacts from the acceptance of the referral to the exit and after, never before nor on a closed pathway', async () => {
    const referred = await journey.refer(referent);
    const before = await counts();
    const refused = await placements.contactRaw(counsellor, { pathwayId: referred.id, on: '2026-03-16' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'CONTACT_NOT_ALLOWED', field: ['input', 'pathwayId'] })]);
    expect(await counts()).toEqual(before);

    await journey.accept(counsellor, referred.id);
    const accepted = await placements.contactRaw(counsellor, { pathwayId: referred.id, kind: 'INTERVIEW', on: '2026-03-16', reached: 'PARTICIPANT', nextStep: 'Diagnostic à planifier' });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.contact).toMatchObject({ situation: null, nextStep: 'Diagnostic à planifier', checkpointId: null });

    await journey.withdraw(referent, referred.id);
    expect((await placements.contactRaw(counsellor, { pathwayId: referred.id, on: '2026-03-16' })).userErrors).toEqual([expect.objectContaining({ code: 'CONTACT_NOT_ALLOWED' })]);
  });

  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['a contact in the future', { on: '2026-03-17' }, 'DATE_IN_FUTURE', ['input', 'on']],
    ['a contact before the referral', { on: '2026-03-15' }, 'BEFORE_REFERRAL', ['input', 'on']],
    ['a JUSTICE difficulty without justification', { difficulties: [{ theme: 'JUSTICE', blocking: false }] }, 'JUSTIFICATION_REQUIRED', ['input', 'justiceJustification']],
    ['a justification without JUSTICE', { justiceJustification: 'texte' }, 'FIELD_NOT_ALLOWED', ['input', 'justiceJustification']],
    ['a difficulty named twice', { difficulties: [{ theme: 'PAY', blocking: false }, { theme: 'PAY', blocking: true }] }, 'INVALID_DIFFICULTIES', ['input', 'difficulties']],
  ])('refuses %s, and writes nothing', async (_case, input, code, field) => {
    const pathway = await placed();
    const before = await counts();
    const result = await placements.contactRaw(counsellor, { pathwayId: pathway.id, on: '2026-03-16', ...input });
    expect(result.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(await counts()).toEqual(before);
  });

  it("answers a checkpoint once, and only its own pathway's", async () => {
    const pathway = await placed();
    const other = await placed();
    const [first] = (await placements.followUp(counsellor, pathway.id)).checkpoints;
    const before = await counts();
    expect((await placements.contactRaw(counsellor, { pathwayId: other.id, on: '2026-03-16', checkpointId: first.id })).userErrors).toEqual([expect.objectContaining({ code: 'CHECKPOINT_CLOSED', field: ['input', 'checkpointId'] })]);
    expect(await counts()).toEqual(before);
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST', checkpointId: first.id });
    expect((await placements.contactRaw(counsellor, { pathwayId: pathway.id, on: '2026-03-16', checkpointId: first.id })).userErrors).toEqual([expect.objectContaining({ code: 'CHECKPOINT_CLOSED' })]);
  });

  it('reports AT_RISK and blocking difficulties to the referent, and never a JUSTICE difficulty alone', async () => {
    const own = await accounts.user('REFERENT');
    const pathway = await journey.diagnosed(own, counsellor);
    const reports = () => t.orm.em.fork().find(ReferentReport, { pathway: pathway.id, kind: 'FOLLOW_UP_DIFFICULTY' as never });
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST', difficulties: [{ theme: 'PAY', blocking: false }] });
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST', difficulties: [{ theme: 'JUSTICE', blocking: true }], justiceJustification: 'Audience prévue' });
    expect(await reports()).toHaveLength(0);
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST', difficulties: [{ theme: 'MOBILITY', blocking: true }] });
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'AT_RISK' });
    const sent = await reports();
    expect(sent.map((report) => report.summary.followUp)).toEqual(
      expect.arrayContaining([
        { contactOn: '2026-03-16', situation: 'IN_POST', difficulties: [{ theme: 'MOBILITY', blocking: true }] },
        { contactOn: '2026-03-16', situation: 'AT_RISK', difficulties: [] },
      ]),
    );
    expect(sent).toHaveLength(2);
  });

  it("lists a counsellor's own checkpoints due, a manager's operator's, soonest first", async () => {
    const mine = await placed(counsellor);
    const theirs = await placed(colleague);
    const ownDue = await due(counsellor);
    expect(ownDue.edges.every((edge) => edge.node.pathway.counsellor.id === counsellor.id)).toBe(true);
    expect(ownDue.edges.some((edge) => edge.node.checkpoint.pathwayId === mine.id)).toBe(true);
    expect(ownDue.edges.some((edge) => edge.node.checkpoint.pathwayId === theirs.id)).toBe(false);
    const days = ownDue.edges.map((edge) => edge.node.checkpoint.dueOn);
    expect(days).toEqual([...days].sort());

    const managerDue = await due(manager);
    expect(managerDue.edges.some((edge) => edge.node.checkpoint.pathwayId === theirs.id)).toBe(true);
    expect(managerDue.totalCount).toBe(ownDue.totalCount + (await due(colleague)).totalCount);
    const onlyColleague = await due(manager, { counsellorId: colleague.id });
    expect(onlyColleague.edges.every((edge) => edge.node.pathway.counsellor.id === colleague.id)).toBe(true);

    // Before 1 April: the +15 days (31 March) only; by status.
    const soon = await due(counsellor, { before: '2026-04-01' });
    expect(soon.edges.filter((edge) => edge.node.checkpoint.pathwayId === mine.id).map((edge) => edge.node.checkpoint.offset)).toEqual(['15d']);
    expect((await due(counsellor, { status: ['MISSED'] })).totalCount).toBe(0);
    // Windows (from inclusive, before exclusive) split the list without losing or repeating a checkpoint.
    const windows = await Promise.all([{ before: '2026-04-16' }, { from: '2026-04-16', before: '2026-06-16' }, { from: '2026-06-16' }].map((window) => due(counsellor, window)));
    expect(windows.reduce((total, window) => total + window.totalCount, 0)).toBe(ownDue.totalCount);
    const middle = windows[1].edges.map((edge) => edge.node.checkpoint.dueOn);
    expect(middle.length).toBeGreaterThan(0);
    expect(middle.every((dueOn) => dueOn >= '2026-04-16' && dueOn < '2026-06-16')).toBe(true);
    expect(windows[2].edges.every((edge) => edge.node.checkpoint.dueOn >= '2026-06-16')).toBe(true);

    const forbidden = await t.api.request(DUE, { filter: { counsellorId: colleague.id } }, { token: counsellor.token });
    expect(forbidden.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('exits from any open status with a computed category; open proposals are cancelled; only contacts and the end of a running placement follow', async () => {
    const own = await accounts.user('REFERENT');
    const pathway = await journey.diagnosed(own, counsellor);
    const proposal = await offers.propose(counsellor, pathway.id, (await offers.job(counsellor, employer)).id);
    const cdi = await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 24 });
    // A preview: the category staff see before confirming, checked the same way, nothing written.
    const unchanged = await counts();
    const preview = await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING', preview: true });
    expect(preview).toMatchObject({ pathway: { status: 'IN_PLACEMENT' }, outcome: { category: 'DURABLE_EMPLOYMENT', exitedOn: '2026-03-16' }, userErrors: [] });
    expect((await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-17', reason: 'NO_SOLUTION', preview: true })).userErrors).toEqual([
      expect.objectContaining({ code: 'DATE_IN_FUTURE', field: ['input', 'exitedOn'] }),
    ]);
    expect(await counts()).toEqual(unchanged);
    expect((await t.orm.em.fork().findOneOrFail(Proposal, proposal.id)).status).not.toBe('CANCELLED');
    const exit = await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING' });
    expect(exit.outcome).toMatchObject({ category: 'DURABLE_EMPLOYMENT', basis: { source: 'PLACEMENT', contractType: 'CDI', from: '2026-03-16', to: null } });
    expect((await t.orm.em.fork().findOneOrFail(Proposal, proposal.id)).status).toBe('CANCELLED');
    const reported = await t.orm.em.fork().find(ReferentReport, { pathway: pathway.id, kind: 'PATHWAY_EXITED' as never });
    expect(reported.map((report) => report.summary.exit)).toEqual([{ exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING', category: 'DURABLE_EMPLOYMENT' }]);

    const before = await counts();
    expect((await placements.startRaw(counsellor, { pathwayId: pathway.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 24 })).userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_PLACEABLE' }),
    ]);
    expect((await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'NO_SOLUTION' })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(await counts()).toEqual(before);

    // The calendar goes on: a contact, and the end of the running CDI; the stored outcome stays.
    expect((await placements.contactRaw(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST' })).userErrors).toEqual([]);
    const ended = await placements.end(counsellor, cdi.id, '2026-03-16', 'RESIGNATION');
    expect(ended.pathway).toEqual({ status: 'EXITED' });
    expect((await placements.followUp(counsellor, pathway.id)).outcome).toMatchObject({ category: 'DURABLE_EMPLOYMENT' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['nothing found (from REFERRED)', {}, 'OTHER'],
    ['a declared CDD of three months', { situation: { contractType: 'CDD', startOn: '2026-03-23', plannedEndOn: '2026-06-22', hoursPerWeek: 35 } }, 'TRANSITIONAL_EMPLOYMENT'],
    ['a declared CDD of six months', { situation: { contractType: 'CDD', startOn: '2026-03-23', plannedEndOn: '2026-09-22', hoursPerWeek: 35 } }, 'DURABLE_EMPLOYMENT'],
    ['a declared qualifying training', { situation: { contractType: 'TRAINING', startOn: '2026-04-06', plannedEndOn: '2026-12-18', qualification: 'QUALIFYING' } }, 'POSITIVE_EXIT'],
    ['a declared non-qualifying training', { situation: { contractType: 'TRAINING', startOn: '2026-04-06', plannedEndOn: '2026-05-18', qualification: 'NOT_QUALIFYING' } }, 'OTHER'],
  ])('computes the category of an exit with %s', async (_case, input, category) => {
    const pathway = await journey.refer(referent);
    const exit = await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING', ...input });
    expect(exit.userErrors).toEqual([]);
    expect(exit.outcome?.category).toBe(category);
  });

  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['an exit day in the future', { exitedOn: '2026-03-17' }, 'DATE_IN_FUTURE', ['input', 'exitedOn']],
    ['an exit day before the referral', { exitedOn: '2026-03-15' }, 'BEFORE_REFERRAL', ['input', 'exitedOn']],
    ['another reason without a comment', { reason: 'OTHER' }, 'COMMENT_REQUIRED', ['input', 'comment']],
    ['a declared situation without its dates', { situation: { contractType: 'CDD', hoursPerWeek: 35 } }, 'FIELD_REQUIRED', ['input', 'situation', 'startOn']],
    ['a declared CDD without its planned end', { situation: { contractType: 'CDD', startOn: '2026-03-23', hoursPerWeek: 35 } }, 'PLANNED_END_REQUIRED', ['input', 'situation', 'plannedEndOn']],
    ['a declared training without its qualification', { situation: { contractType: 'TRAINING', startOn: '2026-04-06', plannedEndOn: '2026-06-26' } }, 'FIELD_REQUIRED', ['input', 'situation', 'qualification']],
  ])('refuses %s, and writes nothing', async (_case, input, code, field) => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const before = await counts();
    const exit = await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING', ...input });
    expect(exit.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    expect(exit.pathway).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('cancels pending checkpoints when the referent withdraws, and keeps recorded ones', async () => {
    const pathway = await placed();
    const [first] = (await placements.followUp(counsellor, pathway.id)).checkpoints;
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', checkpointId: first.id, situation: 'IN_POST' });
    expect((await journey.withdraw(referent, pathway.id)).userErrors).toEqual([]);
    const statuses = (await placements.followUp(counsellor, pathway.id)).checkpoints.map((checkpoint) => checkpoint.status);
    expect(statuses[0]).toBe('RECORDED');
    expect(statuses.slice(1).every((status) => status === 'CANCELLED')).toBe(true);
  });
});
