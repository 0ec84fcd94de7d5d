/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import { FollowUpsService } from '@parcours/pathways';
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { describeInBrowser, launchBrowser, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

/**
 * Lists for a caseload (issue 33, item 2): a counsellor lands on their own pathways; every caseload
 * line with something to do is a link to its list, already filtered, whose total is the line's
 * count; `/suivis` groups the checkpoints as overdue, this week and later.
 */
describeInBrowser('caseload lines and the lists they open, in a real browser', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  let counsellor: TestUser;
  let manager: TestUser;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    browser = await launchBrowser();
    const referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    const colleague = await accounts.user('COUNSELLOR', { fullName: 'Ana Collègue' });
    manager = await accounts.user('MANAGER');
    const offers = new OffersFixture(t.api, accounts);
    const placements = new PlacementsFixture(t.api);
    const employer = await offers.partner('EMPLOYER', {}, manager);
    // Monday 16 March: waiting referrals, an interview never updated, two placed (one past its
    // planned end by 24 April), an open proposal; the colleague's own pathway besides.
    await journey.refer(referent, aPerson({ lastName: 'Attente' }));
    await journey.acceptAndSchedule(counsellor, (await journey.refer(referent, aPerson({ lastName: 'Entretien' }))).id);
    const short = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Courte' }));
    await placements.start(counsellor, { pathwayId: short.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-04-20', hoursPerWeek: 35 });
    const long = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Durable' }));
    await placements.start(counsellor, { pathwayId: long.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 35 });
    const offered = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Offre' }));
    await offers.propose(counsellor, offered.id, (await offers.job(counsellor, employer)).id);
    await journey.diagnosed(referent, colleague, aPerson({ lastName: 'Collègue' }));
    await journey.decline(manager, (await journey.refer(referent, aPerson({ lastName: 'Refusée' }))).id, 'DUPLICATE');
    t.clock.set('2026-04-24T09:00:00Z');
    await accounts.signInAgain(counsellor, manager);
    await t.app.get(FollowUpsService).sweepMissedCheckpoints();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(user: TestUser, path = '/'): Promise<Page> {
    const p = (await openPage(browser, t.url, t.clock.now())).page;
    await signInThroughPage(p, user, path);
    return p;
  }

  /** The total a list shows: "N parcours" on /parcours, "N compte(s) rendu(s)" on /reports, the one list's count on /suivis. */
  async function listTotal(p: Page): Promise<number> {
    if (new URL(p.url()).pathname === '/suivis') {
      const badge = p.getByRole('heading', { level: 2 }).locator('.badge');
      await badge.waitFor();
      return Number(await badge.textContent());
    }
    const status = p.getByRole('status').filter({ hasText: /^(\d+ parcours|\d+ compte\(s\) rendu\(s\)|Aucun compte rendu\.)$/ });
    await status.waitFor();
    const text = (await status.textContent())!;
    return text.startsWith('Aucun') ? 0 : Number(text.split(' ')[0]);
  }

  /** Follows every caseload line that is a link, and compares its count with the list's total. */
  async function followEveryLine(p: Page, heading: string): Promise<Record<string, [number, number]>> {
    const seen: Record<string, [number, number]> = {};
    await p.getByRole('heading', { name: heading }).waitFor();
    const labels = await p.getByRole('table', { name: 'À faire, compté' }).getByRole('link').allTextContents();
    for (const label of labels) {
      const count = Number(await p.getByTestId(`caseload-${label}`).textContent());
      await p.getByRole('table', { name: 'À faire, compté' }).getByRole('link', { name: label, exact: true }).click();
      seen[label] = [count, await listTotal(p)];
      await p.goBack();
      await p.getByRole('heading', { name: heading }).waitFor();
    }
    return seen;
  }

  it('opens each of a counsellor’s caseload lines as its list, already filtered, with the same total', async () => {
    const p = await signedIn(counsellor);
    const seen = await followEveryLine(p, 'Ce qui vous attend');
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(5);
    for (const [label, [count, total]] of Object.entries(seen)) expect({ label, total }).toEqual({ label, total: count });
    expect(Object.keys(seen)).toEqual(expect.arrayContaining(['Parcours dont l’entretien passé est à mettre à jour', 'Parcours dont une mise en situation a dépassé sa fin prévue', 'Parcours avec une offre proposée en cours', 'Suivis manqués']));

    // "Parcours" lands on their own pathways; the operator's are one choice away; a search spans every status.
    await p.getByRole('link', { name: 'Parcours', exact: true }).click();
    await p.getByRole('heading', { name: 'Mes parcours' }).waitFor();
    expect(await listTotal(p)).toBe(4);
    await screens.check(p, 'my-pathways');
    await p.getByLabel('Parcours', { exact: true }).selectOption({ label: 'Toute la structure' });
    await p.getByRole('heading', { name: 'Parcours de la structure' }).waitFor();
    await p.getByRole('status').getByText('6 parcours').waitFor();
    expect(await p.getByRole('link', { name: 'Camille Refusée' }).count()).toBe(0);
    await p.getByLabel('Rechercher une personne').fill('Refusée');
    await p.getByRole('link', { name: 'Camille Refusée' }).waitFor();
    await p.getByRole('status').getByText('1 parcours').waitFor();
    // A status chosen still applies.
    await p.getByLabel('Statut').selectOption({ label: 'Accepté' });
    await p.getByRole('status').getByText('0 parcours').waitFor();
  });

  it('opens each line of the operator’s caseload, overdue reports included, and of one counsellor’s, as a manager sees them, with the same totals', async () => {
    const p = await signedIn(manager);
    const whole = await followEveryLine(p, 'Ce qui attend la structure');
    expect(Object.keys(whole)).toContain('Comptes rendus en retard de lecture chez les référents');
    for (const [label, [count, total]] of Object.entries(whole)) expect({ label, total }).toEqual({ label, total: count });
    await p.getByLabel('Portefeuille').selectOption({ label: 'Paul Conseiller' });
    const seen = await followEveryLine(p, 'Ce qui attend ce conseiller ou cette conseillère');
    for (const [label, [count, total]] of Object.entries(seen)) expect({ label, total }).toEqual({ label, total: count });
  });

  it('sorts a counsellor’s list by next interview and by last contact, each row saying both', async () => {
    const p = await signedIn(counsellor, '/parcours');
    await p.getByRole('heading', { name: 'Mes parcours' }).waitFor();
    const rows = async () => {
      const table = p.getByRole('table', { name: 'Parcours des personnes orientées vers la structure' });
      await table.waitFor();
      const header = await table.locator('thead th').allTextContents();
      const column = (name: string) => header.indexOf(name);
      return (await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))).map((cells) => ({
        person: cells[column('Personne')],
        contact: cells[column('Dernier contact')],
        interview: cells[column('Prochain entretien')],
      }));
    };
    const sortedBy = async (label: string, order: string, last: string) => {
      const answered = p.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().postData()!.includes(order));
      await p.getByLabel('Ordre').selectOption({ label });
      await answered;
      await p.locator('tbody tr:last-child').getByText(last, { exact: true }).waitFor();
    };
    await sortedBy('Prochain entretien le plus proche d’abord', 'NEXT_APPOINTMENT_SOONEST', '—');
    const soonest = await rows();
    expect(soonest[0]).toEqual({ person: 'Camille Entretien', contact: 'aucun', interview: '16/03/2026 à 09:00' });
    expect(soonest.slice(1).map((row) => row.interview)).toEqual(['—', '—', '—']);
    await sortedBy('Contact le plus récent d’abord', 'LAST_CONTACT_NEWEST', 'aucun');
    const newest = await rows();
    expect(newest.map((row) => row.contact)).toEqual(['16/03/2026', '16/03/2026', '16/03/2026', 'aucun']);
    await screens.check(p, 'my-pathways-by-interview');
  });

  it('groups the follow-ups as overdue, this week and later, each list the server’s window', async () => {
    const p = await signedIn(counsellor, '/suivis');
    for (const name of ['En retard', /^Cette semaine \(jusqu’au 26\/04\/2026\)/, 'Plus tard']) await p.getByRole('heading', { name }).waitFor();
    const days = async (id: string) => (await p.getByTestId(`suivis-${id}`).count()) ? (await p.getByTestId(`suivis-${id}`).locator('tbody tr td:first-child').allTextContents()) : [];
    await p.getByTestId('suivis-en-retard').waitFor();
    const iso = (text: string) => text.split('/').reverse().join('-');
    expect((await days('en-retard')).every((text) => iso(text) < '2026-04-24')).toBe(true);
    expect((await days('cette-semaine')).every((text) => iso(text) >= '2026-04-24' && iso(text) <= '2026-04-26')).toBe(true);
    expect((await days('plus-tard')).every((text) => iso(text) >= '2026-04-27')).toBe(true);
    await screens.check(p, 'follow-ups-grouped');
  });

  it('leaves no serious or critical accessibility violation on these screens', () => {
    expect(screens.violations).toEqual({});
  });
});
