import { DomainError, isLocalDate, type LocalDate, type Problem } from '@parcours/core';
import { BarrierTheme, MessageChannel, Participant, readPhone, type ParticipantDetails } from '@parcours/participants';
import type { Territory } from '@parcours/territory';
import type { ScopedReads } from '@parcours/unit-of-work';
import { PathwaysError } from './pathways-error';

/**
 * The rules a person's details must meet, whether given at referral or corrected later: real
 * dates not in the future, a known commune, a reason when not registered at France Travail.
 */
/**
 * Every problem of a person's details at once, each beside its field (none: they are fit to keep).
 * A phone number must be a valid one (French unless it says its country), except the value already
 * stored, kept as typed from before numbers were checked (`storedPhone`: "à vérifier").
 */
export function personProblems(details: ParticipantDetails, today: LocalDate, territory: Territory, path: string[], storedPhone: string | null = null): Problem[] {
  const field = (name: string) => [...path, name];
  const problems: Problem[] = [];
  const phone = details.phone?.trim() || null;
  if (phone !== null && phone !== storedPhone && !readPhone(phone)) {
    problems.push({ code: 'INVALID_PHONE', message: 'This is no valid phone number: ten digits for a French one (06 12 34 56 78), or the country code first (+32 …).', field: field('phone') });
  }
  if (!isLocalDate(details.birthDate) || details.birthDate > today || details.birthDate < '1900-01-01') {
    problems.push({ code: 'INVALID_DATE', message: 'The birth date must be a real day, after 1900 and not in the future.', field: field('birthDate') });
  }
  if (!isLocalDate(details.informedOn) || details.informedOn > today) {
    problems.push({ code: 'INVALID_DATE', message: 'The day the person was informed cannot be in the future.', field: field('informedOn') });
  }
  if (!territory.commune(details.communeCode)) {
    problems.push({ code: 'UNKNOWN_COMMUNE', message: `No commune has the INSEE code ${details.communeCode}.`, field: field('communeCode') });
  }
  if (!details.franceTravailRegistered && !details.franceTravailMissingReason?.trim()) {
    problems.push({ code: 'REASON_REQUIRED', message: 'Say why the person is not registered at France Travail.', field: field('franceTravailMissingReason') });
  }
  return problems;
}

/** A person's details as kept (trimmed, normalised), once `personProblems` found nothing; otherwise every problem at once. */
export function checkPersonDetails(details: ParticipantDetails, today: LocalDate, territory: Territory, path: string[], storedPhone: string | null = null): ParticipantDetails {
  const problems = personProblems(details, today, territory, path, storedPhone);
  if (problems.length > 0) throw DomainError.all(problems);
  return normalisedPerson(details);
}

export function normalisedPerson(details: ParticipantDetails): ParticipantDetails {
  const missingReason = details.franceTravailMissingReason?.trim() || null;
  return {
    ...details,
    lastName: details.lastName.trim(),
    firstNames: details.firstNames.trim().replace(/\s+/g, ' '),
    email: details.email?.trim().toLowerCase() || null,
    // In E.164 (+33612345678); a value stored before numbers were checked stays as typed.
    phone: phoneKept(details.phone),
    franceTravailId: details.franceTravailRegistered ? details.franceTravailId?.trim().toUpperCase() || null : null,
    franceTravailMissingReason: details.franceTravailRegistered ? null : missingReason,
  };
}

function phoneKept(typed: string | null | undefined): string | null {
  const phone = typed?.trim() || null;
  return phone === null ? null : (readPhone(phone)?.e164 ?? phone);
}

/** Consent to messages needs somewhere to send them: a mobile for SMS, an address for e-mail. */
export function consentProblems(channels: readonly MessageChannel[], contact: { phone: string | null; email: string | null }, field: string[]): Problem[] {
  const problems: Problem[] = [];
  const phone = contact.phone ? readPhone(contact.phone) : null;
  if (channels.includes(MessageChannel.SMS) && !phone?.mobile) {
    problems.push({ code: 'SMS_NEEDS_MOBILE', message: 'Consent to SMS needs a mobile number, checked: give one first.', field });
  }
  if (channels.includes(MessageChannel.EMAIL) && !contact.email?.trim()) {
    problems.push({ code: 'CONSENT_NEEDS_EMAIL', message: 'Consent to e-mails needs an e-mail address: give one first.', field });
  }
  return problems;
}

/** The JUSTICE barrier declared without its written justification, if so. */
export function barrierProblems(barriers: BarrierTheme[], justification: string | null | undefined, path: string[]): Problem[] {
  return barriers.includes(BarrierTheme.JUSTICE) && !justification?.trim()
    ? [{ code: 'JUSTIFICATION_REQUIRED', message: 'Declaring the JUSTICE barrier needs a written justification.', field: [...path, 'justiceJustification'] }]
    : [];
}

/** Barrier themes declared at referral: each once; JUSTICE only with a written justification. */
export function checkBarriers(barriers: BarrierTheme[], justification: string | null | undefined, path: string[]): { barriers: BarrierTheme[]; justiceJustification: string | null } {
  const problems = barrierProblems(barriers, justification, path);
  if (problems.length > 0) throw DomainError.all(problems);
  const themes = [...new Set(barriers)];
  // Collect the minimum: a justification without the JUSTICE barrier is not kept.
  return { barriers: themes, justiceJustification: themes.includes(BarrierTheme.JUSTICE) ? justification!.trim() : null };
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
