import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Organisation, OrganisationKind, Role, User, type Actor } from '@parcours/accounts';
import { Clock, DomainError, ForbiddenError, isUuid, NotFoundError, parisDay, type Problem } from '@parcours/core';
import { BarrierTheme, identityKey, MessageChannel, Participant, type ParticipantDetails } from '@parcours/participants';
import { Territory } from '@parcours/territory';
import { UnitOfWork, type ScopedReads, type Work } from '@parcours/unit-of-work';
import { assertNoIdentityConflict } from './person-input';
import { judgeReferral, type ReferralSource } from './referral-judgement';
import { operatorStaff } from './pathway-scope';
import { DeclineReason } from './pathway-status';
import { lockPathway } from './pathway-lock';
import { Pathway } from './pathway.entity';
import { PathwaysError } from './pathways-error';
import { RefusedReferral } from './refused-referral.entity';

export interface ReferCommand {
  operatorId: string;
  person: ParticipantDetails;
  barriers: BarrierTheme[];
  justiceJustification?: string | null;
  /** The channels the person agreed to receive messages by, recorded with the referral (none by default). */
  messageConsent?: MessageChannel[];
  /** A referral from a file: its history line names the import, and the operator's staff are told once per import. */
  source?: ReferralSource;
  /** Runs in the referral's own unit of work once the pathway is made (an import marks its line done in the same transaction). */
  alongside?: (work: Work, pathway: Pathway) => Promise<void>;
  /** Makes the anonymous trace of a refusal once per key (an import judged again refuses the same person once). */
  refusalKey?: string | null;
}

/** How many pathways one reassignment may name. */
export const REASSIGN_AT_MOST = 100;

/** What a command that may close a pathway loads with it: its open proposals are cancelled, and (on withdrawal) its pending checkpoints. */
export const CLOSING = ['proposals.opportunity.partner.organisation', 'checkpoints'] as const;

