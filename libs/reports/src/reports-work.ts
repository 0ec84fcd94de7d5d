import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { HoldsWork, type OpenWork, type User, type WorkHolder } from '@parcours/accounts';
import { Pathway } from '@parcours/pathways';
import { ScopedReads, SYSTEM, type Work } from '@parcours/unit-of-work';
import { ReferentReport } from './referent-report.entity';

/**
 * The reports a referent has not acknowledged. On a departure they go with their pathway: an open
 * pathway is handed over by PathwaysWork; a closed one with reports still to read is handed over
 * here, and the report composer moves the reports as it does for assignReferent.
 */
@HoldsWork()
@Injectable()
export class ReportsWork implements WorkHolder {
  async openWork(em: EntityManager, userId: string): Promise<Partial<OpenWork>> {
    return { reports: await new ScopedReads(em, SYSTEM).count(ReferentReport, { referent: userId, acknowledgedAt: null }) };
  }

  async handOver({ reads, by, now }: Work, leaving: User, successor: User, reason: string): Promise<void> {
    const reports = await reads.system().find(ReferentReport, { referent: leaving.id, acknowledgedAt: null }, { populate: ['pathway.appointments'] });
    for (const report of reports) {
      const pathway: Pathway = report.pathway.getEntity();
      // Once per pathway, whoever comes first (PathwaysWork, or an earlier report of it): the report
      // composer moves the reports of every pathway handed over, at the flush.
      if (pathway.referent.id === leaving.id) pathway.handOverFrom(leaving, successor, by, now, reason);
    }
  }
}
