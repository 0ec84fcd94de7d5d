import type { FilterQuery } from '@mikro-orm/core';
import type { LocalDate } from '@parcours/core';
import type { ScopedReads } from '@parcours/unit-of-work';
import { ReferentReport } from './referent-report.entity';
import type { ReportKind } from './report-kind';
import type { ReportSummary } from './report-decisions';

/** A report to the referent as the inbox shows it, with its person's name: plain data, read without the ORM's entities. */
export interface ReportView {
  id: string;
  kind: ReportKind;
  correction: boolean;
  pathwayId: string;
  referentId: string;
  participant: { id: string; firstNames: string; lastName: string };
  summary: ReportSummary;
  counsellorSummary: string | null;
  eventAt: Date;
  dueOn: LocalDate;
  acknowledgedAt: Date | null;
}

const VIEW = `select r.id, r.kind, r.correction, r.pathway_id, r.referent_id, r.summary, r.counsellor_summary, r.event_at, r.due_on, r.acknowledged_at,
  pa.id as participant_id, pa.first_names, pa.last_name
from referent_report r
  join pathway p on p.id = r.pathway_id
  join participant pa on pa.id = p.participant_id
where r.id in`;

type Row = Record<string, unknown>;

/** The reports among `where` the reader may see (the scope is in the statement), in one statement, in no particular order. */
export async function reportViews(reads: ScopedReads, where: FilterQuery<ReferentReport>): Promise<ReportView[]> {
  const rows = await reads.rows<Row, ReferentReport>(ReferentReport, where, (scoped) => `${VIEW} (${scoped})`);
  return rows.map((row) => ({
    id: String(row.id),
    kind: row.kind as ReportKind,
    correction: reads.boolean(row.correction),
    pathwayId: String(row.pathway_id),
    referentId: String(row.referent_id),
    participant: { id: String(row.participant_id), firstNames: String(row.first_names), lastName: String(row.last_name) },
    summary: reads.json<ReportSummary>(row.summary)!,
    counsellorSummary: (row.counsellor_summary ?? null) as string | null,
    eventAt: reads.instant(row.event_at)!,
    dueOn: String(row.due_on),
    acknowledgedAt: reads.instant(row.acknowledged_at),
  }));
}

/** The same view of a report already loaded with its pathway's participant (the commands answer with it). */
export function reportView(report: ReferentReport): ReportView {
  const participant = report.pathway.getEntity().participant.getEntity();
  return {
    id: report.id,
    kind: report.kind,
    correction: report.correction,
    pathwayId: report.pathway.id,
    referentId: report.referent.id,
    participant: { id: participant.id, firstNames: participant.firstNames, lastName: participant.lastName },
    summary: report.summary,
    counsellorSummary: report.counsellorSummary,
    eventAt: report.eventAt,
    dueOn: report.dueOn,
    acknowledgedAt: report.acknowledgedAt,
  };
}
