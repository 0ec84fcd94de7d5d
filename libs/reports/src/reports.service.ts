import type { FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuthService, type Actor } from '@parcours/accounts';
import { Clock, isUuid, NotFoundError, parisDay } from '@parcours/core';
import { Pathway } from '@parcours/pathways';
import { UnitOfWork, type Page } from '@parcours/unit-of-work';
import { ReferentReport, ReportState } from './referent-report.entity';
import type { IssuedReport } from './report-bus';
import { reportViews, type ReportView } from './report-view';

export interface InboxFilter {
  state?: ReportState;
  referentId?: string;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly auth: AuthService,
  ) {}

  today(): string {
    return parisDay(this.clock.now());
  }

  /** Newest first. States: UNACKNOWLEDGED (not yet due), OVERDUE (past its due day), ACKNOWLEDGED. */
  async inbox(actor: Actor, filter: InboxFilter, page: { first?: number; after?: string }): Promise<{ page: Page<Pick<ReferentReport, 'id' | 'eventAt'>>; views: Map<string, ReportView> }> {
    const today = this.today();
    const where: FilterQuery<ReferentReport>[] = [];
    if (filter.referentId) where.push({ referent: isUuid(filter.referentId) ? filter.referentId : { $in: [] } });
    if (filter.state === ReportState.ACKNOWLEDGED) where.push({ acknowledgedAt: { $ne: null } });
    if (filter.state === ReportState.UNACKNOWLEDGED) where.push({ acknowledgedAt: null, dueOn: { $gte: today } });
    if (filter.state === ReportState.OVERDUE) where.push({ acknowledgedAt: null, dueOn: { $lt: today } });
    return this.uow.read(actor, async (reads) => {
      const found = await reads.keysByCursor(ReferentReport, { $and: where }, { first: page.first ?? 20, after: page.after, orderBy: { eventAt: 'desc', id: 'desc' } });
      const views = found.items.length > 0 ? await reportViews(reads, { id: { $in: found.items.map((report) => report.id) } }) : [];
      return { page: found, views: new Map(views.map((view) => [view.id, view])) };
    });
  }

  /** One report, as the inbox shows it to this actor (the e-mail's link opens it); out of scope is NOT_FOUND. */
  async get(actor: Actor, reportId: string): Promise<ReportView> {
    const [report] = isUuid(reportId) ? await this.uow.read(actor, (reads) => reportViews(reads, { id: reportId })) : [];
    if (!report) throw new NotFoundError('Report', ['id']);
    return report;
  }

  /** By the referent it is addressed to; acknowledging twice changes nothing. */
  async acknowledge(actor: Actor, reportId: string): Promise<ReferentReport> {
    if (!isUuid(reportId)) throw new NotFoundError('Report', ['input', 'reportId']);
    return this.uow.run(actor, async ({ reads, now }) => {
      const report = await reads.findOne(ReferentReport, { id: reportId, referent: actor.userId }, { populate: ['pathway.participant'] });
      if (!report) throw new NotFoundError('Report', ['input', 'reportId']);
      report.acknowledge(now);
      return report;
    });
  }

  /**
   * Whether a report just issued still goes to this subscriber, checked at each event: addressed to
   * them, their session not ended, their account active, still the pathway's referent.
   */
  async deliverable(subscriber: Actor, issued: IssuedReport): Promise<ReferentReport | null> {
    if (issued.referentId !== subscriber.userId || !subscriber.sessionId) return null;
    if (!(await this.auth.sessionIsLive(subscriber.sessionId, subscriber.userId))) return null;
    return this.uow.read(subscriber, async (reads) => {
      if ((await reads.count(Pathway, { id: issued.pathwayId, referent: subscriber.userId })) === 0) return null;
      return reads.findOne(ReferentReport, { id: issued.reportId, referent: subscriber.userId }, { populate: ['pathway.participant'] });
    });
  }
}
