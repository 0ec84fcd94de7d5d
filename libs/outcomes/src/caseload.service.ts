import type { FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock, ForbiddenError, isUuid, parisDay, type LocalDate } from '@parcours/core';
import { Checkpoint, CheckpointStatus, needFilter, OPEN_CHECKPOINTS, OutcomeCategory, OPEN_STATUSES, Pathway, PathwayNeed, PathwayStatus, weekOf } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { UnitOfWork, type ScopedReads } from '@parcours/unit-of-work';
import { subDays } from 'date-fns';

export interface Caseload {
  /** Monday and Sunday of this week, in Paris. */
  weekFrom: LocalDate;
  weekTo: LocalDate;
  openByStatus: { status: PathwayStatus; count: number }[];
  waitingTooLong: number;
  /** This and the four below count pathways (one with two such items counts once): pathways(filter: { need }). */
  appointmentsNeedingUpdate: number;
  appointmentsPersonCannotCome: number;
  appointmentsThisWeek: number;
  checkpointsThisWeek: number;
  checkpointsMissed: number;
  placementsPastPlannedEnd: number;
  contractsEndingSoon: number;
  proposalsOpen: number;
  proposalsStale: number;
  reportsOverdue: number;
  exitsThisMonth: { category: string; count: number }[];
}

/**
 * What needs doing, counted: a COUNSELLOR's own pathways, a MANAGER's operator's (or one
 * counsellor's), a REFERENT's, ADMIN's all (or one counsellor's). Each count is one COUNT under the
 * same conditions as the list that shows its items (pathways, followUpsDue, referentReports), so
 * that the list's totalCount equals it.
 */
@Injectable()
export class CaseloadService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async caseload(actor: Actor, counsellorId: string | null): Promise<Caseload> {
    if (counsellorId && ((actor.role === Role.COUNSELLOR && counsellorId !== actor.userId) || actor.role === Role.REFERENT)) {
      throw new ForbiddenError("A counsellor sees their own caseload, a referent their pathways'; a manager or an administrator may name a counsellor.");
    }
    const now = this.clock.now();
    const today = parisDay(now);
    const { monday, sunday } = weekOf(today);
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    const charge = actor.role === Role.COUNSELLOR ? actor.userId : counsellorId;
    const mine: FilterQuery<Pathway> = charge ? { counsellor: isUuid(charge) ? charge : { $in: [] } } : {};
    const ofMine = { pathway: mine };
    return this.uow.read(actor, async (reads: ScopedReads) => {
      const count = <T extends object>(entity: new (...args: never[]) => T, where: FilterQuery<T>) => reads.count(entity, where);
      // The pathways with a need, under the condition pathways(filter: { need }) lists them by.
      const needing = (need: PathwayNeed) => count(Pathway, { $and: [mine, needFilter(need, now)] });
      const byStatus = await Promise.all(OPEN_STATUSES.map(async (status) => ({ status, count: await count(Pathway, { ...mine, status }) })));
      const exits = await Promise.all(
        Object.values(OutcomeCategory).map(async (category) => ({ category, count: await count(Pathway, { ...mine, status: PathwayStatus.EXITED, exited: { category, on: { $gte: firstOfMonth, $lte: today } } } as FilterQuery<Pathway>) })),
      );
      return {
        weekFrom: monday,
        weekTo: sunday,
        openByStatus: byStatus,
        waitingTooLong: await count(Pathway, { ...mine, status: PathwayStatus.REFERRED, referredAt: { $lte: subDays(now, this.config.journey.referralStaleDays) } } as FilterQuery<Pathway>),
        appointmentsNeedingUpdate: await needing(PathwayNeed.APPOINTMENT_TO_UPDATE),
        appointmentsPersonCannotCome: await needing(PathwayNeed.PERSON_CANNOT_COME),
        appointmentsThisWeek: await needing(PathwayNeed.APPOINTMENT_THIS_WEEK),
        checkpointsThisWeek: await count(Checkpoint, { ...ofMine, status: { $in: [...OPEN_CHECKPOINTS] }, dueOn: { $gte: monday, $lte: sunday } }),
        checkpointsMissed: await count(Checkpoint, { ...ofMine, status: CheckpointStatus.MISSED }),
        placementsPastPlannedEnd: await needing(PathwayNeed.PLACEMENT_PAST_PLANNED_END),
        contractsEndingSoon: await needing(PathwayNeed.CONTRACT_ENDING_SOON),
        proposalsOpen: await needing(PathwayNeed.PROPOSAL_OPEN),
        proposalsStale: await needing(PathwayNeed.PROPOSAL_STALE),
        reportsOverdue: await count(ReferentReport, { ...(actor.role === Role.REFERENT ? {} : ofMine), acknowledgedAt: null, dueOn: { $lt: today } }),
        exitsThisMonth: exits,
      };
    });
  }
}
