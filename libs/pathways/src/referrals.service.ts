import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Organisation, OrganisationKind, Role, User, type Actor } from '@parcours/accounts';
import { Clock, DomainError, isUuid, NotFoundError, parisDay } from '@parcours/core';
import { BarrierTheme, identityKey, Participant, type ParticipantDetails } from '@parcours/participants';
import { Territory } from '@parcours/territory';
import { assessEligibility, IneligibilityCode } from './eligibility';
import { assertNoIdentityConflict, checkBarriers, checkPersonDetails } from './person-input';
import { operatorStaff, pathwaysVisibleTo } from './pathway-scope';
import { DeclineReason } from './pathway-status';
import { Pathway } from './pathway.entity';
import { PathwaysError } from './pathways-error';
import { RefusedReferral } from './refused-referral.entity';

export interface ReferCommand {
  operatorId: string;
  person: ParticipantDetails;
  barriers: BarrierTheme[];
  justiceJustification?: string | null;
}

const INELIGIBLE_MESSAGES: Record<IneligibilityCode, { message: string; field: string[] }> = {
  OUTSIDE_TERRITORY: { message: 'The person does not reside in the programme territory.', field: ['input', 'person', 'communeCode'] },
  NO_RSA_NOR_BARRIER: {
    message: 'The person receives neither RSA socle nor RSA socle + activité, and no barrier is declared.',
    field: ['input', 'barriers'],
  },
};

/** The referral stage of the journey: refer, accept, decline, withdraw, and who is in charge. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly territory: Territory,
  ) {}

  async refer(actor: Actor, command: ReferCommand): Promise<Pathway> {
    const now = this.clock.now();
    const today = parisDay(now);
    const person = checkPersonDetails(command.person, today, this.territory, ['input', 'person']);
    const situation = { ...checkBarriers(command.barriers, command.justiceJustification, ['input']), communeCode: person.communeCode, rsaStatus: person.rsaStatus };
    const em = this.em.fork();
    const operator = isUuid(command.operatorId) ? await em.findOne(Organisation, { id: command.operatorId, kind: OrganisationKind.OPERATOR }) : null;
    if (!operator) throw new NotFoundError('Operator', ['input', 'operatorId']);

    const eligibility = assessEligibility({ residesInTerritory: this.territory.includes(person.communeCode), ...situation });
    if (!eligibility.eligible) {
      // Only an anonymous trace of the refused attempt is kept, for the figures.
      const referent = await em.findOneOrFail(User, actor.userId, { populate: ['organisation'] });
      em.persist(new RefusedReferral({ referent, prescriber: referent.organisation.getEntity(), operator, communeCode: person.communeCode, refusedOn: today, unmet: eligibility.unmet, at: now }));
      await em.flush();
      throw DomainError.all(eligibility.unmet.map((code) => ({ code, ...INELIGIBLE_MESSAGES[code] })));
    }

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.em.fork().transactional(async (tx) => {
          const key = identityKey(person.lastName, person.firstNames, person.birthDate);
          await assertNoIdentityConflict(tx, key, person.franceTravailId);
          let participant = await tx.findOne(Participant, { identityKey: key });
          if (participant) {
            await this.assertNoOpenPathway(tx, actor, participant.id);
            participant.apply(person, now);
          } else {
            participant = new Participant(person, now);
            tx.persist(participant);
          }
          const pathway = new Pathway({
            participant,
            operator: tx.getReference(Organisation, operator.id),
            referent: tx.getReference(User, actor.userId),
            situation,
            eligibilityReasons: eligibility.reasons,
            at: now,
            on: today,
          });
          tx.persist(pathway);
          return pathway;
        });
      } catch (error) {
        // A concurrent referral of the same person won the race: the next attempt sees its result.
        if (error instanceof UniqueConstraintViolationException && attempt < 3) continue;
        if (error instanceof UniqueConstraintViolationException) {
          throw new PathwaysError('OPEN_PATHWAY_EXISTS', 'This person already has an open pathway.');
        }
        throw error;
      }
    }
  }

  /** By a COUNSELLOR (who takes charge) or a MANAGER (who may name the counsellor in charge). */
  async accept(actor: Actor, pathwayId: string, counsellorId?: string | null): Promise<Pathway> {
    if (counsellorId && counsellorId !== actor.userId && actor.role !== Role.MANAGER) {
      throw new DomainError('FORBIDDEN', 'Only a manager may put another counsellor in charge.', ['input', 'counsellorId']);
    }
    return this.change(actor, pathwayId, async (pathway, by, now, tx) => {
      const counsellor = await operatorStaff(tx, pathway, counsellorId ?? actor.userId, 'counsellorId');
      pathway.accept(counsellor, by, now);
    });
  }

  async decline(actor: Actor, pathwayId: string, reason: DeclineReason, comment: string | null): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, by, now) => pathway.decline(reason, comment, by, now));
  }

  async withdraw(actor: Actor, pathwayId: string, reason: string | null): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, by, now) => pathway.withdraw(by, now, reason?.trim() || null));
  }

  async assignCounsellor(actor: Actor, pathwayId: string, counsellorId: string, reason: string | null): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, by, now, tx) => {
      pathway.assignCounsellor(await operatorStaff(tx, pathway, counsellorId, 'counsellorId'), by, now, reason?.trim() || null);
    });
  }

  /** Hands an open pathway to another referent; the previous one loses sight of it at once. */
  async assignReferent(actor: Actor, pathwayId: string, referentId: string, reason: string): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, by, now, tx) => {
      const referent = isUuid(referentId) ? await tx.findOne(User, { id: referentId, role: Role.REFERENT, deactivatedAt: null }) : null;
      if (!referent) throw new NotFoundError('Referent', ['input', 'referentId']);
      pathway.assignReferent(referent, by, now, reason.trim());
    });
  }

  /** Loads a pathway the actor may see (else NOT_FOUND), applies one change, flushes once. */
  private async change(
    actor: Actor,
    pathwayId: string,
    apply: (pathway: Pathway, by: User, now: Date, tx: EntityManager) => Promise<void>,
  ): Promise<Pathway> {
    if (!isUuid(pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    const now = this.clock.now();
    return this.em.fork().transactional(async (tx) => {
      const pathway = await tx.findOne(Pathway, { $and: [{ id: pathwayId }, pathwaysVisibleTo(actor)] });
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      await apply(pathway, tx.getReference(User, actor.userId), now, tx);
      return pathway;
    });
  }

  private async assertNoOpenPathway(tx: EntityManager, actor: Actor, participantId: string): Promise<void> {
    const open = await tx.findOne(Pathway, { openKey: participantId }, { fields: ['id', 'operator', 'referent'] });
    if (!open) return;
    const visible = (await tx.count(Pathway, { $and: [{ id: open.id }, pathwaysVisibleTo(actor)] })) > 0;
    throw new PathwaysError('OPEN_PATHWAY_EXISTS', `This person already has an open pathway${visible ? ` (${open.id})` : ''}.`);
  }
}
