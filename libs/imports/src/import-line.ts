import { isLocalDate, type LocalDate } from '@parcours/core';
import { BarrierTheme, EducationLevel, RsaStatus, Sex, type ParticipantDetails } from '@parcours/participants';
import type { ReferralAsked } from '@parcours/pathways';
import type { Territory } from '@parcours/territory';
import { headerKey, ImportField, type ImportMapping } from './import-columns';
import type { ImportsErrorCode } from './imports-error';

/** What the referent chooses once for the whole import: what a list does not say. */
export interface ImportChoices {
  operatorId: string | null;
  /** The day the people were told how Parcours processes their data. */
  informedOn: LocalDate | null;
  educationLevel: EducationLevel;
  /** For a line that says nothing of the RSA (no column, or an empty cell). */
  rsaStatus: RsaStatus;
  /** For a line without a France Travail identifier: registered or not, and why not. */
  franceTravailRegistered: boolean;
  franceTravailMissingReason: string | null;
}

export const DEFAULT_CHOICES: ImportChoices = {
  operatorId: null,
  informedOn: null,
  educationLevel: EducationLevel.UNKNOWN,
  rsaStatus: RsaStatus.NONE,
  franceTravailRegistered: false,
  franceTravailMissingReason: 'Non indiqué dans la liste importée',
};

/** One problem of a line, in French, with the field at fault when there is one. */
export interface LineProblem {
  code: ImportsErrorCode | string;
  message: string;
  field: ImportField | null;
}

export interface ReadLine {
  /** The referral the line asks for, when its values could all be read. */
  asked: ReferralAsked | null;
  problems: LineProblem[];
  /** As written in the file, for the preview ("Nom Prénom"). */
  name: string;
}

const LIMITS: Partial<Record<ImportField, number>> = { LAST_NAME: 100, FIRST_NAMES: 200, ADDRESS: 300, EMAIL: 254, FRANCE_TRAVAIL_ID: 20, PHONE: 30 };

/** The French name of each field, as the console and the result file say it. */
export const FIELD_LABELS: Record<ImportField, string> = {
  LAST_NAME: 'Nom',
  FIRST_NAMES: 'Prénom(s)',
  BIRTH_DATE: 'Date de naissance',
  SEX: 'Sexe',
  PHONE: 'Téléphone',
  EMAIL: 'E-mail',
  ADDRESS: 'Adresse',
  POSTAL_CODE: 'Code postal',
  COMMUNE: 'Commune',
  COMMUNE_CODE: 'Code INSEE',
  RSA_STATUS: 'Situation RSA',
  FRANCE_TRAVAIL_ID: 'N° France Travail',
  BARRIERS: 'Freins',
  EDUCATION_LEVEL: 'Niveau de formation',
};

/** Reads one line of a file as the referral it asks for: every value it cannot read is a problem naming its column. */
export function readLine(cells: readonly string[], mapping: ImportMapping, choices: ImportChoices, territory: Territory, today: LocalDate): ReadLine {
  const problems: LineProblem[] = [];
  const value = (field: ImportField): string => {
    const index = mapping[field];
    return index === null ? '' : (cells[index] ?? '').trim();
  };
  const problem = (field: ImportField, code: ImportsErrorCode, message: string) => problems.push({ code, message, field });
  const required = (field: ImportField): string => {
    const text = value(field);
    if (!text) problem(field, 'VALUE_REQUIRED', `${FIELD_LABELS[field]} : la case est vide.`);
    return text;
  };
  for (const [field, limit] of Object.entries(LIMITS) as [ImportField, number][]) {
    if (value(field).length > limit) problem(field, 'UNREADABLE_VALUE', `${FIELD_LABELS[field]} : plus de ${limit} caractères.`);
  }

  const lastName = required(ImportField.LAST_NAME);
  const firstNames = required(ImportField.FIRST_NAMES);
  const addressLine = required(ImportField.ADDRESS);
  const birthText = required(ImportField.BIRTH_DATE);
  const birthDate = birthText ? readDay(birthText) : null;
  if (birthText && !birthDate) problem(ImportField.BIRTH_DATE, 'UNREADABLE_VALUE', `Date de naissance : « ${birthText} » n’est pas une date (JJ/MM/AAAA).`);

  const sexText = value(ImportField.SEX);
  const sex = sexText ? readSex(sexText) : null;
  if (sexText && sex === undefined) problem(ImportField.SEX, 'UNREADABLE_VALUE', `Sexe : « ${sexText} » n’est ni F ni H.`);

  const email = value(ImportField.EMAIL) || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problem(ImportField.EMAIL, 'UNREADABLE_VALUE', `E-mail : « ${email} » n’est pas une adresse.`);

  const postalText = value(ImportField.POSTAL_CODE).replace(/\s/g, '');
  const postal = postalText ? (/^\d{4,5}$/.test(postalText) ? postalText.padStart(5, '0') : null) : null;
  if (postalText && !postal) problem(ImportField.POSTAL_CODE, 'UNREADABLE_VALUE', `Code postal : « ${postalText} » n’a pas cinq chiffres.`);
  const inseeText = value(ImportField.COMMUNE_CODE).replace(/\s/g, '');
  const communeName = value(ImportField.COMMUNE);
  const commune = territory.find({ inseeCode: inseeText ? inseeText.padStart(5, '0') : null, name: communeName || null, postalCode: postal });
  if (!commune && (inseeText || communeName || postal)) {
    const said = [inseeText, communeName, postalText].filter(Boolean).join(' ');
    problem(inseeText ? ImportField.COMMUNE_CODE : ImportField.COMMUNE, 'UNREADABLE_VALUE', `Commune : « ${said} » ne désigne pas une commune, ou en désigne plusieurs (ajoutez le code postal).`);
  } else if (!commune) problem(ImportField.COMMUNE, 'VALUE_REQUIRED', 'Commune : la case est vide.');

  const rsaText = value(ImportField.RSA_STATUS);
  const rsaStatus = rsaText ? readRsa(rsaText) : choices.rsaStatus;
  if (!rsaStatus) problem(ImportField.RSA_STATUS, 'UNREADABLE_VALUE', `Situation RSA : « ${rsaText} » ne se lit pas (socle, socle + activité, non).`);

  const educationText = value(ImportField.EDUCATION_LEVEL);
  const educationLevel = educationText ? readEducation(educationText) : choices.educationLevel;
  if (!educationLevel) problem(ImportField.EDUCATION_LEVEL, 'UNREADABLE_VALUE', `Niveau de formation : « ${educationText} » ne se lit pas (aucun, 3 à 8).`);

  const barriers = readBarriers(value(ImportField.BARRIERS));
  if (barriers.unread.length > 0) problem(ImportField.BARRIERS, 'UNREADABLE_VALUE', `Freins : « ${barriers.unread.join(', ')} » ne se lit pas.`);

  const franceTravailId = value(ImportField.FRANCE_TRAVAIL_ID).replace(/\s/g, '') || null;
  const name = [lastName, firstNames].filter(Boolean).join(' ');
  if (problems.length > 0 || !birthDate || !commune || !rsaStatus || !educationLevel || sex === undefined) return { asked: null, problems, name };

  const person: ParticipantDetails = {
    lastName,
    firstNames,
    birthDate,
    sex,
    phone: value(ImportField.PHONE) || null,
    email,
    addressLine,
    postalCode: postal ?? commune.postalCodes[0] ?? '00000',
    communeCode: commune.inseeCode,
    rsaStatus,
    franceTravailRegistered: franceTravailId !== null || choices.franceTravailRegistered,
    franceTravailId,
    franceTravailMissingReason: franceTravailId !== null || choices.franceTravailRegistered ? null : choices.franceTravailMissingReason,
    educationLevel,
    // The day chosen for the import (until it is, the preview judges as if it were today; the import waits for it).
    informedOn: choices.informedOn ?? today,
  };
  // No JUSTICE barrier is ever imported (it needs a written justification, given in the form only); no consent to messages either.
  return { asked: { person, barriers: barriers.themes, justiceJustification: null, messageConsent: [] }, problems, name };
}

