import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { loadConfig } from '@parcours/config';
import { ormOptions } from '@parcours/db';
import fixture from '../fixtures/previous-version-journey.json';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { AccountsFixture } from '../support/accounts';

/** The last migration of the version that wrote the history as strings. */
const PREVIOUS = 'Migration20261126104326_diagnostics_reports';
const TABLES = ['organisation', 'app_user', 'participant', 'pathway', 'referral_barrier', 'appointment', 'diagnostic', 'pathway_event', 'referent_report'] as const;
const HISTORY = '{ pathways(first: 50) { edges { node { id history { type kind at byUserId fromStatus toStatus reason comment details fromUserId toUserId appointmentId diagnosticId fields } } } } }';

type Row = Record<string, unknown>;
type HistoryLine = Record<string, unknown>;

/** Rows as the previous version left them on SQLite, as each driver takes them. */
function asWritten(row: Row, driver: string): Row {
  if (driver === 'sqlite') return row;
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      if ((column === 'at' || column.endsWith('_at')) && typeof value === 'number') return [column, new Date(value)];
      if (['correction', 'france_travail_registered'].includes(column)) return [column, Boolean(value)];
      return [column, value];
    }),
  );
}

/**
 * A database filled by the previous version's journey (its rows are test/fixtures/, with the
 * history that version answered) is migrated by this version: every pathway's history reads the
 * same, and the typed columns say what the strings said.
 */
describe('the migration of the history to typed journey events', () => {
  let t: TestApp;
  let histories: Record<string, HistoryLine[]>;

  beforeAll(async () => {
    t = await startTestApp({
      prepare: async (url) => {
        const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test' });
        const orm = await MikroORM.init(ormOptions(config.database));
        try {
          await orm.getMigrator().up({ to: PREVIOUS });
          const em = orm.em.fork() as SqlEntityManager;
          for (const table of TABLES) {
            const rows = (fixture.rows as Record<string, Row[]>)[table].map((row) => asWritten(row, config.database.driver));
            if (rows.length > 0) await em.getKnex()(table).insert(rows);
          }
          if (config.database.driver === 'postgresql') await em.getConnection().execute(`select setval('pathway_event_id_seq', (select max(id) from pathway_event))`);
        } finally {
          await orm.close();
        }
      },
    });
    const admin = await new AccountsFixture(t.api).login(TEST_ADMIN.email, TEST_ADMIN.password);
    const data = await t.api.data<{ pathways: { edges: { node: { id: string; history: HistoryLine[] } }[] } }>(HISTORY, undefined, { token: admin.accessToken });
    histories = Object.fromEntries(data.pathways.edges.map(({ node }) => [node.id, node.history]));
  });
  afterAll(() => t?.close());

  it('reads every line of every history as the previous version did', () => {
    const before = fixture.histories as Record<string, HistoryLine[]>;
    expect(Object.keys(histories).sort()).toEqual(Object.keys(before).sort());
    for (const [pathwayId, lines] of Object.entries(before)) {
      const after = histories[pathwayId].map(({ kind, at, byUserId, fromStatus, toStatus, reason, comment, details }) => ({ kind, at, byUserId, fromStatus, toStatus, reason, comment, details }));
      expect({ pathwayId, lines: after }).toEqual({ pathwayId, lines });
    }
    expect(Object.values(histories).flat()).toHaveLength(fixture.rows.pathway_event.length);
  });

  it('gives each line its journey event type and typed columns', () => {
    const lines = Object.values(histories).flat();
    const types = lines.map((line) => line.type);
    expect(new Set(types)).toEqual(
      new Set([
        'ParticipantReferred', 'ReferralAccepted', 'NoShowRecorded', 'DiagnosticScheduled', 'AppointmentRescheduled', 'DiagnosticRecorded',
        'DiagnosticCorrected', 'ParticipantUpdated', 'CounsellorAssigned', 'ReferentAssigned', 'ReferralDeclined', 'ReferralWithdrawn',
        'AppointmentCancelled', 'AbsenceExcused',
      ]),
    );
    for (const line of lines) {
      const details = line.details as string | null;
      if (details?.startsWith('from:')) expect(details).toBe(`from:${line.fromUserId} to:${line.toUserId}`);
      if (details?.startsWith('counsellor:')) expect([line.type, line.toUserId]).toEqual(['ReferralAccepted', details.slice('counsellor:'.length)]);
      if (details?.startsWith('appointment:')) expect(line.appointmentId).toBe(details.slice('appointment:'.length));
      if (details?.startsWith('diagnostic:')) expect(line.diagnosticId).toBe(details.slice('diagnostic:'.length));
      if (line.type === 'ParticipantUpdated') expect(line.fields).toEqual(details!.split(','));
    }
    expect(lines.filter((line) => line.type === 'ParticipantUpdated')[0].fields).toEqual(expect.arrayContaining(['phone', 'firstNames']));
  });

  it('goes on after the migration: a handover of a migrated pathway is one more typed line, and its reports follow', async () => {
    const open = (fixture.rows.pathway as Row[]).find((row) => row.status === 'DIAGNOSED')!;
    const previous = (fixture.rows.app_user as Row[]).find((row) => row.email === 'referent@parcours.test')!;
    const admin = await new AccountsFixture(t.api).login(TEST_ADMIN.email, TEST_ADMIN.password);
    const data = await t.api.data<{ assignReferent: { userErrors: unknown[] } }>(
      'mutation ($input: AssignReferentInput!) { assignReferent(input: $input) { userErrors { code } } }',
      { input: { pathwayId: open.id, referentId: previous.id, reason: 'Retour au secteur' } },
      { token: admin.accessToken },
    );
    expect(data.assignReferent.userErrors).toEqual([]);
    const after = await t.api.data<{ pathway: { history: HistoryLine[] } }>('query ($id: ID!) { pathway(id: $id) { history { type fromUserId toUserId reason } } }', { id: open.id }, { token: admin.accessToken });
    expect(after.pathway.history).toHaveLength(histories[open.id as string].length + 1);
    expect(after.pathway.history.at(-1)).toEqual({ type: 'ReferentAssigned', fromUserId: open.referent_id, toUserId: previous.id, reason: 'Retour au secteur' });
    const reports = await t.orm.em.fork().getConnection().execute('select referent_id from referent_report where pathway_id = ? and acknowledged_at is null', [open.id]);
    // The two reports the fixture left unread, and the one telling the referent the pathway is theirs.
    expect(reports.map((report: Row) => report.referent_id)).toEqual([previous.id, previous.id, previous.id, previous.id]);
  });
});
