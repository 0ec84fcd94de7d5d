import type { Participant } from '@parcours/participants';
import type { Appointment, Diagnostic, Pathway, PathwayEvent, ReferralBarrier } from '@parcours/pathways';
import type { ReferentReport } from '@parcours/reports';

/**
 * WHERE A NEW FIELD ABOUT A PERSON IS DECLARED. Every property of every entity is listed here:
 * - `erase`: identifies the person or is a free text/sensitive detail; anonymisation replaces it,
 *   writes to it are audited, and the export contains it;
 * - `keep`: what the figures need and may survive without identity (codes, dates, links);
 * - entities about no participant list their properties under NOT_ABOUT_PARTICIPANTS.
 * A test walks the ORM's metadata and fails on any property missing here, and another checks that
 * anonymisation really empties every `erase` property.
 */
export const PERSONAL_DATA = {
  Participant: {
    subject: (entity: Participant) => entity.id,
    object: (entity: Participant) => entity.id,
    erase: ['lastName', 'firstNames', 'birthDate', 'phone', 'email', 'addressLine', 'postalCode', 'franceTravailId', 'franceTravailMissingReason', 'identityKey', 'searchName'],
    keep: ['id', 'sex', 'communeCode', 'rsaStatus', 'franceTravailRegistered', 'educationLevel', 'informedOn', 'createdAt', 'updatedAt', 'anonymisedAt'],
  },
  Pathway: {
    subject: (entity: Pathway) => entity.participant.id,
    object: (entity: Pathway) => entity.id,
    erase: ['justiceJustification', 'declineComment'],
    keep: [
      'id', 'participant', 'operator', 'referent', 'counsellor', 'status', 'openKey', 'referredAt', 'referredOn', 'referralCommuneCode',
      'ageAtReferral', 'referralRsaStatus', 'referralBarriers', 'eligibilityReasons', 'declineReason', 'acceptedAt', 'closedAt',
      'lastChangedAt', 'events', 'appointments', 'diagnostics',
    ],
  },
  PathwayEvent: {
    subject: (entity: PathwayEvent) => entity.pathway.getEntity().participant.id,
    // Events get their id on insert: they are named by their pathway.
    object: (entity: PathwayEvent) => entity.pathway.id,
    erase: ['comment', 'reason'],
    keep: ['id', 'pathway', 'kind', 'at', 'by', 'fromStatus', 'toStatus', 'details', 'reportKind', 'reportSummary', 'reportIsCorrection'],
  },
  Diagnostic: {
    subject: (entity: Diagnostic) => entity.pathway.getEntity().participant.id,
    object: (entity: Diagnostic) => entity.id,
    erase: ['notes', 'strengths', 'summary'],
    keep: [
      'id', 'pathway', 'appointment', 'recordedBy', 'assessments', 'targetJobs', 'contractTypes', 'workingTime', 'mobilityRadiusKm',
      'availableFrom', 'readiness', 'recordedAt', 'recordedOn', 'correctedAt',
    ],
  },
  ReferentReport: {
    subject: (entity: ReferentReport) => entity.pathway.getEntity().participant.id,
    object: (entity: ReferentReport) => entity.id,
    erase: ['counsellorSummary'],
    keep: ['id', 'pathway', 'referent', 'kind', 'correction', 'summary', 'eventAt', 'reportedOn', 'dueOn', 'acknowledgedAt'],
  },
  Appointment: {
    subject: (entity: Appointment) => entity.pathway.getEntity().participant.id,
    object: (entity: Appointment) => entity.id,
    erase: [],
    keep: ['id', 'pathway', 'counsellor', 'startsAt', 'channel', 'place', 'status', 'outcomeAt', 'createdAt'],
  },
  ReferralBarrier: {
    subject: (entity: ReferralBarrier) => entity.pathway.getEntity().participant.id,
    object: (entity: ReferralBarrier) => entity.pathway.id,
    erase: [],
    keep: ['id', 'pathway', 'theme'],
  },
} as const;

export const NOT_ABOUT_PARTICIPANTS: Record<string, readonly string[]> = {
  Organisation: ['id', 'name', 'nameKey', 'kind', 'createdAt', 'updatedAt'],
  User: ['id', 'organisation', 'role', 'email', 'emailKey', 'fullName', 'searchName', 'passwordHash', 'deactivatedAt', 'passwordChangedAt', 'createdAt', 'updatedAt'],
  Session: ['id', 'user', 'refreshTokenHash', 'refreshExpiresAt', 'createdAt', 'lastRefreshedAt', 'endedAt', 'endReason'],
  LoginFailure: ['id', 'key', 'failedAt'],
  RefusedReferral: ['id', 'referent', 'prescriber', 'operator', 'communeCode', 'refusedOn', 'unmetCodes', 'at'],
  AuditEntry: ['id', 'at', 'userId', 'role', 'organisationId', 'requestId', 'operation', 'action', 'participantId', 'objectType', 'objectId', 'fields', 'reason'],
};

export type PersonalEntityName = keyof typeof PERSONAL_DATA;

export function personalEntry(entityName: string): (typeof PERSONAL_DATA)[PersonalEntityName] | undefined {
  return (PERSONAL_DATA as Record<string, (typeof PERSONAL_DATA)[PersonalEntityName]>)[entityName];
}
