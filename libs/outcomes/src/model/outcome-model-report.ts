import { addCalendarDays, addCalendarMonths } from '@parcours/core';
import { OutcomeDimension } from '../outcome-dimensions';
import { dayLiteral, idList, type FamilyDefinition, type ReportDays } from '../outcome-figures';
import { levels } from '../report-cells';
import { CELL_DIMENSION, COUNT_COLUMNS, countColumn, HISTOGRAM, modelFamilies, type Driver } from './outcome-model';

type Row = Record<string, unknown>;
type Run = (sql: string) => Promise<Row[]>;

/** Whether the model answers a report grouped by these dimensions (by referent or counsellor, the journey tables do: the cells keep neither). */
export function modelAnswers(dimensions: OutcomeDimension[]): boolean {
  return dimensions.every((dimension) => CELL_DIMENSION[dimension] !== undefined);
}

/**
 * The manager's figures from the outcome model, in the shape of the journey tables' statements
 * (countsSql and medianSql of outcome-report.service.ts: a row per grouping level and group, `lvl`,
 * `d0`, `d1`, then the counts or `days`), for `assemble` to put together: two statements, whatever
 * the period. The counts that depend on the period or on today come from cells that do not:
 * - diagnosedMature, diagnosedWithin30Days: the diagnosed pathways' cells by number of days
 *   give each one's referral day (its day less its days), compared with the period's `matureBy`;
 * - reportsLate: acknowledged late, plus unacknowledged with a due day before today;
 * - participantsOpen: pathways referred by the period's end, less those ended before its start.
 */
export async function modelFigures(
  driver: Driver,
  definitions: FamilyDefinition[],
  dimensions: OutcomeDimension[],
  operatorId: string | null,
  days: ReportDays,
  run: Run,
): Promise<{ counted: Row[][]; medians: (Row[] | null)[] }> {
  const [from, to, matureBy, today] = [days.from, days.to, days.matureBy, days.today].map(dayLiteral);
  const scope = operatorId === null ? '' : ` and operator_id = ${idList([operatorId])}`;
  const keys = dimensions.map((dimension, index) => `${CELL_DIMENSION[dimension]} as k${index}`);
  const groupBy = (count: number) => Array.from({ length: count }, (_, index) => index + 1).join(', ');
  const referralDay = driver === 'sqlite' ? "date(day, '-' || days || ' days')" : 'cast(day as date) - days';
  const matureByDay = driver === 'sqlite' ? matureBy : `cast(${matureBy} as date)`;
  // Whole months from the months' cells where nothing in them depends on the day: before the
  // period's last 30 days (the maturity rule) and before today (a report's lateness); days elsewhere.
  const months = wholeMonths(days);
  const read = months
    ? `((length(day) = 7 and day between '${months.first}' and '${months.last}') or (length(day) = 10 and day between ${from} and ${to} and not day between '${months.first}-01' and '${months.last}-31'))`
    : `length(day) = 10 and day between ${from} and ${to}`;
  const cells = await run(
    `select ${['family', ...keys, 'days', ...COUNT_COLUMNS.map((column) => `sum(${column}) as ${column}`)].join(', ')},
    sum(case when days < 0 then 0 when length(day) = 7 then c0 when ${referralDay} <= ${matureByDay} then c0 else 0 end) as mature,
    sum(case when family = 'reports' and (length(day) = 7 or day < ${today}) then ${countColumn(driver, 'reports', 'reportsUnacknowledged')} else 0 end) as overdue
    from outcome_cell where family <> 'ends' and ${read}${scope} group by ${groupBy(dimensions.length + 2)}`,
  );
  // The pathways open at some day of the period have no day of their own: no month, no contract type.
  // Referred by its end: the months before its last month, then that month's days; ended before its start: likewise.
  const openKeys = dimensions.map((dimension, index) => `${dimension === OutcomeDimension.MONTH || dimension === OutcomeDimension.CONTRACT_TYPE ? "''" : CELL_DIMENSION[dimension]} as k${index}`);
  const upTo = (day: string, inclusive: boolean) =>
    `((length(day) = 7 and day < '${day.slice(0, 7)}') or (length(day) = 10 and day >= '${day.slice(0, 7)}-01' and day ${inclusive ? '<=' : '<'} '${day}'))`;
  const open = await run(
    `select ${['family', ...openKeys, 'sum(c0) as c0'].join(', ')} from outcome_cell
    where days = -1 and ((family = 'referrals' and ${upTo(days.to, true)}) or (family = 'ends' and ${upTo(days.from, false)}))${scope} group by ${groupBy(dimensions.length + 1)}`,
  );
  const leafKey = (row: Row) => JSON.stringify(dimensions.map((_, index) => (row[`k${index}`] === '' || row[`k${index}`] === null ? null : String(row[`k${index}`]))));
  const kept = new Map(modelFamilies(driver).map((model) => [model.family.name, model.counts]));
  const counted: Row[][] = [];
  const medians: (Row[] | null)[] = [];
  for (const family of definitions) {
    const leaves = new Map<string, Record<string, number>>();
    const leaf = (key: string) => leaves.get(key) ?? leaves.set(key, {}).get(key)!;
    const add = (key: string, name: string, value: number) => (leaf(key)[name] = (leaf(key)[name] ?? 0) + value);
    const histogram = new Map<string, Map<number, number>>();
    if (family.name === 'progress') {
      for (const row of open) add(leafKey(row), family.counts[0].name, (row.family === 'referrals' ? 1 : -1) * Number(row.c0));
      for (const [key, values] of leaves) if (values[family.counts[0].name] === 0) leaves.delete(key);
    } else {
      const columns = kept.get(family.name)!;
      for (const row of cells.filter((cell) => cell.family === family.name && Number(cell.c0) > 0)) {
        const key = leafKey(row);
        leaf(key);
        for (const count of family.counts) {
          const index = columns.findIndex((candidate) => candidate.name === count.name);
          if (index >= 0) add(key, count.name, Number(row[`c${index + 1}`]));
          else if (count.name === 'reportsLate') add(key, count.name, Number(row[countColumn(driver, 'reports', 'reportsAcknowledgedLate')]) + Number(row.overdue));
        }
      }
      for (const row of cells.filter((cell) => cell.family === `${family.name}${HISTOGRAM}` && Number(cell.c0) > 0)) {
        const key = leafKey(row);
        const [days, rows, mature] = [Number(row.days), Number(row.c0), Number(row.mature)];
        if (family.counts.some((count) => count.name === 'diagnosedMature')) add(key, 'diagnosedMature', mature);
        if (family.counts.some((count) => count.name === 'diagnosedWithin30Days')) add(key, 'diagnosedWithin30Days', days <= 30 ? mature : 0);
        const byDays = histogram.get(key) ?? histogram.set(key, new Map()).get(key)!;
        byDays.set(days, (byDays.get(days) ?? 0) + rows);
      }
    }
    counted.push(rollUp(family, dimensions, leaves));
    medians.push(family.median ? medianRows(family, dimensions, histogram) : null);
  }
  return { counted, medians };
}

