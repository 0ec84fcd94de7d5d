import { ImportRunner, ReferralImportsService } from '@parcours/imports';
import { Clock } from '@parcours/core';
import { StaffNotificationsService } from '@parcours/notifications';
import { ReferralsService } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { UnitOfWork } from '@parcours/unit-of-work';
import { ENTITIES } from '@parcours/db';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { ImportsClient, listCsv, type ImportLineSeen, type ListPerson } from '../support/imports';
import { aPerson, type JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

/**
 * Issue 36: referrals from a referent's list — every line judged as the form would judge it
 * (nothing written by a preview), imported one unit of work per line, idempotent, resumable, seen
 * by its uploader and ADMIN only.
 */
describe('referral imports', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let imports: ImportsClient;
  let referent: TestUser;
  let colleague: TestUser;
  let stranger: TestUser;
  let manager: TestUser;
  let counsellor: TestUser;
  let administrator: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    imports = new ImportsClient(t.api, t.url);
    const prescriber = await accounts.organisation('PRESCRIBER');
    referent = await accounts.user('REFERENT', { organisationId: prescriber, fullName: 'Rita Référente' });
    colleague = await accounts.user('REFERENT', { organisationId: prescriber, fullName: 'Colette Collègue' });
    const elsewhere = await accounts.organisation('PRESCRIBER');
    stranger = await accounts.user('REFERENT', { organisationId: elsewhere, fullName: 'Sam Ailleurs' });
    manager = await accounts.user('MANAGER');
    counsellor = await accounts.user('COUNSELLOR');
    administrator = await accounts.user('ADMIN');
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`))[0].n);
  const tables = () => ENTITIES.map((entity) => t.orm.getMetadata().get(entity.name).tableName);
  const counts = async () => Object.fromEntries(await Promise.all(tables().map(async (table) => [table, await count(table)] as const)));
  const byLine = (lines: ImportLineSeen[]) => Object.fromEntries(lines.map((line) => [line.line, line]));
  const choose = async (importId: string, user = referent) => {
    const answer = await imports.update(user, importId, { choices: { operatorId: accounts.operatorId, informedOn: '2026-03-02' } });
    expect(answer.userErrors).toEqual([]);
    return answer;
  };

  /** The crafted list: one line per verdict (the headers are line 1). */
  let known: { mine: string; theirs: string; closed: string };
  beforeAll(async () => {
    const mine = await journey.refer(referent, aPerson({ lastName: 'Dupont', firstNames: 'Anne', birthDate: '1980-05-01' }));
    const theirs = await journey.refer(stranger, aPerson({ lastName: 'Durand', firstNames: 'Bruno', birthDate: '1975-02-03' }));
    const closed = await journey.refer(colleague, aPerson({ lastName: 'Petit', firstNames: 'Chloé', birthDate: '1990-07-08' }));
    await journey.mutate(colleague, 'withdrawReferral', 'WithdrawReferralInput', { pathwayId: closed.id, reason: 'Déménagement' });
    await journey.refer(colleague, aPerson({ lastName: 'Moreau', firstNames: 'Denis', birthDate: '1970-01-01', franceTravailRegistered: true, franceTravailId: '1234567A' }));
    known = { mine: mine.id, theirs: theirs.id, closed: closed.id };
  });
  const crafted: ListPerson[] = [
    { nom: 'Nouveau', prenom: 'Élodie', naissance: '12/04/1985' }, // 2: to refer
    { nom: 'DUPONT', prenom: 'anne', naissance: '01/05/1980' }, // 3: the referent's own open pathway
    { nom: 'Durand', prenom: 'Bruno', naissance: '1975-02-03' }, // 4: another referent's open pathway
    { nom: 'Petit', prenom: 'Chloé', naissance: '08/07/1990' }, // 5: known, every pathway closed
    { nom: 'Loin', prenom: 'Fabien', naissance: '02/02/1982', cp: '69001', commune: 'Lyon' }, // 6: outside the territory
    { nom: 'Sansrsa', prenom: 'Gina', naissance: '03/03/1983', rsa: 'Non' }, // 7: no RSA, no barrier
    { nom: 'Justice', prenom: 'Hugo', naissance: '04/04/1984', rsa: 'non', freins: 'justice' }, // 8: JUSTICE never imported: no barrier left
    { nom: 'Erreur', prenom: 'Inès', naissance: '31/02/1986' }, // 9: no such day
    { nom: 'Nulle', prenom: 'Part', naissance: '05/05/1985', cp: '', commune: 'Nullepartville' }, // 10: unknown commune
    { nom: 'Nouveau', prenom: 'Elodie', naissance: '1985-04-12' }, // 11: line 2 again
    { nom: 'Autre', prenom: 'Jean', naissance: '06/06/1986', ft: '1234567a' }, // 12: another's France Travail id
    { nom: 'Mobile', prenom: 'Karim', naissance: '07/07/1987', rsa: 'non', freins: 'Mobilité, logement', telephone: '06 11 22 33 44' }, // 13: barriers, no RSA: to refer
  ];

  it('judges every line as the referral form would, and the preview writes nothing', async () => {
    const uploaded = await imports.upload(referent, listCsv(crafted), 'liste-rsa.csv');
    expect(uploaded.status).toBe(201);
    await choose(uploaded.body.id!);
    const before = await counts();
    const seen = await imports.get(referent, uploaded.body.id!);
    const after = await counts();
    // Nothing but the access log: one lookup per line matched to a known person (lines 3, 4, 5).
    expect({ ...after, audit_entry: 0 }).toEqual({ ...before, audit_entry: 0 });

    const lines = byLine(seen.preview!.lines);
    const verdicts = Object.fromEntries(Object.entries(lines).map(([line, judged]) => [line, [judged.verdict, ...judged.problems.map((problem) => problem.code)]]));
    expect(verdicts).toEqual({
      2: ['TO_REFER'],
      3: ['ALREADY_IN_PATHWAY'],
      4: ['ALREADY_IN_PATHWAY'],
      5: ['TO_REFER'],
      6: ['NOT_ELIGIBLE', 'OUTSIDE_TERRITORY'],
      7: ['NOT_ELIGIBLE', 'NO_RSA_NOR_BARRIER'],
      8: ['NOT_ELIGIBLE', 'NO_RSA_NOR_BARRIER'],
      9: ['IN_ERROR', 'UNREADABLE_VALUE'],
      10: ['IN_ERROR', 'UNREADABLE_VALUE'],
      11: ['DUPLICATE_IN_FILE', 'DUPLICATE_IN_FILE'],
      12: ['IN_ERROR', 'IDENTITY_CONFLICT'],
      13: ['TO_REFER'],
    });
    // The referent's own pathway is a link; another's, nothing identifying.
    expect([lines[3].pathwayId, lines[4].pathwayId]).toEqual([known.mine, null]);
    expect([lines[5].knownBefore, lines[2].knownBefore]).toEqual([true, false]);
    expect(lines[9].problems[0]).toMatchObject({ field: 'BIRTH_DATE', message: expect.stringContaining('31/02/1986') });
    expect(seen.preview!.counts).toEqual({ total: 12, toRefer: 3, alreadyInPathway: 2, notEligible: 3, inError: 3, duplicates: 1, referred: 0 });
    expect(after.audit_entry - before.audit_entry).toBe(3);
  });

  it('refers the lines to refer, each as the form would, tells the managers once, and leaves one refusal per ineligible line', async () => {
    const refusedBefore = await count('refused_referral');
    const pathwaysBefore = await count('pathway');
    const uploaded = await imports.upload(referent, listCsv(crafted), 'liste-rsa.csv');
    await choose(uploaded.body.id!);
    const confirmed = await imports.confirm(referent, uploaded.body.id!);
    expect(confirmed.userErrors).toEqual([]);
    const done = await imports.done(referent, uploaded.body.id!);
    expect(done.counts).toMatchObject({ referred: 3, notEligible: 3, alreadyInPathway: 2, inError: 3, duplicates: 1 });
    expect(await count('pathway')).toBe(pathwaysBefore + 3);
    expect(await count('refused_referral')).toBe(refusedBefore + 3);
    const referred = done.preview!.lines.filter((line) => line.verdict === 'REFERRED');
    expect(referred.map((line) => line.line)).toEqual([2, 5, 13]);
    // The history names the import; the referent is the uploader.
    const history = await t.api.data<{ pathway: { referent: { id: string }; history: { type: string; reason: string | null; comment: string | null }[] } }>(
      'query ($id: ID!) { pathway(id: $id) { referent { id } history { type reason comment } } }',
      { id: referred[0].pathwayId },
      { token: referent.token },
    );
    expect(history.pathway.referent.id).toBe(referent.id);
    expect(history.pathway.history[0]).toEqual({ type: 'ParticipantReferred', reason: 'IMPORT', comment: 'liste-rsa.csv' });
    // One notice per manager for the whole import.
    const notices = await t.api.data<{ myNotifications: { edges: { node: { kind: string; itemId: string } }[] } }>('{ myNotifications(first: 50) { edges { node { kind itemId } } } }', {}, { token: manager.token });
    expect(notices.myNotifications.edges.filter((edge) => edge.node.itemId === uploaded.body.id)).toHaveLength(1);
    // The file's cells are gone; the result stays, as a CSV.
    const cells = await t.orm.em.fork().getConnection().execute(`select cells from referral_import where id = '${uploaded.body.id}'`);
    expect(cells[0].cells).toBeNull();
    const csv = (await imports.result(referent, uploaded.body.id!))!;
    expect(csv.split('\r\n')[0]).toBe('\ufeffLigne;Résultat;Déjà accompagné(e);Problèmes;Parcours');
    expect(csv).toContain(`2;Orienté(e);;;/parcours/${referred[0].pathwayId}`);
    expect(csv).toContain('5;Orienté(e);oui;;');
    // In the access log: who uploaded it and how many lines, who confirmed it and its counts, and the referrals as the import's.
    const log = await t.orm.em.fork().getConnection().execute(`select operation, user_id, fields, object_type from audit_entry where object_id = '${uploaded.body.id}' order by id`);
    expect(log.map((entry: Record<string, string>) => [entry.operation, entry.user_id, entry.fields])).toEqual([
      ['POST /imports/referrals', referent.id, 'lines=12,format=CSV'],
      ['mutation confirmReferralImport', referent.id, 'toRefer=3,alreadyInPathway=2,notEligible=3,inError=3,duplicates=1,referred=0'],
    ]);
    const [{ n }] = await t.orm.em.fork().getConnection().execute(`select count(*) as n from audit_entry where operation = 'referral import' and participant_id is not null`);
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('refers nobody twice when the same file comes again, and counts each refusal once', async () => {
    const [refusedBefore, pathwaysBefore] = [await count('refused_referral'), await count('pathway')];
    const uploaded = await imports.upload(referent, listCsv(crafted), 'liste-rsa-bis.csv');
    await choose(uploaded.body.id!);
    const preview = await imports.get(referent, uploaded.body.id!);
    expect(preview.preview!.counts).toMatchObject({ toRefer: 0, alreadyInPathway: 5 });
    await imports.confirm(referent, uploaded.body.id!);
    const done = await imports.done(referent, uploaded.body.id!);
    expect(done.counts).toMatchObject({ referred: 0, notEligible: 3 });
    expect([await count('pathway'), await count('refused_referral')]).toEqual([pathwaysBefore, refusedBefore]);
  });

  it("takes a person's lines of a result with their erasure", async () => {
    const uploaded = await imports.upload(referent, listCsv([{ nom: 'Effacée', prenom: 'Rose', naissance: '03/03/1973' }]), 'effacer.csv');
    await choose(uploaded.body.id!);
    await imports.confirm(referent, uploaded.body.id!);
    const [line] = (await imports.done(referent, uploaded.body.id!)).preview!.lines;
    const { pathway } = await t.api.data<{ pathway: { participant: { id: string } } }>('query ($id: ID!) { pathway(id: $id) { participant { id } } }', { id: line.pathwayId }, { token: referent.token });
    await journey.mutate(referent, 'withdrawReferral', 'WithdrawReferralInput', { pathwayId: line.pathwayId, reason: 'Erreur' });
    const erased = await t.api.data<{ eraseParticipant: { userErrors: { code: string }[] } }>(
      'mutation ($input: EraseParticipantInput!) { eraseParticipant(input: $input) { userErrors { code } } }',
      { input: { participantId: pathway.participant.id, reason: 'Demande de la personne' } },
      { token: administrator.token },
    );
    expect(erased.eraseParticipant.userErrors).toEqual([]);
    expect((await imports.get(referent, uploaded.body.id!)).preview!.lines).toEqual([]);
  });

  it('shows an import to its uploader and ADMIN only', async () => {
    const uploaded = await imports.upload(referent, listCsv(crafted.slice(0, 2)), 'mine.csv');
    const id = uploaded.body.id!;
    for (const other of [colleague, stranger]) {
      const answer = await t.api.request('query ($id: ID!) { referralImport(id: $id) { id resultCsv } }', { id }, { token: other.token });
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await imports.confirm(other, id)).userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    }
    const forbidden = await t.api.request('query ($id: ID!) { referralImport(id: $id) { id } }', { id }, { token: counsellor.token });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await imports.get(administrator, id, false)).id).toBe(id);
    const listed = await t.api.data<{ referralImports: { id: string }[] }>('{ referralImports { id } }', {}, { token: stranger.token });
    expect(listed.referralImports.map((item) => item.id)).not.toContain(id);
  });

  it('lets an ADMIN import for a named referent, who becomes the referent', async () => {
    const uploaded = await imports.upload(administrator, listCsv([{ nom: 'Admin', prenom: 'Pour', naissance: '09/09/1989' }]), 'admin.csv', { referentId: colleague.id });
    expect(uploaded.status).toBe(201);
    await choose(uploaded.body.id!, administrator);
    await imports.confirm(administrator, uploaded.body.id!);
    const done = await imports.done(administrator, uploaded.body.id!);
    const pathway = await t.api.data<{ pathway: { referent: { id: string } } }>('query ($id: ID!) { pathway(id: $id) { referent { id } } }', { id: done.preview!.lines[0].pathwayId }, { token: colleague.token });
    expect(pathway.pathway.referent.id).toBe(colleague.id);
    // Without a referent named, or naming someone who is not one: NOT_FOUND, nothing kept.
    const importsBefore = await count('referral_import');
    expect((await imports.upload(administrator, listCsv(crafted), 'x.csv')).body.code).toBe('NOT_FOUND');
    expect((await imports.upload(administrator, listCsv(crafted), 'x.csv', { referentId: manager.id })).body.code).toBe('NOT_FOUND');
    expect(await count('referral_import')).toBe(importsBefore);
  });

  it('remembers the mapping for the organisation, and refuses to import while a column or a choice is missing', async () => {
    const headers = ['Patronyme', 'Prénom', 'Né(e) le', 'Adresse', 'Ville', 'RSA'];
    const csv = `${headers.join(';')}\r\nZola;Émile;02/04/1980;1 rue Zola;Saint-Chamond;socle\r\n`;
    const first = await imports.upload(referent, csv, 'zola.csv');
    let seen = await imports.get(referent, first.body.id!);
    expect(seen.missingColumns).toEqual(['LAST_NAME']);
    expect((await imports.confirm(referent, first.body.id!)).userErrors.map((error) => error.code)).toEqual(['MISSING_COLUMN']);
    expect((await imports.update(referent, first.body.id!, { columns: [{ field: 'LAST_NAME', column: 1 }] })).userErrors.map((error) => error.code)).toEqual(['INVALID_MAPPING']);
    expect((await imports.update(referent, first.body.id!, { columns: [{ field: 'LAST_NAME', column: 0 }] })).userErrors).toEqual([]);
    seen = await imports.get(referent, first.body.id!);
    expect(seen.preview!.counts.toRefer).toBe(1);
    // The colleague of the same organisation gets the same mapping for the next file.
    const second = await imports.upload(colleague, csv, 'zola-2.csv');
    expect((await imports.get(colleague, second.body.id!, false)).missingColumns).toEqual([]);
    // Choices: a day in the future is refused, and so is a confirmation before the day is said.
    const third = await imports.upload(colleague, csv, 'zola-3.csv');
    await imports.update(colleague, third.body.id!, { choices: { operatorId: accounts.operatorId } });
    expect((await imports.update(colleague, third.body.id!, { choices: { informedOn: '2026-04-01' } })).userErrors.map((error) => error.code)).toEqual(['INVALID_IMPORT_CHOICE']);
    expect((await imports.confirm(colleague, third.body.id!)).userErrors.map((error) => error.code)).toEqual(['INVALID_IMPORT_CHOICE']);
    // Cancelled: the cells go, and it can no longer be confirmed.
    expect((await imports.cancel(colleague, third.body.id!)).referralImport!.status).toBe('CANCELLED');
    expect((await imports.confirm(colleague, third.body.id!)).userErrors.map((error) => error.code)).toEqual(['IMPORT_NOT_OPEN']);
  });

  it('leaves the other lines imported when one fails at import, and resumes after a stop where it was', async () => {
    const people: ListPerson[] = Array.from({ length: 30 }, (_, index) => ({ nom: `Reprise${String.fromCharCode(97 + (index % 26))}${index}`, prenom: 'Lina', naissance: `0${1 + (index % 9)}/03/1990` }));
    const uploaded = await imports.upload(referent, listCsv(people), 'reprise.csv');
    await choose(uploaded.body.id!);
    // This process is stopped: confirming records the lines but refers none yet.
    const runner = t.app.get(ImportRunner);
    await runner.stop();
    await imports.confirm(referent, uploaded.body.id!);
    expect((await imports.get(referent, uploaded.body.id!, false)).done).toBe(0);
    // Meanwhile the person of line 31 is referred by the form: that line fails at import, alone.
    await journey.refer(colleague, aPerson({ lastName: people[29].nom, firstNames: 'Lina', birthDate: '1990-03-03' }));
    const another = () => new ImportRunner(t.app.get(UnitOfWork), t.app.get(Clock), t.app.get(Territory), t.app.get(ReferralsService), t.app.get(StaffNotificationsService));
    // Another process takes it up once the stopped one's lease lapsed, stops half-way, and a third finishes it.
    t.clock.advance(11_000);
    const second = another();
    second.start(uploaded.body.id!);
    while ((await imports.get(referent, uploaded.body.id!, false)).done < 12) await new Promise((resolve) => setTimeout(resolve, 20));
    await second.stop();
    const halfway = (await imports.get(referent, uploaded.body.id!, false)).done;
    expect(halfway).toBeGreaterThanOrEqual(12);
    expect(halfway).toBeLessThan(30);
    t.clock.advance(11_000);
    await another().run(uploaded.body.id!);
    const done = await imports.done(referent, uploaded.body.id!);
    expect(done.counts).toMatchObject({ referred: 29, alreadyInPathway: 1 });
    expect(byLine(done.preview!.lines)[31]).toMatchObject({ verdict: 'ALREADY_IN_PATHWAY', problems: [expect.objectContaining({ code: 'OPEN_PATHWAY_EXISTS' })] });
    // Each person once.
    const [{ n }] = await t.orm.em.fork().getConnection().execute(`select count(*) as n from participant where last_name like 'Reprise%'`);
    expect(Number(n)).toBe(30);
  });

  it('purges unconfirmed previews after 7 days and results after 30', async () => {
    const uploaded = await imports.upload(referent, listCsv(crafted.slice(0, 1)), 'vieux.csv');
    t.clock.advance(8 * 86_400_000);
    const service = t.app.get(ReferralImportsService);
    const first = await service.purge();
    expect(first.expired).toBeGreaterThanOrEqual(1);
    const [row] = await t.orm.em.fork().getConnection().execute(`select status, cells from referral_import where id = '${uploaded.body.id}'`);
    expect([row.status, row.cells]).toEqual(['CANCELLED', null]);
    t.clock.advance(31 * 86_400_000);
    const second = await service.purge();
    expect(second.purged).toBeGreaterThanOrEqual(1);
    expect(await count('referral_import_line')).toBe(0);
    const [{ n }] = await t.orm.em.fork().getConnection().execute('select count(*) as n from refused_referral where dedupe_key is not null');
    expect(Number(n)).toBe(0);
  });
});
