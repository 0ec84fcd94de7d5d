import { Checkpoint, FollowUpsService, Pathway, PathwayEvent, Placement } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, type PathwayView, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture, type CheckpointView } from '../support/placements';
import type { TestApp } from '../support/test-app';

const START = '2026-03-16T09:00:00Z';
const REPORTS = `query ($pathwayId: ID!) { referentReports(first: 12) { edges { node { pathwayId kind correction eventAt nextStep
  placement { contractType partnerName clientName startOn plannedEndOn endedOn endReason hoursPerWeek }
  followUp { contactOn situation difficulties { theme blocking } }
  exit { exitedOn reason category } } } } pathway(id: $pathwayId) { id } }`;

interface ReportView {
  pathwayId: string;
  kind: string;
  correction: boolean;
  eventAt: string;
  placement: Record<string, unknown> | null;
  followUp: { contactOn: string; situation: string | null; difficulties: { theme: string; blocking: boolean }[] } | null;
  exit: { exitedOn: string | null; reason: string | null; category: string } | null;
}

describe('placements, follow-up and exit', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let placements: PlacementsFixture;
  let referent: TestUser;
  let otherReferent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  let employer: string;
  let agency: string;
  let otherAgency: string;
  let school: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    placements = new PlacementsFixture(t.api);
    referent = await accounts.user('REFERENT');
    otherReferent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    employer = await offers.partner('EMPLOYER', { name: 'Propreté Forez' }, manager);
    agency = await offers.partner('TEMP_AGENCY', { name: 'Intérim Loire' }, manager);
    otherAgency = await offers.partner('TEMP_AGENCY', { name: 'Adecco Forez' }, manager);
    school = await offers.partner('TRAINING_BODY', { name: 'AFPA' }, manager);
  });
  afterAll(() => t.close());

  /** Moves the clock, and signs everyone in again (their tokens run on the clock). */
  const moveTo = async (instant: string) => {
    t.clock.set(instant);
    await accounts.signInAgain(referent, otherReferent, counsellor, manager);
  };
  afterEach(() => moveTo(START));

  const reportsOf = async (pathwayId: string, user = referent) =>
    (await t.api.data<{ referentReports: { edges: { node: ReportView }[] } }>(REPORTS, { pathwayId }, { token: user.token })).referentReports.edges
      .map((edge) => edge.node)
      .filter((report) => report.pathwayId === pathwayId)
      .sort((a, b) => a.eventAt.localeCompare(b.eventAt));
  const days = (checkpoints: CheckpointView[]) => checkpoints.map((checkpoint) => [checkpoint.kind, checkpoint.offset, checkpoint.dueOn, checkpoint.status]);
  const cdd = (pathwayId: string, overrides: Record<string, unknown> = {}) => ({ pathwayId, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35, ...overrides });
  const counts = async () => {
    const em = t.orm.em.fork();
    return { placements: await em.count(Placement, {}), events: await em.count(PathwayEvent, {}), reports: await em.count(ReferentReport, {}), checkpoints: await em.count(Checkpoint, {}) };
  };

  it('chains two temp missions three days apart, follows the calendar, and exits with the category of the chain\'s span; the referent is told at each step and sees the follow-up', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    t.clock.advance(60_000);
    const first = await placements.startRaw(counsellor, { pathwayId: pathway.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: agency, clientPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-03-31', hoursPerWeek: 35 });
    expect(first.userErrors).toEqual([]);
    expect(first.pathway).toEqual({ status: 'IN_PLACEMENT' });
    expect(first.placement).toMatchObject({ contractType: 'TEMP_MISSION', tempAgency: { name: 'Intérim Loire' }, client: { name: 'Propreté Forez' }, employer: null, running: true });
    const missionA = first.placement!.id;
    expect(days((await placements.followUp(counsellor, pathway.id)).checkpoints)).toEqual([
      ['PLANNED_END', null, '2026-03-31', 'PENDING'],
      ['OFFSET', '15d', '2026-03-31', 'PENDING'],
      ['OFFSET', '1m', '2026-04-16', 'PENDING'],
      ['OFFSET', '3m', '2026-06-16', 'PENDING'],
      ['OFFSET', '6m', '2026-09-16', 'PENDING'],
    ]);

    await moveTo('2026-03-31T15:00:00Z');
    const ended = await placements.end(counsellor, missionA, '2026-03-31');
    expect(ended.pathway).toEqual({ status: 'DIAGNOSED' });
    const fifteenDays = (await placements.followUp(counsellor, pathway.id)).checkpoints.find((checkpoint) => checkpoint.offset === '15d')!;
    const answered = await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-31', reached: 'BOTH', situation: 'IN_POST', nextStep: 'Nouvelle mission la semaine prochaine', checkpointId: fifteenDays.id });
    expect(answered.checkpoint).toMatchObject({ id: fifteenDays.id, status: 'RECORDED' });

    await moveTo('2026-04-03T09:00:00Z');
    const second = await placements.startRaw(counsellor, { pathwayId: pathway.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: otherAgency, startOn: '2026-04-03', plannedEndOn: '2026-10-02', hoursPerWeek: 35 });
    expect(second.pathway).toEqual({ status: 'IN_PLACEMENT' });
    // One chain whatever the agency: its planned-end checkpoint moved to the second mission's planned end.
    const calendar = (await placements.followUp(counsellor, pathway.id)).checkpoints;
    expect(days(calendar)).toEqual([
      ['OFFSET', '15d', '2026-03-31', 'RECORDED'],
      ['OFFSET', '1m', '2026-04-16', 'PENDING'],
      ['OFFSET', '3m', '2026-06-16', 'PENDING'],
      ['OFFSET', '6m', '2026-09-16', 'PENDING'],
      ['PLANNED_END', null, '2026-10-02', 'PENDING'],
    ]);
    expect(calendar.find((checkpoint) => checkpoint.kind === 'PLANNED_END')!.placementId).toBe(missionA);

    // Seven days after its day, the +1 month checkpoint is MISSED by the sweep, once; the retention clock does not move.
    await moveTo('2026-04-22T09:00:00Z');
    const sweep = t.app.get(FollowUpsService);
    const changedBefore = (await t.orm.em.fork().findOneOrFail(Pathway, pathway.id)).lastChangedAt;
    await sweep.sweepMissedCheckpoints();
    expect((await placements.followUp(counsellor, pathway.id)).checkpoints.find((checkpoint) => checkpoint.offset === '1m')!.status).toBe('PENDING');
    await moveTo('2026-04-23T09:00:00Z');
    expect((await sweep.sweepMissedCheckpoints()).missed).toBeGreaterThanOrEqual(1);
    expect(await sweep.sweepMissedCheckpoints()).toEqual({ missed: 0 });
    const oneMonth = (await placements.followUp(counsellor, pathway.id)).checkpoints.find((checkpoint) => checkpoint.offset === '1m')!;
    expect(oneMonth).toMatchObject({ status: 'MISSED', missedAt: '2026-04-23T09:00:00.000Z' });
    expect((await t.orm.em.fork().findOneOrFail(Pathway, pathway.id)).lastChangedAt).toEqual(changedBefore);
    const missedLine = await t.orm.em.fork().findOneOrFail(PathwayEvent, { pathway: pathway.id, type: 'CheckpointMissed' });
    expect(missedLine).toMatchObject({ by: null, checkpoint: expect.objectContaining({ id: oneMonth.id }) });

    // Recorded late, it counts; a worrying contact is reported by theme and flag, never JUSTICE, never the note.
    const late = await placements.contact(counsellor, {
      pathwayId: pathway.id,
      kind: 'VISIT',
      on: '2026-04-23',
      reached: 'BOTH',
      situation: 'AT_RISK',
      difficulties: [
        { theme: 'SCHEDULE', blocking: true },
        { theme: 'HEALTH', blocking: false },
        { theme: 'JUSTICE', blocking: true },
      ],
      justiceJustification: 'Contrôle judiciaire le mardi',
      note: 'Retards répétés, tension avec le chef d’équipe',
      nextStep: 'Point avec l’agence vendredi',
      checkpointId: oneMonth.id,
    });
    expect(late.checkpoint).toMatchObject({ status: 'RECORDED_LATE' });

    await moveTo('2026-07-01T09:00:00Z');
    const exit = await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-07-01', reason: 'FOUND_WORK_OR_TRAINING', comment: 'Reste chez Adecco' });
    expect(exit.userErrors).toEqual([]);
    expect(exit.pathway).toEqual({ status: 'EXITED' });
    expect(exit.outcome).toMatchObject({
      category: 'DURABLE_EMPLOYMENT',
      exitedOn: '2026-07-01',
      reason: 'FOUND_WORK_OR_TRAINING',
      basis: { source: 'TEMP_CHAIN', contractType: 'TEMP_MISSION', from: '2026-03-16', to: '2026-10-02' },
      sixMonthsRule: 'AT_LEAST',
      tempChainGapDays: 7,
    });

    const reports = await reportsOf(pathway.id);
    expect(reports.map((report) => report.kind)).toEqual(['DIAGNOSTIC_RECORDED', 'PLACEMENT_STARTED', 'PLACEMENT_ENDED', 'PLACEMENT_STARTED', 'FOLLOW_UP_DIFFICULTY', 'PATHWAY_EXITED']);
    expect(reports[1].placement).toEqual({
      contractType: 'TEMP_MISSION',
      partnerName: 'Intérim Loire',
      clientName: 'Propreté Forez',
      startOn: '2026-03-16',
      plannedEndOn: '2026-03-31',
      endedOn: null,
      endReason: null,
      hoursPerWeek: 35,
    });
    expect(reports[2].placement).toMatchObject({ endedOn: '2026-03-31', endReason: 'END_OF_TERM' });
    expect(reports[4].followUp).toEqual({
      contactOn: '2026-04-23',
      situation: 'AT_RISK',
      difficulties: [
        { theme: 'SCHEDULE', blocking: true },
        { theme: 'HEALTH', blocking: false },
      ],
    });
    expect(reports[5].exit).toEqual({ exitedOn: '2026-07-01', reason: 'FOUND_WORK_OR_TRAINING', category: 'DURABLE_EMPLOYMENT' });
    expect(JSON.stringify(reports)).not.toMatch(/JUSTICE|Contrôle judiciaire|Retards|Reste chez/);

    // The referent sees placements, situations and the outcome; never notes, comments or JUSTICE.
    const seen = await placements.followUp(referent, pathway.id);
    expect(seen.placements.map((placement) => [placement.contractType, placement.startOn, placement.endedOn])).toEqual([
      ['TEMP_MISSION', '2026-03-16', '2026-03-31'],
      ['TEMP_MISSION', '2026-04-03', null],
    ]);
    expect(seen.contacts.map((contact) => [contact.situation, contact.note, contact.justiceJustification, contact.nextStep])).toEqual([
      ['IN_POST', null, null, 'Nouvelle mission la semaine prochaine'],
      ['AT_RISK', null, null, 'Point avec l’agence vendredi'],
    ]);
    expect(seen.contacts[1].difficulties).toEqual([
      { theme: 'SCHEDULE', blocking: true },
      { theme: 'HEALTH', blocking: false },
    ]);
    expect(seen.outcome).toMatchObject({ category: 'DURABLE_EMPLOYMENT', comment: null });
    const staff = await placements.followUp(counsellor, pathway.id);
    expect(staff.contacts[1]).toMatchObject({ note: 'Retards répétés, tension avec le chef d’équipe', justiceJustification: 'Contrôle judiciaire le mardi' });
    expect(staff.contacts[1].difficulties).toContainEqual({ theme: 'JUSTICE', blocking: true });
    expect(staff.outcome).toMatchObject({ comment: 'Reste chez Adecco' });

    const stranger = await t.api.request('query ($id: ID!) { pathway(id: $id) { placements { id } contacts { id } outcome { category } } }', { id: pathway.id }, { token: otherReferent.token });
    expect(stranger.data).toBeNull();
    expect(stranger.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it.each<[string, (ids: { pathway: PathwayView }) => Record<string, unknown>, string, string[]]>([
    ['a CDD without planned end', ({ pathway }) => cdd(pathway.id, { plannedEndOn: null }), 'PLANNED_END_REQUIRED', ['input', 'plannedEndOn']],
    ['a CDI with a planned end', ({ pathway }) => cdd(pathway.id, { contractType: 'CDI' }), 'PLANNED_END_NOT_ALLOWED', ['input', 'plannedEndOn']],
    ['a planned end before the start', ({ pathway }) => cdd(pathway.id, { plannedEndOn: '2026-03-15' }), 'END_BEFORE_START', ['input', 'plannedEndOn']],
    ['a temp mission without agency', ({ pathway }) => cdd(pathway.id, { contractType: 'TEMP_MISSION' }), 'FIELD_REQUIRED', ['input', 'tempAgencyPartnerId']],
    ['a start before the referral', ({ pathway }) => cdd(pathway.id, { startOn: '2026-03-15' }), 'BEFORE_REFERRAL', ['input', 'startOn']],
    ['a start more than 60 days ahead', ({ pathway }) => cdd(pathway.id, { startOn: '2026-05-16', plannedEndOn: '2026-09-30' }), 'TOO_FAR_AHEAD', ['input', 'startOn']],
    ['no hours', ({ pathway }) => cdd(pathway.id, { hoursPerWeek: 0 }), 'INVALID_HOURS', ['input', 'hoursPerWeek']],
    ['49 hours', ({ pathway }) => cdd(pathway.id, { hoursPerWeek: 49 }), 'INVALID_HOURS', ['input', 'hoursPerWeek']],
    ['an agency named as employer', ({ pathway }) => cdd(pathway.id, { employerPartnerId: agency }), 'WRONG_PARTNER_KIND', ['input', 'employerPartnerId']],
    ['a training without its qualification', ({ pathway }) => ({ pathwayId: pathway.id, contractType: 'TRAINING', trainingBodyPartnerId: school, startOn: '2026-04-06', plannedEndOn: '2026-06-26' }), 'FIELD_REQUIRED', ['input', 'qualification']],
    ['a business creation with an employer', ({ pathway }) => cdd(pathway.id, { contractType: 'BUSINESS_CREATION', plannedEndOn: null }), 'FIELD_NOT_ALLOWED', ['input', 'employerPartnerId']],
  ])('refuses %s with a userError on its field, and writes nothing', async (_case, input, code, field) => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const before = await counts();
    const result = await placements.startRaw(counsellor, input({ pathway }));
    expect(result.placement).toBeNull();
    expect(result.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    expect(await counts()).toEqual(before);
  });

  it('names every broken rule at once', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const result = await placements.startRaw(counsellor, cdd(pathway.id, { plannedEndOn: null, hoursPerWeek: 60, startOn: '2026-03-01' }));
    expect(result.userErrors.map((error) => error.code).sort()).toEqual(['BEFORE_REFERRAL', 'INVALID_HOURS', 'PLANNED_END_REQUIRED']);
  });

  it('starts a placement only on a DIAGNOSED or IN_PLACEMENT pathway', async () => {
    const referred = await journey.refer(referent);
    const before = await counts();
    expect((await placements.startRaw(counsellor, cdd(referred.id))).userErrors).toEqual([expect.objectContaining({ code: 'NOT_PLACEABLE', field: ['input', 'pathwayId'] })]);
    expect(await counts()).toEqual(before);
  });

  it('starts a placement from a HIRED proposal of the pathway, once', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const other = await journey.diagnosed(referent, counsellor);
    const job = await offers.job(counsellor, employer, { positions: 3 });
    const hire = async (pathwayId: string) => {
      const proposal = await offers.propose(counsellor, pathwayId, job.id);
      for (const step of ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'HIRED']) await offers.step(counsellor, proposal.id, step, '2026-03-16');
      return proposal.id;
    };
    const hired = await hire(pathway.id);
    const othersHire = await hire(other.id);
    const open = await offers.propose(counsellor, pathway.id, (await offers.job(counsellor, employer)).id);

    const before = await counts();
    const refused = async (proposalId: string) => (await placements.startRaw(counsellor, cdd(pathway.id, { proposalId }))).userErrors;
    expect(await refused(othersHire)).toEqual([expect.objectContaining({ code: 'PROPOSAL_OF_ANOTHER_PATHWAY', field: ['input', 'proposalId'] })]);
    expect(await refused(open.id)).toEqual([expect.objectContaining({ code: 'PROPOSAL_NOT_HIRED', field: ['input', 'proposalId'] })]);
    expect(await counts()).toEqual(before);

    const placed = await placements.start(counsellor, cdd(pathway.id, { proposalId: hired }));
    expect(placed.proposalId).toBe(hired);
    const after = await counts();
    expect(await refused(hired)).toEqual([expect.objectContaining({ code: 'PROPOSAL_ALREADY_USED', field: ['input', 'proposalId'] })]);
    expect(await counts()).toEqual(after);
  });

  it('returns the pathway to DIAGNOSED when the last running placement ends, not before; ending twice is PLACEMENT_ENDED', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const job = await placements.start(counsellor, cdd(pathway.id));
    const training = await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'TRAINING', trainingBodyPartnerId: school, qualification: 'PRE_QUALIFYING', startOn: '2026-03-16', plannedEndOn: '2026-04-30' });
    expect((await placements.end(counsellor, job.id, '2026-03-16', 'END_OF_TRIAL_PERIOD')).pathway).toEqual({ status: 'IN_PLACEMENT' });
    expect((await placements.end(counsellor, training.id, '2026-03-16', 'MUTUAL_AGREEMENT')).pathway).toEqual({ status: 'DIAGNOSED' });
    const before = await counts();
    expect((await placements.endRaw(counsellor, job.id, '2026-03-16')).userErrors).toEqual([expect.objectContaining({ code: 'PLACEMENT_ENDED', field: ['input', 'placementId'] })]);
    expect(await counts()).toEqual(before);
  });

  it.each<[string, string, string | undefined, string, string[]]>([
    ['an end before the start', '2026-03-15', undefined, 'END_BEFORE_START', ['input', 'endedOn']],
    ['an end in the future', '2026-03-17', undefined, 'DATE_IN_FUTURE', ['input', 'endedOn']],
    ['another reason without a comment', '2026-03-16', 'OTHER', 'COMMENT_REQUIRED', ['input', 'comment']],
  ])('refuses to end a placement with %s, and writes nothing', async (_case, endedOn, reason, code, field) => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const placement = await placements.start(counsellor, cdd(pathway.id));
    const before = await counts();
    const result = await placements.endRaw(counsellor, placement.id, endedOn, reason);
    expect(result.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(await counts()).toEqual(before);
  });

  it('converts a fixed-term contract to a CDI with the same employer the next day, in one command', async () => {
    const own = await accounts.user('REFERENT');
    const pathway = await journey.diagnosed(own, counsellor);
    const mission = await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: agency, clientPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35 });
    const converted = await placements.end(counsellor, mission.id, '2026-03-16', 'CONVERTED_TO_CDI');
    expect(converted.pathway).toEqual({ status: 'IN_PLACEMENT' });
    expect(converted.convertedTo).toMatchObject({ contractType: 'CDI', employer: { id: employer, name: 'Propreté Forez' }, tempAgency: null, startOn: '2026-03-17', plannedEndOn: null, running: true, hoursPerWeek: 35 });
    const followUp = await placements.followUp(counsellor, pathway.id);
    expect(followUp.placements.map((placement) => [placement.contractType, placement.endReason, placement.running])).toEqual([
      ['TEMP_MISSION', 'CONVERTED_TO_CDI', false],
      ['CDI', null, true],
    ]);
    // The chain ended before its planned end: its checkpoint is cancelled; the offsets stay.
    expect(followUp.checkpoints.filter((checkpoint) => checkpoint.kind === 'PLANNED_END').map((checkpoint) => checkpoint.status)).toEqual(['CANCELLED']);
    // The end and the CDI's start are one command, at one instant.
    expect((await reportsOf(pathway.id, own)).map((report) => report.kind).sort()).toEqual(['DIAGNOSTIC_RECORDED', 'PLACEMENT_ENDED', 'PLACEMENT_STARTED', 'PLACEMENT_STARTED']);

    const agencyOnly = await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: agency, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 20 });
    expect((await placements.endRaw(counsellor, agencyOnly.id, '2026-03-16', 'CONVERTED_TO_CDI')).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_REASON', field: ['input', 'reason'] })]);
  });

  it('corrects dates and type: the calendar and an exited pathway\'s outcome follow, the referent gets a correction; a change of status is refused', async () => {
    const own = await accounts.user('REFERENT');
    const pathway = await journey.diagnosed(own, counsellor);
    const placement = await placements.start(counsellor, cdd(pathway.id, { plannedEndOn: '2026-07-31' }));
    const endDay = async () => (await placements.followUp(counsellor, pathway.id)).checkpoints.find((checkpoint) => checkpoint.kind === 'PLANNED_END')!.dueOn;
    expect(await endDay()).toBe('2026-07-31');

    const before = await counts();
    const reopening = await placements.correctRaw(counsellor, { placementId: placement.id, contractType: 'CDD', startOn: '2026-03-16', plannedEndOn: '2026-07-31', endedOn: '2026-03-16', hoursPerWeek: 35 });
    expect(reopening.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'endedOn'] })]);
    expect(await counts()).toEqual(before);

    const exit = await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING' });
    expect(exit.outcome).toMatchObject({ category: 'TRANSITIONAL_EMPLOYMENT', basis: { source: 'PLACEMENT', contractType: 'CDD', from: '2026-03-16', to: '2026-07-31' } });

    t.clock.advance(60_000);
    const corrected = await placements.correctRaw(manager, { placementId: placement.id, contractType: 'CDD', startOn: '2026-03-16', plannedEndOn: '2026-09-30', hoursPerWeek: 30 });
    expect(corrected.userErrors).toEqual([]);
    expect(corrected.pathway).toEqual({ status: 'EXITED' });
    expect(corrected.placement).toMatchObject({ plannedEndOn: '2026-09-30', hoursPerWeek: 30, correctedAt: expect.any(String) });
    expect(await endDay()).toBe('2026-09-30');
    const after = await placements.followUp(counsellor, pathway.id);
    expect(after.outcome).toMatchObject({ category: 'DURABLE_EMPLOYMENT', basis: { to: '2026-09-30' } });
    const reports = await reportsOf(pathway.id, own);
    expect(reports.at(-1)).toMatchObject({ kind: 'PLACEMENT_STARTED', correction: true, placement: { plannedEndOn: '2026-09-30' }, exit: { category: 'DURABLE_EMPLOYMENT' } });
    const history = await t.orm.em.fork().find(PathwayEvent, { pathway: pathway.id, type: 'PlacementCorrected' });
    expect(history.map((event) => [event.outcomeCategory, event.by?.id])).toEqual([['DURABLE_EMPLOYMENT', manager.id]]);

    const wrongParty = await placements.correctRaw(counsellor, { placementId: placement.id, contractType: 'TEMP_MISSION', startOn: '2026-03-16', plannedEndOn: '2026-09-30', hoursPerWeek: 30 });
    expect(wrongParty.userErrors).toContainEqual(expect.objectContaining({ code: 'FIELD_REQUIRED', field: ['input', 'tempAgencyPartnerId'] }));
  });
});
