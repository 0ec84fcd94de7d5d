/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import { checkScreen, describeInBrowser, launchBrowser, openPage } from '../support/browser';
import { aPerson, someFindings, startJourneyApp, type JourneyFixture } from '../support/journey';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { TEST_ADMIN, type TestApp } from '../support/test-app';

const REPORTS = `query ($filter: ReferentReportsFilter) { referentReports(first: 10, filter: $filter) { totalCount edges { node { id state pathwayId } } } }`;
const PATHWAYS = '{ pathways(first: 50) { totalCount edges { node { id participant { lastName } } } } }';

describeInBrowser('the console, for a referent, in a real browser', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  let referent: TestUser;
  let counsellor: TestUser;
  const violations: Record<string, unknown[]> = {};
  const csp: string[] = [];

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    browser = await launchBrowser();
    referent = await accounts.user('REFERENT', { fullName: 'Nadia Référente' });
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function page(): Promise<Page> {
    const opened = await openPage(browser, t.url, t.clock.now());
    opened.page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) csp.push(message.text());
    });
    return opened.page;
  }

  /** Screenshot and axe-core: serious or critical violations are collected for the final check. */
  async function screen(page: Page, name: string): Promise<void> {
    const found = await checkScreen(page, name);
    if (found.length > 0) violations[name] = found;
  }

  async function signIn(page: Page, user: { email: string; password: string }, path = '/'): Promise<void> {
    await page.goto(path);
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe').fill(user.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  }

  it('lets the first administrator sign in, and keeps no token where a script could read it', async () => {
    const p = await page();
    await p.goto('/');
    await p.getByRole('heading', { name: 'Connexion' }).waitFor();
    await screen(p, '01-sign-in');
    await signIn(p, TEST_ADMIN);
    await p.getByRole('heading', { name: /^Bonjour/ }).waitFor();
    await screen(p, '02-home-admin');
    expect(await p.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    const cookies = await p.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'parcours_refresh', httpOnly: true, secure: true, sameSite: 'Strict', path: '/session' })]);
    expect(await p.evaluate(() => document.cookie)).toBe('');
    // A reload resumes the session through the cookie.
    await p.reload();
    await p.getByRole('heading', { name: /^Bonjour/ }).waitFor();
  });

  /** Fills the referral form with the mouse-free parts a test does not care about. */
  async function fillPerson(p: Page, person: { lastName: string; birthDate?: string; commune?: string; communeButton?: RegExp; rsa?: string }): Promise<void> {
    await p.getByLabel('Nom', { exact: true }).fill(person.lastName);
    await p.getByLabel('Prénoms').fill('Camille');
    await p.getByLabel('Date de naissance').fill(person.birthDate ?? '15/06/1988');
    await p.getByLabel('Niveau de formation').selectOption({ label: 'Niveau 3 (CAP, BEP)' });
    await p.getByLabel('Adresse', { exact: true }).fill('12 rue de la République');
    await p.getByLabel('Commune de résidence').fill(person.commune ?? 'Saint-Éti');
    await p.getByRole('button', { name: person.communeButton ?? /^Saint-Étienne \(/ }).click();
    await p.getByLabel('RSA').selectOption({ label: person.rsa ?? 'RSA socle' });
    await p.getByLabel('Inscrite à France Travail', { exact: true }).check();
    await p.getByLabel('Personne informée du partage de ses données le').fill('02/03/2026');
  }

  it('lets a referent refer a person, find the pathway, and read its page', async () => {
    const p = await page();
    await signIn(p, referent);
    await screen(p, '03-home-referent');
    await p.getByRole('link', { name: 'Orienter une personne' }).first().click();
    await p.getByRole('heading', { name: 'Orienter une personne' }).waitFor();
    await fillPerson(p, { lastName: 'Durandal' });
    await p.getByLabel('Santé').check();
    await screen(p, '04-refer-form');
    await p.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await p.getByText('L’orientation a été envoyée à la structure.').waitFor();
    expect(await p.getByTestId('pathway-status').textContent()).toBe('Orienté, en attente de réponse');
    await p.getByRole('heading', { name: 'Historique' }).waitFor();
    expect(await p.locator('.timeline').textContent()).toContain('Orientation');
    await screen(p, '05-pathway');

    await p.getByRole('link', { name: 'Mes parcours' }).click();
    await p.getByRole('link', { name: 'Camille Durandal' }).waitFor();
    await p.getByLabel('Rechercher une personne').fill('zzz');
    await p.getByText('0 parcours').waitFor();
    await p.getByLabel('Rechercher une personne').fill('Durand');
    await p.getByRole('link', { name: 'Camille Durandal' }).waitFor();
    await screen(p, '06-pathways');
  });

  it('shows a new report in the inbox without a reload; the report opens from its address and is acknowledged', async () => {
    const p = await page();
    await signIn(p, referent, '/reports');
    await p.getByText('Aucun compte rendu à lire.').waitFor();
    expect(await p.getByTestId('inbox-count').textContent()).toBe('0');
    await screen(p, '07-inbox-empty');

    // Meanwhile, at the operator: the referral is accepted and its diagnostic recorded, through the API.
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Lumière' }));
    const appointmentId = await journey.acceptAndSchedule(counsellor, pathway.id);
    const recorded = await t.api.data<{ recordDiagnostic: { userErrors: unknown[] } }>(
      'mutation ($input: RecordDiagnosticInput!) { recordDiagnostic(input: $input) { userErrors { code } } }',
      { input: { appointmentId, ...someFindings() } },
      { token: counsellor.token },
    );
    expect(recorded.recordDiagnostic.userErrors).toEqual([]);

    await p.getByRole('link', { name: 'Camille Lumière' }).waitFor();
    expect(await p.getByTestId('inbox-count').textContent()).toBe('1');
    await p.getByText('1 compte rendu à lire.').waitFor();
    await screen(p, '08-inbox');

    const reports = await t.api.data<{ referentReports: { edges: { node: { id: string; pathwayId: string } }[] } }>(REPORTS, { filter: { state: 'UNACKNOWLEDGED' } }, { token: referent.token });
    const reportId = reports.referentReports.edges.find(({ node }) => node.pathwayId === pathway.id)!.node.id;
    await p.goto(`/reports/${reportId}`);
    await p.getByRole('heading', { name: 'Diagnostic réalisé : Camille Lumière' }).waitFor();
    expect(await p.getByTestId('report-state').textContent()).toBe('À lire');
    await screen(p, '09-report');
    await p.getByRole('button', { name: 'J’ai lu ce compte rendu' }).click();
    await p.getByText('Vous avez accusé réception de ce compte rendu.').waitFor();
    expect(await p.getByTestId('report-state').textContent()).toBe('Lu');
    await p.getByText('Aucun compte rendu à lire.').or(p.getByTestId('inbox-count').getByText('0')).first().waitFor();
    const after = await t.api.data<{ referentReports: { edges: { node: { id: string; state: string } }[] } }>(REPORTS, {}, { token: referent.token });
    expect(after.referentReports.edges.find(({ node }) => node.id === reportId)?.node.state).toBe('ACKNOWLEDGED');
  });

  it('has no serious or critical accessibility violation on any screen, and no CSP violation', () => {
    expect(violations).toEqual({});
    expect(csp).toEqual([]);
  });
});
