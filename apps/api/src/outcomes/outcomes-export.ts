import { isLocalDate, spreadsheetSafe } from '@parcours/core';
import { FIGURES, figureLabel, OutcomeDimension, type OutcomeReport, type OutcomeReportInput, type OutcomeRow } from '@parcours/outcomes';
import type { Territory } from '@parcours/territory';
import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';

/** The export's address; a signed link opens it for these parameters only. */
export const OUTCOMES_CSV_PATH = '/exports/outcomes.csv';
export const OUTCOMES_CSV_LINK = 'outcomes-csv';
/** How long a download link lives. */
export const EXPORT_LINK_MINUTES = 5;

/** The report's parameters as the export's query string (the order does not matter: links bind them sorted). */
export function exportQuery(input: OutcomeReportInput): Record<string, string> {
  const query: Record<string, string> = {};
  if (input.from) query.from = input.from;
  if (input.to) query.to = input.to;
  if (input.conventionId) query.conventionId = input.conventionId;
  if (input.groupBy?.length) query.groupBy = input.groupBy.join(',');
  return query;
}

/** The query string read back as the report's input; a malformed value is null (400). */
export function parseExportQuery(query: Record<string, unknown>): OutcomeReportInput | null {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  const [from, to, conventionId, groupBy] = [text('from'), text('to'), text('conventionId'), text('groupBy')];
  if ((from && !isLocalDate(from)) || (to && !isLocalDate(to))) return null;
  const dimensions = groupBy ? groupBy.split(',') : [];
  if (!dimensions.every((dimension) => (Object.values(OutcomeDimension) as string[]).includes(dimension))) return null;
  return { from: from ?? null, to: to ?? null, conventionId: conventionId ?? null, groupBy: dimensions as OutcomeDimension[] };
}

const DIMENSION_HEADERS: Record<OutcomeDimension, string> = {
  [OutcomeDimension.MONTH]: 'Mois',
  [OutcomeDimension.PRESCRIBER]: 'Prescripteur',
  [OutcomeDimension.REFERENT]: 'Référent',
  [OutcomeDimension.COUNSELLOR]: 'Conseiller',
  [OutcomeDimension.COMMUNE]: 'Commune',
  [OutcomeDimension.CONTRACT_TYPE]: 'Type de contrat',
};

/**
 * The report as a CSV file for French spreadsheets: UTF-8 with a byte-order mark, `;` between
 * cells, decimal commas, the figures' French labels as column headers, one row per group then the total; a hidden cell reads "masqué"; a cell
 * that would start a formula is neutralised. Streamed by csv-stringify.
 */
export function outcomesCsv(report: OutcomeReport, territory: Territory): Readable {
  const csv = stringify({ delimiter: ';', bom: true, record_delimiter: '\r\n' });
  const name = (id: string | null | undefined) => (id ? (report.names.get(id) ?? id) : '');
  const dimensionValue = (row: OutcomeRow, dimension: OutcomeDimension): string => {
    const value = row.key[dimension];
    if (value === undefined) return 'Total';
    if (value === null) return '';
    if (dimension === OutcomeDimension.COMMUNE) return `${territory.commune(value)?.name ?? value} (${value})`;
    if (dimension === OutcomeDimension.PRESCRIBER || dimension === OutcomeDimension.REFERENT || dimension === OutcomeDimension.COUNSELLOR) return name(value);
    return value;
  };
  const figureValue = (row: OutcomeRow, figure: string) => {
    const { value, suppressed } = row.figures[figure];
    if (suppressed) return 'masqué';
    return value === null ? '' : String(value).replace('.', ',');
  };
  const dimensions = report.groupBy.length > 0 ? report.groupBy : [];
  csv.write([...dimensions.map((dimension) => DIMENSION_HEADERS[dimension]), ...FIGURES.map((figure) => figureLabel(figure.name) ?? figure.name)]);
  const total: OutcomeRow = { key: Object.fromEntries(dimensions.map((dimension) => [dimension, undefined])) as OutcomeRow['key'], figures: report.total.figures };
  for (const row of [...report.rows, total]) {
    csv.write([...dimensions.map((dimension) => spreadsheetSafe(dimensionValue(row, dimension))), ...FIGURES.map((figure) => figureValue(row, figure.name))]);
  }
  csv.end();
  return csv;
}
