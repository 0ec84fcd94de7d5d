/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { describeInBrowser, launchBrowser, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
import type { TestApp } from '../support/test-app';

/**
 * The figures in a real browser: a manager's period by month, a funder's convention with its
 * suppressed cells, the chart beside its table, the CSV of the same figures; and nothing personal in
 * a funder's menu or at a personal screen's address.
 */
describeInBrowser('the console’s figures, for a manager and a funder, in a real browser', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  let manager: TestUser;
  let funder: TestUser;
  let pathwayId: string;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    browser = await launchBrowser();
    manager = await accounts.user('MANAGER');
    const metropole = await accounts.organisation('FUNDER', 'Saint-Étienne Métropole');
    funder = await accounts.user('FUNDER', { organisationId: metropole });
    const referent = await accounts.user('REFERENT');
    const counsellor = await accounts.user('COUNSELLOR');
    await t.api.data(
      'mutation ($input: CreateConventionInput!) { createConvention(input: $input) { convention { id } } }',
      { input: { operatorId: accounts.operatorId, funderId: metropole, title: 'L.O.I.R.E 2026', budgetLine: 'SERV / chap 65 / SUECO', startOn: '2026-01-01', endOn: '2026-12-31', targetParticipants: 20, amountCents: 18_500_000 } },
      { token: manager.token },
    );
    // Seven referrals in March, all accepted, two diagnosed: some cells of 5 or more, one under 5.
    for (let index = 0; index < 5; index++) {
      const pathway = await journey.refer(referent, aPerson({ lastName: `Chiffre${index}` }));
      await journey.accept(counsellor, pathway.id);
      pathwayId = pathway.id;
    }
    for (let index = 5; index < 7; index++) await journey.diagnosed(referent, counsellor, aPerson({ lastName: `Chiffre${index}` }));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signedIn = async (user: TestUser, path = '/') => {
    const opened = await openPage(browser, t.url, t.clock.now());
    await signInThroughPage(opened.page, user, path);
    return opened;
  };
  const row = (p: Page, name: string) => p.getByRole('row', { name: new RegExp(`^${name}`) });

  it('shows a manager the figures of a period by month, as a table and its chart, and downloads them as CSV', async () => {
    const { page: p } = await signedIn(manager, '/chiffres');
    await p.setViewportSize({ width: 1280, height: 800 });
    // A period to start from, the last twelve whole months (the clock says 16 March 2026); an emptied day is required, not "not valid".
    expect([await p.getByLabel('Du').inputValue(), await p.getByLabel('Au').inputValue()]).toEqual(['01/03/2025', '28/02/2026']);
    await p.getByLabel('Du').fill('');
    await p.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await p.getByText('Ce jour est obligatoire.').waitFor();
    await p.getByLabel('Du').fill('01/01/2026');
    await p.getByLabel('Au').fill('31/03/2026');
    await p.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await p.getByRole('table', { name: /du 01\/01\/2026 au 31\/03\/2026, par mois/ }).waitFor();
    expect(await row(p, 'mars 2026').locator('td').allTextContents()).toEqual(['7', '7', '2', '0', '0', '0', '0', '0', '–']);
    // No row of zeros without a month.
    expect(await p.getByRole('rowheader', { name: /Sans mois/ }).count()).toBe(0);
    // Every column within 1280 px: nothing to scroll sideways, the dynamic exit rate in sight.
    const region = p.getByRole('region', { name: 'Tableau des chiffres' });
    expect(await region.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect((await p.getByRole('columnheader', { name: 'Taux de sorties dynamiques' }).boundingBox())!.x + 10).toBeLessThan(1280);
    await p.getByTestId('headline-rate').waitFor();
    await p.getByRole('img', { name: /Graphique en barres/ }).waitFor();
    expect(await p.getByText('moins de 5 personnes').count()).toBe(0);
    await screens.check(p, '50-figures-manager');

    const download = p.waitForEvent('download');
    await p.getByRole('button', { name: 'Télécharger ces chiffres (CSV)' }).click();
    const csv = await (await download).createReadStream();
    const text = await new Promise<string>((resolve) => {
      let all = '';
      csv.on('data', (chunk: Buffer) => (all += chunk.toString()));
      csv.on('end', () => resolve(all));
    });
    expect(text).toContain('2026-03');
  });

  it('shows a funder the convention’s figures with cells under 5 suppressed and explained, and a menu with nothing personal', async () => {
    const { page: p } = await signedIn(funder, '/chiffres');
    const menu = await p.getByRole('navigation', { name: 'Menu principal' }).getByRole('link').allTextContents();
    expect(menu).toEqual(['Accueil', 'Chiffres', 'Mot de passe']);
    // Its only convention is already chosen.
    const chosen = () => p.getByLabel('Convention').locator('option:checked').textContent();
    for (let attempt = 0; attempt < 50 && (await chosen()) === 'Choisir…'; attempt++) await p.waitForTimeout(100);
    expect(await chosen()).toBe('L.O.I.R.E 2026 (du 01/01/2026 au 31/12/2026)');
    await p.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await p.getByText('« < 5 » : moins de 5 personnes.').waitFor();
    const march = await row(p, 'mars 2026').locator('td').allTextContents();
    expect(march.slice(0, 3)).toEqual(['7', '7', '< 5']);
    // The target beside what was achieved, at the top.
    expect(await p.getByTestId('headline-target').textContent()).toBe('20');
    expect(await p.getByTestId('headline-achieved').textContent()).toBe('7');
    await p.getByText('(35 % de l’objectif)').waitFor();
    await screens.check(p, '51-figures-funder');

    // A personal screen's address: nothing of the person.
    await p.goto(`/parcours/${pathwayId}`);
    await p.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    expect(await p.content()).not.toContain('Chiffre4');
    // The other roles' screens, typed by hand: the same page, not the frame with a refusal.
    for (const path of ['/parcours', '/suivis', '/journal', '/comptes', '/orienter']) {
      await p.goto(path);
      await p.getByRole('heading', { name: 'Page introuvable' }).waitFor();
      expect(await p.getByText('Votre rôle ne permet pas cette action').count()).toBe(0);
    }
  });

  it('leaves no serious or critical accessibility violation on these screens', () => {
    expect(screens.violations).toEqual({});
  });
});