/** A day as lists write it: 31/12/1980, 31-12-1980, 31.12.1980, 1980-12-31 (a two-digit year is not read: 1920 or 2020?). */
export function readDay(text: string): LocalDate | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : null;
  if (!parts) return null;
  const [year, month, day] = parts;
  const candidate = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isLocalDate(candidate) ? candidate : null;
}

function readSex(text: string): Sex | null | undefined {
  const key = headerKey(text);
  if (['f', 'femme', 'feminin', 'mme', 'madame', 'mlle', '2'].includes(key)) return Sex.FEMALE;
  if (['h', 'm', 'homme', 'masculin', 'monsieur', 'mr', '1'].includes(key)) return Sex.MALE;
  return undefined;
}

function readRsa(text: string): RsaStatus | null {
  const key = headerKey(text);
  if (/activite/.test(key)) return RsaStatus.SOCLE_ACTIVITE;
  if (/socle|majore|^(oui|o|x|1|rsa|beneficiaire|droit ouvert|ouvert)$/.test(key)) return RsaStatus.SOCLE;
  if (/^(non|n|0|aucun|sans|sans rsa|pas de rsa|clos|ferme|suspendu)$/.test(key)) return RsaStatus.NONE;
  return null;
}

function readEducation(text: string): EducationLevel | null {
  const key = headerKey(text);
  if (/^(aucun|sans diplome|sans|non|niveau 1|niveau 2|1|2)$/.test(key)) return EducationLevel.NONE;
  if (/^(inconnu|non renseigne|nr|ne sait pas)$/.test(key)) return EducationLevel.UNKNOWN;
  const level = /^(?:niveau )?([3-8])$/.exec(key)?.[1];
  return level ? (`LEVEL_${level}` as EducationLevel) : null;
}

/** French names of the barrier themes, as lists write them; JUSTICE is never imported. */
const BARRIER_NAMES: [RegExp, BarrierTheme | null][] = [
  [/mobilit|transport|permis/, BarrierTheme.MOBILITY],
  [/famil|garde|enfant/, BarrierTheme.FAMILY_CONSTRAINTS],
  [/sante|handicap/, BarrierTheme.HEALTH],
  [/langue|francais|savoirs|illettr|fle/, BarrierTheme.LANGUAGE_BASIC_SKILLS],
  [/logement|hebergement/, BarrierTheme.HOUSING],
  [/financ|budget|dette|endettement/, BarrierTheme.FINANCIAL],
  [/administr|juridique|droits/, BarrierTheme.ADMINISTRATIVE_LEGAL],
  [/numerique|informatique|internet/, BarrierTheme.DIGITAL],
  [/justice|judiciaire|spip/, null],
];

function readBarriers(text: string): { themes: BarrierTheme[]; unread: string[] } {
  const themes = new Set<BarrierTheme>();
  const unread: string[] = [];
  for (const part of text.split(/[,;/+|]/).map((item) => item.trim()).filter(Boolean)) {
    const key = headerKey(part);
    if (/^(aucun|non|sans|0)$/.test(key)) continue;
    const found = BARRIER_NAMES.find(([pattern]) => pattern.test(key));
    if (!found) unread.push(part);
    else if (found[1]) themes.add(found[1]);
  }
  return { themes: [...themes], unread };
}
