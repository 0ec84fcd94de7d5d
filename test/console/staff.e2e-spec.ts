/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { answerDialog, describeInBrowser, launchBrowser, openAction, openPage, ScreenChecks, signInThroughPage, tabTo } from '../support/browser';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
import { aSiret, OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

const REPORTS = '{ referentReports(first: 10) { edges { node { kind pathwayId } } } }';
const PATHWAY = 'query ($id: ID!) { pathway(id: $id) { status counsellor { id } appointments { startsAt status channel place } } }';

interface PathwayState {
  status: string;
  counsellor: { id: string } | null;
  appointments: { startsAt: string; status: string; channel: string; place: string | null }[];
}

/**
 * The operator's staff in a real browser (the console's part 2, first screens): the caseload home,
 * the referral's decision, the diagnostic interview planned, moved, missed. Each change is checked
 * through the API, and what is refused writes nothing.
 */
describeInBrowser('the console, for a counsellor and a manager, in a real browser', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  let referent: TestUser;
  let counsellor: TestUser;
  const screens = new ScreenChecks();

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

  const screen = (p: Page, name: string) => screens.check(p, name);

  async function signedIn(user: { email: string; password: string }, path = '/'): Promise<Page> {
    const p = (await openPage(browser, t.url, t.clock.now())).page;
    await signInThroughPage(p, user, path);
    return p;
  }

  const state = async (id: string) => (await t.api.data<{ pathway: PathwayState }>(PATHWAY, { id }, { token: accounts.adminToken })).pathway;
  const status = (p: Page, text: string) => p.getByTestId('pathway-status').getByText(text, { exact: true }).waitFor();

  it('takes a counsellor from the caseload to a referral accepted, its interview planned, moved, and missed', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Durand', firstNames: 'Léa' }));
    const p = await signedIn(counsellor);
    await p.getByRole('heading', { name: 'Ce qui vous attend' }).waitFor();
    await screen(p, '30-caseload-counsellor');
    await p.getByRole('link', { name: 'Orientations reçues par la structure, à accepter ou refuser' }).click();
    await p.getByRole('heading', { name: 'Parcours de la structure' }).waitFor();
    await p.getByRole('link', { name: 'Léa Durand' }).click();
    await p.getByRole('heading', { name: 'Léa Durand' }).waitFor();
    await screen(p, '31-referral-decision');

    // Declining for another reason needs a comment: refused beside it, nothing written.
    await p.getByLabel('Motif', { exact: true }).selectOption({ label: 'Autre' });
    await p.getByRole('button', { name: 'Refuser' }).click();
    await p.locator('.field', { has: p.getByLabel('Commentaire', { exact: true }) }).getByText('Un commentaire est obligatoire avec ce motif.').waitFor();
    expect((await state(pathway.id)).status).toBe('REFERRED');

    await p.getByRole('button', { name: 'Accepter' }).click();
    await status(p, 'Accepté');
    expect(await state(pathway.id)).toMatchObject({ status: 'ACCEPTED', counsellor: { id: counsellor.id } });

    // An impossible day and a time that is not one are refused in the form; nothing is sent.
    await p.getByLabel('Jour', { exact: true }).fill('31/02/2026');
    await p.getByLabel('Heure').fill('25:00');
    await p.getByRole('button', { name: 'Planifier' }).click();
    await p.locator('.field', { has: p.getByLabel('Jour', { exact: true }) }).getByText('Cette date n’est pas valable').waitFor();
    await p.locator('.field', { has: p.getByLabel('Heure') }).getByText('Cette heure n’est pas valable').waitFor();
    await screen(p, '32-schedule-refused');
    expect((await state(pathway.id)).appointments).toEqual([]);

    await p.getByLabel('Jour', { exact: true }).fill('17/03/2026');
    await p.getByLabel('Heure').fill('14h30');
    await p.getByLabel('Modalité').selectOption({ label: 'Par téléphone' });
    await p.getByRole('button', { name: 'Planifier' }).click();
    await status(p, 'Diagnostic programmé');
    // 14:30 in Saint-Étienne on 17 March is 13:30 UTC (winter time).
    expect((await state(pathway.id)).appointments).toEqual([{ startsAt: '2026-03-17T13:30:00.000Z', status: 'PLANNED', channel: 'PHONE', place: null }]);
    await screen(p, '33-appointment-planned');

    // The next step is the diagnostic; moving the interview is one of the other actions.
    await p.getByRole('link', { name: 'Saisir le diagnostic' }).waitFor();
    // Moved across the change to summer time: 30 March, 9:15 in Paris is 7:15 UTC.
    await openAction(p, 'Déplacer l’entretien');
    await p.getByLabel('Jour', { exact: true }).fill('30/03/2026');
    await p.getByLabel('Heure').fill('09:15');
    await p.getByLabel('Lieu (facultatif)').fill('Agence de Firminy');
    await p.getByRole('button', { name: 'Déplacer', exact: true }).click();
    await p.getByText('L’entretien est déplacé.').waitFor();
    await p.getByRole('heading', { name: 'Entretien prévu le 30/03/2026 à 09:15' }).waitFor();
    // The form is closed once saved: a second click has nothing to send.
    expect(await p.getByRole('button', { name: 'Déplacer', exact: true }).count()).toBe(0);
    expect((await state(pathway.id)).appointments).toEqual([{ startsAt: '2026-03-30T07:15:00.000Z', status: 'PLANNED', channel: 'PHONE', place: 'Agence de Firminy' }]);

    // An absence is confirmed first, in a dialog naming its consequence; cancelled, nothing is written.
    await p.getByRole('button', { name: 'Absence non excusée' }).click();
    await screen(p, '33b-confirm-no-show');
    await answerDialog(p, 'le référent reçoit un compte rendu d’absence', false);
    expect((await state(pathway.id)).appointments.map((appointment) => appointment.status)).toEqual(['PLANNED']);
    await p.getByRole('button', { name: 'Absence non excusée' }).click();
    await answerDialog(p, 'le référent reçoit un compte rendu d’absence', 'Absence non excusée');
    await status(p, 'Accepté');
    expect((await state(pathway.id)).appointments.map((appointment) => appointment.status)).toEqual(['NO_SHOW']);
    // The referent is told of the absence.
    const reports = await t.api.data<{ referentReports: { edges: { node: { kind: string; pathwayId: string } }[] } }>(REPORTS, {}, { token: referent.token });
    expect(reports.referentReports.edges.map((edge) => edge.node)).toContainEqual({ kind: 'NO_SHOW', pathwayId: pathway.id });
    await p.getByRole('heading', { name: 'Planifier l’entretien de diagnostic' }).waitFor();
  });

  it('lets a manager put a counsellor in charge when accepting, and decline with a reason', async () => {
    const manager = await accounts.user('MANAGER', { fullName: 'Marie Responsable' });
    const accepted = await journey.refer(referent, aPerson({ lastName: 'Martin', firstNames: 'Hugo' }));
    const declined = await journey.refer(referent, aPerson({ lastName: 'Bernard', firstNames: 'Inès' }));
    const p = await signedIn(manager, `/parcours/${accepted.id}`);
    await p.getByRole('heading', { name: 'Hugo Martin' }).waitFor();
    await p.getByLabel('Conseiller ou conseillère en charge').selectOption({ label: 'Paul Conseiller' });
    await screen(p, '34-accept-manager');
    await p.getByRole('button', { name: 'Accepter' }).click();
    await status(p, 'Accepté');
    expect(await state(accepted.id)).toMatchObject({ status: 'ACCEPTED', counsellor: { id: counsellor.id } });

    await p.goto(`/parcours/${declined.id}`);
    await p.getByRole('heading', { name: 'Inès Bernard' }).waitFor();
    await p.getByRole('button', { name: 'Refuser' }).click();
    await p.locator('.field', { has: p.getByLabel('Motif', { exact: true }) }).getByText('Choisissez un motif.').waitFor();
    await p.getByLabel('Motif', { exact: true }).selectOption({ label: 'Injoignable' });
    await p.getByRole('button', { name: 'Refuser' }).click();
    await answerDialog(p, 'Un refus ne peut pas être annulé', 'Refuser l’orientation');
    await status(p, 'Non retenu');
    await p.getByRole('link', { name: 'Accueil' }).click();
    await p.getByRole('heading', { name: 'Ce qui attend la structure' }).waitFor();
    await screen(p, '35-caseload-manager');
    // One counsellor's caseload: the pathway the manager put in Paul's charge.
    await p.getByLabel('Portefeuille').selectOption({ label: 'Paul Conseiller' });
    await p.getByRole('heading', { name: 'Ce qui attend ce conseiller ou cette conseillère' }).waitFor();
    await p.getByRole('link', { name: 'Acceptées, entretien de diagnostic à planifier' }).waitFor();
  });

  const DIAGNOSTIC = 'query ($id: ID!) { pathway(id: $id) { status diagnostic { readiness summary workingTime contractTypes targetJobs { title romeCode } assessments { theme status blocking note } } } }';

  it('refuses a JUSTICE assessment without its justification beside its field, and saves nothing', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Justice' }));
    await journey.acceptAndSchedule(counsellor, pathway.id);
    const p = await signedIn(counsellor, `/parcours/${pathway.id}`);
    await p.getByRole('link', { name: 'Saisir le diagnostic' }).click();
    await p.getByRole('heading', { name: 'Diagnostic de Camille Justice' }).waitFor();
    const justice = p.getByRole('group', { name: 'Justice' });
    await justice.getByLabel('Présent').check();
    await p.getByLabel('Conclusion').selectOption({ label: 'Prête pour l’emploi' });
    await p.getByLabel('Synthèse pour le référent').fill('Entretien réalisé.');
    await p.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await p.locator('.field', { has: p.getByLabel('Justification écrite (Justice)') }).getByText('Une justification écrite est obligatoire pour ce frein.').waitFor();
    await screen(p, '36-diagnostic-justice-refused');
    const stored = await t.api.data<{ pathway: { status: string; diagnostic: unknown } }>(DIAGNOSTIC, { id: pathway.id }, { token: counsellor.token });
    expect(stored.pathway).toEqual({ status: 'DIAGNOSTIC_SCHEDULED', diagnostic: null });
  });

  it('completes the diagnostic form from the keyboard alone, and the referent reads none of its notes', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Clavier' }));
    await journey.acceptAndSchedule(counsellor, pathway.id);
    const p = await signedIn(counsellor, `/parcours/${pathway.id}/diagnostic`);
    await p.getByRole('heading', { name: 'Diagnostic de Camille Clavier' }).waitFor();
    await screen(p, '37-diagnostic-form');
    // Mobility, the first theme: its radio group is one stop, on the checked one (Non abordé); the arrows move round it.
    await tabTo(p, 'Non abordé');
    await p.keyboard.press('ArrowRight');
    await tabTo(p, 'Bloquant');
    await p.keyboard.press('Space');
    await tabTo(p, 'Note : Mobilité');
    await p.keyboard.type('Pas de permis');
    await tabTo(p, 'Justification écrite (Justice)');
    await p.keyboard.press('Shift+Tab');
    await p.keyboard.press('Shift+Tab');
    await p.keyboard.press('ArrowRight'); // Non abordé → Présent, round the group
    await tabTo(p, 'Justification écrite (Justice)');
    await p.keyboard.type('Sortie de détention en janvier, suivi SPIP');
    await tabTo(p, 'Métiers visés');
    await p.keyboard.type('Agent de propreté (K2204)');
    await tabTo(p, 'CDI');
    await p.keyboard.press('Space');
    await tabTo(p, 'Temps de travail');
    await p.keyboard.press('ArrowDown');
    await tabTo(p, 'Conclusion');
    await p.keyboard.press('ArrowDown');
    await tabTo(p, 'Synthèse pour le référent');
    await p.keyboard.type('Motivée ; la mobilité reste à travailler.');
    await tabTo(p, 'Enregistrer le diagnostic');
    await p.keyboard.press('Enter');
    await p.getByText('Le diagnostic est enregistré').waitFor();
    await status(p, 'Diagnostic réalisé');

    const staffView = await t.api.data<{ pathway: { status: string; diagnostic: Record<string, unknown> & { assessments: { theme: string; status: string; blocking: boolean; note: string | null }[] } } }>(DIAGNOSTIC, { id: pathway.id }, { token: counsellor.token });
    expect(staffView.pathway.diagnostic).toMatchObject({ summary: 'Motivée ; la mobilité reste à travailler.', contractTypes: ['CDI'], targetJobs: [{ title: 'Agent de propreté', romeCode: 'K2204' }] });
    expect(staffView.pathway.diagnostic.assessments.filter((assessment) => assessment.status !== 'NOT_DISCUSSED')).toEqual([
      { theme: 'MOBILITY', status: 'PRESENT', blocking: true, note: 'Pas de permis' },
      { theme: 'JUSTICE', status: 'PRESENT', blocking: false, note: 'Sortie de détention en janvier, suivi SPIP' },
    ]);
    expect(staffView.pathway.diagnostic.assessments).toHaveLength(9);
    const referentView = await t.api.data<{ pathway: { diagnostic: { assessments: { theme: string; note: string | null }[] } } }>(DIAGNOSTIC, { id: pathway.id }, { token: referent.token });
    expect(referentView.pathway.diagnostic.assessments.map((assessment) => assessment.theme)).not.toContain('JUSTICE');
    expect(referentView.pathway.diagnostic.assessments.every((assessment) => assessment.note === null)).toBe(true);

    // The correction starts from what was recorded.
    await p.getByRole('link', { name: 'Corriger le diagnostic' }).click();
    await p.getByRole('heading', { name: 'Corriger le diagnostic de Camille Clavier' }).waitFor();
    expect(await p.getByLabel('Note : Mobilité').inputValue()).toBe('Pas de permis');
    await p.getByLabel('Synthèse pour le référent').fill('Motivée ; permis en cours.');
    await p.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await p.getByText('Le diagnostic est corrigé').waitFor();
  });

  const PLACEMENTS = 'query ($id: ID!) { pathway(id: $id) { status placements { contractType startOn plannedEndOn hoursPerWeek employer { name } } outcome { category exitedOn } } }';

  it('refuses a CDD without its planned end beside the field, then starts one from the keyboard alone, and exits with the category shown first', async () => {
    const manager = await accounts.user('MANAGER');
    await new OffersFixture(t.api, accounts).partner('EMPLOYER', { name: 'Propreté Forez' }, manager);
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Emploi' }));
    const p = await signedIn(counsellor, `/parcours/${pathway.id}`);
    const start = p.locator('form', { has: p.getByRole('heading', { name: 'Démarrer une mise en situation' }) });
    await start.getByLabel('Employeur').selectOption({ label: 'Propreté Forez' });
    await start.getByLabel('Début').fill('16/03/2026');
    await start.getByLabel('Heures par semaine').fill('35');
    await start.getByRole('button', { name: 'Démarrer' }).click();
    await start.locator('.field', { has: p.getByLabel('Fin prévue') }).getByText('Ce type de contrat demande une date de fin prévue.').waitFor();
    await screen(p, '38-placement-refused');
    expect((await t.api.data<{ pathway: { placements: unknown[] } }>(PLACEMENTS, { id: pathway.id }, { token: counsellor.token })).pathway.placements).toEqual([]);

    // The same form again, from the keyboard alone.
    await p.reload();
    await p.getByRole('heading', { name: 'Camille Emploi' }).waitFor();
    await tabTo(p, 'Type de contrat');
    await tabTo(p, 'Employeur');
    await p.keyboard.press('ArrowDown');
    await tabTo(p, 'Début');
    await p.keyboard.type('16/03/2026');
    await tabTo(p, 'Fin prévue');
    await p.keyboard.type('30/06/2026');
    await tabTo(p, 'Heures par semaine');
    await p.keyboard.type('35');
    await tabTo(p, 'Démarrer');
    await p.keyboard.press('Enter');
    await status(p, 'En emploi ou en formation');
    const placed = await t.api.data<{ pathway: { placements: unknown[] } }>(PLACEMENTS, { id: pathway.id }, { token: counsellor.token });
    expect(placed.pathway.placements).toEqual([{ contractType: 'CDD', startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35, employer: { name: 'Propreté Forez' } }]);

    await openAction(p, 'Sortie du dispositif');
    const exit = p.locator('form', { has: p.getByRole('heading', { name: 'Sortie du dispositif' }) });
    await exit.getByLabel('Jour de sortie').fill('17/03/2026');
    await exit.getByLabel('Motif de sortie').selectOption({ label: 'A trouvé un emploi ou une formation' });
    await exit.getByRole('button', { name: 'Voir la catégorie de sortie' }).click();
    await exit.locator('.field', { has: p.getByLabel('Jour de sortie') }).getByText('Cette date ne peut pas être dans le futur.').waitFor();
    await exit.getByLabel('Jour de sortie').fill('16/03/2026');
    await exit.getByRole('button', { name: 'Voir la catégorie de sortie' }).click();
    await exit.getByText('Catégorie de sortie calculée : Emploi de transition').waitFor();
    await screen(p, '39-exit-preview');
    expect((await t.api.data<{ pathway: { status: string; outcome: unknown } }>(PLACEMENTS, { id: pathway.id }, { token: counsellor.token })).pathway).toMatchObject({ status: 'IN_PLACEMENT', outcome: null });
    await exit.getByRole('button', { name: 'Confirmer la sortie' }).click();
    await status(p, 'Sorti du dispositif');
    expect((await t.api.data<{ pathway: { outcome: unknown } }>(PLACEMENTS, { id: pathway.id }, { token: counsellor.token })).pathway.outcome).toEqual({ category: 'TRANSITIONAL_EMPLOYMENT', exitedOn: '2026-03-16' });
  });

  it('registers a partner, publishes an offer, proposes it to a candidate, records its steps to HIRED and starts the placement from it', async () => {
    const manager = await accounts.user('MANAGER');
    const siret = aSiret();
    const m = await signedIn(manager, '/partenaires');
    await m.getByRole('link', { name: 'Nouveau partenaire' }).click();
    await m.getByLabel('Nom', { exact: true }).fill('Boulangerie du Forez');
    await m.getByLabel('SIRET').fill('123');
    await m.getByLabel('Commune', { exact: true }).fill('Saint-Éti');
    await m.getByRole('button', { name: /^Saint-Étienne \(/ }).click();
    await m.getByRole('button', { name: 'Enregistrer' }).click();
    await m.locator('.field', { has: m.getByLabel('SIRET') }).locator('.error').waitFor();
    await m.getByLabel('SIRET').fill(siret);
    await m.getByRole('button', { name: 'Enregistrer' }).click();
    await m.getByText('Boulangerie du Forez est enregistré.').waitFor();
    await screen(m, '40-partners');

    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Offre' }));
    const p = await signedIn(counsellor, '/offres');
    await p.getByRole('link', { name: 'Nouvelle offre' }).click();
    await p.getByLabel('Partenaire').selectOption({ label: 'Boulangerie du Forez (Employeur)' });
    await p.getByLabel('Intitulé').fill('Vendeur en boulangerie');
    await p.getByLabel('Type de contrat').selectOption({ label: 'CDD' });
    await p.getByLabel('Commune du poste').fill('Saint-Éti');
    await p.getByRole('button', { name: /^Saint-Étienne \(/ }).click();
    await p.getByLabel('Début', { exact: true }).fill('23/03/2026');
    await p.getByLabel('Heures par semaine').fill('30');
    await p.getByLabel('Nombre de postes').fill('1');
    await screen(p, '41-offer-form');
    await p.getByRole('button', { name: 'Enregistrer l’offre' }).click();
    await p.getByText('L’offre est enregistrée.').waitFor();
    await screen(p, '42-offer-candidates');
    await p.getByRole('button', { name: 'Proposer à Camille Offre' }).click();
    await p.getByText('Offre proposée').waitFor();
    await p.getByRole('link', { name: 'Toutes les offres' }).click();
    await p.getByRole('link', { name: 'Vendeur en boulangerie' }).waitFor();
    await screen(p, '47-offers');
    await p.goto(`/parcours/${pathway.id}`);
    for (const step of ['Acceptée par la personne', 'Candidature transmise', 'Embauche']) {
      const form = p.locator('form', { has: p.getByRole('heading', { name: /Vendeur en boulangerie/ }) });
      await form.getByLabel('Étape suivante').selectOption({ label: step });
      await form.getByLabel('Jour de l’étape').fill('16/03/2026');
      await form.getByRole('button', { name: 'Enregistrer l’étape' }).click();
      await p.getByRole('status').getByText(new RegExp(`étape enregistrée \\(${step.toLowerCase()}\\)`)).waitFor();
      await p.locator('section', { hasText: 'Offres proposées' }).getByText(new RegExp(step, 'i')).first().waitFor();
    }
    // Hired: starting the placement is now the next step.
    const start = p.locator('form', { has: p.getByRole('heading', { name: 'Démarrer une mise en situation' }) });
    await start.getByLabel('À partir de la proposition (facultatif)').selectOption({ label: '« Vendeur en boulangerie », embauche' });
    expect(await start.getByLabel('Heures par semaine').inputValue()).toBe('30');
    await start.getByLabel('Fin prévue').fill('30/09/2026');
    await start.getByRole('button', { name: 'Démarrer' }).click();
    await status(p, 'En emploi ou en formation');
    const placed = await t.api.data<{ pathway: { placements: { contractType: string; employer: { name: string } }[] } }>(PLACEMENTS, { id: pathway.id }, { token: counsellor.token });
    expect(placed.pathway.placements).toMatchObject([{ contractType: 'CDD', employer: { name: 'Boulangerie du Forez' } }]);
  });

  it('lists the follow-ups due and records a contact answering one; a JUSTICE difficulty needs its justification', async () => {
    const manager = await accounts.user('MANAGER');
    const employer = await new OffersFixture(t.api, accounts).partner('EMPLOYER', { name: 'Garage Fauriel' }, manager);
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Suivi' }));
    await new PlacementsFixture(t.api).start(counsellor, { pathwayId: pathway.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 35 });
    const p = await signedIn(counsellor, '/suivis');
    await p.getByRole('heading', { name: 'Suivis dans l’emploi à faire' }).waitFor();
    await screen(p, '43-follow-ups');
    await p.getByRole('link', { name: 'Camille Suivi' }).first().click();
    const form = p.locator('form', { has: p.getByRole('heading', { name: 'Enregistrer un contact de suivi' }) });
    await form.getByLabel('Point de suivi auquel il répond (facultatif)').selectOption({ label: 'prévu le 31/03/2026' });
    await form.getByLabel('Jour du contact').fill('16/03/2026');
    await form.getByLabel('Situation').selectOption({ label: 'En poste' });
    await form.getByLabel('Justice', { exact: true }).check();
    await form.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await p.locator('.field', { has: p.getByLabel('Justification écrite (Justice)') }).getByText('Une justification écrite est obligatoire pour ce frein.').waitFor();
    await screen(p, '44-contact-refused');
    expect((await t.api.data<{ pathway: { contacts: unknown[] } }>('query ($id: ID!) { pathway(id: $id) { contacts { id } } }', { id: pathway.id }, { token: counsellor.token })).pathway.contacts).toEqual([]);
    await form.getByLabel('Justification écrite (Justice)').fill('Contrôle judiciaire : rendez-vous au SPIP le lundi');
    await form.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await p.getByRole('status').getByText('Le contact est enregistré.').waitFor();
    const after = await t.api.data<{ pathway: { contacts: { situation: string; checkpointId: string | null }[]; checkpoints: { dueOn: string; status: string }[] } }>(
      'query ($id: ID!) { pathway(id: $id) { contacts { situation checkpointId } checkpoints { dueOn status } } }',
      { id: pathway.id },
      { token: counsellor.token },
    );
    expect(after.pathway.contacts).toEqual([{ situation: 'IN_POST', checkpointId: expect.any(String) }]);
    expect(after.pathway.checkpoints.find((checkpoint) => checkpoint.dueOn === '2026-03-31')?.status).toBe('RECORDED');
  });

  it('lets a manager change the counsellor in charge, correct a person’s details, and record a funding convention', async () => {
    const manager = await accounts.user('MANAGER', { fullName: 'Marc Responsable' });
    await accounts.user('COUNSELLOR', { fullName: 'Ana Relais' });
    await accounts.organisation('FUNDER', 'Département de la Loire');
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Corrige' }));
    await journey.accept(counsellor, pathway.id);
    const p = await signedIn(manager, `/parcours/${pathway.id}`);
    await openAction(p, 'Changer de conseiller ou conseillère en charge');
    await p.getByLabel('Nouveau conseiller ou nouvelle conseillère').selectOption({ label: 'Ana Relais' });
    await p.getByRole('button', { name: 'Mettre en charge' }).click();
    await p.getByText('Ana Relais est en charge du parcours.').waitFor();
    await p.getByTestId('pathway-counsellor').getByText('Ana Relais').waitFor();
    await openAction(p, 'Corriger l’identité ou les coordonnées');
    await p.getByLabel('Nom de la personne').fill('Corrigé');
    await p.getByRole('button', { name: 'Enregistrer les corrections' }).click();
    await p.getByText('Les corrections sont enregistrées.').waitFor();
    await p.getByRole('heading', { name: 'Camille Corrigé' }).waitFor();
    await screen(p, '45-manager-pathway');

    await p.getByRole('link', { name: 'Conventions' }).click();
    await p.getByLabel('Intitulé').fill('Insertion Loire 2026');
    await p.getByLabel('Financeur').selectOption({ label: 'Département de la Loire' });
    await p.getByLabel('Ligne budgétaire').fill('SERV / chap 65');
    await p.getByLabel('Début (signature)').fill('01/01/2026');
    await p.getByLabel('Fin', { exact: true }).fill('31/12/2025');
    await p.getByLabel('Montant (euros)').fill('120 000');
    await p.getByLabel('Objectif (nombre de personnes)').fill('40');
    await p.getByRole('button', { name: 'Enregistrer la convention' }).click();
    await p.locator('.field', { has: p.getByLabel('Fin', { exact: true }) }).locator('.error').waitFor();
    await p.getByLabel('Fin', { exact: true }).fill('31/12/2026');
    await p.getByRole('button', { name: 'Enregistrer la convention' }).click();
    await p.getByText('La convention « Insertion Loire 2026 » est enregistrée.').waitFor();
    await p.getByRole('cell', { name: /^120\s000,00\s€$/ }).waitFor();
    await screen(p, '46-conventions');
  });

  it('lets a manager choose three pathways in the list and put one counsellor in charge of them in one go', async () => {
    const manager = await accounts.user('MANAGER', { fullName: 'Maud Répartit' });
    await accounts.user('COUNSELLOR', { fullName: 'Bruno Renfort' });
    const ids: string[] = [];
    for (const lastName of ['Lot-Un', 'Lot-Deux', 'Lot-Trois']) {
      const pathway = await journey.refer(referent, aPerson({ lastName }));
      await journey.accept(counsellor, pathway.id);
      ids.push(pathway.id);
    }
    const p = await signedIn(manager, '/parcours');
    // Who is in charge is a column; the operator, always the manager's own, is not.
    await p.getByRole('columnheader', { name: 'Conseiller ou conseillère' }).waitFor();
    expect(await p.getByRole('columnheader', { name: 'Structure' }).count()).toBe(0);
    await p.getByLabel('Rechercher une personne').fill('Lot-');
    for (const lastName of ['Lot-Un', 'Lot-Deux', 'Lot-Trois']) await p.getByRole('checkbox', { name: new RegExp(lastName) }).check();
    const form = p.getByRole('form', { name: 'Confier les parcours choisis' });
    await form.getByText('3 parcours choisis.').waitFor();
    await form.getByLabel('À quel conseiller ou quelle conseillère').selectOption({ label: 'Bruno Renfort' });
    await form.getByRole('button', { name: 'Confier 3 parcours' }).click();
    await p.getByText('3 parcours confiés à Bruno Renfort.').waitFor();
    await p.getByRole('cell', { name: 'Bruno Renfort', exact: true }).nth(2).waitFor();
    for (const id of ids) expect((await state(id)).counsellor?.id).not.toBe(counsellor.id);
    await screen(p, '47-manager-reassigns');
  });

  it("shows a counsellor of another operator nothing of the pathway: the page says 'introuvable'", async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Secret' }));
    const elsewhere = await accounts.user('COUNSELLOR', { organisationId: await accounts.organisation('OPERATOR') });
    const p = await signedIn(elsewhere, `/parcours/${pathway.id}`);
    await p.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    expect(await p.content()).not.toContain('Secret');
  });

  it('leaves no serious or critical accessibility violation on these screens', () => {
    expect(screens.violations).toEqual({});
  });
});
