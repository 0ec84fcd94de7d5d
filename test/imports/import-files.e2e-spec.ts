import { Workbook } from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { ImportsClient, LIST_HEADERS, listCsv, type ListPerson } from '../support/imports';
import { startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

const PEOPLE: ListPerson[] = [
  { nom: 'Élise', prenom: 'Françoise', naissance: '12/04/1985', adresse: '4 allée des Pêcheurs', commune: 'Saint-Étienne' },
  { nom: 'Garçon', prenom: 'Noël', naissance: '01/12/1979', adresse: "2 chemin de l'Étang", cp: '42400', commune: 'Saint-Chamond' },
];

/** A minimal ZIP holding one entry, deflated: what a workbook is made of, and what a bomb is made of. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/**
 * Issue 36, items 1 and 5: the files a referent may upload (CSV in UTF-8 or Windows-1252, ";" or
 * ",", an .xlsx workbook) read alike; every other file is refused with a French message naming the
 * problem, and nothing is kept.
 */
describe('import files', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let imports: ImportsClient;
  let referent: TestUser;

  beforeAll(async () => {
    ({ t, accounts } = await startJourneyApp());
    imports = new ImportsClient(t.api, t.url);
    referent = await accounts.user('REFERENT');
  });
  afterAll(() => t.close());

  const kept = async () => Number((await t.orm.em.fork().getConnection().execute('select count(*) as n from referral_import'))[0].n);
  const namesOf = async (id: string) => (await imports.get(referent, id)).preview!.lines.map((line) => [line.name, line.verdict]);

  it('reads a UTF-8 CSV, a Windows-1252 CSV with "," and an .xlsx workbook alike', async () => {
    await imports.update(referent, (await imports.upload(referent, listCsv(PEOPLE))).body.id!, { choices: { operatorId: accounts.operatorId, informedOn: '2026-03-02' } });
    const utf8 = await imports.upload(referent, `\ufeff${listCsv(PEOPLE)}`, 'utf8.csv');
    const windows = await imports.upload(referent, Buffer.from(listCsv(PEOPLE).replace(/;/g, ','), 'latin1'), 'windows.csv');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Liste');
    sheet.addRow(LIST_HEADERS);
    for (const person of PEOPLE) {
      const [day, month, year] = person.naissance.split('/').map(Number);
      // A real date cell, and the RSA as a formula whose last result the file keeps: read, never computed.
      sheet.addRow([person.nom, person.prenom, new Date(Date.UTC(year, month - 1, day)), person.adresse, person.cp ?? '42000', person.commune, { formula: 'LOWER("SOCLE")', result: 'socle' }, '', '', '']);
    }
    const xlsx = await imports.upload(referent, Buffer.from(await workbook.xlsx.writeBuffer()), 'liste.xlsx');
    expect([utf8.status, windows.status, xlsx.status]).toEqual([201, 201, 201]);
    const expected = [['Élise Françoise', 'TO_REFER'], ['Garçon Noël', 'TO_REFER']];
    expect(await namesOf(utf8.body.id!)).toEqual(expected);
    expect(await namesOf(windows.body.id!)).toEqual(expected);
    expect(await namesOf(xlsx.body.id!)).toEqual(expected);
  });

  it('takes a cell starting with "=" as text: a name, never a formula', async () => {
    const answer = await imports.upload(referent, listCsv([{ nom: '=HYPERLINK("http://x")', prenom: 'Formule', naissance: '01/01/1980' }]), 'formule.csv');
    const [line] = (await imports.get(referent, answer.body.id!)).preview!.lines;
    expect(line.name).toBe('=HYPERLINK("http://x") Formule');
  });

  const refusals: [string, () => Buffer | string, string, RegExp][] = [
    ['an image', () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'FILE_NOT_SUPPORTED', /ni un fichier CSV ni un classeur/],
    ['a workbook protected by a password', () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 1)]), 'FILE_PROTECTED', /protégé par un mot de passe/],
    ['a corrupt workbook', () => Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 7)]), 'FILE_CORRUPT', /ne s’ouvre pas/],
    ['a compressed bomb', () => zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(120 * 1024 * 1024)), 'FILE_TOO_LARGE', /Décompressé/],
    ['a file too large', () => Buffer.alloc(5 * 1024 * 1024 + 10, 'a'), 'FILE_TOO_LARGE', /au plus 5 Mo/],
    ['too many lines', () => listCsv(Array.from({ length: 5_001 }, (_, index) => ({ nom: `N${index}`, prenom: 'P', naissance: '01/01/1980' }))), 'TOO_MANY_LINES', /5\s001 lignes/],
    ['an unreadable encoding', () => Buffer.from('Nom;Prénom\r\nA\u0001;B\r\n', 'utf8'), 'UNREADABLE_ENCODING', /ne se lisent pas/],
    ['an unclosed quote', () => 'Nom;Prénom\r\n"Dupont;Anne\r\n', 'FILE_CORRUPT', /guillemet/],
    ['headers alone', () => `${LIST_HEADERS.join(';')}\r\n`, 'FILE_EMPTY', /aucune ligne/],
  ];
  it.each(refusals)('refuses %s with its French message, keeping nothing', async (_name, file, code, message) => {
    const before = await kept();
    const answer = await imports.upload(referent, file(), 'fichier');
    expect([answer.status, answer.body.code]).toEqual([400, code]);
    expect(answer.body.message).toMatch(message);
    expect(await kept()).toBe(before);
  });

  it('refuses a file far over the limit before reading it, and an upload without a token', async () => {
    const huge = await imports.upload(referent, Buffer.alloc(7 * 1024 * 1024, 'a'), 'gros.csv');
    expect(huge.status).toBe(413);
    const anonymous = await fetch(`${t.url}/imports/referrals?fileName=x.csv`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: listCsv(PEOPLE) });
    expect(anonymous.status).toBe(401);
  });
});
