import { ChangeSetType, ref, type EntityManager, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { parisDay } from '@parcours/core';
import { PathwayEvent } from '@parcours/pathways';
import { Composer, COMPOSER_ORDER, ScopedReads, SYSTEM, type FlushComposer } from '@parcours/unit-of-work';
import { ReferentReport } from './referent-report.entity';
import { reportFor } from './report-decisions';
import { ReportBus } from './report-bus';
import { workingDaysAfter } from './working-days';

/**
 * The one path from journey events to the referent: in the flush that records an event calling for
 * a report (REPORT_DECISIONS), writes the report for the pathway's active referent (same
 * transaction: one never exists without the other); when a pathway changes referent, hands its
 * unacknowledged reports over; after the commit, announces the new reports on the bus.
 */
@Composer()
@Injectable()
export class ReportComposer implements FlushComposer {
  readonly order = COMPOSER_ORDER.REPORTS;
  private readonly pending = new WeakMap<EntityManager, ReferentReport[]>();

  constructor(
    private readonly config: AppConfig,
    private readonly bus: ReportBus,
  ) {}

  async compose({ em, uow }: FlushEventArgs): Promise<void> {
    for (const changeSet of uow.getChangeSets()) {
      if (!(changeSet.entity instanceof PathwayEvent) || changeSet.type !== ChangeSetType.CREATE || !changeSet.entity.recorded) continue;
      const event = changeSet.entity.recorded;
      const pathway = changeSet.entity.pathway.getEntity();
      if (event.type === 'ReferentAssigned') {
        for (const report of await new ScopedReads(em, SYSTEM).find(ReferentReport, { pathway: pathway.id, acknowledgedAt: null })) {
          report.referent = ref(User, event.toUserId);
          uow.computeChangeSet(report);
        }
      }
      const draft = reportFor(event);
      if (!draft) continue;
      const at = changeSet.entity.at;
      const reportedOn = parisDay(at);
      const report = new ReferentReport({
        pathway,
        referentId: pathway.referent.id,
        draft,
        eventAt: at,
        reportedOn,
        dueOn: workingDaysAfter(reportedOn, this.config.journey.reportAckWorkingDays),
      });
      uow.computeChangeSet(report);
      this.pending.set(em, [...(this.pending.get(em) ?? []), report]);
    }
  }

  afterCommit(em: EntityManager): void {
    const reports = this.pending.get(em) ?? [];
    this.pending.delete(em);
    for (const report of reports) this.bus.publish({ reportId: report.id, referentId: report.referent.id, pathwayId: report.pathway.id });
  }

  afterRollback(em: EntityManager): void {
    this.pending.delete(em);
  }
}
