import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { ReferentReport } from './referent-report.entity';

/** Reports to the referent: the counsellor's own words are erased; kinds and dates are kept. */
@PersonalData()
@Injectable()
export class ReportsPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<ReferentReport>({
      entity: ReferentReport,
      subject: (report) => report.pathway.getEntity().participant.id,
      object: (report) => report.id,
      erase: ['counsellorSummary'],
      keep: ['id', 'pathway', 'referent', 'kind', 'correction', 'summary', 'eventAt', 'reportedOn', 'dueOn', 'acknowledgedAt', 'acknowledgedOn'],
    }),
  ];

  /** The subject's pathways are those the viewer may see; their reports go with them. */
  async exportOf(em: EntityManager, subject: DataSubject): Promise<ExportPart> {
    const reports = await new ScopedReads(em, SYSTEM).byParent(ReferentReport, 'pathway', subject.pathwayIds, { orderBy: { eventAt: 'asc' } });
    return {
      perPathway: {
        reportsToReferent: Object.fromEntries(
          subject.pathwayIds.map((id, index) => [
            id,
            reports[index].map(({ kind, correction, summary, counsellorSummary, eventAt, dueOn, acknowledgedAt }) => ({ kind, correction, summary, counsellorSummary, eventAt, dueOn, acknowledgedAt })),
          ]),
        ),
      },
    };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    for (const report of await new ScopedReads(em, SYSTEM).find(ReferentReport, { pathway: { $in: subject.pathwayIds } })) report.forgetPersonalDetails();
  }
}
