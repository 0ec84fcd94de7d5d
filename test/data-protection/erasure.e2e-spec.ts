import { StaffNotification } from '@parcours/notifications';
import { ConversationRead, PathwayMessage } from '@parcours/pathways';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { AuditAction, AuditEntry, PersonalDataPolicies } from '@parcours/audit';
import { DataProtectionService } from '@parcours/data-protection';
import { ENTITIES } from '@parcours/db';
import { BarrierTheme, Participant } from '@parcours/participants';
import {
  AppointmentLinks,
  Appointment,
  Checkpoint,
  Contact,
  DeclineReason,
  Diagnostic,
  ExitReason,
  Pathway,
  PathwayEvent,
  PathwayStatus,
  Placement,
  PlacementEndReason,
  Proposal,
  ProposalReason,
  ProposalStep,
  ReferralBarrier,
} from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { SweepScheduler } from '../../apps/api/src/sweeps/sweep-scheduler';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { aPerson, JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

const EXPORT = 'query ($id: ID!) { exportParticipantData(participantId: $id) }';
const ERASE = 'mutation ($input: EraseParticipantInput!) { eraseParticipant(input: $input) { erased userErrors { code field message } } }';

describe('right of access, erasure and retention', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  const admin = () => ({ token: accounts.adminToken });

  /** Every value of every row of every table, as text. */
  const everything = async (): Promise<string> => {
    const knex = (t.orm.em.getConnection() as AbstractSqlConnection).getKnex();
    const tables = ENTITIES.map((entity) => t.orm.getMetadata().get(entity.name).tableName);
    const dumps = await Promise.all(tables.map((table) => knex.select('*').from(table)));
    return JSON.stringify(dumps);
  };

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
  });
  afterAll(() => t.close());

  describe('exportParticipantData', () => {
    it("gives the admin everything about the person, and nothing about anyone else's", async () => {
      const pathway = await journey.refer(referent, aPerson({ lastName: 'Exportée', phone: '06 99 88 77 66', franceTravailId: 'EXP123' }), {
        barriers: ['JUSTICE', 'HOUSING'],
        justiceJustification: 'Libérée en février',
      });
      await journey.decline(counsellor, pathway.id, 'OTHER', 'Préfère attendre');
      await journey.refer(referent, aPerson({ lastName: 'Voisine', phone: '06 00 00 00 01' }));
      const requestId = 'export-check';
      const response = await t.api.request<{ exportParticipantData: Record<string, unknown> }>(EXPORT, { id: pathway.participant.id }, { ...admin(), headers: { 'x-request-id': requestId } });
      const document = response.data!.exportParticipantData as { participant: Record<string, unknown>; pathways: Record<string, unknown>[] };
      expect(document.participant).toMatchObject({ id: pathway.participant.id, lastName: 'Exportée', phone: '+33699887766', franceTravailId: 'EXP123' });
      expect(document.pathways).toHaveLength(1);
      expect(document.pathways[0]).toMatchObject({
        id: pathway.id,
        status: 'DECLINED',
        declineReason: 'OTHER',
        declineComment: 'Préfère attendre',
        situationAtReferral: expect.objectContaining({ barriers: expect.arrayContaining(['JUSTICE', 'HOUSING']), justiceJustification: 'Libérée en février' }),
        history: [expect.objectContaining({ toStatus: 'REFERRED' }), expect.objectContaining({ toStatus: 'DECLINED', comment: 'Préfère attendre' })],
      });
      expect(JSON.stringify(document)).not.toContain('Voisine');
      const logged = await t.orm.em.fork().find(AuditEntry, { requestId });
      expect(logged).toEqual([expect.objectContaining({ action: 'EXPORT', participantId: pathway.participant.id, role: 'ADMIN' })]);
    });

    it("lets a MANAGER export for their own operator's pathways only", async () => {
      const pathway = await journey.refer(referent);
      const own = await t.api.request(EXPORT, { id: pathway.participant.id }, { token: manager.token });
      expect(own.errors).toBeUndefined();
      const otherManager = await accounts.user('MANAGER', { organisationId: await accounts.organisation('OPERATOR') });
      const other = await t.api.request(EXPORT, { id: pathway.participant.id }, { token: otherManager.token });
      expect(errorCodes(other)).toEqual(['NOT_FOUND']);
      expect(errorCodes(await t.api.request(EXPORT, { id: pathway.participant.id }, { token: referent.token }))).toEqual(['FORBIDDEN']);
    });
  });

  describe('eraseParticipant', () => {
    it('refuses while a pathway is open, changing nothing', async () => {
      const pathway = await journey.refer(referent, aPerson({ lastName: 'Ouverte' }));
      const data = await t.api.data<{ eraseParticipant: { erased: boolean | null; userErrors: { code: string }[] } }>(ERASE, { input: { participantId: pathway.participant.id, reason: 'Demande de la personne' } }, admin());
      expect(data.eraseParticipant).toEqual({ erased: null, userErrors: [expect.objectContaining({ code: 'PATHWAY_OPEN' })] });
      expect((await t.orm.em.fork().findOneOrFail(Participant, pathway.participant.id)).lastName).toBe('Ouverte');
    });

    it('erases every trace of the name from the database, and leaves the outcome counts as they were', async () => {
      const pathway = await journey.refer(referent, aPerson({ lastName: 'Zéphyrine', firstNames: 'Anaïs', email: 'zephyrine@example.fr', franceTravailId: 'ZEPH42' }), {
        barriers: ['JUSTICE', 'MOBILITY'],
        justiceJustification: 'Zéphyrine sort de détention',
      });
      await journey.accept(counsellor, pathway.id);
      await t.api.data('mutation ($id: ID!) { updateParticipant(input: { participantId: $id, phone: "06 55 44 33 22" }) { userErrors { code } } }', { id: pathway.participant.id }, { token: referent.token });
      await journey.mutate(referent, 'withdrawReferral', 'WithdrawReferralInput', { pathwayId: pathway.id, reason: 'Zéphyrine a déménagé' });
      expect((await everything()).includes('Zéphyrine')).toBe(true);
      const counts = async () => ({
        pathways: await t.orm.em.fork().count(Pathway, { status: PathwayStatus.WITHDRAWN }),
        barriers: await t.orm.em.fork().count(ReferralBarrier, { theme: BarrierTheme.MOBILITY }),
        participants: await t.orm.em.fork().count(Participant, {}),
      });
      const before = await counts();

      const data = await t.api.data<{ eraseParticipant: { erased: boolean; userErrors: unknown[] } }>(ERASE, { input: { participantId: pathway.participant.id, reason: 'Demande de la personne' } }, admin());
      expect(data.eraseParticipant).toEqual({ erased: true, userErrors: [] });

      const dump = await everything();
      const traces = ['Zéphyrine', 'Zephyrine', 'zephyrine', 'Anaïs', 'ZEPH42', '06 55 44 33 22', 'détention'];
      expect(traces.filter((trace) => dump.includes(trace))).toEqual([]);
      expect(await counts()).toEqual(before);
      const kept = await t.orm.em.fork().findOneOrFail(Pathway, pathway.id, { populate: ['participant'] });
      expect(kept).toMatchObject({ status: 'WITHDRAWN', referredOn: '2026-03-16', referralCommuneCode: '42218', ageAtReferral: 37, referralRsaStatus: 'SOCLE' });
      expect(kept.participant.getEntity()).toMatchObject({ lastName: '', birthDate: null, communeCode: '42218', sex: 'FEMALE', educationLevel: 'LEVEL_3' });
      const audit = await t.orm.em.fork().find(AuditEntry, { participantId: pathway.participant.id, action: AuditAction.ERASE });
      expect(audit.length).toBeGreaterThan(0);
      expect(audit[0]).toMatchObject({ role: 'ADMIN', reason: 'Demande de la personne' });
      // The referent still sees the pathway, without a name.
      const seen = await t.api.data<{ pathway: { participant: { lastName: string; anonymised: boolean; birthDate: string | null } } }>(
        'query ($id: ID!) { pathway(id: $id) { participant { lastName anonymised birthDate } } }',
        { id: pathway.id },
        { token: referent.token },
      );
      expect(seen.pathway.participant).toEqual({ lastName: '', anonymised: true, birthDate: null });
    });

    it('empties every property the registry marks for erasure, in every entity about the person', async () => {
      const pathway = await journey.refer(referent, aPerson({ email: 'x@y.fr', franceTravailId: 'REG1' }), { barriers: ['JUSTICE'], justiceJustification: 'texte' });
      await journey.accept(counsellor, pathway.id);
      // A first interview the person said, through their link, they could not come to, in their words; then cancelled.
      const first = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId: pathway.id, startsAt: '2026-03-20T08:00:00Z', channel: 'ON_SITE' } }, { token: counsellor.token });
      const token = t.app.get(AppointmentLinks).token(first.scheduleDiagnostic.appointment.id);
      await t.api.data('mutation ($token: String!) { answerAppointment(input: { token: $token, answer: CANNOT_COME, reason: "texte libre" }) { userErrors { code } } }', { token });
      await t.api.data('mutation ($id: ID!) { cancelAppointment(input: { appointmentId: $id }) { userErrors { code } } }', { id: first.scheduleDiagnostic.appointment.id }, { token: counsellor.token });
      const scheduled = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(
        SCHEDULE,
        { input: { pathwayId: pathway.id, startsAt: '2026-03-16T08:00:00Z', channel: 'ON_SITE' } },
        { token: counsellor.token },
      );
      await t.api.data(RECORD_DIAGNOSTIC, { input: { appointmentId: scheduled.scheduleDiagnostic.appointment.id, ...someFindings() } }, { token: counsellor.token });
      // One proposal declined with a comment, one left open (cancelled when the pathway closes).
      const offers = new OffersFixture(t.api, accounts);
      const employer = await offers.partner('EMPLOYER');
      const declined = await offers.propose(counsellor, pathway.id, (await offers.job(counsellor, employer)).id);
      await offers.step(counsellor, declined.id, 'DECLINED_BY_PARTICIPANT', '2026-03-16', { reason: 'OTHER', comment: 'texte libre' });
      t.clock.advance(60_000); // the export lists proposals in the order they were made
      await offers.propose(counsellor, pathway.id, (await offers.job(counsellor, employer)).id);
      // A placement ended with a comment, a running one, a contact with notes and JUSTICE, and an exit with a comment.
      const placements = new PlacementsFixture(t.api);
      const cdd = await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35 });
      await placements.end(counsellor, cdd.id, '2026-03-16', 'OTHER', 'texte libre');
      await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 35 });
      await placements.contact(counsellor, {
        pathwayId: pathway.id,
        on: '2026-03-16',
        situation: 'IN_POST',
        difficulties: [{ theme: 'JUSTICE', blocking: true }],
        justiceJustification: 'texte',
        note: 'texte libre',
        nextStep: 'texte libre',
      });
      expect((await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'OTHER', comment: 'texte libre' })).outcome).toMatchObject({ category: 'DURABLE_EMPLOYMENT' });
      // A message in the pathway's conversation.
      await t.api.data('mutation ($id: ID!) { postPathwayMessage(input: { pathwayId: $id, text: "texte libre" }) { userErrors { code } } }', { id: pathway.id }, { token: counsellor.token });
      // Four offsets from the first start pending; the CDD's planned end cancelled when it ended early.
      const calendar = await t.orm.em.fork().find(Checkpoint, { pathway: pathway.id }, { orderBy: { key: 'asc' } });
      expect(calendar.map((checkpoint) => [checkpoint.kind, checkpoint.status])).toEqual([
        ['PLANNED_END', 'CANCELLED'],
        ['OFFSET', 'PENDING'],
        ['OFFSET', 'PENDING'],
        ['OFFSET', 'PENDING'],
        ['OFFSET', 'PENDING'],
      ]);
      const exported = await t.api.data<{ exportParticipantData: { pathways: { diagnostics: unknown[]; reportsToReferent: unknown[]; proposals: { status: string; steps: { comment: string | null }[] }[] }[] } }>(
        EXPORT,
        { id: pathway.participant.id },
        admin(),
      );
      expect(exported.exportParticipantData.pathways[0].diagnostics).toHaveLength(1);
      // The diagnostic, the declined proposal, the CDD started and ended, the CDI started, the exit (the JUSTICE difficulty is never reported).
      expect(exported.exportParticipantData.pathways[0].reportsToReferent).toHaveLength(6);
      expect(exported.exportParticipantData.pathways[0].proposals.map((proposal) => proposal.status)).toEqual(['DECLINED_BY_PARTICIPANT', 'CANCELLED']);
      expect(exported.exportParticipantData.pathways[0].proposals[0].steps[1].comment).toBe('texte libre');

      await t.api.data(ERASE, { input: { participantId: pathway.participant.id, reason: 'registre' } }, admin());
      const em = t.orm.em.fork();
      const rows: Record<string, object[]> = {
        Participant: [await em.findOneOrFail(Participant, pathway.participant.id)],
        Pathway: [await em.findOneOrFail(Pathway, pathway.id, { populate: ['justiceJustification'] })],
        PathwayEvent: await em.find(PathwayEvent, { pathway: pathway.id }),
        Diagnostic: await em.find(Diagnostic, { pathway: pathway.id }),
        ReferentReport: await em.find(ReferentReport, { pathway: pathway.id }),
        Appointment: await em.find(Appointment, { pathway: pathway.id }),
        ReferralBarrier: await em.find(ReferralBarrier, { pathway: pathway.id }),
        Proposal: await em.find(Proposal, { pathway: pathway.id }),
        ProposalStep: await em.find(ProposalStep, { proposal: { pathway: pathway.id } }),
        Placement: await em.find(Placement, { pathway: pathway.id }),
        Checkpoint: await em.find(Checkpoint, { pathway: pathway.id }),
        Contact: await em.find(Contact, { pathway: pathway.id }, { populate: ['justiceJustification'] }),
        PathwayMessage: await em.find(PathwayMessage, { pathway: pathway.id }),
        ConversationRead: await em.find(ConversationRead, { pathway: pathway.id }),
        // Deleted with the person (nothing in them to empty): none left.
        StaffNotification: await em.find(StaffNotification, { pathway: pathway.id }),
      };
      expect(rows.StaffNotification).toEqual([]);
      // Erasure cancels the calendar that went on after the exit.
      expect(rows.Checkpoint.map((checkpoint) => (checkpoint as Checkpoint).status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
      const empty = (value: unknown) => value === null || value === '' || (typeof value === 'string' && value.startsWith('anonymised:'));
      const policies = t.app.get(PersonalDataPolicies).all().flatMap((policy) => policy.entities);
      expect(policies.map((policy) => policy.entity.name).sort()).toEqual(Object.keys(rows).sort());
      for (const { entity: { name: entity }, erase } of policies) {
        expect({ entity, rows: (rows[entity] ?? []).length > 0 || erase.length === 0 }).toEqual({ entity, rows: true });
        for (const row of rows[entity] ?? []) {
          for (const field of erase) {
            const value = (row as Record<string, unknown>)[field];
            // Reason codes survive; free texts do not.
            const allowed = entity === 'PathwayEvent' && field === 'reason' && (value === null || [...Object.values(DeclineReason), ...Object.values(ProposalReason), ...Object.values(PlacementEndReason), ...Object.values(ExitReason), 'NO_SHOW', 'EXCUSED', 'CANCELLED', 'CANNOT_COME'].includes(value as DeclineReason));
            expect({ entity, field, empty: empty(value) || allowed }).toEqual({ entity, field, empty: true });
          }
        }
      }
    });
  });

  describe('the retention sweep', () => {
    it('anonymises a participant whose last change is 25 months old, leaves one at 23 months, and is idempotent', async () => {
      t.clock.set('2024-01-10T10:00:00Z');
      const old = await journey.refer(await freshReferent(), aPerson({ lastName: 'Ancienne', informedOn: '2024-01-02' }));
      t.clock.set('2024-03-10T10:00:00Z');
      const recent = await journey.refer(await freshReferent(), aPerson({ lastName: 'Récente', informedOn: '2024-03-01' }));
      t.clock.set('2026-02-10T10:00:00Z'); // 25 months after the first, 23 after the second
      const sweep = t.app.get(DataProtectionService);
      const first = await sweep.sweepRetention();
      expect(first.anonymised).toBe(1);
      const em = t.orm.em.fork();
      expect((await em.findOneOrFail(Participant, old.participant.id)).anonymisedAt).not.toBeNull();
      expect((await em.findOneOrFail(Participant, recent.participant.id))).toMatchObject({ lastName: 'Récente', anonymisedAt: null });
      expect((await sweep.sweepRetention()).anonymised).toBe(0);
      const logged = await em.find(AuditEntry, { participantId: old.participant.id, action: AuditAction.ANONYMISE });
      expect(logged[0]).toMatchObject({ role: 'SYSTEM', userId: null, operation: 'retention sweep' });
      t.clock.set('2026-03-16T09:00:00Z');
    });

    it('counts a correction as a change: a pathway corrected recently is kept', async () => {
      t.clock.set('2023-01-10T10:00:00Z');
      const user = await freshReferent();
      const pathway = await journey.refer(user, aPerson({ lastName: 'Corrigée', informedOn: '2023-01-02' }));
      t.clock.set('2025-06-01T10:00:00Z');
      const again = { ...user, token: (await accounts.login(user.email, user.password)).accessToken };
      await t.api.data('mutation ($id: ID!) { updateParticipant(input: { participantId: $id, phone: "06 01 01 01 01" }) { userErrors { code } } }', { id: pathway.participant.id }, { token: again.token });
      t.clock.set('2026-03-16T09:00:00Z');
      await t.app.get(DataProtectionService).sweepRetention();
      expect((await t.orm.em.fork().findOneOrFail(Participant, pathway.participant.id)).lastName).toBe('Corrigée');
    });
  });

  it('runs both sweeps from the in-process scheduler', async () => {
    t.clock.set('2031-01-01T00:00:00Z');
    await t.app.get(SweepScheduler).runOnce();
    expect(await t.orm.em.fork().count(Participant, { anonymisedAt: null })).toBe(0);
    expect(await t.orm.em.fork().count(AuditEntry, { at: { $lt: new Date('2030-01-01T00:00:00Z') } })).toBe(0);
    t.clock.set('2026-03-16T09:00:00Z');
  });

  /** A referent signed in at the clock's current time. */
  async function freshReferent(): Promise<TestUser> {
    return accounts.user('REFERENT');
  }
});
