import type { AccountsFixture, TestUser } from '../support/accounts';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';
import { SubscriptionProbe } from '../support/ws-client';

const UPDATE = 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { name contact { address phone email } } userErrors { code field } } }';
const REPORT = 'query ($id: ID!) { referentReport(id: $id) { counsellor { fullName email } operator { name contact { address phone email } } } }';
const REPORTS = '{ referentReports(first: 20) { edges { node { id pathwayId } } } }';

interface UpdatePayload {
  updateOrganisation: { organisation: { name: string; contact: { address: string | null; phone: string | null; email: string | null } | null } | null; userErrors: { code: string; field: string[] }[] };
}

/** The referent knows whom to call (issue 33, item 6): each report names the counsellor in charge and the operator's contact, which an administrator sets. */
describe('whom a referent calls about a report', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
  });
  afterAll(() => t.close());

  const update = (input: Record<string, unknown>) => t.api.data<UpdatePayload>(UPDATE, { input }, { token: accounts.adminToken });
  const reportOf = async (user: TestUser, pathwayId: string) => {
    const { referentReports } = await t.api.data<{ referentReports: { edges: { node: { id: string; pathwayId: string } }[] } }>(REPORTS, undefined, { token: user.token });
    const id = referentReports.edges.find(({ node }) => node.pathwayId === pathwayId)!.node.id;
    return (await t.api.data<{ referentReport: Record<string, unknown> }>(REPORT, { id }, { token: user.token })).referentReport;
  };

  it('lets an administrator set an operator’s contact, refuses one on another kind of organisation or a malformed e-mail, writing nothing', async () => {
    const operatorName = (await t.api.data<{ organisation: { name: string } }>('query ($id: ID!) { organisation(id: $id) { name } }', { id: accounts.operatorId }, { token: accounts.adminToken })).organisation.name;
    const set = await update({ id: accounts.operatorId, name: operatorName, contact: { address: ' 12 rue Michelet, 42000 Saint-Étienne ', phone: '04 77 00 00 00', email: 'Accueil@Forez.example' } });
    expect(set.updateOrganisation).toEqual({ organisation: { name: operatorName, contact: { address: '12 rue Michelet, 42000 Saint-Étienne', phone: '04 77 00 00 00', email: 'accueil@forez.example' } }, userErrors: [] });

    const prescriber = await accounts.organisation('PRESCRIBER', 'CCAS de Firminy');
    const refused = await update({ id: prescriber, name: 'CCAS de Firminy', contact: { phone: '04 77 11 11 11' } });
    expect(refused.updateOrganisation).toEqual({ organisation: null, userErrors: [{ code: 'CONTACT_FOR_OPERATORS', field: ['input', 'contact'] }] });
    const malformed = await t.api.request(UPDATE, { input: { id: accounts.operatorId, name: operatorName, contact: { email: 'nowhere' } } }, { token: accounts.adminToken });
    expect(JSON.stringify(malformed)).toContain('INVALID_INPUT');
    const kept = await t.api.data<{ organisation: { contact: { email: string } } }>('query ($id: ID!) { organisation(id: $id) { contact { email } } }', { id: accounts.operatorId }, { token: accounts.adminToken });
    expect(kept.organisation.contact.email).toBe('accueil@forez.example');
    // Leaving the contact out leaves it as it was.
    const renamedOnly = await update({ id: accounts.operatorId, name: operatorName });
    expect(renamedOnly.updateOrganisation.organisation?.contact?.phone).toBe('04 77 00 00 00');
  });

  it('names the counsellor in charge and the operator’s contact in every report, and to the next referent once the pathway is handed over', async () => {
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Appel' }));
    const report = await reportOf(referent, pathway.id);
    expect(report).toMatchObject({ counsellor: { fullName: 'Paul Conseiller', email: counsellor.email }, operator: { contact: { phone: '04 77 00 00 00', email: 'accueil@forez.example' } } });

    // Handed to another referent, the reports follow the pathway: the new referent learns whom to call.
    const successor = await accounts.user('REFERENT');
    await journey.mutate(referent, 'assignReferent', 'AssignReferentInput', { pathwayId: pathway.id, referentId: successor.id, reason: 'Changement de secteur' });
    expect(await reportOf(successor, pathway.id)).toMatchObject({ counsellor: { fullName: 'Paul Conseiller' }, operator: { contact: { phone: '04 77 00 00 00' } } });
    const { referentReports } = await t.api.data<{ referentReports: { edges: { node: { pathwayId: string } }[] } }>(REPORTS, undefined, { token: referent.token });
    expect(referentReports.edges.some(({ node }) => node.pathwayId === pathway.id)).toBe(false);
  });

  it('names, in each live report, the counsellor in charge at that event, not the one of the event before', async () => {
    const live = new SubscriptionProbe<{ referentReportIssued: { kind: string; pathwayId: string; counsellor: { fullName: string } | null } }>(t.url, referent.token);
    /** The first live report of that kind (the probe numbers every message from the first). */
    const pushed = async (kind: string) => {
      for (let count = 1; count <= 6; count++) {
        const { referentReportIssued: report } = await live.next(count);
        if (report.kind === kind) return report;
      }
      throw new Error(`no ${kind} report`);
    };
    try {
      await live.subscribe('subscription { referentReportIssued { kind pathwayId counsellor { fullName } } }');
      const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Direct' }));
      expect(await pushed('DIAGNOSTIC_RECORDED')).toEqual({ kind: 'DIAGNOSTIC_RECORDED', pathwayId: pathway.id, counsellor: { fullName: 'Paul Conseiller' } });
      const manager = await accounts.user('MANAGER');
      const relay = await accounts.user('COUNSELLOR', { fullName: 'Ana Relais' });
      await journey.mutate(manager, 'assignCounsellor', 'AssignCounsellorInput', { pathwayId: pathway.id, counsellorId: relay.id });
      const employer = await new OffersFixture(t.api, accounts).partner('EMPLOYER', {}, manager);
      await new PlacementsFixture(t.api).start(relay, { pathwayId: pathway.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 35 });
      expect(await pushed('PLACEMENT_STARTED')).toEqual({ kind: 'PLACEMENT_STARTED', pathwayId: pathway.id, counsellor: { fullName: 'Ana Relais' } });
    } finally {
      await live.close();
    }
  });
});
