/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import { checkScreen, describeInBrowser, launchBrowser, openPage } from '../support/browser';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
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

  it('has no serious or critical accessibility violation on any screen, and no CSP violation', () => {
    expect(violations).toEqual({});
    expect(csp).toEqual([]);
  });
});
