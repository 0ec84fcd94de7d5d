/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { answerDialog, describeInBrowser, launchBrowser, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
import type { TestApp } from '../support/test-app';

/**
 * Issue 36 in a real browser: a referent uploads a list whose last-name column the console does
 * not recognise, matches it, says when the people were informed, sees every line judged, imports
 * the ones to refer, watches it finish and downloads the result — every screen axe-clean.
 */
describeInBrowser('importing a list in the console', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  let referent: TestUser;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    browser = await launchBrowser();
    referent = await accounts.user('REFERENT', { fullName: 'Inès Importe' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('goes from the file to the pathways, one step at a time', async () => {
    // One person of the list is already followed: the preview says so, and links to their pathway.
    const known = await journey.refer(referent, aPerson({ lastName: 'Connue', firstNames: 'Lucie', birthDate: '1981-01-01' }));
    const lines = [
      'Patronyme;Prénom;Date de naissance;Adresse;Code postal;Commune;Situation RSA',
      'Aubert;Léa;12/04/1985;3 rue Michelet;42000;Saint-Étienne;Socle',
      'Blanc;Marc;01/12/1979;2 place Dorian;42000;Saint-Étienne;socle + activité',
      'Connue;Lucie;01/01/1981;5 rue Gambetta;42000;Saint-Étienne;Socle',
      'Loin;Paul;02/02/1982;1 quai Perrache;69002;Lyon;Socle',
    ];
    const { page } = await openPage(browser, t.url, t.clock.now());
    await signInThroughPage(page, referent);
    await page.getByRole('link', { name: 'Importer une liste' }).click();
    await page.getByRole('heading', { name: 'Importer une liste de personnes' }).waitFor();
    await screens.check(page, 'import-01-upload');
    await page.getByLabel('Fichier de la liste').setInputFiles({ name: 'liste-ccas.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'latin1') });
    await page.getByRole('button', { name: 'Lire le fichier' }).click();
    await page.getByRole('heading', { name: 'Import « liste-ccas.csv »' }).waitFor();
    // The last names' column is not recognised: the page says so first, with the columns open.
    await page.getByRole('alert').filter({ hasText: 'Choisissez la colonne de : Nom' }).waitFor();
    await screens.check(page, 'import-02-missing-column');
    await page.getByLabel('Nom (obligatoire)').selectOption({ label: 'Patronyme' });
    await page.getByLabel('Informées du traitement de leurs données le').fill('02/03/2026');
    await page.getByLabel('Informées du traitement de leurs données le').press('Tab');
    const counts = page.getByTestId('import-counts');
    await counts.getByText('À orienter').waitFor();
    await page.getByRole('button', { name: 'Orienter 2 personne(s)' }).waitFor();
    expect(await counts.innerText()).toMatch(/À orienter\s*2\s*Déjà dans un parcours\s*1\s*Non éligibles\s*1/);
    const table = page.getByRole('region', { name: 'Lignes du fichier' });
    expect(await table.getByRole('row').count()).toBe(5);
    await table.getByRole('link', { name: 'Voir son parcours' }).waitFor();
    expect(await table.getByRole('link', { name: 'Voir son parcours' }).getAttribute('href')).toBe(`/parcours/${known.id}`);
    // Filtered to what needs a look.
    await page.getByLabel('Montrer').selectOption({ label: 'Non éligible (1)' });
    expect(await table.getByRole('row').count()).toBe(2);
    await table.getByText('Ne réside pas sur le territoire du dispositif.').waitFor();
    await screens.check(page, 'import-03-preview');

    await page.getByRole('button', { name: 'Orienter 2 personne(s)' }).click();
    await answerDialog(page, /Cela ne s’annule pas/, 'Orienter 2 personne(s)');
    await page.getByText(/Import terminé le .* 2 personne\(s\) orientée\(s\)/).waitFor({ timeout: 20_000 });
    await screens.check(page, 'import-04-done');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le résultat (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('resultat-liste-ccas.csv');
    // The two people are now in the referent's pathways.
    await page.getByRole('link', { name: 'Voir mes parcours' }).click();
    await page.getByRole('link', { name: /Aubert/ }).waitFor();
    await page.getByRole('link', { name: /Blanc/ }).waitFor();
    expect(screens.violations).toEqual({});
  }, 90_000);
});
