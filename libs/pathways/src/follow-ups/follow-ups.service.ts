import type { FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { addCalendarDays, Clock, DomainError, ForbiddenError, isUuid, NotFoundError, parisDay, type LocalDate, type Problem } from '@parcours/core';
import { BarrierTheme } from '@parcours/participants';
import { AuditAction, type Page, Sweep, SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { lockPathway } from '../pathway-lock';
import { pathwayViews, type PathwayView } from '../pathway-view';
import { Checkpoint } from './checkpoint.entity';
import { Contact, type ContactRecord } from './contact.entity';
import { CheckpointStatus, isMissed, OPEN_CHECKPOINTS } from './follow-up-calendar';

export type RecordContactInput = ContactRecord & { pathwayId: string; checkpointId?: string | null };

export interface FollowUpsDueFilter {
  /** Due on or after this day. */
  from?: LocalDate | null;
  /** Due before this day (exclusive). */
  before?: LocalDate | null;
  /** A MANAGER: one counsellor's. */
  counsellorId?: string | null;
  /** Default PENDING and MISSED. */
  status?: CheckpointStatus[] | null;
}

/** In-job follow-up: contacts, the checkpoints due, and the sweep that marks them MISSED. */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async recordContact(actor: Actor, input: RecordContactInput): Promise<Contact> {
    if (!isUuid(input.pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    return this.uow.run(actor, async ({ reads, today, now, by }) => {
      const pathway = await lockPathway(reads, input.pathwayId, []);
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      const problems = contactProblems(input, pathway.referredOn, today);
      let checkpoint: Checkpoint | null = null;
      if (input.checkpointId) {
        checkpoint = isUuid(input.checkpointId) ? await reads.findOne(Checkpoint, { id: input.checkpointId }) : null;
        if (!checkpoint) throw new NotFoundError('Checkpoint', ['input', 'checkpointId']);
      }
      if (problems.length > 0) throw DomainError.all(problems);
      return pathway.followUpStage.recordContact(input, checkpoint, by, now);
    });
  }

  /** The checkpoints due: a COUNSELLOR's own pathways', a MANAGER's operator's (or one counsellor's), soonest first. */
  due(actor: Actor, filter: FollowUpsDueFilter, page: { first?: number; after?: string }): Promise<{ page: Page<Checkpoint>; views: Map<string, PathwayView> }> {
    if (actor.role === Role.COUNSELLOR && filter.counsellorId && filter.counsellorId !== actor.userId) {
      throw new ForbiddenError("A counsellor sees the follow-ups of the pathways in their charge; a manager sees every counsellor's.");
    }
    const counsellorId = actor.role === Role.COUNSELLOR ? actor.userId : filter.counsellorId;
    const where: FilterQuery<Checkpoint>[] = [{ status: { $in: filter.status?.length ? filter.status : [...OPEN_CHECKPOINTS] } }];
    if (filter.from) where.push({ dueOn: { $gte: filter.from } });
    if (filter.before) where.push({ dueOn: { $lt: filter.before } });
    if (counsellorId) where.push({ pathway: { counsellor: isUuid(counsellorId) ? counsellorId : { $in: [] } } });
    return this.uow.read(actor, async (reads) => {
      const found = await reads.findByCursor(Checkpoint, { $and: where }, { first: page.first ?? 20, after: page.after, orderBy: { dueOn: 'asc', id: 'asc' } });
      const views = await pathwayViews(reads, [...new Set(found.items.map((checkpoint) => checkpoint.pathway.id))]);
      return { page: found, views: new Map(views.map((view) => [view.id, view])) };
    });
  }

  contactsOf(actor: Actor, pathwayIds: readonly string[]): Promise<Contact[][]> {
    return this.uow.read(actor, (reads) => reads.byParent(Contact, 'pathway', pathwayIds, { orderBy: { on: 'asc', recordedAt: 'asc' }, populate: ['justiceJustification'] }));
  }

  checkpointsOf(actor: Actor, pathwayIds: readonly string[]): Promise<Checkpoint[][]> {
    return this.uow.read(actor, (reads) => reads.byParent(Checkpoint, 'pathway', pathwayIds, { orderBy: { dueOn: 'asc', key: 'asc' } }));
  }

  /**
   * Marks MISSED every pending checkpoint FOLLOW_UP_MISSED_AFTER_DAYS after its day, in the
   * history without moving the retention clock. Idempotent.
   */
  @Sweep('missed checkpoints')
  async sweepMissedCheckpoints(): Promise<{ missed: number }> {
    const afterDays = this.config.journey.followUpMissedAfterDays;
    const lastDue = addCalendarDays(parisDay(this.clock.now()), -afterDays);
    const due = await this.uow.read(SYSTEM, (reads) => reads.find(Checkpoint, { status: CheckpointStatus.PENDING, dueOn: { $lte: lastDue } }, { fields: ['id'] }));
    let missed = 0;
    for (const { id } of due) {
      await this.uow.run(
        null,
        async ({ reads, now, today }) => {
          // The pathway first, locked: a contact answering the checkpoint at the same moment waits, or wins.
          const found = await reads.findOne(Checkpoint, { id }, { fields: ['pathway'] });
          const pathway = found && (await lockPathway(reads, found.pathway.id, []));
          const checkpoint = pathway && (await reads.findOne(Checkpoint, { id, status: CheckpointStatus.PENDING }, { refresh: true }));
          if (!pathway || !checkpoint || !isMissed(checkpoint.dueOn, today, afterDays)) return;
          pathway.followUpStage.missCheckpoint(checkpoint, now);
          missed++;
        },
        { audit: { action: AuditAction.WRITE, operation: 'missed checkpoints sweep' } },
      );
    }
    return { missed };
  }
}

/** A contact's rules: dated from the referral to today, each difficulty once, a JUSTICE difficulty with its justification (and only then). */
function contactProblems(input: RecordContactInput, referredOn: LocalDate, today: LocalDate): Problem[] {
  const problems: Problem[] = [];
  if (input.on > today) problems.push({ code: 'DATE_IN_FUTURE', field: ['input', 'on'], message: 'A contact is recorded on the day it took place: today or earlier.' });
  if (input.on < referredOn) problems.push({ code: 'BEFORE_REFERRAL', field: ['input', 'on'], message: `A contact takes place on or after the referral (${referredOn}).` });
  const themes = input.difficulties.map((difficulty) => difficulty.theme);
  if (new Set(themes).size !== themes.length) problems.push({ code: 'INVALID_DIFFICULTIES', field: ['input', 'difficulties'], message: 'Each difficulty is named once.' });
  const justice = themes.includes(BarrierTheme.JUSTICE);
  if (justice && !input.justiceJustification) {
    problems.push({ code: 'JUSTIFICATION_REQUIRED', field: ['input', 'justiceJustification'], message: 'A JUSTICE difficulty needs a written justification.' });
  }
  if (!justice && input.justiceJustification) {
    problems.push({ code: 'FIELD_NOT_ALLOWED', field: ['input', 'justiceJustification'], message: 'A justification goes with a JUSTICE difficulty only.' });
  }
  return problems;
}
