import type { SqlEntityManager } from '@mikro-orm/knex';
import { OrganisationKind, Role, type Actor } from '@parcours/accounts';
import { AppointmentChannel, InterviewsService, Pathway, PathwayEvent, pathwayViews, ReferralsService, Appointment } from '@parcours/pathways';
import { AuditAction, FlushPipeline, UnitOfWork, type Work } from '@parcours/unit-of-work';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

/** Services compose inside one command: one entity manager, one transaction, on SQLite and PostgreSQL. */
describe('the unit of work', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let actor: Actor;
  let uow: UnitOfWork;
  let referrals: ReferralsService;
  let interviews: InterviewsService;
  const slot = { startsAt: new Date('2026-03-17T08:00:00Z'), channel: AppointmentChannel.ON_SITE, place: null };

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    actor = { userId: counsellor.id, role: Role.COUNSELLOR, organisationId: accounts.operatorId, organisationKind: OrganisationKind.OPERATOR, sessionId: null };
    uow = t.app.get(UnitOfWork);
    referrals = t.app.get(ReferralsService);
    interviews = t.app.get(InterviewsService);
  });
  afterAll(() => t.close());

  const stored = async (pathwayId: string) => {
    const em = t.orm.em.fork();
    const pathway = await em.findOneOrFail(Pathway, pathwayId);
    const events = await em.find(PathwayEvent, { pathway: pathwayId }, { orderBy: { id: 'asc' } });
    return { status: pathway.status, events: events.map((event) => event.type), appointments: await em.count(Appointment, { pathway: pathwayId }) };
  };
  /** The database's own name for the transaction a statement runs in (PostgreSQL), or the connection's state (SQLite). */
  const transactionOf = async (work: Work) =>
    t.config.database.driver === 'postgresql'
      ? String((await (work.em as SqlEntityManager).execute('select txid_current() as id'))[0].id)
      : work.em.isInTransaction();

  it('runs a service called inside another command in the same transaction', async () => {
    const pathway = await journey.refer(referent);
    const seen: unknown[] = [];
    await uow.run(actor, async (outer) => {
      await referrals.accept(actor, pathway.id);
      await uow.run(actor, async (inner) => seen.push(inner.em === outer.em, await transactionOf(inner)));
      await interviews.schedule(actor, pathway.id, null, slot);
      seen.push(await transactionOf(outer));
    });
    expect(seen[0]).toBe(true);
    expect(seen[1]).toEqual(seen[2]);
    expect(await stored(pathway.id)).toEqual({ status: 'DIAGNOSTIC_SCHEDULED', events: ['ParticipantReferred', 'ReferralAccepted', 'DiagnosticScheduled'], appointments: 1 });
  });

  it('refuses a command of another actor, or under another audit, inside a command, and writes nothing of the outer one', async () => {
    const pathway = await journey.refer(referent);
    const other: Actor = { ...actor, userId: referent.id, role: Role.REFERENT };
    await expect(
      uow.run(actor, async () => {
        await referrals.accept(actor, pathway.id);
        await uow.run(other, async () => undefined);
      }),
    ).rejects.toThrow('cannot run inside a command of another user');
    await expect(uow.run(actor, () => uow.run(null, async () => undefined))).rejects.toThrow('A command of the system cannot run inside a command of another user');
    // Nor another audit: an erasure's writes inside an ordinary command would be filed as WRITE.
    await expect(uow.run(actor, () => uow.run(actor, async () => undefined, { audit: { action: AuditAction.ERASE, reason: 'r' } }))).rejects.toThrow('A command audited as ERASE cannot run inside one audited as WRITE');
    expect(await uow.run(actor, () => uow.run(actor, async () => 'joined', { audit: { action: AuditAction.WRITE } }))).toBe('joined');
    expect((await stored(pathway.id)).status).toBe('REFERRED');
  });

  it('reads pathway views only within the reader\'s scope: an id out of it gives nothing, as a missing one', async () => {
    const mine = await journey.refer(referent);
    const theirs = await journey.refer(await accounts.user('REFERENT'));
    const asReferent: Actor = { userId: referent.id, role: Role.REFERENT, organisationId: 'a referent sees by referent, not by organisation', organisationKind: OrganisationKind.PRESCRIBER, sessionId: null };
    const views = await uow.read(asReferent, (reads) => pathwayViews(reads, [theirs.id, mine.id, '00000000-0000-4000-8000-000000000000']));
    expect(views.map((view) => view.id)).toEqual([mine.id]);
  });

  it('writes nothing of either when the inner service fails, and does not wait for a connection', async () => {
    const pathway = await journey.refer(referent);
    const started = Date.now();
    await expect(
      uow.run(actor, async () => {
        await referrals.accept(actor, pathway.id);
        await uow.run(actor, async () => {
          await interviews.schedule(actor, pathway.id, null, slot);
          throw new Error('forced failure in the inner command');
        });
      }),
    ).rejects.toThrow('forced failure in the inner command');
    expect(Date.now() - started).toBeLessThan(10_000); // a second transaction would have waited for SQLite's one connection (60 s)
    expect(await stored(pathway.id)).toEqual({ status: 'REFERRED', events: ['ParticipantReferred'], appointments: 0 });
  });

  it('runs the report composer, then the staff notifications, then the outbox (which mails the composed notices), then the outcome model (which counts the composed reports), before the audit of writes, always', () => {
    expect(t.app.get(FlushPipeline).steps()).toEqual(['ReportComposer', 'NotificationComposer', 'OutboxComposer', 'OutcomeComposer', 'AuditWrites']);
  });

  describe('one pathway, one writer at a time', () => {
    const attempts = 20;

    it.each([1, 2, 3, 4, 5])(`of ${attempts} concurrent acceptReferral on one pathway, exactly one wins (round %i)`, async () => {
      const pathway = await journey.refer(referent);
      const results = await Promise.all(Array.from({ length: attempts }, () => journey.accept(counsellor, pathway.id)));
      const codes = results.map((result) => (result.pathway ? 'ACCEPTED' : result.userErrors.map((error) => error.code).join()));
      expect(codes.filter((code) => code === 'ACCEPTED')).toHaveLength(1);
      expect(codes.filter((code) => code !== 'ACCEPTED')).toEqual(Array(attempts - 1).fill('INVALID_TRANSITION'));
      expect((await stored(pathway.id)).events).toEqual(['ParticipantReferred', 'ReferralAccepted']);
    });

    it('of no-show and excused recorded at once on one appointment, exactly one is kept', async () => {
      const pathway = await journey.refer(referent);
      const appointmentId = await journey.acceptAndSchedule(counsellor, pathway.id);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          t.api.data<Record<string, { appointment: { status: string } | null; userErrors: { code: string }[] }>>(
            `mutation ($input: AppointmentOutcomeInput!) { outcome: ${index % 2 ? 'recordNoShow' : 'recordExcused'}(input: $input) { appointment { status } userErrors { code } } }`,
            { input: { appointmentId } },
            { token: counsellor.token },
          ),
        ),
      );
      const kept = results.filter((result) => result.outcome.appointment);
      expect(kept).toHaveLength(1);
      expect(new Set(results.flatMap((result) => result.outcome.userErrors.map((error) => error.code)))).toEqual(new Set(['APPOINTMENT_NOT_PLANNED']));
      const events = (await stored(pathway.id)).events;
      expect(events.filter((type) => type === 'NoShowRecorded' || type === 'AbsenceExcused')).toHaveLength(1);
    });
  });
});