/** The whole months of the period that end before its last 30 days begin and before today (YYYY-MM), or null. */
export function wholeMonths(days: ReportDays): { first: string; last: string } | null {
  const first = days.from.endsWith('-01') ? days.from.slice(0, 7) : nextMonth(days.from.slice(0, 7));
  // The last month whose last day is on or before the period's end, its matureBy and the day before today.
  const bound = [days.to, days.matureBy, addCalendarDays(days.today, -1)].sort()[0];
  const last = addCalendarDays(bound, 1).endsWith('-01') ? bound.slice(0, 7) : previousMonth(bound.slice(0, 7));
  return first <= last ? { first, last } : null;
}

const nextMonth = (month: string) => addCalendarMonths(`${month}-01`, 1).slice(0, 7);
const previousMonth = (month: string) => addCalendarMonths(`${month}-01`, -1).slice(0, 7);



/** A leaf's key at a level: the values of the level's dimensions the family has, null elsewhere (as countsSql groups). */
function atLevel(family: FamilyDefinition, dimensions: OutcomeDimension[], level: OutcomeDimension[], key: (string | null)[]): (string | null)[] {
  return dimensions.map((dimension, position) => (level.includes(dimension) && family.dimensions[dimension] ? key[position] : null));
}

const groupedAt = (family: FamilyDefinition, level: OutcomeDimension[]) => level.some((dimension) => family.dimensions[dimension]);

/** The leaves summed at every level: one row per group with rows; one row at a level the family cannot group (an aggregate with no group by). */
function rollUp(family: FamilyDefinition, dimensions: OutcomeDimension[], leaves: Map<string, Record<string, number>>): Row[] {
  return levels(dimensions).flatMap((level, lvl) => {
    const groups = new Map<string, Row>();
    if (!groupedAt(family, level)) groups.set('', { lvl, ...Object.fromEntries(dimensions.map((_, position) => [`d${position}`, null])) });
    for (const [key, values] of leaves) {
      const at = atLevel(family, dimensions, level, JSON.parse(key) as (string | null)[]);
      const id = groupedAt(family, level) ? JSON.stringify(at) : '';
      const group = groups.get(id) ?? groups.set(id, { lvl, ...Object.fromEntries(at.map((value, position) => [`d${position}`, value])) }).get(id)!;
      for (const [name, value] of Object.entries(values)) group[name] = Number(group[name] ?? 0) + value;
    }
    return [...groups.values()];
  });
}

/** The exact lower median (the ⌊(n + 1) / 2⌋-th smallest) of each group's days at every level, from the histograms. */
function medianRows(family: FamilyDefinition, dimensions: OutcomeDimension[], histograms: Map<string, Map<number, number>>): Row[] {
  return levels(dimensions).flatMap((level, lvl) => {
    const groups = new Map<string, { at: (string | null)[]; byDays: Map<number, number> }>();
    for (const [key, byDays] of histograms) {
      const at = atLevel(family, dimensions, level, JSON.parse(key) as (string | null)[]);
      const id = JSON.stringify(at);
      const group = groups.get(id) ?? groups.set(id, { at, byDays: new Map() }).get(id)!;
      for (const [days, rows] of byDays) group.byDays.set(days, (group.byDays.get(days) ?? 0) + rows);
    }
    return [...groups.values()].map(({ at, byDays }) => ({ lvl, ...Object.fromEntries(at.map((value, position) => [`d${position}`, value])), days: lowerMedian(byDays) }));
  });
}

/** The ⌊(n + 1) / 2⌋-th smallest of the days counted (rows by number of days). */
export function lowerMedian(byDays: Map<number, number>): number {
  const total = [...byDays.values()].reduce((sum, rows) => sum + rows, 0);
  const rank = Math.floor((total + 1) / 2);
  let seen = 0;
  for (const days of [...byDays.keys()].sort((a, b) => a - b)) {
    seen += byDays.get(days)!;
    if (seen >= rank) return days;
  }
  throw new Error('No days to take a median of.');
}
