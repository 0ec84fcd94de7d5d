import { logStatements } from '@parcours/db';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { aPerson, JourneyFixture, PATHWAY_FIELDS, type PathwayView, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

describe('the referral stage of a pathway', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  let otherOperatorCounsellor: TestUser;

  const history = async (user: TestUser, id: string) =>
    (
      await t.api.data<{ pathway: { history: { kind: string; fromStatus: string | null; toStatus: string | null; byUserId: string; reason: string | null; details: string | null }[] } }>(
        'query ($id: ID!) { pathway(id: $id) { history { kind fromStatus toStatus byUserId reason details } } }',
        { id },
        { token: user.token },
      )
    ).pathway.history;
  const see = (user: TestUser, id: string) => t.api.request<{ pathway: PathwayView }>(`query ($id: ID!) { pathway(id: $id) { ${PATHWAY_FIELDS} } }`, { id }, { token: user.token });

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    otherOperatorCounsellor = await accounts.user('COUNSELLOR', { organisationId: await accounts.organisation('OPERATOR') });
  });
  afterAll(() => t.close());

  it('a counsellor accepts and takes charge; every transition is in the history', async () => {
    const referred = await journey.refer(referent);
    const accepted = await journey.accept(counsellor, referred.id);
    expect(accepted).toMatchObject({ userErrors: [], pathway: { status: 'ACCEPTED', counsellor: { id: counsellor.id } } });
    expect(await history(counsellor, referred.id)).toEqual([
      { kind: 'TRANSITION', fromStatus: null, toStatus: 'REFERRED', byUserId: referent.id, reason: null, details: null },
      { kind: 'TRANSITION', fromStatus: 'REFERRED', toStatus: 'ACCEPTED', byUserId: counsellor.id, reason: null, details: `counsellor:${counsellor.id}` },
    ]);
    const again = await journey.accept(counsellor, referred.id);
    expect(again).toEqual({ pathway: null, userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION', message: 'A ACCEPTED pathway cannot become ACCEPTED.' })] });
    const decline = await journey.decline(counsellor, referred.id, 'UNREACHABLE');
    expect(decline.userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
    expect((await see(counsellor, referred.id)).data?.pathway.status).toBe('ACCEPTED');
  });

  it('a manager may accept naming the counsellor in charge; a counsellor may not name another', async () => {
    const byManager = await journey.accept(manager, (await journey.refer(referent)).id, counsellor.id);
    expect(byManager.pathway?.counsellor?.id).toBe(counsellor.id);
    const pathway = await journey.refer(referent);
    const otherCounsellor = await accounts.user('COUNSELLOR');
    const refused = await t.api.request(
      'mutation ($input: AcceptReferralInput!) { acceptReferral(input: $input) { pathway { id } userErrors { code } } }',
      { input: { pathwayId: pathway.id, counsellorId: otherCounsellor.id } },
      { token: counsellor.token },
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']); // top-level, as for a role refused by the guard
    const outsider = await journey.accept(manager, pathway.id, otherOperatorCounsellor.id);
    expect(outsider.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'counsellorId'] })]);
    expect((await see(manager, pathway.id)).data?.pathway.status).toBe('REFERRED');
  });

  it('declines with a reason; OTHER needs a comment', async () => {
    const pathway = await journey.refer(referent);
    const noComment = await journey.decline(counsellor, pathway.id, 'OTHER');
    expect(noComment.userErrors).toEqual([expect.objectContaining({ code: 'COMMENT_REQUIRED', field: ['input', 'comment'] })]);
    expect((await see(counsellor, pathway.id)).data?.pathway.status).toBe('REFERRED');
    const declined = await journey.decline(counsellor, pathway.id, 'OTHER', 'Déménage à Lyon');
    expect(declined.pathway).toMatchObject({ status: 'DECLINED', declineReason: 'OTHER', declineComment: 'Déménage à Lyon' });
    expect((await history(referent, pathway.id)).at(-1)).toMatchObject({ fromStatus: 'REFERRED', toStatus: 'DECLINED', reason: 'OTHER' });
    expect((await journey.withdraw(referent, pathway.id)).userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
  });

  it("the referent withdraws from any open status, and the person may be referred again", async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Retirée' }));
    await journey.accept(counsellor, pathway.id);
    const withdrawn = await journey.withdraw(referent, pathway.id);
    expect(withdrawn.pathway?.status).toBe('WITHDRAWN');
    const again = await journey.refer(referent, aPerson({ lastName: 'Retirée' }));
    expect(again.participant.id).toBe(pathway.participant.id);
  });

  it("answers a counsellor of another operator as if the pathway did not exist", async () => {
    const pathway = await journey.refer(referent);
    const outsider = await journey.accept(otherOperatorCounsellor, pathway.id);
    const missing = await journey.accept(otherOperatorCounsellor, '00000000-0000-4000-8000-000000000000');
    expect(outsider.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'pathwayId'], message: 'Pathway not found.' }]);
    expect(outsider).toEqual(missing);
    expect(errorCodes(await see(otherOperatorCounsellor, pathway.id))).toEqual(['NOT_FOUND']);
    const otherReferent = await accounts.user('REFERENT');
    expect((await journey.withdraw(otherReferent, pathway.id)).userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
  });

  it('a manager reassigns the counsellor in charge, once the referral is accepted', async () => {
    const pathway = await journey.refer(referent);
    const other = await accounts.user('COUNSELLOR');
    const assign = (counsellorId: string) =>
      journey.mutate(manager, 'assignCounsellor', 'AssignCounsellorInput', { pathwayId: pathway.id, counsellorId, reason: 'Congés' });
    expect((await assign(other.id)).userErrors.map((error) => error.code)).toEqual(['NOT_ACCEPTED_YET']);
    await journey.accept(counsellor, pathway.id);
    expect((await assign(other.id)).pathway?.counsellor?.id).toBe(other.id);
    expect((await assign(other.id)).userErrors.map((error) => error.code)).toEqual(['ALREADY_ASSIGNED']);
    expect((await history(manager, pathway.id)).at(-1)).toMatchObject({ kind: 'COUNSELLOR_ASSIGNED', reason: 'Congés', details: `from:${counsellor.id} to:${other.id}` });
  });

  describe('reassignCounsellor: several pathways to one counsellor, all or nothing', () => {
    const REASSIGN = 'mutation ($input: ReassignCounsellorInput!) { reassignCounsellor(input: $input) { pathways { id counsellor { id } } userErrors { code field } } }';
    const reassign = async (user: TestUser, input: Record<string, unknown>) =>
      (await t.api.data<{ reassignCounsellor: { pathways: { id: string; counsellor: { id: string } }[] | null; userErrors: { code: string; field: string[] }[] } }>(REASSIGN, { input }, { token: user.token })).reassignCounsellor;
    const accepted = async () => (await journey.accept(counsellor, (await journey.refer(referent)).id)).pathway!.id;
    const counsellorOf = async (id: string) => (await see(manager, id)).data?.pathway.counsellor?.id;

    it('moves three pathways in one go, each with its own history line and access-log entry', async () => {
      const ids = [await accepted(), await accepted(), await accepted()];
      const other = await accounts.user('COUNSELLOR');
      const result = await reassign(manager, { pathwayIds: ids, counsellorId: other.id, reason: 'Répartition' });
      expect(result).toEqual({ pathways: ids.map((id) => ({ id, counsellor: { id: other.id } })), userErrors: [] });
      for (const id of ids) {
        expect((await history(manager, id)).at(-1)).toMatchObject({ kind: 'COUNSELLOR_ASSIGNED', byUserId: manager.id, reason: 'Répartition', details: `from:${counsellor.id} to:${other.id}` });
      }
      const written = await t.orm.em.fork().getConnection().execute(`select object_id from audit_entry where operation = 'mutation reassignCounsellor' and action = 'WRITE' and object_type = 'PathwayEvent'`);
      expect(written).toHaveLength(3);
    });

    it('refuses by index what it may not move, and then moves nothing', async () => {
      const [first, second] = [await accepted(), await accepted()];
      const referred = (await journey.refer(referent)).id;
      const withdrawn = await accepted();
      await journey.withdraw(referent, withdrawn);
      const elsewhere = await journey.refer(referent);
      const other = await accounts.user('COUNSELLOR');
      const result = await reassign(manager, { pathwayIds: [first, referred, withdrawn, 'not-an-id', first, second], counsellorId: other.id });
      expect(result.pathways).toBeNull();
      expect(result.userErrors).toEqual([
        { code: 'NOT_ACCEPTED_YET', field: ['input', 'pathwayIds', '1'] },
        { code: 'PATHWAY_CLOSED', field: ['input', 'pathwayIds', '2'] },
        { code: 'NOT_FOUND', field: ['input', 'pathwayIds', '3'] },
        { code: 'DUPLICATE_PATHWAY', field: ['input', 'pathwayIds', '4'] },
      ]);
      expect([await counsellorOf(first), await counsellorOf(second)]).toEqual([counsellor.id, counsellor.id]);
      // A counsellor of another operator, or a pathway out of the manager's sight: refused the same way.
      const foreign = await reassign(manager, { pathwayIds: [first], counsellorId: otherOperatorCounsellor.id });
      expect(foreign).toEqual({ pathways: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'counsellorId'] }] });
      const otherManager = await accounts.user('MANAGER', { organisationId: await accounts.organisation('OPERATOR') });
      expect((await reassign(otherManager, { pathwayIds: [elsewhere.id], counsellorId: otherOperatorCounsellor.id })).userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'pathwayIds', '0'] }]);
      expect(await counsellorOf(first)).toBe(counsellor.id);
    });

    it('takes 1 to 100 pathways, and only from a manager', async () => {
      const other = await accounts.user('COUNSELLOR');
      expect((await reassign(manager, { pathwayIds: [], counsellorId: other.id })).userErrors).toEqual([{ code: 'TOO_MANY_PATHWAYS', field: ['input', 'pathwayIds'] }]);
      const many = Array.from({ length: 101 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
      expect((await reassign(manager, { pathwayIds: many, counsellorId: other.id })).userErrors).toEqual([{ code: 'TOO_MANY_PATHWAYS', field: ['input', 'pathwayIds'] }]);
      expect(errorCodes(await t.api.request(REASSIGN, { input: { pathwayIds: [await accepted()], counsellorId: other.id } }, { token: counsellor.token }))).toEqual(['FORBIDDEN']);
    });
  });

  it('hands a pathway to another referent: the previous one loses access at once', async () => {
    const pathway = await journey.refer(referent);
    const next = await accounts.user('REFERENT');
    const handover = await journey.mutate(referent, 'assignReferent', 'AssignReferentInput', { pathwayId: pathway.id, referentId: next.id, reason: 'Changement de secteur' });
    expect(handover).toEqual({ pathway: null, userErrors: [] });
    expect(errorCodes(await see(referent, pathway.id))).toEqual(['NOT_FOUND']);
    expect((await see(next, pathway.id)).data?.pathway.referent.id).toBe(next.id);
    expect((await history(next, pathway.id)).at(-1)).toMatchObject({ kind: 'REFERENT_ASSIGNED', byUserId: referent.id, reason: 'Changement de secteur', details: `from:${referent.id} to:${next.id}` });
    // A manager of the operator may hand it back; a counsellor may not.
    const back = await journey.mutate(manager, 'assignReferent', 'AssignReferentInput', { pathwayId: pathway.id, referentId: referent.id, reason: 'Retour' });
    expect(back.pathway?.referent.id).toBe(referent.id);
    expect(errorCodes(await t.api.request(
      'mutation ($input: AssignReferentInput!) { assignReferent(input: $input) { userErrors { code } } }',
      { input: { pathwayId: pathway.id, referentId: next.id, reason: 'x' } },
      { token: counsellor.token },
    ))).toEqual(['FORBIDDEN']);
    const notAReferent = await journey.mutate(manager, 'assignReferent', 'AssignReferentInput', { pathwayId: pathway.id, referentId: counsellor.id, reason: 'x' });
    expect(notAReferent.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'referentId'] })]);
  });

  it('flags a pathway still REFERRED after 30 days, and filters on it', async () => {
    t.clock.set('2026-01-01T10:00:00Z');
    const old = await journey.refer(referent);
    t.clock.set('2026-01-20T10:00:00Z');
    const recent = await journey.refer(referent);
    t.clock.set(new Date(new Date('2026-01-01T10:00:00Z').getTime() + 30 * DAY));
    const list = async (waitingTooLong: boolean) =>
      (
        await t.api.data<{ pathways: { edges: { node: { id: string; waitingTooLong: boolean } }[] } }>(
          'query ($filter: PathwaysFilterInput) { pathways(first: 100, filter: $filter) { edges { node { id waitingTooLong } } } }',
          { filter: { waitingTooLong } },
          { token: referent.token },
        )
      ).pathways.edges.map((edge) => edge.node);
    expect(await list(true)).toEqual([{ id: old.id, waitingTooLong: true }]);
    expect((await list(false)).map((node) => node.id)).toContain(recent.id);
    await journey.accept(counsellor, old.id);
    expect(await list(true)).toEqual([]);
    t.clock.set('2026-03-16T09:00:00Z');
  });

  it('corrects the person through an open pathway, recording the fields changed (not their values)', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Correction' }));
    const UPDATE = 'mutation ($input: UpdateParticipantInput!) { updateParticipant(input: $input) { participant { phone lastName } userErrors { code field } } }';
    const update = (user: TestUser, input: Record<string, unknown>) =>
      t.api.data<{ updateParticipant: { participant: { phone: string; lastName: string } | null; userErrors: { code: string }[] } }>(UPDATE, { input: { participantId: pathway.participant.id, ...input } }, { token: user.token });
    expect((await update(referent, { phone: '07 81 23 45 67' })).updateParticipant).toEqual({ participant: { phone: '+33781234567', lastName: 'Correction' }, userErrors: [] });
    expect((await update(counsellor, { lastName: 'Corrections', franceTravailRegistered: false, franceTravailMissingReason: 'Pas encore inscrite' })).updateParticipant.userErrors).toEqual([]);
    const events = (await history(referent, pathway.id)).filter((event) => event.kind === 'PARTICIPANT_UPDATED');
    expect(events.map((event) => [event.byUserId, event.details])).toEqual([
      [referent.id, 'phone'],
      [counsellor.id, 'lastName,franceTravailRegistered,franceTravailMissingReason'],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/07 81|781234567/);
    const other = await accounts.user('REFERENT');
    expect((await update(other, { phone: '01 01 01 01 01' })).updateParticipant.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await update(otherOperatorCounsellor, { phone: '01 01 01 01 01' })).updateParticipant.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const clash = await journey.refer(referent, aPerson({ lastName: 'Homonyme', birthDate: '1988-06-15' }));
    const conflict = await update(referent, { lastName: 'Homonyme' });
    expect(conflict.updateParticipant.userErrors.map((error) => error.code)).toEqual(['IDENTITY_CONFLICT']);
    expect(clash.participant.id).not.toBe(pathway.participant.id);
  });

  it('lists 50 pathways with participant, referent, counsellor, sensitive details, history, appointments and diagnostic in a bounded number of SQL statements', async () => {
    const busy = await accounts.user('REFERENT');
    for (let i = 0; i < 50; i++) {
      const pathway = await journey.refer(busy);
      if (i % 2 === 0) await journey.accept(counsellor, pathway.id);
    }
    const statementsFor = async (first: number) => {
      const log = logStatements(t.orm);
      const data = await t.api.data<{ pathways: { edges: unknown[] } }>(
        `query ($first: Int, $referentId: ID) { pathways(first: $first, filter: { referentId: $referentId }) { totalCount edges { node {
          participant { lastName } referent { fullName organisationName } counsellor { fullName }
          situation { barriers justiceJustification } history { kind } appointments { startsAt } diagnostic { readiness } } } } }`,
        { first, referentId: busy.id },
        // A counsellor: the one role for which the JUSTICE justification is read from the database.
        { token: counsellor.token },
      );
      log.stop();
      expect(data.pathways.edges).toHaveLength(first);
      if (process.env.SHOW) console.log(log.sql.map((sql) => sql.slice(0, 90)).join('\n'));
      return log.sql.length;
    };
    const forFive = await statementsFor(5);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forFive);
    // Authentication, the page, its views, the count, then one each for the justifications, diagnostics,
    // histories and appointments of the whole page, and the audit entries: 10, for 5 as for 50.
    expect(forFifty).toBeLessThanOrEqual(10);
  });
});
