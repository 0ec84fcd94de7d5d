import { isLocalDate, type LocalDate } from '@parcours/core';
import { BarrierTheme, Participant, type ParticipantDetails } from '@parcours/participants';
import type { Territory } from '@parcours/territory';
import type { ScopedReads } from '@parcours/unit-of-work';
import { PathwaysError } from './pathways-error';

/**
 * The rules a person's details must meet, whether given at referral or corrected later: real
 * dates not in the future, a known commune, a reason when not registered at France Travail.
 */
export function checkPersonDetails(details: ParticipantDetails, today: LocalDate, territory: Territory, path: string[]): ParticipantDetails {
  const field = (name: string) => [...path, name];
  if (!isLocalDate(details.birthDate) || details.birthDate > today || details.birthDate < '1900-01-01') {
    throw new PathwaysError('INVALID_DATE', 'The birth date must be a real day, after 1900 and not in the future.', field('birthDate'));
  }
  if (!isLocalDate(details.informedOn) || details.informedOn > today) {
    throw new PathwaysError('INVALID_DATE', 'The day the person was informed cannot be in the future.', field('informedOn'));
  }
  if (!territory.commune(details.communeCode)) {
    throw new PathwaysError('UNKNOWN_COMMUNE', `No commune has the INSEE code ${details.communeCode}.`, field('communeCode'));
  }
  const missingReason = details.franceTravailMissingReason?.trim() || null;
  if (!details.franceTravailRegistered && !missingReason) {
    throw new PathwaysError('REASON_REQUIRED', 'Say why the person is not registered at France Travail.', field('franceTravailMissingReason'));
  }
  return {
    ...details,
    lastName: details.lastName.trim(),
    firstNames: details.firstNames.trim().replace(/\s+/g, ' '),
    email: details.email?.trim().toLowerCase() || null,
    phone: details.phone?.trim() || null,
    franceTravailId: details.franceTravailRegistered ? details.franceTravailId?.trim().toUpperCase() || null : null,
    franceTravailMissingReason: details.franceTravailRegistered ? null : missingReason,
  };
}

/** Barrier themes declared at referral: each once; JUSTICE only with a written justification. */
export function checkBarriers(barriers: BarrierTheme[], justification: string | null | undefined, path: string[]): { barriers: BarrierTheme[]; justiceJustification: string | null } {
  const themes = [...new Set(barriers)];
  const text = justification?.trim() || null;
  if (themes.includes(BarrierTheme.JUSTICE) && !text) {
    throw new PathwaysError('JUSTIFICATION_REQUIRED', 'Declaring the JUSTICE barrier needs a written justification.', [...path, 'justiceJustification']);
  }
  // Collect the minimum: a justification without the JUSTICE barrier is not kept.
  return { barriers: themes, justiceJustification: themes.includes(BarrierTheme.JUSTICE) ? text : null };
}

/** A France Travail identifier already held by a person of another identity is never merged silently. */
export async function assertNoIdentityConflict(reads: ScopedReads, key: string, franceTravailId: string | null, except?: string): Promise<void> {
  if (!franceTravailId) return;
  // Across every scope: the identifier is anyone's, whether or not the caller may see them.
  const holder = await reads.system().findOne(Participant, { franceTravailId });
  if (holder && holder.identityKey !== key && holder.id !== except) {
    throw new PathwaysError(
      'IDENTITY_CONFLICT',
      'This France Travail identifier belongs to a person with another name or birth date: check the identity before going on.',
      ['input', 'person', 'franceTravailId'],
    );
  }
}
