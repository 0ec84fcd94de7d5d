/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { describeInBrowser, launchBrowser, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import { startJourneyApp } from '../support/journey';
import { aSiret, OffersFixture } from '../support/offers';
import { TEST_ADMIN, type TestApp } from '../support/test-app';

/**
 * The whole journey in the browser, each role on its own screens, nobody writing GraphQL: a
 * referent refers; a counsellor accepts, schedules and records the diagnostic; the referent's inbox
 * shows it live and she acknowledges it; the counsellor publishes an offer, proposes it, records its
 * steps to HIRED, starts the placement, records two contacts (one at a checkpoint) and exits the
 * pathway, seeing the category first; the manager finds the exit in the figures; the funder the
 * convention's figures with a suppressed cell; the administrator the reads of that person.
 */
describeInBrowser('the whole journey, each role in its own browser', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let browser: Browser;
  let referent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  let funder: TestUser;
  const screens = new ScreenChecks();
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    ({ t, accounts } = await startJourneyApp());
    browser = await launchBrowser();
    referent = await accounts.user('REFERENT', { fullName: 'Nadia Référente' });
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    manager = await accounts.user('MANAGER', { fullName: 'Marie Responsable' });
    const metropole = await accounts.organisation('FUNDER', 'Saint-Étienne Métropole');
    funder = await accounts.user('FUNDER', { organisationId: metropole });
    await new OffersFixture(t.api, accounts).partner('EMPLOYER', { name: 'Propreté Forez', siret: aSiret() }, manager);
    await t.api.data(
      'mutation ($input: CreateConventionInput!) { createConvention(input: $input) { convention { id } } }',
      { input: { operatorId: accounts.operatorId, funderId: metropole, title: 'L.O.I.R.E 2026', budgetLine: 'SERV / chap 65 / SUECO', startOn: '2026-01-01', endOn: '2026-12-31', targetParticipants: 20, amountCents: 18_500_000 } },
      { token: manager.token },
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const as = async (name: string, user: { email: string; password: string }, path = '/') => {
    pages[name] ??= (await openPage(browser, t.url, t.clock.now())).page;
    if (!(await pages[name].getByRole('button', { name: 'Se déconnecter' }).count())) await signInThroughPage(pages[name], user, path);
    else await pages[name].goto(path);
    return pages[name];
  };
  const status = (p: Page, text: string) => p.getByTestId('pathway-status').getByText(text, { exact: true }).waitFor();
  const form = (p: Page, heading: string | RegExp) => p.locator('form', { has: p.getByRole('heading', { name: heading }) });

  it('goes from the referral to the figures and the access log', async () => {
    // The referent refers, and keeps her inbox open.
    const r = await as('referent', referent, '/orienter');
    await r.getByLabel('Nom', { exact: true }).fill('Parcours');
    await r.getByLabel('Prénoms').fill('Camille');
    await r.getByLabel('Date de naissance').fill('15/06/1988');
    await r.getByLabel('Niveau de formation').selectOption({ label: 'Niveau 3 (CAP, BEP)' });
    await r.getByLabel('Adresse', { exact: true }).fill('12 rue de la République');
    await r.getByLabel('Commune de résidence').fill('Saint-Éti');
    await r.getByRole('button', { name: /^Saint-Étienne \(/ }).click();
    await r.getByLabel('RSA').selectOption({ label: 'RSA socle' });
    await r.getByLabel('La personne est inscrite à France Travail').check();
    await r.getByLabel('Personne informée du partage de ses données le').fill('02/03/2026');
    await r.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await r.getByText('L’orientation a été envoyée à la structure.').waitFor();
    const pathwayId = new URL(r.url()).pathname.split('/').at(-1)!;
    await r.getByRole('link', { name: /Comptes rendus/ }).click();
    expect(await r.getByTestId('inbox-count').textContent()).toBe('0');

    // The counsellor accepts, schedules at the present hour, records the diagnostic.
    const c = await as('counsellor', counsellor, `/parcours/${pathwayId}`);
    await c.getByRole('button', { name: 'Accepter' }).click();
    await status(c, 'Accepté');
    await form(c, 'Planifier l’entretien de diagnostic').getByLabel('Jour', { exact: true }).fill('16/03/2026');
    await form(c, 'Planifier l’entretien de diagnostic').getByLabel('Heure').fill('10:00');
    await c.getByRole('button', { name: 'Planifier' }).click();
    await status(c, 'Diagnostic programmé');
    await c.getByRole('link', { name: 'Saisir le diagnostic' }).click();
    await c.getByRole('group', { name: 'Mobilité' }).getByLabel('Présent').check();
    await c.getByLabel('Note : Mobilité').fill('Pas de permis');
    await c.getByLabel('Conclusion').selectOption({ label: 'Prête pour l’emploi' });
    await c.getByLabel('Synthèse pour le référent').fill('Motivée ; la mobilité reste à travailler.');
    await c.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await status(c, 'Diagnostic réalisé');

    // The referent's inbox counts it without a reload; she reads and acknowledges it.
    await r.getByTestId('inbox-count').getByText('1').waitFor();
    await r.getByRole('link', { name: /Camille Parcours/ }).first().click();
    await r.getByRole('button', { name: 'J’ai lu ce compte rendu' }).click();
    await r.getByTestId('inbox-count').getByText('0').waitFor();

    // The counsellor publishes an offer and proposes it; its steps to HIRED; the placement from it.
    await c.getByRole('link', { name: 'Offres', exact: true }).click();
    await c.getByRole('link', { name: 'Nouvelle offre' }).click();
    await c.getByLabel('Partenaire').selectOption({ label: 'Propreté Forez (Employeur)' });
    await c.getByLabel('Intitulé').fill('Agent de propreté');
    await c.getByLabel('Type de contrat').selectOption({ label: 'CDI' });
    await c.getByLabel('Commune du poste').fill('Saint-Éti');
    await c.getByRole('button', { name: /^Saint-Étienne \(/ }).click();
    await c.getByLabel('Début', { exact: true }).fill('16/03/2026');
    await c.getByLabel('Heures par semaine').fill('35');
    await c.getByLabel('Nombre de postes').fill('1');
    await c.getByRole('button', { name: 'Enregistrer l’offre' }).click();
    await c.getByRole('button', { name: 'Proposer à Camille Parcours' }).click();
    await c.getByText('Offre proposée').waitFor();
    await c.goto(`/parcours/${pathwayId}`);
    for (const step of ['Acceptée par la personne', 'Candidature transmise', 'Embauche']) {
      const steps = form(c, /Agent de propreté/);
      await steps.getByLabel('Étape suivante').selectOption({ label: step });
      await steps.getByLabel('Jour de l’étape').fill('16/03/2026');
      await steps.getByRole('button', { name: 'Enregistrer l’étape' }).click();
      await c.getByRole('status').getByText(`étape enregistrée (${step.toLowerCase()})`, { exact: false }).waitFor();
    }
    const start = form(c, 'Démarrer une mise en situation');
    await start.getByLabel('À partir de la proposition (facultatif)').selectOption({ label: '« Agent de propreté », embauche' });
    await start.getByRole('button', { name: 'Démarrer' }).click();
    await status(c, 'En emploi ou en formation');

    // Two contacts, the second answering the first checkpoint.
    const contact = form(c, 'Enregistrer un contact de suivi');
    await contact.getByLabel('Jour du contact').fill('16/03/2026');
    await contact.getByLabel('Situation').selectOption({ label: 'En poste' });
    await contact.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await c.getByRole('status').getByText('Le contact est enregistré.').waitFor();
    await contact.getByLabel('Point de suivi auquel il répond (facultatif)').selectOption({ index: 1 });
    await contact.getByLabel('Jour du contact').fill('16/03/2026');
    await contact.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await c.getByText(/\(fait\)/).first().waitFor();

    // The exit, one of the other actions, its category shown before confirming.
    await c.getByRole('button', { name: /^Autres actions/ }).click();
    await c.getByRole('button', { name: 'Sortie du dispositif', exact: true }).click();
    const exit = form(c, 'Sortie du dispositif');
    await exit.getByLabel('Jour de sortie').fill('16/03/2026');
    await exit.getByLabel('Motif de sortie').selectOption({ label: 'A trouvé un emploi ou une formation' });
    await exit.getByRole('button', { name: 'Voir la catégorie de sortie' }).click();
    await exit.getByText('Catégorie de sortie calculée : Emploi durable').waitFor();
    await exit.getByRole('button', { name: 'Confirmer la sortie' }).click();
    await status(c, 'Sorti du dispositif');
    await screens.check(c, '70-journey-exited');

    // The manager finds the exit in March's figures.
    const m = await as('manager', manager, '/chiffres');
    await m.getByLabel('Du').fill('01/03/2026');
    await m.getByLabel('Au').fill('31/03/2026');
    await m.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await m.getByRole('row', { name: /^mars 2026/ }).waitFor();
    const march = await m.getByRole('row', { name: /^mars 2026/ }).locator('td').allTextContents();
    expect(march.slice(4, 6)).toEqual(['1', '1']); // exits, of which durable employment
    await screens.check(m, '71-journey-figures-manager');

    // The funder sees the convention's figures, the cells of fewer than 5 people suppressed.
    const f = await as('funder', funder, '/chiffres');
    await f.getByLabel('Convention').selectOption({ label: 'L.O.I.R.E 2026 (du 01/01/2026 au 31/12/2026)' });
    await f.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await f.getByText('« < 5 » : moins de 5 personnes.').waitFor();
    await f.getByRole('row', { name: /^mars 2026/ }).waitFor();
    expect((await f.getByRole('row', { name: /^mars 2026/ }).locator('td').allTextContents())[0]).toBe('< 5');

    // The administrator finds the reads of that person in the access log.
    const person = await t.api.data<{ pathway: { participant: { id: string } } }>('query ($id: ID!) { pathway(id: $id) { participant { id } } }', { id: pathwayId }, { token: accounts.adminToken });
    const a = await as('admin', TEST_ADMIN, '/journal');
    await a.getByLabel('Personne', { exact: true }).fill('Parcours');
    await a.getByRole('button', { name: 'Camille Parcours' }).click();
    await a.getByRole('button', { name: 'Filtrer' }).click();
    await a.getByRole('cell', { name: 'Lecture : page d’un parcours' }).first().waitFor();
    await a.getByRole('cell', { name: 'Paul Conseiller, conseiller' }).first().waitFor();
    expect(person.pathway.participant.id).toBeTruthy();
    await screens.check(a, '72-journey-access-log');
  }, 120_000); // a whole journey in five browsers: seconds on an idle machine, more beside the suite's longest files

  it('leaves no serious or critical accessibility violation on these screens', () => {
    expect(screens.violations).toEqual({});
  });
});