/** The referral stage of the journey: refer, accept, decline, withdraw, and who is in charge. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly territory: Territory,
  ) {}

  async refer(actor: Actor, command: ReferCommand): Promise<Pathway> {
    const judged = judgeReferral(command, parisDay(this.clock.now()), this.territory);
    // A form with field errors is not yet a referral: its unmet conditions are said, and no refused attempt is counted.
    if (judged.fieldProblems.length > 0) throw DomainError.all([...judged.fieldProblems, ...judged.unmet]);
    const { person, situation, eligibility, consent } = judged;
    const operator = isUuid(command.operatorId)
      ? await this.uow.read(actor, (reads) => reads.findOne(Organisation, { id: command.operatorId, kind: OrganisationKind.OPERATOR }))
      : null;
    if (!operator) throw new NotFoundError('Operator', ['input', 'operatorId']);

    if (!eligibility.eligible) {
      // Only an anonymous trace of the refused attempt is kept, for the figures (once per key when the caller gives one: an import run again).
      await this.uow.run(actor, async ({ em, reads, now, today: on }) => {
        if (command.refusalKey && (await reads.system().count(RefusedReferral, { dedupeKey: command.refusalKey })) > 0) return;
        const referent = await em.findOneOrFail(User, actor.userId, { populate: ['organisation'] });
        em.persist(new RefusedReferral({ referent, prescriber: referent.organisation.getEntity(), operator: em.getReference(Organisation, operator.id), communeCode: person.communeCode, refusedOn: on, unmet: eligibility.unmet, at: now, dedupeKey: command.refusalKey ?? null }));
      });
      throw DomainError.all(judged.unmet);
    }

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.uow.run(actor, async (work) => {
          const { em, reads, now, today: on, by } = work;
          const key = identityKey(person.lastName, person.firstNames, person.birthDate);
          await assertNoIdentityConflict(reads, key, person.franceTravailId);
          // The identity rule looks across every scope (DOMAIN.md: one person, one open pathway).
          let participant = await reads.system().findOne(Participant, { identityKey: key });
          if (participant) {
            await this.assertNoOpenPathway(reads, participant.id);
            participant.apply(person, now);
          } else {
            participant = new Participant(person, now);
            em.persist(participant);
          }
          for (const channel of consent) participant.giveConsent(channel, by, now);
          const pathway = new Pathway({
            participant,
            operator: em.getReference(Organisation, operator.id),
            referent: by,
            prescriber: em.getReference(Organisation, actor.organisationId),
            situation,
            eligibilityReasons: eligibility.reasons,
            at: now,
            on,
            source: command.source,
          });
          em.persist(pathway);
          await command.alongside?.(work, pathway);
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
      throw new ForbiddenError('Only a manager may put another counsellor in charge.');
    }
    return this.change(actor, pathwayId, async (pathway, { em, by, now }) => {
      const counsellor = await operatorStaff(em, pathway, counsellorId ?? actor.userId, 'counsellorId');
      pathway.accept(counsellor, by, now);
    });
  }

  async decline(actor: Actor, pathwayId: string, reason: DeclineReason, comment: string | null): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, { by, now }) => pathway.decline(reason, comment, by, now));
  }

  /** Open proposals are cancelled with the pathway: they are loaded with it. */
  async withdraw(actor: Actor, pathwayId: string, reason: string | null): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, { by, now }) => pathway.withdraw(by, now, reason?.trim() || null), CLOSING);
  }

  async assignCounsellor(actor: Actor, pathwayId: string, counsellorId: string, reason: string | null): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, { em, by, now }) => {
      pathway.assignCounsellor(await operatorStaff(em, pathway, counsellorId, 'counsellorId'), by, now, reason?.trim() || null);
    });
  }

  /**
   * Puts one counsellor in charge of several pathways (at most REASSIGN_AT_MOST) in one unit of
   * work, each by Pathway.assignCounsellor (its rules, history and access log). All or nothing:
   * a pathway not found (or out of scope), named twice, or refused by that rule (closed, not
   * accepted yet, already in that counsellor's charge) is named by its index, and then nothing
   * changes. Locked in the order of their ids, so that two such commands on overlapping pathways
   * never wait for each other.
   */
  async reassignCounsellor(actor: Actor, pathwayIds: readonly string[], counsellorId: string, reason: string | null): Promise<Pathway[]> {
    if (pathwayIds.length === 0 || pathwayIds.length > REASSIGN_AT_MOST) {
      throw new PathwaysError('TOO_MANY_PATHWAYS', `Between 1 and ${REASSIGN_AT_MOST} pathways at once.`, ['input', 'pathwayIds']);
    }
    return this.uow.run(actor, async (work) => {
      const problems: Problem[] = [];
      const at = (index: number) => ['input', 'pathwayIds', String(index)];
      const locked = new Map<string, Pathway>();
      for (const id of [...new Set(pathwayIds.filter(isUuid))].sort()) {
        const pathway = await lockPathway(work.reads, id, []);
        if (pathway) locked.set(id, pathway);
      }
      const first = locked.values().next().value;
      const counsellor = first
        ? await operatorStaff(work.em, first, counsellorId, 'counsellorId').catch((error: unknown) => {
            if (error instanceof NotFoundError) return null;
            throw error;
          })
        : null;
      if (first && !counsellor) problems.push({ code: 'NOT_FOUND', message: 'Counsellor not found.', field: ['input', 'counsellorId'] });
      // Each pathway by the rule of assignCounsellor itself; its refusal named by the pathway's index.
      const seen = new Set<string>();
      for (const [index, id] of pathwayIds.entries()) {
        const pathway = locked.get(id);
        if (seen.has(id)) problems.push({ code: 'DUPLICATE_PATHWAY', message: `Pathway ${index + 1} is named twice.`, field: at(index) });
        else if (!pathway) problems.push({ code: 'NOT_FOUND', message: `Pathway ${index + 1} not found.`, field: at(index) });
        else if (counsellor) {
          try {
            pathway.assignCounsellor(counsellor, work.by, work.now, reason?.trim() || null);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            problems.push(...error.problems.map((problem) => ({ ...problem, message: `Pathway ${index + 1}: ${problem.message}`, field: at(index) })));
          }
        }
        seen.add(id);
      }
      // Nothing is written unless every pathway could move: the unit of work rolls back.
      if (problems.length > 0) throw DomainError.all(problems);
      return pathwayIds.map((id) => locked.get(id)!);
    });
  }

  /** Hands an open pathway to another referent; the previous one loses sight of it at once. */
  async assignReferent(actor: Actor, pathwayId: string, referentId: string, reason: string): Promise<Pathway> {
    return this.change(actor, pathwayId, async (pathway, { em, by, now }) => {
      const referent = isUuid(referentId) ? await em.findOne(User, { id: referentId, role: Role.REFERENT, deactivatedAt: null }) : null;
      if (!referent) throw new NotFoundError('Referent', ['input', 'referentId']);
      pathway.assignReferent(referent, by, now, reason.trim());
    });
  }

  /**
   * Loads a pathway the actor may see (else NOT_FOUND), locked until the command ends, and applies
   * one change, in one unit of work. Locked first: on PostgreSQL, two commands that each wrote a
   * row referring to the pathway (its history) and then closed it (a unique key changes) would
   * each wait for the other's reference — a deadlock, every time.
   */
  private async change(actor: Actor, pathwayId: string, apply: (pathway: Pathway, work: Work) => Promise<void>, populate: readonly typeof CLOSING[number][] = []): Promise<Pathway> {
    if (!isUuid(pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    return this.uow.run(actor, async (work) => {
      const pathway = await lockPathway(work.reads, pathwayId, populate);
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      await apply(pathway, work);
      return pathway;
    });
  }

  /** Names the open pathway only to whoever may see it. */
  private async assertNoOpenPathway(reads: ScopedReads, participantId: string): Promise<void> {
    const open = await reads.system().findOne(Pathway, { openKey: participantId }, { fields: ['id'] });
    if (!open) return;
    const visible = (await reads.count(Pathway, { id: open.id })) > 0;
    throw new PathwaysError('OPEN_PATHWAY_EXISTS', `This person already has an open pathway${visible ? ` (${open.id})` : ''}.`);
  }
}
