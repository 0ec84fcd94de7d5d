import { Injectable } from '@nestjs/common';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import type { EntityManager } from '@mikro-orm/core';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { Participant } from './participant.entity';

/** The person: identity and contact are erased; what the figures need is kept. */
@PersonalData()
@Injectable()
export class ParticipantsPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<Participant>({
      entity: Participant,
      subject: (participant) => participant.id,
      object: (participant) => participant.id,
      erase: ['lastName', 'firstNames', 'birthDate', 'phone', 'email', 'addressLine', 'postalCode', 'franceTravailId', 'franceTravailMissingReason', 'identityKey', 'searchName', 'smsConsentAt', 'smsConsentBy', 'emailConsentAt', 'emailConsentBy'],
      keep: ['id', 'sex', 'communeCode', 'rsaStatus', 'franceTravailRegistered', 'educationLevel', 'informedOn', 'createdAt', 'updatedAt', 'anonymisedAt'],
    }),
  ];

  async exportOf(em: EntityManager, subject: DataSubject): Promise<ExportPart> {
    const participant = await new ScopedReads(em, SYSTEM).findOneOrFail(Participant, { id: subject.participantId });
    const consent = { smsConsentAt: participant.smsConsentAt, emailConsentAt: participant.emailConsentAt };
    return { sections: { participant: { ...participant.details(), ...consent, id: participant.id, anonymisedAt: participant.anonymisedAt, createdAt: participant.createdAt } } };
  }

  async forget(em: EntityManager, subject: DataSubject, now: Date): Promise<void> {
    (await new ScopedReads(em, SYSTEM).findOneOrFail(Participant, { id: subject.participantId })).anonymise(now);
  }
}
