import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { DomainError, isUuid, NotFoundError } from '@parcours/core';
import { identityKey, MessageChannel, Participant, type ParticipantDetails } from '@parcours/participants';
import { Territory } from '@parcours/territory';
import { UnitOfWork } from '@parcours/unit-of-work';
import { OPEN_STATUSES } from './pathway-status';
import { Pathway } from './pathway.entity';
import { PathwaysError } from './pathways-error';
import { pathwayViews, type ParticipantView, type PathwayView } from './pathway-view';
import { assertNoIdentityConflict, checkPersonDetails, consentProblems } from './person-input';

/** Reads of a participant go through their pathways: a person is visible when one of their pathways is. */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly territory: Territory,
  ) {}

  /** A person through the pathways of theirs the actor may see, newest first, as views. */
  async get(actor: Actor, participantId: string): Promise<{ participant: ParticipantView; pathways: PathwayView[] }> {
    const pathways = isUuid(participantId)
      ? await this.uow.read(actor, async (reads) => {
          const visible = await reads.find(Pathway, { participant: participantId }, { fields: ['id'], orderBy: { referredAt: 'desc', id: 'desc' } });
          return pathwayViews(reads, visible.map((pathway) => pathway.id));
        })
      : [];
    if (pathways.length === 0) throw new NotFoundError('Participant');
    return { participant: pathways[0].participant, pathways };
  }

  /** People named by id, as far as the actor may see them (ADMIN: all): names, and when anonymised; in the order of the ids, null for one not seen. */
  async names(actor: Actor, ids: readonly string[]): Promise<({ firstNames: string; lastName: string; anonymisedAt: Date | null } | null)[]> {
    const found = await this.uow.read(actor, (reads) => reads.find(Participant, { id: { $in: ids.filter(isUuid) } }, { fields: ['firstNames', 'lastName', 'anonymisedAt'] }));
    const byId = new Map(found.map((participant) => [participant.id, participant]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Corrects identity and contact details, through an open pathway the actor may see (the
   * referent's, or one at the counsellor's or manager's operator); recorded in its history by
   * field name.
   */
  async update(actor: Actor, participantId: string, patch: Partial<ParticipantDetails>): Promise<ParticipantView> {
    if (!isUuid(participantId)) throw new NotFoundError('Participant', ['input', 'participantId']);
    try {
      await this.uow.run(actor, async ({ reads, now, today, by }) => {
        const pathway = await reads.findOne(Pathway, { participant: participantId, status: { $in: [...OPEN_STATUSES] } }, { populate: ['participant'] });
        if (!pathway) throw new NotFoundError('Participant', ['input', 'participantId']);
        const participant = pathway.participant.getEntity();
        if (participant.anonymisedAt) throw new NotFoundError('Participant', ['input', 'participantId']);
        const next = checkPersonDetails({ ...participant.details(), ...definedOnly(patch) }, today, this.territory, ['input'], participant.phone);
        const key = identityKey(next.lastName, next.firstNames, next.birthDate);
        if (key !== participant.identityKey && (await reads.system().count(Participant, { identityKey: key, id: { $ne: participant.id } })) > 0) {
          throw identityConflict(['input', 'lastName']);
        }
        await assertNoIdentityConflict(reads, key, next.franceTravailId, participant.id);
        const changed = participant.apply(next, now);
        if (changed.length > 0) pathway.recordParticipantUpdate(changed, by, now);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw identityConflict(['input']);
      throw error;
    }
    return (await this.get(actor, participantId)).participant;
  }

  /**
   * Records (given) or withdraws the person's consent to messages by a channel, through a pathway
   * of theirs the actor may see; its history names the change. Consent needs somewhere to send: a
   * mobile for SMS, an address for e-mail. Asking for what already holds changes nothing.
   */
  async setMessageConsent(actor: Actor, participantId: string, channel: MessageChannel, given: boolean): Promise<ParticipantView> {
    if (!isUuid(participantId)) throw new NotFoundError('Participant', ['input', 'participantId']);
    await this.uow.run(actor, async ({ reads, now, by }) => {
      const pathway = await reads.findOne(Pathway, { participant: participantId }, { populate: ['participant'], orderBy: { referredAt: 'desc', id: 'desc' } });
      const participant = pathway?.participant.getEntity();
      if (!pathway || !participant || participant.anonymisedAt) throw new NotFoundError('Participant', ['input', 'participantId']);
      if (given) {
        const problems = consentProblems([channel], participant, ['input', 'channel']);
        if (problems.length > 0) throw DomainError.all(problems);
        if (participant.consentAt(channel)) return;
        participant.giveConsent(channel, by, now);
      } else if (!participant.withdrawConsent(channel)) {
        return;
      }
      pathway.recordParticipantUpdate([channel === MessageChannel.SMS ? 'smsConsent' : 'emailConsent'], by, now);
    });
    return (await this.get(actor, participantId)).participant;
  }
}

function identityConflict(field: string[]): PathwaysError {
  return new PathwaysError('IDENTITY_CONFLICT', 'Another person already has this identity (names and birth date, or France Travail identifier).', field);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
