/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { answerDialog, describeInBrowser, launchBrowser, openAction, openPage, ScreenChecks, signInThroughPage, tabTo } from '../support/browser';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
import { aSiret, OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

const STORED = 'query ($id: ID!) { pathway(id: $id) { status placements { id } contacts { id } } }';

/**
 * A pathway's page as a place to work (issue 33, item 1): the next step first and the rest folded,
 * so a placed person's page fits on two screens; a form sent twice writes once; every irreversible
 * action confirms, naming its consequence; the history says what happened in words.
 */
describeInBrowser('a pathway’s page, led by its next step, in a real browser', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let placements: PlacementsFixture;
  let browser: Browser;
  let referent: TestUser;
  let counsellor: TestUser;
  let employer: string;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    browser = await launchBrowser();
    offers = new OffersFixture(t.api, accounts);
    placements = new PlacementsFixture(t.api);
    referent = await accounts.user('REFERENT', { fullName: 'Nadia Référente' });
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    employer = await offers.partner('EMPLOYER', { name: 'Propreté Forez', siret: aSiret() }, await accounts.user('MANAGER'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(user: TestUser, path: string): Promise<Page> {
    const p = (await openPage(browser, t.url, t.clock.now())).page;
    await p.setViewportSize({ width: 1280, height: 800 });
    await signInThroughPage(p, user, path);
    return p;
  }
  const stored = async (id: string) => (await t.api.data<{ pathway: { status: string; placements: unknown[]; contacts: unknown[] } }>(STORED, { id }, { token: accounts.adminToken })).pathway;

  it('shows a placed person’s page on two screens at most, the follow-up contact to record first, every other action folded', async () => {
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Placée', phone: '06 12 34 56 78' }));
    const job = await offers.job(counsellor, employer, { title: 'Agent de propreté' });
    const proposal = await offers.propose(counsellor, pathway.id, job.id);
    for (const step of ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'INTERVIEW', 'HIRED']) await offers.step(counsellor, proposal.id, step, '2026-03-16');
    await placements.start(counsellor, { pathwayId: pathway.id, proposalId: proposal.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-09-15', hoursPerWeek: 35 });
    await placements.contact(counsellor, { pathwayId: pathway.id, on: '2026-03-16', situation: 'IN_POST', nextStep: 'Point dans un mois' });

    const p = await signedIn(counsellor, `/parcours/${pathway.id}`);
    await p.getByRole('heading', { name: 'Camille Placée' }).waitFor();
    // The header says whom to reach.
    await p.getByRole('link', { name: referent.email }).waitFor();
    await p.getByRole('link', { name: counsellor.email }).waitFor();
    // The next step comes first, open; the others wait behind "Autres actions".
    const headings = await p.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings[0]).toBe('À faire maintenant');
    await p.getByRole('region', { name: 'À faire maintenant' }).getByRole('heading', { name: 'Enregistrer un contact de suivi' }).waitFor();
    for (const folded of ['Démarrer une mise en situation', 'Sortie du dispositif', 'Corriger l’identité ou les coordonnées']) expect(await p.getByRole('heading', { name: folded }).count()).toBe(0);
    const height = await p.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(2 * 800);
    await screens.check(p, 'pathway-placed');

    // Every history line in words: the proposal's steps named, with their offer.
    const history = p.getByRole('region', { name: 'Historique' });
    await history.getByText('Proposition « Agent de propreté » : embauche').waitFor();
    await history.getByRole('button', { name: /^Tout l’historique/ }).click();
    await history.getByText('Proposition « Agent de propreté » : candidature transmise').waitFor();
    await history.getByText(/Début d’une mise en situation : CDD chez Propreté Forez, du 16\/03\/2026/).waitFor();
    expect(await history.textContent()).not.toContain('Étape d’une proposition');
  });

  it('writes once when a form is sent twice in a row, and closes or clears it once saved', async () => {
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Double' }));
    const p = await signedIn(counsellor, `/parcours/${pathway.id}`);
    const start = p.locator('form', { has: p.getByRole('heading', { name: 'Démarrer une mise en situation' }) });
    await start.getByLabel('Type de contrat').selectOption({ label: 'CDI' });
    await start.getByLabel('Employeur').selectOption({ label: 'Propreté Forez' });
    await start.getByLabel('Début').fill('16/03/2026');
    await start.getByLabel('Heures par semaine').fill('35');
    await start.getByRole('button', { name: 'Démarrer' }).dblclick();
    await p.getByRole('status').getByText('La mise en situation (CDI) est enregistrée').waitFor();
    // The status is current without a reload, and the next step is now the follow-up.
    await p.getByTestId('pathway-status').getByText('En emploi ou en formation', { exact: true }).waitFor();
    await p.getByRole('region', { name: 'À faire maintenant' }).getByRole('heading', { name: 'Enregistrer un contact de suivi' }).waitFor();
    expect((await stored(pathway.id)).placements).toHaveLength(1);

    const contact = p.locator('form', { has: p.getByRole('heading', { name: 'Enregistrer un contact de suivi' }) });
    await contact.getByLabel('Jour du contact').fill('16/03/2026');
    await contact.getByRole('button', { name: 'Enregistrer le contact' }).dblclick();
    await p.getByRole('status').getByText('Le contact est enregistré.').waitFor();
    expect(await contact.getByLabel('Jour du contact').inputValue()).toBe('');
    // Sent again, empty: refused in the form, nothing written.
    await contact.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await contact.locator('.field', { has: p.getByLabel('Jour du contact') }).locator('.error').waitFor();
    expect((await stored(pathway.id)).contacts).toHaveLength(1);
  });

  it('asks before a referent withdraws a referral, naming the consequence; cancelled, nothing changes', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Retrait' }));
    const p = await signedIn(referent, `/parcours/${pathway.id}`);
    await openAction(p, 'Retirer l’orientation');
    await p.getByRole('button', { name: 'Retirer l’orientation', exact: true }).click();
    await screens.check(p, 'confirm-withdraw');
    await answerDialog(p, /le parcours est clos\. Cela ne peut pas être annulé/, false);
    expect((await stored(pathway.id)).status).toBe('REFERRED');
    await p.getByRole('button', { name: 'Retirer l’orientation', exact: true }).click();
    await answerDialog(p, /le parcours est clos/, 'Retirer l’orientation');
    await p.getByRole('status').getByText('L’orientation est retirée ; le parcours est clos.').waitFor();
    await p.getByTestId('pathway-status').getByText('Orientation retirée', { exact: true }).waitFor();
    expect((await stored(pathway.id)).status).toBe('WITHDRAWN');
  });

  it('takes the person’s consent to SMS at referral, shows it with the number as read, and withdraws it only once confirmed', async () => {
    const p = await signedIn(referent, '/orienter');
    await p.getByLabel('Téléphone (facultatif)').waitFor();
    // Consent to e-mail without an address: said by the form, before anything is sent.
    await p.getByLabel('par e-mail').check();
    await p.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await p.getByText('Les e-mails ont besoin d’une adresse : saisissez-la d’abord.').waitFor();
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Accord', phone: '07 81 23 45 67' }), { messageConsent: ['SMS'] });
    const page = await signedIn(counsellor, `/parcours/${pathway.id}`);
    await page.getByText('07 81 23 45 67', { exact: true }).waitFor();
    expect(await page.getByTestId('message-consents').textContent()).toMatch(/^SMS \(accord du 16\/03\/2026 à 10:00, enregistré par /);
    await openAction(page, 'Messages à la personne : accords SMS et e-mail');
    // This server has neither SMTP nor SMS settings: the panel says nothing would leave.
    await page.getByText('Les SMS aux personnes ne sont pas activés sur ce serveur').waitFor();
    await page.getByRole('button', { name: 'Retirer l’accord SMS' }).click();
    await screens.check(page, 'confirm-withdraw-consent');
    await answerDialog(page, 'La personne ne recevra plus de convocation ni de rappel par SMS', false);
    expect(await page.getByTestId('message-consents').textContent()).toMatch(/^SMS/);
    await page.getByRole('button', { name: 'Retirer l’accord SMS' }).click();
    await answerDialog(page, 'La personne ne recevra plus de convocation ni de rappel par SMS', 'Retirer l’accord');
    await page.getByRole('status').getByText('L’accord SMS est retiré.').waitFor();
    await page.getByTestId('message-consents').getByText('aucun accord : aucun message ne lui est envoyé').waitFor();
  });

  it('asks before an offer is closed, and closes it only once confirmed', async () => {
    const job = await offers.job(counsellor, employer, { title: 'Laveur de vitres' });
    const p = await signedIn(counsellor, `/offres/${job.id}`);
    await p.getByRole('button', { name: 'Clore l’offre' }).click();
    await answerDialog(p, 'ses propositions en cours sont annulées', false);
    expect(await p.getByTestId('opportunity-status').textContent()).toBe('Ouverte');
    await p.getByRole('button', { name: 'Clore l’offre' }).click();
    await answerDialog(p, 'ses propositions en cours sont annulées', 'Clore l’offre');
    await p.getByTestId('opportunity-status').getByText('Close').waitFor();
  });

  it('picks a day in the calendar from the keyboard alone, in French, and still takes one typed JJ/MM/AAAA', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Calendrier' }));
    await journey.accept(counsellor, pathway.id);
    const p = await signedIn(counsellor, `/parcours/${pathway.id}`);
    await p.getByRole('heading', { name: 'Planifier l’entretien de diagnostic' }).waitFor();
    await tabTo(p, 'Jour');
    await p.keyboard.press('Tab'); // the calendar's button, beside the field
    const focused = () => p.evaluate(() => [document.activeElement?.getAttribute('aria-label'), document.getElementById(document.activeElement?.getAttribute('aria-describedby') ?? '')?.textContent]);
    expect(await focused()).toEqual(['Calendrier', 'Jour']);
    await p.keyboard.press('Enter');
    // The month of the day shown by the browser's clock (Monday 16 March 2026), in French; the focus on that day.
    await p.getByRole('application', { name: /Jour : choisir un jour/ }).or(p.getByRole('group', { name: /Jour : choisir un jour/ })).first().waitFor();
    await p.getByRole('heading', { name: 'mars 2026' }).waitFor();
    await screens.check(p, 'calendar-open');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    expect(await p.getByLabel('Jour', { exact: true }).inputValue()).toBe('24/03/2026');
    expect(await focused()).toEqual(['Calendrier', 'Jour']);
    // Échap closes it without picking.
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'mars 2026' }).waitFor();
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('Escape');
    expect(await p.getByRole('heading', { name: 'mars 2026' }).count()).toBe(0);
    expect(await p.getByLabel('Jour', { exact: true }).inputValue()).toBe('24/03/2026');
    // Typed, as before.
    await p.getByLabel('Jour', { exact: true }).fill('25/03/2026');
    await p.getByLabel('Heure').fill('10:00');
    await p.getByRole('button', { name: 'Planifier' }).click();
    await p.getByTestId('pathway-status').getByText('Diagnostic programmé', { exact: true }).waitFor();
  });

  it('leaves no serious or critical accessibility violation on these screens', () => {
    expect(screens.violations).toEqual({});
  });
});
