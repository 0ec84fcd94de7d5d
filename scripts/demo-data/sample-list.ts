import { RsaStatus, type ParticipantDetails } from '@parcours/participants';
import type { Territory } from '@parcours/territory';
import { Chance, fictionalPerson, territoryCommunes } from './fiction';

/** A person already in Parcours, as a list would name them. */
export type KnownPerson = Pick<ParticipantDetails, 'lastName' | 'firstNames' | 'birthDate' | 'addressLine' | 'postalCode' | 'communeCode'>;

/** The headers of the sample lists: the usual French ones, but "Patronyme", which the console does not know (the referent matches it once). */
export const SAMPLE_HEADERS = ['Patronyme', 'Prénom', 'Date de naissance', 'Adresse', 'Code postal', 'Commune', 'Situation RSA', 'Téléphone'];

export interface SampleListSpec {
  seed: number;
  /** The day the fictional people's ages are counted from. */
  on: string;
  /** New people, eligible (RSA socle or socle + activité, in the territory). */
  fresh: number;
  /** People already in Parcours, each once. */
  known: readonly KnownPerson[];
  /** Half outside the territory (Lyon), half without RSA (and no barrier column). */
  ineligible: number;
  /** A birth date that does not exist. */
  errors: number;
}

/**
 * A referent's list as a CSV text (";", CRLF, UTF-8 with its mark, as Excel saves "CSV UTF-8"),
 * its lines shuffled: what the demo offers to import and what bench:import times.
 */
export function sampleList(territory: Territory, spec: SampleListSpec): string {
  const chance = new Chance(spec.seed);
  const communes = territoryCommunes(territory);
  const taken = new Set<string>();
  const name = (code: string) => territory.commune(code)?.name ?? '';
  const frenchDay = (iso: string) => iso.split('-').reverse().join('/');
  const row = (person: KnownPerson, rsa: string, phone = '') => [person.lastName, person.firstNames, frenchDay(person.birthDate), person.addressLine, person.postalCode, name(person.communeCode), rsa, phone];
  const rows: string[][] = [];
  const fictional = () => fictionalPerson(chance, communes, spec.on, taken);
  for (let i = 0; i < spec.fresh; i++) {
    const person = fictional();
    rows.push(row(person, person.rsaStatus === RsaStatus.SOCLE_ACTIVITE ? 'Socle + activité' : 'Socle', person.phone ?? ''));
  }
  for (const person of spec.known) rows.push(row(person, 'Socle'));
  for (let i = 0; i < spec.ineligible; i++) {
    const person = fictional();
    rows.push(i % 2 === 0 ? [person.lastName, person.firstNames, frenchDay(person.birthDate), person.addressLine, '69001', 'Lyon', 'Socle', ''] : row(person, 'Non'));
  }
  for (let i = 0; i < spec.errors; i++) {
    const person = fictional();
    rows.push([...row(person, 'Socle').slice(0, 2), '31/02/1980', ...row(person, 'Socle').slice(3)]);
  }
  const shuffled = chance.faker.helpers.shuffle(rows);
  const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `\ufeff${[SAMPLE_HEADERS, ...shuffled].map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
}
