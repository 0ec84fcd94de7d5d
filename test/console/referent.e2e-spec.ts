/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import { answerDialog, checkScreen, describeInBrowser, launchBrowser, openAction, openPage, signInThroughPage, tabTo as tabToControl } from '../support/browser';
import { aPerson, someFindings, startJourneyApp, type JourneyFixture } from '../support/journey';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
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

  const signIn = signInThroughPage;

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
    await p.getByLabel('La personne est inscrite à France Travail').check();
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
    await p.getByLabel('Statut').selectOption({ label: 'Sorti du dispositif' });
    await p.getByText('0 parcours').waitFor();
    await p.getByLabel('Statut').selectOption({ label: 'Orienté, en attente de réponse' });
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
    // Whom to call: the counsellor in charge, and the operator.
    await p.getByRole('region', { name: 'Qui contacter' }).getByRole('link', { name: counsellor.email }).waitFor();
    expect(await p.getByTestId('report-operator').textContent()).toContain('Forez Entreprendre');
    await screen(p, '09-report');
    await p.getByRole('button', { name: 'J’ai lu ce compte rendu' }).click();
    await p.getByText('Vous avez accusé réception de ce compte rendu.').waitFor();
    expect(await p.getByTestId('report-state').textContent()).toBe('Lu');
    await p.getByText('Aucun compte rendu à lire.').or(p.getByTestId('inbox-count').getByText('0')).first().waitFor();
    const after = await t.api.data<{ referentReports: { edges: { node: { id: string; state: string } }[] } }>(REPORTS, {}, { token: referent.token });
    expect(after.referentReports.edges.find(({ node }) => node.id === reportId)?.node.state).toBe('ACKNOWLEDGED');
    // The inbox opens on the reports to read: the one just read is one choice away.
    await p.getByRole('link', { name: /Comptes rendus/ }).click();
    expect(await p.getByLabel('Afficher').inputValue()).toBe('UNACKNOWLEDGED');
    await p.getByText('Aucun compte rendu.').waitFor();
    await p.getByLabel('Afficher').selectOption({ label: 'Tous les comptes rendus' });
    await p.getByRole('link', { name: 'Camille Lumière' }).waitFor();
  });

  it('shows a whole journey on the pathway page: diagnostic, placement, follow-up, exit, and their reports', async () => {
    const offers = new OffersFixture(t.api, accounts);
    const placements = new PlacementsFixture(t.api);
    const employer = await offers.partner('EMPLOYER', { name: 'Boulangerie du Marais' });
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Parcourue' }));
    const placement = await placements.start(counsellor, { pathwayId: pathway.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35 });
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST', nextStep: 'Point dans quinze jours' });
    await placements.end(counsellor, placement.id, '2026-03-16', 'CONVERTED_TO_CDI');
    const exit = await placements.exitRaw(counsellor, { pathwayId: pathway.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING' });
    expect(exit.userErrors).toEqual([]);

    const p = await page();
    await signIn(p, referent, `/parcours/${pathway.id}`);
    await p.getByRole('heading', { name: 'Camille Parcourue' }).waitFor();
    expect(await p.getByTestId('pathway-status').textContent()).toBe('Sorti du dispositif');
    for (const heading of ['Rendez-vous de diagnostic', 'Mises en situation', 'Suivi dans l’emploi', 'Historique']) {
      await p.getByRole('heading', { name: heading }).waitFor();
    }
    await p.getByRole('heading', { name: /^Diagnostic du/ }).waitFor();
    const text = await p.locator('main').textContent();
    expect(text).toContain('prête pour l’emploi');
    expect(text).toContain('CDD chez Boulangerie du Marais');
    expect(text).toContain('(transformé en CDI)');
    expect(text).toContain('Point dans quinze jours');
    expect(text).toContain('Sortie le 16/03/2026 : Emploi de transition');
    await p.getByRole('button', { name: /^Tout l’historique/ }).click();
    expect(await p.locator('main').textContent()).toContain('Sortie du dispositif : a trouvé un emploi ou une formation');
    // Nothing the referent may not read: the counsellor's notes on the barriers.
    expect(text).not.toContain('No driving licence');
    // A closed pathway offers the referent no action.
    expect(await p.getByRole('button', { name: /^Autres actions/ }).count()).toBe(0);
    expect(await p.getByRole('heading', { name: 'À faire maintenant' }).count()).toBe(0);
    await screen(p, '16-pathway-whole-journey');
    await p.getByRole('link', { name: 'Comptes rendus' }).click();
    for (const kind of ['Diagnostic réalisé', 'Début d’une mise en situation', 'Fin d’une mise en situation', 'Sortie du dispositif']) {
      await p.getByRole('cell', { name: kind, exact: true }).first().waitFor();
    }
  });

  it('shows referent B "introuvable", and nothing of the person, at the address of referent A’s pathway or report', async () => {
    const other = await accounts.user('REFERENT', { fullName: 'Bruno Autre' });
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Secretissime' }));
    const reports = await t.api.data<{ referentReports: { edges: { node: { id: string; pathwayId: string } }[] } }>(REPORTS, {}, { token: referent.token });
    const reportId = reports.referentReports.edges.find(({ node }) => node.pathwayId === pathway.id)!.node.id;
    const p = await page();
    await signIn(p, other);
    for (const path of [`/parcours/${pathway.id}`, `/reports/${reportId}`]) {
      await p.goto(path);
      await p.getByRole('heading', { name: 'Page introuvable' }).waitFor();
      expect(await p.content()).not.toContain('Secretissime');
    }
    await screen(p, '10-not-found');
    await p.goto('/nulle-part');
    await p.getByRole('heading', { name: 'Page introuvable' }).waitFor();
  });

  it('shows both unmet conditions beside their fields, refuses an impossible date in the form, and creates no pathway', async () => {
    const other = await accounts.user('REFERENT');
    const p = await page();
    await signIn(p, other, '/orienter');
    await fillPerson(p, { lastName: 'Horsterritoire', commune: 'Lyon', communeButton: /^Lyon \(/, rsa: 'Ne perçoit pas le RSA' });
    await p.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await p.getByText('2 points sont à corriger').waitFor();
    const commune = p.locator('.field', { has: p.getByText('Commune de résidence') });
    expect(await commune.locator('.error').textContent()).toContain('ne réside pas sur le territoire de Saint-Étienne Métropole');
    const barriers = p.getByRole('group', { name: 'Freins à l’emploi déclarés' });
    expect(await barriers.locator('.error').textContent()).toContain('ne perçoit pas le RSA');
    await screen(p, '11-refer-refused');

    await p.getByLabel('Date de naissance').fill('31/02/1990');
    await p.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await p.getByText('« 31/02/1990 » n’est pas une date qui existe').waitFor();
    const list = await t.api.data<{ pathways: { totalCount: number } }>(PATHWAYS, undefined, { token: other.token });
    expect(list.pathways.totalCount).toBe(0);
  });

  it('says every missing field of an empty referral at once, the France Travail reason included, and sends nothing', async () => {
    const other = await accounts.user('REFERENT');
    const p = await page();
    await signIn(p, other, '/orienter');
    await p.getByText('Tous les champs sont obligatoires, sauf ceux marqués « facultatif ».').waitFor();
    await p.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await p.getByText(/points sont à corriger/).waitFor();
    for (const label of ['Nom', 'Prénoms', 'Date de naissance', 'Niveau de formation', 'RSA', 'Pourquoi n’est-elle pas inscrite à France Travail ?']) {
      await p.locator('.field', { has: p.getByLabel(label, { exact: true }) }).locator('.error').waitFor();
    }
    const list = await t.api.data<{ pathways: { totalCount: number } }>(PATHWAYS, undefined, { token: other.token });
    expect(list.pathways.totalCount).toBe(0);
  });

  it('explains a person who already has an open pathway, with a link when it is the referent’s own', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Dejasuivie', firstNames: 'Camille', birthDate: '1988-06-15' }));
    const p = await page();
    await signIn(p, referent, '/orienter');
    await fillPerson(p, { lastName: 'Dejasuivie' });
    await p.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await p.getByText('Cette personne a déjà un parcours en cours dans L.O.I.R.E').waitFor();
    await p.getByRole('link', { name: 'voir son parcours' }).click();
    await p.getByRole('heading', { name: 'Camille Dejasuivie' }).waitFor();
    expect(new URL(p.url()).pathname).toBe(`/parcours/${pathway.id}`);

    // Another referent learns that the person is followed, not where nor by whom.
    const other = await accounts.user('REFERENT');
    const q = await page();
    await signIn(q, other, '/orienter');
    await fillPerson(q, { lastName: 'Dejasuivie' });
    await q.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await q.getByText('Elle est suivie par un autre référent').waitFor();
    expect(await q.getByRole('link', { name: 'voir son parcours' }).count()).toBe(0);
    expect(await q.content()).not.toContain(pathway.id);
  });

  it('takes a whole referral from the keyboard alone', async () => {
    const other = await accounts.user('REFERENT');
    const p = await page();
    await signIn(p, other, '/orienter');
    await p.getByRole('heading', { name: 'Orienter une personne' }).waitFor();
    const tabTo = (name: string) => tabToControl(p, name);
    await tabTo('Nom');
    await p.keyboard.type('Clavier');
    await tabTo('Prénoms');
    await p.keyboard.type('Alex');
    await tabTo('Date de naissance');
    await p.keyboard.type('01/02/1990');
    await tabTo('Niveau de formation');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    await tabTo('Adresse');
    await p.keyboard.type('3 place Jean Jaurès');
    await tabTo('Commune de résidence');
    await p.keyboard.type('Saint-Éti');
    await p.getByRole('button', { name: /^Saint-Étienne \(/ }).waitFor();
    await tabTo('Saint-Étienne (');
    await p.keyboard.press('Enter');
    await tabTo('RSA');
    await p.keyboard.press('ArrowDown');
    await tabTo('La personne est inscrite à France Travail');
    await p.keyboard.press('Space');
    await tabTo('Mobilité');
    await p.keyboard.press('Space');
    await tabTo('Personne informée du partage de ses données le');
    await p.keyboard.press('Control+A');
    await p.keyboard.type('01/03/2026');
    await tabTo('Envoyer l’orientation');
    await p.keyboard.press('Enter');
    await p.getByText('L’orientation a été envoyée à la structure.').waitFor();
    const list = await t.api.data<{ pathways: { edges: { node: { participant: { lastName: string } } }[] } }>(PATHWAYS, undefined, { token: other.token });
    expect(list.pathways.edges.map(({ node }) => node.participant.lastName)).toEqual(['Clavier']);
  });

  it('hands a pathway to another referent, withdraws another, and keeps notification settings', async () => {
    const successor = await accounts.user('REFERENT', { fullName: 'Zoé Successeure' });
    const handed = await journey.refer(referent, aPerson({ lastName: 'Transmise' }));
    const withdrawn = await journey.refer(referent, aPerson({ lastName: 'Retiree' }));
    const p = await page();
    await signIn(p, referent, `/parcours/${handed.id}`);
    await openAction(p, 'Confier le parcours à un autre référent');
    await p.getByLabel('Nouveau référent').fill('Zoé');
    await p.getByRole('button', { name: /^Zoé Successeure/ }).click();
    await p.getByLabel('Motif du changement de référent').fill('Changement de secteur');
    await screen(p, '12-hand-over');
    await p.getByRole('button', { name: 'Confier le parcours', exact: true }).click();
    await p.getByText('Le parcours a été confié à Zoé Successeure.').waitFor();
    const mine = await t.api.data<{ pathways: { edges: { node: { id: string } }[] } }>(PATHWAYS, undefined, { token: successor.token });
    expect(mine.pathways.edges.map(({ node }) => node.id)).toEqual([handed.id]);

    await p.goto(`/parcours/${withdrawn.id}`);
    await openAction(p, 'Retirer l’orientation');
    await p.getByLabel('Motif (facultatif)').fill('La personne a déménagé');
    await p.getByRole('button', { name: 'Retirer l’orientation', exact: true }).click();
    await answerDialog(p, 'le parcours est clos', 'Retirer l’orientation');
    await p.getByTestId('pathway-status').getByText('Orientation retirée').waitFor();

    await p.getByRole('link', { name: 'Réglages' }).click();
    const reports = p.getByLabel('Nouveau compte rendu');
    expect(await reports.inputValue()).toBe('AT_ONCE');
    await reports.selectOption({ label: 'Seulement dans Parcours' });
    await p.getByLabel('Contrat qui se termine dans moins de 15 jours').selectOption({ label: 'Dans le récapitulatif du matin (7 h 30, jours ouvrés)' });
    await screen(p, '13-settings');
    await p.getByRole('button', { name: 'Enregistrer' }).click();
    await p.getByText('Vos réglages sont enregistrés.').waitFor();
    const me = await t.api.data<{ me: { reportEmails: boolean } }>('{ me { reportEmails } }', undefined, { token: referent.token });
    expect(me.me.reportEmails).toBe(false);
  });

  it('changes a password (a weak one refused beside its field), signs out, and says the throttle in words', async () => {
    const user = await accounts.user('REFERENT');
    const p = await page();
    await signIn(p, user);
    await p.getByRole('link', { name: 'Mot de passe' }).click();
    await p.getByLabel('Mot de passe actuel').fill(user.password);
    await p.getByLabel('Nouveau mot de passe').fill('motdepasse');
    await p.getByRole('button', { name: 'Changer de mot de passe' }).click();
    await p.locator('.field', { has: p.getByLabel('Nouveau mot de passe') }).getByText('trop facile à deviner').waitFor();
    await screen(p, '14-password');
    await p.getByLabel('Nouveau mot de passe').fill('Une-phrase-de-passe-2026');
    await p.getByRole('button', { name: 'Changer de mot de passe' }).click();
    await p.getByText('Votre mot de passe est changé.').waitFor();

    // Signing out loads the page anew: nothing of the session stays in the tab's memory.
    await p.evaluate(() => Object.assign(window, { beforeSignOut: true }));
    await p.getByRole('button', { name: 'Se déconnecter' }).click();
    await p.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await p.evaluate(() => 'beforeSignOut' in window)).toBe(false);
    expect(await p.context().cookies()).toEqual([]);
    await p.reload();
    await p.getByRole('heading', { name: 'Connexion' }).waitFor();

    for (let attempt = 0; attempt < 5; attempt += 1) {
      await p.getByLabel('Adresse e-mail').fill(user.email);
      await p.getByLabel('Mot de passe').fill(`faux-${attempt}`);
      await p.getByRole('button', { name: 'Se connecter' }).click();
      await p.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    }
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByText(/Trop de tentatives de connexion ont échoué : réessayez dans \d+ minutes\./).waitFor();
    await screen(p, '15-sign-in-throttled');
  });

  it('returns to sign-in when the session ends, and back to the page after signing in', async () => {
    const user = await accounts.user('REFERENT');
    const pathway = await journey.refer(user, aPerson({ lastName: 'Retour' }));
    const p = await page();
    await p.goto(`/parcours/${pathway.id}`);
    await p.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(new URL(p.url()).searchParams.get('retour')).toBe(`/parcours/${pathway.id}`);
    await p.getByLabel('Adresse e-mail').fill(user.email);
    await p.getByLabel('Mot de passe').fill(user.password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByRole('heading', { name: 'Camille Retour' }).waitFor();
    // The page settles first (opening it reads its conversation and refreshes the bell): the session ends while it sits.
    await p.waitForLoadState('networkidle');

    // The session ends elsewhere (every session of the user): the next request answers UNAUTHENTICATED.
    await t.api.data('mutation { logout(input: { everywhere: true }) { loggedOut } }', undefined, { token: user.token });
    await p.getByRole('link', { name: 'Mes parcours' }).click();
    await p.getByText('Votre session a pris fin').waitFor();
    await p.getByLabel('Adresse e-mail').fill(user.email);
    await p.getByLabel('Mot de passe').fill(user.password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByRole('heading', { name: 'Mes parcours' }).waitFor();
  });

  it('has no serious or critical accessibility violation on any screen, and no CSP violation', async () => {
    expect(Object.keys(violations).length).toBe(0);
    expect(violations).toEqual({});
    expect(csp).toEqual([]);
    // The check itself: a control that loses its label is found.
    const p = await page();
    await p.goto('/connexion');
    await p.evaluate(() => document.querySelectorAll('label').forEach((label) => label.remove()));
    expect((await checkScreen(p, 'zz-label-removed')).map((violation) => violation.id)).toContain('label');
  });
});
