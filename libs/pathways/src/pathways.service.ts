import type { FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock, isUuid, NotFoundError, searchNameContains } from '@parcours/core';
import { UnitOfWork, type Page } from '@parcours/unit-of-work';
import { subDays } from 'date-fns';
import { needFilter, PathwayNeed } from './pathway-needs';
import { PathwayEvent } from './pathway-event.entity';
import { seesSensitiveDetails } from './pathway-scope';
import { PathwayStatus } from './pathway-status';
import { Pathway } from './pathway.entity';
import { pathwayViews, type PathwayView } from './pathway-view';

export interface PathwaysFilter {
  search?: string;
  statuses?: PathwayStatus[];
  referentId?: string;
  counsellorId?: string;
  communeCode?: string;
  waitingTooLong?: boolean;
  /** What the pathways wait for, as the caseload counts it. */
  need?: PathwayNeed;
}

/** The lists' orders: by referral (newest first, the default), by last contact, by next appointment. */
export enum PathwayOrder {
  REFERRAL_NEWEST = 'REFERRAL_NEWEST',
  REFERRAL_OLDEST = 'REFERRAL_OLDEST',
  /** The longest without contact first: never contacted, then the oldest last contact. */
  LAST_CONTACT_OLDEST = 'LAST_CONTACT_OLDEST',
  LAST_CONTACT_NEWEST = 'LAST_CONTACT_NEWEST',
  /** The soonest planned interview first (one past its time, still to update, before it); those with none last. */
  NEXT_APPOINTMENT_SOONEST = 'NEXT_APPOINTMENT_SOONEST',
}

/** Each order as columns, the id last so that every row has its place (the cursors are made of these). */
const ORDERS: Record<PathwayOrder, Partial<Record<'referredAt' | 'lastContactOn' | 'nextAppointmentAt' | 'id', 'asc' | 'desc'>>> = {
  REFERRAL_NEWEST: { referredAt: 'desc', id: 'desc' },
  REFERRAL_OLDEST: { referredAt: 'asc', id: 'asc' },
  LAST_CONTACT_OLDEST: { lastContactOn: 'asc', id: 'asc' },
  LAST_CONTACT_NEWEST: { lastContactOn: 'desc', id: 'desc' },
  NEXT_APPOINTMENT_SOONEST: { nextAppointmentAt: 'asc', id: 'asc' },
};

/** Reads of pathways, each through the pathway's visibility rule. */
@Injectable()
export class PathwaysService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A pathway the actor may see, as pages show it: its view, in one statement that applies the visibility rule. */
  async get(actor: Actor, id: string): Promise<PathwayView> {
    const [view] = isUuid(id) ? await this.uow.read(actor, (reads) => pathwayViews(reads, [id])) : [];
    if (!view) throw new NotFoundError('Pathway');
    return view;
  }

  /** Pathways the actor may see, as pages show them, in the order of `ids` (one statement; an id out of sight is left out). */
  async views(actor: Actor, ids: readonly string[]): Promise<PathwayView[]> {
    const views = await this.uow.read(actor, (reads) => pathwayViews(reads, ids.filter(isUuid)));
    const byId = new Map(views.map((view) => [view.id, view]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * A page of the pathways the actor may see: the page itself (ids and cursor fields only, through
   * the visibility rule), then the views of its pathways by id.
   */
  async list(actor: Actor, filter: PathwaysFilter, page: { first?: number; after?: string }, order = PathwayOrder.REFERRAL_NEWEST): Promise<{ page: Page<Pick<Pathway, 'id'>>; views: Map<string, PathwayView> }> {
    const where: FilterQuery<Pathway>[] = [];
    if (filter.search) where.push({ participant: searchNameContains(filter.search) });
    if (filter.statuses?.length) where.push({ status: { $in: filter.statuses } });
    if (filter.referentId) where.push({ referent: isUuid(filter.referentId) ? filter.referentId : { $in: [] } });
    if (filter.counsellorId) where.push({ counsellor: isUuid(filter.counsellorId) ? filter.counsellorId : { $in: [] } });
    if (filter.communeCode) where.push({ referral: { communeCode: filter.communeCode } });
    if (filter.waitingTooLong === true) where.push({ status: PathwayStatus.REFERRED, referredAt: { $lte: this.staleBefore() } });
    if (filter.waitingTooLong === false) where.push({ $or: [{ status: { $ne: PathwayStatus.REFERRED } }, { referredAt: { $gt: this.staleBefore() } }] });
    if (filter.need) where.push(needFilter(filter.need, this.clock.now()));
    return this.uow.read(actor, async (reads) => {
      const found = await reads.keysByCursor(Pathway, { $and: where }, { first: page.first ?? 20, after: page.after, orderBy: ORDERS[order] as Record<'id', 'asc' | 'desc'> });
      const views = await pathwayViews(reads, found.items.map((pathway) => pathway.id));
      return { page: found, views: new Map(views.map((view) => [view.id, view])) };
    });
  }

  /** Still REFERRED after REFERRAL_STALE_DAYS days. */
  isWaitingTooLong(pathway: Pick<PathwayView, 'status' | 'referredAt'>): boolean {
    return pathway.status === PathwayStatus.REFERRED && pathway.referredAt <= this.staleBefore();
  }

  /** The history of several pathways at once, oldest first (one statement for a whole page). */
  histories(actor: Actor, pathwayIds: readonly string[]): Promise<PathwayEvent[][]> {
    return this.uow.read(actor, (reads) => reads.byParent(PathwayEvent, 'pathway', pathwayIds, { orderBy: { at: 'asc', id: 'asc' } }));
  }

  /** The JUSTICE justifications of several pathways at once; null for whoever may not read them. */
  async justiceJustifications(actor: Actor, pathwayIds: readonly string[]): Promise<(string | null)[]> {
    if (!seesSensitiveDetails(actor)) return pathwayIds.map(() => null);
    const loaded = await this.uow.read(actor, (reads) => reads.find(Pathway, { id: { $in: [...pathwayIds] } }, { fields: ['justiceJustification'] }));
    return pathwayIds.map((id) => loaded.find((pathway) => pathway.id === id)?.justiceJustification ?? null);
  }

  private staleBefore(): Date {
    return subDays(this.clock.now(), this.config.journey.referralStaleDays);
  }
}
