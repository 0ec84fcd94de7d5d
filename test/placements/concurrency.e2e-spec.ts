import { Checkpoint, Pathway, PathwayEvent, Placement } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

/** Races on one pathway, decided by its version (PostgreSQL) or the one writer (SQLite): the loser runs again on the winner's state. */
describe('placements and exits under concurrent commands', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let placements: PlacementsFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let colleague: TestUser;
  let employer: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    placements = new PlacementsFixture(t.api);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    colleague = await accounts.user('COUNSELLOR');
    employer = await new OffersFixture(t.api, accounts).partner('EMPLOYER');
  });
  afterAll(() => t.close());

  const cdd = (pathwayId: string, plannedEndOn: string) => ({ pathwayId, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn, hoursPerWeek: 20 });

  it.each([1, 2, 3])('starts both of two placements at once on a DIAGNOSED pathway, with one transition (round %i)', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const results = await Promise.all([placements.startRaw(counsellor, cdd(pathway.id, '2026-06-30')), placements.startRaw(colleague, cdd(pathway.id, '2026-07-31'))]);
    expect(results.map((result) => result.userErrors)).toEqual([[], []]);
    const em = t.orm.em.fork();
    expect(await em.count(Placement, { pathway: pathway.id })).toBe(2);
    expect((await em.findOneOrFail(Pathway, pathway.id)).status).toBe('IN_PLACEMENT');
    const transitions = await em.find(PathwayEvent, { pathway: pathway.id, toStatus: 'IN_PLACEMENT' as never });
    expect(transitions).toHaveLength(1);
    expect(await em.count(PathwayEvent, { pathway: pathway.id, type: 'PlacementStarted' })).toBe(2);
    expect(await em.count(ReferentReport, { pathway: pathway.id, kind: 'PLACEMENT_STARTED' as never })).toBe(2);
    // One calendar: the four offsets once, and a planned end per contract.
    const keys = (await em.find(Checkpoint, { pathway: pathway.id })).map((checkpoint) => checkpoint.kind);
    expect(keys.sort()).toEqual(['OFFSET', 'OFFSET', 'OFFSET', 'OFFSET', 'PLANNED_END', 'PLANNED_END']);
  });

  it.each([1, 2, 3])('exits once of two exitPathway at once; the other is INVALID_TRANSITION (round %i)', async () => {
    const pathway = await journey.diagnosed(referent, counsellor);
    const results = await Promise.all([
      placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'NO_SOLUTION' }),
      placements.exitRaw(colleague, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'GAVE_UP' }),
    ]);
    const outcomes = results.map((result) => result.pathway?.status ?? result.userErrors.map((error) => error.code).join(','));
    expect(outcomes.sort()).toEqual(['EXITED', 'INVALID_TRANSITION']);
    const em = t.orm.em.fork();
    expect(await em.count(PathwayEvent, { pathway: pathway.id, type: 'PathwayExited' })).toBe(1);
    expect(await em.count(ReferentReport, { pathway: pathway.id, kind: 'PATHWAY_EXITED' as never })).toBe(1);
  });
});
