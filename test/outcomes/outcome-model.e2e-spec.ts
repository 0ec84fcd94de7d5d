import { EntityManager } from '@mikro-orm/core';
import { OrganisationKind, Role, type Actor } from '@parcours/accounts';
import { addCalendarDays, addCalendarMonths, parisInstant, type LocalDate } from '@parcours/core';
import { COUNT_COLUMNS, OutcomeDimension, OutcomeModel, OutcomeReportService, type OutcomeReport } from '@parcours/outcomes';
import fc from 'fast-check';
import { join } from 'node:path';
import { SIMULATED_MONTHS } from '../../scripts/demo-data/constants';
import { runMain } from '../support/server-process';
import { startTestApp, type TestApp } from '../support/test-app';

const GENERATE = join(__dirname, '../../dist/scripts/generate.js');
const UNTIL = '2026-06-01';
const FIRST_DAY = addCalendarMonths(UNTIL, -SIMULATED_MONTHS);
const PATHWAYS = 30;

const DIMENSIONS = [OutcomeDimension.MONTH, OutcomeDimension.PRESCRIBER, OutcomeDimension.COMMUNE, OutcomeDimension.CONTRACT_TYPE];

/** Every cell holding something, in a stable order: what the composer kept, or what the rebuild counted. */
async function cells(em: EntityManager): Promise<string[]> {
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(`select * from outcome_cell where ${COUNT_COLUMNS.map((column) => `${column} <> 0`).join(' or ')}`);
  return rows.map((row: Record<string, unknown>) => JSON.stringify(Object.keys(row).sort().map((key) => [key, String(row[key])]))).sort();
}

const plain = (report: OutcomeReport) => JSON.stringify({ rows: report.rows, total: report.total, names: [...report.names.entries()].sort() });

/**
 * The outcome model against its recomputation, on random journeys: the generator (the domain's own
 * commands, each flush through the composer) runs journeys from a seed fast-check draws; then the
 * cells the composer kept equal the cells recounted from the journey tables, and for random
 * periods, days of asking and groupings, the report from the model equals the report from the
 * journey tables, for an administrator (every operator) and for a manager (one).
 */
describe('the outcome model', () => {
  jest.setTimeout(600_000);

  it('equals its recomputation after random journeys, and answers every report as the journey tables do', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        let test: TestApp | undefined;
        try {
          test = await startTestApp({
            prepare: async (url) => {
              const run = runMain({}, GENERATE, ['--database', url, '--pathways', String(PATHWAYS), '--seed', String(seed), '--until', UNTIL]);
              if ((await run.exited) !== 0) throw new Error(run.output());
            },
          });
          const em = test.app.get(EntityManager).fork();
          const kept = await cells(em);
          expect(kept.length).toBeGreaterThan(0);
          await test.app.get(OutcomeModel).rebuild();
          expect(await cells(em)).toEqual(kept);

          const [manager] = await em.getConnection().execute<{ id: string; organisation_id: string }[]>(`select id, organisation_id from app_user where role = 'MANAGER' order by id limit 1`);
          const actors: Actor[] = [
            { userId: manager.id, role: Role.MANAGER, organisationId: manager.organisation_id, organisationKind: OrganisationKind.OPERATOR, sessionId: null },
            { userId: manager.id, role: Role.ADMIN, organisationId: manager.organisation_id, organisationKind: OrganisationKind.OPERATOR, sessionId: null },
          ];
          const service = test.app.get(OutcomeReportService);
          const day = fc.integer({ min: -40, max: 31 * SIMULATED_MONTHS }).map((offset) => addCalendarDays(FIRST_DAY, offset));
          const question = fc.record({
            from: day,
            length: fc.integer({ min: 0, max: 31 * SIMULATED_MONTHS }),
            today: day,
            groupBy: fc.subarray(DIMENSIONS, { maxLength: 2 }),
            actor: fc.constantFrom(...actors),
          });
          await fc.assert(
            fc.asyncProperty(question, async ({ from, length, today, groupBy, actor }) => {
              test!.clock.set(parisInstant(today as LocalDate, 10));
              const input = { from, to: addCalendarDays(from, length), groupBy };
              const [model, journey] = [await service.report(actor, input, 'model'), await service.report(actor, input, 'journey')];
              expect(plain(model)).toEqual(plain(journey));
            }),
            { seed, numRuns: 40 },
          );
        } finally {
          await test?.close();
        }
      }),
      { seed: 20261206, numRuns: 2 },
    );
  });
});
