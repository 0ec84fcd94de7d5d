import type { Problem } from '@parcours/core';
import { ImportField } from './import-columns';
import type { LineProblem } from './import-line';

/** The referral's own problems, said in French for the preview and the result file, with the column at fault. */
const MESSAGES: Record<string, string> = {
  INVALID_PHONE: 'Téléphone : ce numéro n’est pas valable.',
  INVALID_DATE: 'Date de naissance : un vrai jour, après 1900 et pas dans le futur.',
  UNKNOWN_COMMUNE: 'Commune inconnue.',
  REASON_REQUIRED: 'Pas d’identifiant France Travail : dites pour l’import pourquoi la personne n’est pas inscrite.',
  OUTSIDE_TERRITORY: 'Ne réside pas sur le territoire du dispositif.',
  NO_RSA_NOR_BARRIER: 'Ne perçoit pas le RSA et aucun frein n’est déclaré.',
  IDENTITY_CONFLICT: 'Cet identifiant France Travail appartient à une personne d’un autre nom ou d’une autre date de naissance : vérifiez l’identité.',
};

const FIELDS: Record<string, ImportField> = {
  phone: ImportField.PHONE,
  birthDate: ImportField.BIRTH_DATE,
  communeCode: ImportField.COMMUNE,
  franceTravailId: ImportField.FRANCE_TRAVAIL_ID,
  barriers: ImportField.BARRIERS,
};

export function referralMessage(problem: Problem): LineProblem {
  const name = problem.field?.[problem.field.length - 1] ?? '';
  const message = problem.code === 'INVALID_DATE' && name === 'informedOn' ? 'Le jour où les personnes ont été informées ne peut pas être dans le futur.' : (MESSAGES[problem.code] ?? problem.message);
  return { code: problem.code, message, field: FIELDS[name] ?? null };
}
