import type { AppConfig } from '@parcours/config';
import { Territory } from '@parcours/territory';
import { guessMapping, headerKey, ImportField, missingFields } from './import-columns';
import { DEFAULT_CHOICES, readDay, readLine } from './import-line';

const territory = new Territory({ journey: { territory: ['244200770'] } } as AppConfig);
const HEADERS = ['Nom', 'Prénom(s)', 'Né(e) le', 'Adresse', 'CP', 'Ville', 'Situation RSA', 'N° France Travail', 'Freins', 'Sexe', 'Courriel'];
const mapping = guessMapping(HEADERS);
const line = (cells: Partial<Record<number, string>>) => readLine(HEADERS.map((_, index) => cells[index] ?? ''), mapping, DEFAULT_CHOICES, territory, '2026-12-07');
const valid = { 0: 'Martin', 1: 'Léa Anne', 2: '12/04/1985', 3: '3 rue Michelet', 4: '42000', 5: 'Saint-Étienne', 6: 'Socle' };

describe('the columns of a list', () => {
  it('recognises the usual French headers, whatever their case, accents and punctuation', () => {
    expect(headerKey('  N° France-Travail ')).toBe('n france travail');
    expect(mapping).toMatchObject({ LAST_NAME: 0, FIRST_NAMES: 1, BIRTH_DATE: 2, ADDRESS: 3, POSTAL_CODE: 4, COMMUNE: 5, RSA_STATUS: 6, FRANCE_TRAVAIL_ID: 7, BARRIERS: 8, SEX: 9, EMAIL: 10, PHONE: null });
    expect(missingFields(mapping)).toEqual([]);
  });

  it('starts from what the organisation matched last time, and gives a column to one field only', () => {
    const remembered = guessMapping(['Patronyme', 'Prénom', 'Nom'], { LAST_NAME: 'patronyme' });
    expect([remembered.LAST_NAME, remembered.FIRST_NAMES]).toEqual([0, 1]);
    expect(Object.values(remembered).filter((column) => column === 2)).toEqual([]);
  });

  it('says what a mapping lacks: the needed fields, and a place', () => {
    expect(missingFields(guessMapping(['Nom', 'Prénom']))).toEqual([ImportField.BIRTH_DATE, ImportField.ADDRESS, ImportField.COMMUNE]);
    expect(missingFields(guessMapping(['Nom', 'Prénom', 'Date de naissance', 'Adresse', 'Code INSEE']))).toEqual([]);
  });
});

describe('a line of a list', () => {
  it('reads days as lists write them, and refuses the others', () => {
    expect(['31/12/1980', '1/2/1980', '31-12-1980', '31.12.1980', '1980-12-31', '1980-12-31T00:00:00'].map(readDay)).toEqual(['1980-12-31', '1980-02-01', '1980-12-31', '1980-12-31', '1980-12-31', '1980-12-31']);
    expect(['31/02/1980', '12/31/1980', '31/12/80', 'hier', ''].map(readDay)).toEqual([null, null, null, null, null]);
  });

  it('reads a valid line as the referral it asks for: the commune by name and postal code, no consent, no justice barrier', () => {
    const read = line({ ...valid, 8: 'Mobilité / logement + justice', 9: 'Mme', 7: ' 1234567a ' });
    expect(read.problems).toEqual([]);
    expect(read.asked).toMatchObject({
      person: { lastName: 'Martin', firstNames: 'Léa Anne', birthDate: '1985-04-12', communeCode: '42218', postalCode: '42000', rsaStatus: 'SOCLE', sex: 'FEMALE', franceTravailId: '1234567a', franceTravailRegistered: true, educationLevel: 'UNKNOWN' },
      barriers: ['MOBILITY', 'HOUSING'],
      justiceJustification: null,
      messageConsent: [],
    });
  });

  it('reads the RSA situations of the extracts, and uses the import\'s choice when the cell is empty', () => {
    const rsa = (text: string) => line({ ...valid, 6: text }).asked?.person.rsaStatus;
    expect(['Socle', 'RSA majoré', 'socle + activité', 'Activité seule', 'non', 'oui', ''].map(rsa)).toEqual(['SOCLE', 'SOCLE', 'SOCLE_ACTIVITE', 'SOCLE_ACTIVITE', 'NONE', 'SOCLE', 'NONE']);
  });

  it('names the column of every value it cannot read, all at once', () => {
    const read = line({ 0: 'Martin', 2: '31/02/1985', 3: '3 rue', 5: 'Nullepart', 6: 'peut-être', 8: 'courage', 9: 'X', 10: 'pas une adresse' });
    expect(read.asked).toBeNull();
    expect(read.problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['VALUE_REQUIRED', 'FIRST_NAMES'],
      ['UNREADABLE_VALUE', 'BIRTH_DATE'],
      ['UNREADABLE_VALUE', 'SEX'],
      ['UNREADABLE_VALUE', 'EMAIL'],
      ['UNREADABLE_VALUE', 'COMMUNE'],
      ['UNREADABLE_VALUE', 'RSA_STATUS'],
      ['UNREADABLE_VALUE', 'BARRIERS'],
    ]);
    expect(read.problems[1].message).toBe('Date de naissance : « 31/02/1985 » n’est pas une date (JJ/MM/AAAA).');
  });

  it('asks for the postal code when a commune name is shared, and takes the programme\'s own', () => {
    expect(line({ ...valid, 4: '', 5: 'Saint-Chamond' }).asked?.person.communeCode).toBe('42207');
    expect(line({ ...valid, 4: '69001', 5: 'Lyon' }).asked?.person.communeCode).toBe('69123');
  });
});
