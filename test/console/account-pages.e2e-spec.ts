/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture } from '../support/accounts';
import { answerDialog, describeInBrowser, launchBrowser, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import { startJourneyApp, type JourneyFixture } from '../support/journey';
import { eventually, TestSmtp } from '../support/smtp';
import type { TestApp } from '../support/test-app';

const CREATE = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }';

/**
 * The pages of the e-mailed links, in a real browser: a forgotten password from the sign-in page to
 * the new password, an invitation to the first sign-in, and what a used or cut link says.
 */
describeInBrowser('the console’s password and invitation pages, in a real browser', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    ({ t, accounts, journey } = await startJourneyApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://parcours.test', OUTBOX_RETRY_BASE_SECONDS: '1' } }));
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.down();
  });

  async function page(): Promise<Page> {
    return (await openPage(browser, t.url, t.clock.now())).page;
  }

  const screen = (p: Page, name: string) => screens.check(p, name);

  /** The link of the latest e-mail to an address, pointed at the test server instead of PUBLIC_URL. */
  async function linkTo(email: string, count = 1): Promise<string> {
    const mails = await eventually(() => (smtp.to(email).length >= count ? smtp.to(email) : null), 10_000, 'the e-mail');
    const link = /https:\/\/parcours\.test(\/\S+)/.exec(mails[count - 1].text)?.[1];
    if (!link) throw new Error('no link in the e-mail');
    return link;
  }

  it('takes a forgotten password from the sign-in page to a new one, the link working once', async () => {
    const user = await accounts.user('COUNSELLOR');
    const p = await page();
    await p.goto('/connexion');
    await p.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await p.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
    await screen(p, '20-forgot-password');
    await p.getByLabel('Adresse e-mail').fill(user.email);
    await p.getByRole('button', { name: 'Recevoir un lien' }).click();
    await p.getByText('Si un compte actif utilise cette adresse, un e-mail vient de lui être envoyé.').waitFor();
    await screen(p, '21-forgot-password-sent');

    const link = await linkTo(user.email);
    expect(link).toMatch(/^\/nouveau-mot-de-passe#[0-9a-f-]{36}\.[\w-]+$/);
    await p.goto(link);
    await p.getByRole('heading', { name: 'Choisir un nouveau mot de passe' }).waitFor();
    // The token leaves the address bar once read.
    expect(new URL(p.url()).hash).toBe('');
    await screen(p, '22-new-password');

    await p.getByLabel('Nouveau mot de passe').fill('Une-phrase-de-passe-2026');
    await p.getByLabel('Le même, une seconde fois').fill('Une-autre-phrase-2026');
    await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await p.locator('.field', { has: p.getByLabel('Le même, une seconde fois') }).getByText('Les deux saisies ne sont pas identiques.').waitFor();
    await p.getByLabel('Nouveau mot de passe').fill('motdepasse');
    await p.getByLabel('Le même, une seconde fois').fill('motdepasse');
    await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await p.locator('.field', { has: p.getByLabel('Nouveau mot de passe') }).getByText('trop facile à deviner').waitFor();
    await screen(p, '23-new-password-weak');

    await p.getByLabel('Nouveau mot de passe').fill('Une-phrase-de-passe-2026');
    await p.getByLabel('Le même, une seconde fois').fill('Une-phrase-de-passe-2026');
    await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await p.getByText('Votre mot de passe est enregistré.').waitFor();
    await p.getByRole('link', { name: 'Se connecter' }).click();
    await p.getByLabel('Adresse e-mail').fill(user.email);
    await p.getByLabel('Mot de passe').fill('Une-phrase-de-passe-2026');
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByRole('button', { name: 'Se déconnecter' }).waitFor();

    // The same link again: refused in words, with the way to a new one.
    const again = await page();
    await again.goto(link);
    await again.getByLabel('Nouveau mot de passe').fill('Encore-une-phrase-2026');
    await again.getByLabel('Le même, une seconde fois').fill('Encore-une-phrase-2026');
    await again.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await again.getByText('Ce lien ne fonctionne plus').waitFor();
    await again.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
    await screen(again, '24-link-used');
  });

  it('takes an invitation to a first sign-in; a cut link says so', async () => {
    const email = 'nouvelle.recrue@parcours.test';
    const created = await t.api.data<{ createUser: { userErrors: unknown[] } }>(
      CREATE,
      { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email, fullName: 'Nouvelle Recrue' } },
      { token: accounts.adminToken },
    );
    expect(created.createUser.userErrors).toEqual([]);
    const link = await linkTo(email);
    expect(link).toMatch(/^\/invitation#/);

    const p = await page();
    await p.goto(link.split('#')[0]);
    await p.getByText('Ce lien est incomplet').waitFor();
    await p.goto(link);
    await p.getByRole('heading', { name: 'Bienvenue dans Parcours' }).waitFor();
    await screen(p, '25-invitation');
    await p.getByLabel('Nouveau mot de passe').fill('Premiers-pas-2026!');
    await p.getByLabel('Le même, une seconde fois').fill('Premiers-pas-2026!');
    await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await p.getByRole('link', { name: 'Se connecter' }).click();
    await p.getByLabel('Adresse e-mail').fill(email);
    await p.getByLabel('Mot de passe').fill('Premiers-pas-2026!');
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByRole('heading', { name: /^Bonjour/ }).waitFor();
  });

  it('lets a manager add a counsellor by invitation, and an administrator hand a leaving counsellor’s work to a colleague in one step', async () => {
    const manager = await accounts.user('MANAGER');
    const m = await page();
    await signInThroughPage(m, manager, '/comptes');
    await m.getByRole('link', { name: 'Ajouter un conseiller ou une conseillère' }).click();
    await m.getByLabel('Nom complet').fill('Rose Recrue');
    await m.getByLabel('Adresse e-mail').fill('rose.recrue@parcours.test');
    await screen(m, '26-new-counsellor');
    await m.getByRole('button', { name: 'Créer le compte' }).click();
    await m.getByText('une invitation à choisir son mot de passe vient de partir par e-mail').waitFor();
    await m.getByTestId('account-state').getByText('Invitation en attente').waitFor();
    expect(await linkTo('rose.recrue@parcours.test')).toMatch(/^\/invitation#/);

    const leaving = await accounts.user('COUNSELLOR', { fullName: 'Léo Départ' });
    await accounts.user('COUNSELLOR', { fullName: 'Zoé Relais' });
    const referent = await accounts.user('REFERENT');
    const pathway = await journey.refer(referent);
    await journey.acceptAndSchedule(leaving, pathway.id);
    const a = await page();
    await signInThroughPage(a, { email: 'admin@parcours.test', password: 'Parcours-test-2026' }, `/comptes/${leaving.id}`);
    await a.getByRole('heading', { name: 'Léo Départ' }).waitFor();
    await a.getByText('1 parcours, 0 suivi(s), 1 entretien(s) prévu(s)').waitFor();
    await a.getByRole('button', { name: 'Désactiver' }).click();
    await a.locator('.field', { has: a.getByLabel(/qui reprend son travail/) }).getByText('choisissez à qui les confier').waitFor();
    await screen(a, '27-deactivate-refused');
    await a.getByLabel(/qui reprend son travail/).selectOption({ label: 'Zoé Relais (Forez Entreprendre)' });
    await a.getByRole('button', { name: 'Désactiver' }).click();
    await answerDialog(a, 'passe à Zoé Relais, et n’y reviendra pas', 'Désactiver le compte');
    await a.getByTestId('account-state').getByText('Désactivé').waitFor();
    const moved = await t.api.data<{ pathway: { counsellor: { fullName: string } } }>('query ($id: ID!) { pathway(id: $id) { counsellor { fullName } } }', { id: pathway.id }, { token: accounts.adminToken });
    expect(moved.pathway.counsellor.fullName).toBe('Zoé Relais');
    await a.getByRole('button', { name: 'Réactiver' }).click();
    await a.getByTestId('account-state').getByText('Actif').waitFor();
  });

  it('leaves no serious or critical accessibility violation on these pages', () => {
    expect(screens.violations).toEqual({});
  });
});
