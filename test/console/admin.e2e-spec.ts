/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture } from '../support/accounts';
import { answerDialog, describeInBrowser, launchBrowser, openAction, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import { aPerson, startJourneyApp, type JourneyFixture } from '../support/journey';
import { TEST_ADMIN, type TestApp } from '../support/test-app';

/** The administrator's screens in a real browser: organisations, a person's export and erasure, the access log, the dead e-mails. */
describeInBrowser('the console, for the administrator, in a real browser', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  let p: Page;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    browser = await launchBrowser();
    p = (await openPage(browser, t.url, t.clock.now())).page;
    await signInThroughPage(p, TEST_ADMIN, '/organisations');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates an organisation and corrects its name', async () => {
    await p.getByLabel('Nom de l’organisation').fill('CCAS de Firminy');
    await p.getByLabel('Type d’organisation').selectOption({ label: 'Prescripteur' });
    await p.getByRole('button', { name: 'Créer' }).click();
    await p.getByRole('link', { name: 'CCAS de Firminy', exact: true }).waitFor();
    await p.getByLabel('Nouveau nom de CCAS de Firminy').fill('CCAS de la ville de Firminy');
    await p.getByRole('button', { name: 'Renommer' }).first().click();
    await p.getByRole('link', { name: 'CCAS de la ville de Firminy', exact: true }).waitFor();
    await screens.check(p, '60-organisations');
    await p.getByRole('link', { name: 'Forez Entreprendre', exact: true }).click();
    await p.getByRole('heading', { name: 'Forez Entreprendre' }).waitFor();
    await p.getByText(/Structure d’accompagnement, créée le/).waitFor();
    // The operator's contact, shown to referents in every report.
    await p.getByLabel('Téléphone de la structure').fill('04 77 00 00 00');
    await p.getByLabel('E-mail de la structure').fill('accueil@forez.example');
    await p.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await p.getByText('Le contact est enregistré.').waitFor();
    await p.getByRole('link', { name: 'Administrateur' }).waitFor();
    await screens.check(p, '64-organisation');
    await p.getByRole('link', { name: 'Administrateur' }).click();
    await p.getByRole('heading', { name: 'Administrateur' }).waitFor();
    await screens.check(p, '65-account');
    await p.getByRole('link', { name: 'Comptes', exact: true }).click();
    await p.getByRole('heading', { name: 'Comptes' }).waitFor();
    await screens.check(p, '66-accounts');
    // The server's version, at the foot of every signed-in page.
    await p.getByText(/^Parcours \d+\.\d+\.\d+/).waitFor();
  });

  it("exports a person's data as a JSON file, explains why the erasure waits, and finds the reads in the access log", async () => {
    const referent = await accounts.user('REFERENT', { fullName: 'Rémi Référent' });
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Archives' }));
    await p.goto(`/parcours/${pathway.id}`);
    await p.getByText('Identité et situation à l’orientation').click();
    await p.getByRole('link', { name: 'Tous les parcours de Camille Archives' }).click();
    await p.getByRole('table', { name: 'Parcours de la personne' }).waitFor();
    await screens.check(p, '67-person');
    await p.getByRole('table', { name: 'Parcours de la personne' }).getByRole('link').click();
    await p.getByRole('heading', { name: 'Camille Archives' }).waitFor();
    await openAction(p, 'Droits de la personne : export, effacement');
    const download = p.waitForEvent('download');
    await p.getByRole('button', { name: 'Exporter ses données (JSON)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`parcours-donnees-${pathway.participant.id}.json`);
    const text = await new Promise<string>((resolve) => {
      void file.createReadStream().then((stream) => {
        let all = '';
        stream.on('data', (chunk: Buffer) => (all += chunk.toString()));
        stream.on('end', () => resolve(all));
      });
    });
    expect(text).toContain('Archives');

    // An administrator hands the pathway to another referent.
    await accounts.user('REFERENT', { fullName: 'Inès Relais' });
    await openAction(p, 'Confier le parcours à un autre référent');
    await p.getByLabel('Nouveau référent').fill('Inès');
    await p.getByRole('button', { name: /^Inès Relais/ }).click();
    await p.getByLabel('Motif du changement de référent').fill('Départ en congé');
    await p.getByRole('button', { name: 'Confier le parcours', exact: true }).click();
    await p.getByText('Le parcours a été confié à Inès Relais.').waitFor();
    await p.getByText(/^Inès Relais \(/).first().waitFor();

    // Erasure is confirmed first; refused while the pathway is open.
    await openAction(p, 'Droits de la personne : export, effacement');
    await p.getByLabel('Motif de l’effacement').fill('Demande de la personne');
    await p.getByRole('button', { name: 'Effacer l’identité' }).click();
    await answerDialog(p, 'Cela ne peut pas être annulé', 'Effacer l’identité');
    await p.locator('form', { has: p.getByRole('heading', { name: 'Effacement' }) }).getByRole('alert').waitFor();
    await screens.check(p, '61-person-rights');
    const still = await t.api.data<{ participant: { participant: { lastName: string } } }>('query ($id: ID!) { participant(id: $id) { participant { lastName } } }', { id: pathway.participant.id }, { token: accounts.adminToken });
    expect(still.participant.participant.lastName).toBe('Archives');

    // The access log in words: the person found by name, who by name and role, what and which data in French.
    await p.getByRole('link', { name: 'Journal des accès' }).click();
    await p.getByLabel('Personne', { exact: true }).fill('Archi');
    await p.getByRole('button', { name: 'Camille Archives' }).click();
    await p.getByRole('button', { name: 'Filtrer' }).click();
    await p.getByRole('cell', { name: 'Export : export des données d’une personne' }).waitFor();
    await p.getByRole('cell', { name: 'Lecture : page d’un parcours' }).first().waitFor();
    await p.getByRole('cell', { name: 'Camille Archives', exact: true }).first().waitFor();
    await p.getByRole('cell', { name: 'Administrateur, administrateur', exact: true }).first().waitFor();
    await screens.check(p, '62-access-log');
    // Nothing to decode: no identifier, no code, no field by its API name.
    const cells = await p.getByRole('table', { name: 'Accès aux données des personnes' }).getByRole('cell').allTextContents();
    expect(cells.length).toBeGreaterThan(10);
    const coded = cells.filter((cell) => /[0-9a-f]{8}-[0-9a-f]{4}-|\b(ADMIN|REFERENT|COUNSELLOR|MANAGER|READ|WRITE|EXPORT)\b|query |mutation |Participant\.|[a-z][A-Z]/.test(cell));
    expect(coded).toEqual([]);
    // Naming the person on the page was itself a read, audited once for the page shown.
    const named = await t.api.data<{ auditLog: { edges: { node: { operation: string; fields: string[]; participantId: string } }[] } }>(
      'query ($id: ID) { auditLog(first: 100, filter: { participantId: $id }) { edges { node { operation fields participantId } } } }',
      { id: pathway.participant.id },
      { token: accounts.adminToken },
    );
    const namings = named.auditLog.edges.filter(({ node }) => node.operation === 'query auditLog' && node.fields.includes('AuditSubject.name'));
    expect(namings.length).toBeGreaterThanOrEqual(1);
  });

  it('lists the dead e-mails (none here)', async () => {
    await p.getByRole('link', { name: 'Courriels en échec' }).click();
    await p.getByText('0 message(s) en échec').waitFor();
    await screens.check(p, '63-dead-letters');
  });

  it('leaves no serious or critical accessibility violation on these screens', () => {
    expect(screens.violations).toEqual({});
  });
});
