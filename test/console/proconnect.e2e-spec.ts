/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture } from '../support/accounts';
import { answerDialog, describeInBrowser, launchBrowser, openPage, ScreenChecks } from '../support/browser';
import { startJourneyApp } from '../support/journey';
import { startProvider, type TestProvider } from '../support/oidc';
import { freePort } from '../support/server-process';
import type { TestApp } from '../support/test-app';

const HISTORY = 'query ($id: ID!) { user(id: $id) { oidcLinked history { type via } } }';

/**
 * Signing in through ProConnect in a real browser: the console's button, the provider's own page
 * (a real oidc-provider configured like ProConnect), back signed in on the inbox, signed out there
 * and at the provider; the page that says why a sign-in was refused; an ADMIN's unlink.
 */
describeInBrowser('signing in with ProConnect, in a real browser', () => {
  let provider: TestProvider;
  let t: TestApp;
  let accounts: AccountsFixture;
  let browser: Browser;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    // The provider sends the browser back to the server's callback: its address is known beforehand.
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/session/oidc/callback`;
    provider = await startProvider({ mode: 'proconnect', redirectUrl: callback });
    ({ t, accounts } = await startJourneyApp({ port, env: provider.env(callback) }));
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  async function page(): Promise<Page> {
    return (await openPage(browser, t.url, t.clock.now())).page;
  }

  /** At the provider's page: the agent's identifier, then its button. */
  async function atProvider(p: Page, subject: string): Promise<void> {
    await p.getByRole('heading', { name: 'Fournisseur d’identité de test' }).waitFor();
    expect(new URL(p.url()).origin).toBe(provider.issuer);
    await p.getByLabel('Identifiant').fill(subject);
    await p.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('signs a referent in through the provider, onto the inbox, and out of both', async () => {
    const referent = await accounts.user('REFERENT');
    await provider.setAgent('agent-referent', { email: referent.email, given_name: 'Rémi', usual_name: 'Référent' });
    const p = await page();
    await p.goto('/connexion');
    await p.getByRole('button', { name: 'S’identifier avec ProConnect' }).waitFor();
    await screens.check(p, '90-sign-in-proconnect');
    await p.getByRole('button', { name: 'S’identifier avec ProConnect' }).click();
    await atProvider(p, 'agent-referent');
    await p.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/');
    // The page was loaded anew: the session comes from the Strict cookie the callback set.
    await p.reload();
    await p.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await p.getByRole('button', { name: 'Se déconnecter' }).click();
    // Signed out at the provider too, which sends the browser back to the sign-in page.
    await p.waitForURL((url) => url.pathname === '/connexion' && url.origin === t.url);
    await p.getByRole('button', { name: 'S’identifier avec ProConnect' }).waitFor();
    const history = await t.api.data<{ user: { oidcLinked: boolean; history: { type: string; via: string | null }[] } }>(HISTORY, { id: referent.id }, { token: accounts.adminToken });
    expect(history.user.oidcLinked).toBe(true);
    expect(history.user.history.slice(0, 3)).toEqual([
      { type: 'SIGNED_OUT', via: null },
      { type: 'SIGNED_IN', via: 'OIDC' },
      { type: 'OIDC_LINKED', via: null },
    ]);
    // The provider's session ended too: signing in again asks for the identifier again.
    await p.getByRole('button', { name: 'S’identifier avec ProConnect' }).click();
    await atProvider(p, 'agent-referent');
    await p.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  });

  it('says in French why a sign-in is refused, whom to ask, and that nothing was kept', async () => {
    await provider.setAgent('agent-unknown', { email: 'inconnue@departement.gouv.fr' });
    const p = await page();
    await p.goto('/connexion');
    await p.getByRole('button', { name: 'S’identifier avec ProConnect' }).click();
    await atProvider(p, 'agent-unknown');
    await p.getByRole('heading', { name: 'Connexion impossible' }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/connexion/refus');
    await p.getByText('Aucun compte Parcours n’a l’adresse e-mail que ProConnect nous a transmise').waitFor();
    await p.getByText('demandez au responsable de votre structure ou à l’administrateur de Parcours').waitFor();
    await screens.check(p, '91-proconnect-refused');
    await p.getByRole('link', { name: 'Retour à la connexion' }).click();
    await p.getByRole('button', { name: 'S’identifier avec ProConnect' }).waitFor();
  });

  it('lets an ADMIN unlink an account, after saying what follows', async () => {
    const referent = await accounts.user('REFERENT');
    await provider.setAgent('agent-to-unlink', { email: referent.email });
    const p = await page();
    await p.goto('/connexion');
    await p.getByRole('button', { name: 'S’identifier avec ProConnect' }).click();
    await atProvider(p, 'agent-to-unlink');
    await p.getByRole('button', { name: 'Se déconnecter' }).waitFor();

    const admin = await page();
    await admin.goto('/connexion');
    await admin.getByLabel('Adresse e-mail').fill('admin@parcours.test');
    await admin.getByLabel('Mot de passe').fill('Parcours-test-2026');
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await admin.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await admin.goto(`/comptes/${referent.id}`);
    await admin.getByText('Compte lié : se connecte par ProConnect').waitFor();
    await screens.check(admin, '92-account-proconnect');
    await admin.getByRole('button', { name: 'Délier', exact: true }).click();
    await answerDialog(admin, 'la prochaine connexion par ProConnect le liera de nouveau', 'Délier');
    await admin.getByText('Non lié').waitFor();
    const history = await t.api.data<{ user: { oidcLinked: boolean; history: { type: string }[] } }>(HISTORY, { id: referent.id }, { token: accounts.adminToken });
    expect(history.user.oidcLinked).toBe(false);
    expect(history.user.history.slice(0, 3).map((event) => event.type)).toEqual(['OIDC_UNLINKED', 'SIGNED_IN', 'OIDC_LINKED']);
  });

  it('meets WCAG 2.1 AA on every screen it showed (axe-core)', () => {
    expect(screens.violations).toEqual({});
  });
});
