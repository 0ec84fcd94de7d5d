import { ChangeSetType, EntityManager, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { parisDay } from '@parcours/core';
import { PathwayEvent, PathwayEventKind } from '@parcours/pathways';
import { ReferentReport } from './referent-report.entity';
import { ReportBus } from './report-bus';
import { workingDaysAfter } from './working-days';

/**
 * The one path from journey events to the referent: in the flush that records an event with a
 * report kind, writes the report for the pathway's active referent (same transaction: one never
 * exists without the other); when a pathway changes referent, hands over its unacknowledged
 * reports; after the commit, announces the new reports on the bus.
 */
@Injectable()
export class ReportComposer implements EventSubscriber, OnModuleInit {
  private readonly pending = new WeakMap<EntityManager, ReferentReport[]>();

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly bus: ReportBus,
  ) {}

  onModuleInit(): void {
    this.em.getEventManager().registerSubscriber(this);
  }

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    for (const changeSet of uow.getChangeSets()) {
      if (!(changeSet.entity instanceof PathwayEvent) || changeSet.type !== ChangeSetType.CREATE) continue;
      const event = changeSet.entity;
      const pathway = event.pathway.getEntity();
      if (event.kind === PathwayEventKind.REFERENT_ASSIGNED) {
        await em.nativeUpdate(ReferentReport, { pathway: pathway.id, acknowledgedAt: null }, { referent: pathway.referent.id });
      }
      if (!event.reportKind || !event.reportSummary) continue;
      const reportedOn = parisDay(event.at);
      const report = new ReferentReport({
        pathway,
        referentId: pathway.referent.id,
        kind: event.reportKind,
        correction: event.reportIsCorrection ?? false,
        summary: event.reportSummary,
        eventAt: event.at,
        reportedOn,
        dueOn: workingDaysAfter(reportedOn, this.config.journey.reportAckWorkingDays),
      });
      uow.computeChangeSet(report);
      this.pending.set(em, [...(this.pending.get(em) ?? []), report]);
    }
  }

  async afterTransactionCommit({ em }: TransactionEventArgs): Promise<void> {
    const reports = this.pending.get(em) ?? [];
    this.pending.delete(em);
    for (const report of reports) this.bus.publish({ reportId: report.id, referentId: report.referent.id, pathwayId: report.pathway.id });
  }

  async afterTransactionRollback({ em }: TransactionEventArgs): Promise<void> {
    this.pending.delete(em);
  }
}
