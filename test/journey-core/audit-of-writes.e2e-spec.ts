import { AuditEntry, PersonalDataPolicies } from '@parcours/audit';
import { Participant } from '@parcours/participants';
import { AppointmentLinks } from '@parcours/pathways';
import { ENTITIES } from '@parcours/db';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

/**
 * Every write of a personal property leaves its audit entry, whoever wrote it: the entity methods,
 * the services, and the composers of the flush (the report to the referent). The test walks the
 * ORM's metadata and the modules' policies, so that a new entity is covered without being named here.
 */
describe('the audit of every write', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let policies: PersonalDataPolicies;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    policies = t.app.get(PersonalDataPolicies);
  });
  afterAll(() => t.close());

  const entries = (requestId: string) => t.orm.em.fork().find(AuditEntry, { requestId }, { orderBy: { id: 'asc' } });
  const as = (user: TestUser, requestId: string) => ({ token: user.token, headers: { 'x-request-id': requestId } });

  it('audits, in the flush that writes it, the report the composer adds to a diagnostic', async () => {
    const pathway = await journey.refer(referent);
    const appointmentId = await journey.acceptAndSchedule(counsellor, pathway.id);
    await t.api.data(RECORD_DIAGNOSTIC, { input: { appointmentId, ...someFindings() } }, as(counsellor, 'audit-diagnostic'));
    const written = (await entries('audit-diagnostic')).filter((entry) => entry.action === 'WRITE');
    expect(written.map((entry) => [entry.objectType, entry.fields, entry.userId, entry.operation])).toEqual(
      expect.arrayContaining([
        ['Diagnostic', 'notes,strengths,summary', counsellor.id, 'mutation recordDiagnostic'],
        ['ReferentReport', 'counsellorSummary', counsellor.id, 'mutation recordDiagnostic'],
      ]),
    );
    expect(written.every((entry) => entry.participantId === pathway.participant.id)).toBe(true);
  });

  it('writes the entries of a flush in its transaction: a command that fails after its flush leaves none', async () => {
    const pathway = await journey.refer(referent);
    const before = await t.orm.em.fork().count(AuditEntry, { action: 'WRITE' as never, participantId: pathway.participant.id });
    const failing = t.orm.em.fork().transactional(async (em) => {
      const participant = await em.findOneOrFail(Participant, { id: pathway.participant.id });
      participant.lastName = 'Nom jamais écrit';
      await em.flush();
      expect(await em.count(AuditEntry, { action: 'WRITE' as never, participantId: participant.id, objectType: 'Participant', fields: 'lastName' })).toBe(1);
      throw new Error('fails after its flush');
    });
    await expect(failing).rejects.toThrow('fails after its flush');
    expect(await t.orm.em.fork().count(AuditEntry, { action: 'WRITE' as never, participantId: pathway.participant.id })).toBe(before);
  });

  it('audits a flush outside any transaction too (its entries are then change sets of that flush)', async () => {
    const pathway = await journey.refer(referent);
    const em = t.orm.em.fork();
    const participant = await em.findOneOrFail(Participant, { id: pathway.participant.id });
    participant.lastName = 'Hors transaction';
    await em.flush();
    expect(await t.orm.em.fork().count(AuditEntry, { action: 'WRITE' as never, participantId: participant.id, objectType: 'Participant', fields: 'lastName' })).toBe(1);
  });

  it('leaves an entry for every entity with a personal property, written by any path of the journey', async () => {
    const pathway = await journey.refer(referent, undefined, { barriers: ['JUSTICE'], justiceJustification: 'Sortie de détention en 2025' });
    await journey.decline(counsellor, pathway.id, 'OTHER', 'Déménage dans le Rhône');
    const offers = new OffersFixture(t.api, accounts);
    const proposal = await offers.propose(counsellor, (await journey.diagnosed(referent, counsellor)).id, (await offers.job(counsellor, await offers.partner('EMPLOYER'))).id);
    await offers.step(counsellor, proposal.id, 'DECLINED_BY_PARTICIPANT', '2026-03-16', { reason: 'OTHER', comment: 'A trouvé ailleurs, en famille' });
    const placements = new PlacementsFixture(t.api);
    const placed = await journey.diagnosed(referent, counsellor);
    const cdd = await placements.start(counsellor, { pathwayId: placed.id, contractType: 'CDD', employerPartnerId: await offers.partner('EMPLOYER'), startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35 });
    await placements.end(counsellor, cdd.id, '2026-03-16', 'OTHER', 'Garde d’enfant impossible');
    await placements.contact(counsellor, { pathwayId: placed.id, on: '2026-03-16', situation: 'NOT_IN_WORK', note: 'Cherche une crèche' });
    // The person, through the link of their convocation, says why they cannot come.
    const answering = await journey.refer(referent);
    await journey.accept(counsellor, answering.id);
    const booked = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId: answering.id, startsAt: '2026-03-20T08:00:00Z', channel: 'PHONE' } }, { token: counsellor.token });
    const token = t.app.get(AppointmentLinks).token(booked.scheduleDiagnostic.appointment.id);
    await t.api.data('mutation ($token: String!) { answerAppointment(input: { token: $token, answer: CANNOT_COME, reason: "Hospitalisée" }) { userErrors { code } } }', { token });
    // The referent writes in the pathway's conversation.
    await t.api.data('mutation ($id: ID!) { postPathwayMessage(input: { pathwayId: $id, text: "Elle a déménagé" }) { userErrors { code } } }', { id: answering.id }, { token: referent.token });
    const personal = ENTITIES.flatMap((entity) => {
      const policy = policies.entity(entity.name);
      return policy && policy.erase.length > 0 ? [entity.name] : [];
    });
    expect(personal.sort()).toEqual(['Appointment', 'Contact', 'Diagnostic', 'Participant', 'Pathway', 'PathwayEvent', 'PathwayMessage', 'Placement', 'ProposalStep', 'ReferentReport']);
    const audited = await t.orm.em.fork().find(AuditEntry, { action: 'WRITE' as never }, { fields: ['objectType'] });
    for (const name of personal) expect({ entity: name, audited: audited.some((entry) => entry.objectType === name) }).toEqual({ entity: name, audited: true });
  });

  it('has a scope rule on every entity about a participant, so that every read of it can start from the rule', () => {
    for (const entity of ENTITIES) {
      if (!policies.entity(entity.name) || entity.name === 'Participant') continue; // a person is reached through their pathways
      expect({ entity: entity.name, scoped: typeof (entity as unknown as { visibleTo?: unknown }).visibleTo }).toEqual({ entity: entity.name, scoped: 'function' });
    }
  });
});
