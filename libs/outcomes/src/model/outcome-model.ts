import { createHash } from 'node:crypto';
import { OutcomeDimension } from '../outcome-dimensions';
import { families, idList, PATHWAY_DIMENSIONS, type CountDefinition, type FamilyDefinition, type SubjectKind, type Subjects } from '../outcome-figures';
import { CELL_COUNTS } from './outcome-cell.entity';

/**
 * The outcome read model: what the outcome report sums instead of scanning the journey tables.
 * Each family of figures (outcome-figures.ts) with a day keeps, per operator, day, prescriber,
 * commune and contract type, its rows and each count that depends on nothing but the row itself;
 * a family with a median keeps its rows by number of days too (a histogram: the exact lower
 * median of any period is read from it). The counts that depend on the period or on today are
 * computed from these (outcome-model-report.ts). The cells are the same SQL as the figures'
 * families with the period taken off: a composer recounts, in the flush that changes them, the
 * cells of the pathways written (their rows before the flush and after it, the difference added),
 * and the rebuild recounts everything.
 */

export type Driver = 'sqlite' | 'postgresql';
export type Execute = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A family's cells of rows by number of days (its median's), beside its counts. */
export const HISTOGRAM = ':days';

/** Counts the cells keep besides their families' own: what the figures depending on today are computed from. */
const EXTRA_COUNTS: Record<string, CountDefinition[]> = {
  reports: [
    { name: 'reportsAcknowledgedLate', when: 'r.acknowledged_on > r.due_on', description: 'Acknowledged after their due day.' },
    { name: 'reportsUnacknowledged', when: 'r.acknowledged_on is null', description: 'Not acknowledged yet: late once their due day is past.' },
  ],
};

/** The day a pathway ended (exited, or closed otherwise). */
const ENDED_ON = 'coalesce(p.exited_on, p.closed_on)';

/** Pathways by the day they ended: with referrals, what the pathways open at some day of a period (participantsOpen) are counted from. */
const ENDS: FamilyDefinition = {
  name: 'ends',
  from: 'pathway p',
  where: `${ENDED_ON} is not null`,
  filter: `${ENDED_ON} is not null`,
  day: ENDED_ON,
  subject: { kind: 'pathway', column: 'p.id' },
  person: 'p.participant_id',
  operator: 'p.operator_id',
  dimensions: PATHWAY_DIMENSIONS(ENDED_ON),
  counts: [{ name: 'ends', description: 'Pathways ended on the day (exitedOn, or closedOn).' }],
};

/** Any days: the counts the cells keep do not depend on them (outcome-model.spec.ts). */
const ANY_DAYS = { from: '2000-01-01', to: '2000-12-31', matureBy: '2000-12-01', today: '2000-12-31' };

export interface ModelFamily {
  family: FamilyDefinition;
  /** The counts kept in c1, c2…; c0 holds the rows. */
  counts: CountDefinition[];
}

/** The families the cells keep, with their counts, each restricted to `only`'s pathways and refused attempts when given. */
export function modelFamilies(driver: Driver, only?: Subjects, days = ANY_DAYS): ModelFamily[] {
  const dayFamilies = families(driver, days, only).filter((family) => family.day !== null);
  return [...dayFamilies, ENDS].map((family) => {
    const counts = [...family.counts.filter((count) => !count.periodDependent && !count.asOfToday), ...(EXTRA_COUNTS[family.name] ?? [])];
    if (counts.length + 1 > CELL_COUNTS) throw new Error(`The family ${family.name} keeps ${counts.length} counts: a cell holds ${CELL_COUNTS - 1}.`);
    return { family, counts };
  });
}

/** Where count `name` of family `familyName` is kept: its column. */
export function countColumn(driver: Driver, familyName: string, name: string): string {
  const model = modelFamilies(driver).find((candidate) => candidate.family.name === familyName);
  const index = model?.counts.findIndex((count) => count.name === name) ?? -1;
  if (index < 0) throw new Error(`The outcome model keeps no count ${name} of ${familyName}.`);
  return `c${index + 1}`;
}

/** The cells' key columns, in the primary key's order. */
export const CELL_KEY = ['operator_id', 'day', 'family', 'prescriber_id', 'commune_code', 'contract_type', 'days'] as const;
export const COUNT_COLUMNS = Array.from({ length: CELL_COUNTS }, (_, index) => `c${index}`);

/** The model's column for a dimension of the report (none: the report is read from the journey tables). */
export const CELL_DIMENSION: Partial<Record<OutcomeDimension, string>> = {
  [OutcomeDimension.MONTH]: 'substr(day, 1, 7)',
  [OutcomeDimension.PRESCRIBER]: 'prescriber_id',
  [OutcomeDimension.COMMUNE]: 'commune_code',
  [OutcomeDimension.CONTRACT_TYPE]: 'contract_type',
};

/**
 * One statement: the cells of every family, from the journey tables, in the columns' order
 * (operator, day, family, prescriber, commune, contract type, days, c0…); of `only`'s pathways and
 * refused attempts when given.
 */
export function cellsSql(driver: Driver, only?: Subjects, names?: ReadonlySet<string>): string {
  const text = (expression: string | undefined, length: number) => `coalesce(cast(${expression ?? 'null'} as varchar(${length})), '')`;
  const selects = modelFamilies(driver, only).flatMap(({ family, counts }) => {
    if (only && only[family.subject.kind].length === 0) return [];
    if (names && !names.has(family.name)) return [];
    const day = family.day!;
    const restricted = only ? ` and ${family.subject.column} in (${idList(only[family.subject.kind])})` : '';
    const from = `from ${family.from} where ${day} is not null${family.filter ? ` and ${family.filter}` : ''}${restricted}`;
    const key = (name: string, days: string) =>
      [
        `cast(${family.operator} as varchar(40)) as operator_id`,
        `cast(${day} as varchar(10)) as day`,
        `'${name}' as family`,
        `${text(family.dimensions[OutcomeDimension.PRESCRIBER], 40)} as prescriber_id`,
        `${text(family.dimensions[OutcomeDimension.COMMUNE], 10)} as commune_code`,
        `${text(family.dimensions[OutcomeDimension.CONTRACT_TYPE], 40)} as contract_type`,
        `${days} as days`,
      ].join(', ');
    const zeros = (from: number) => COUNT_COLUMNS.slice(from).map((column) => `0 as ${column}`);
    const flags = counts.map((count, index) => `${count.when ? `sum(case when ${count.when} then 1 else 0 end)` : 'count(*)'} as c${index + 1}`);
    const rows = [`select ${[key(family.name, '-1'), 'count(*) as c0', ...flags, ...zeros(counts.length + 1)].join(', ')} ${from} group by 1, 2, 4, 5, 6`];
    if (family.median) rows.push(`select ${[key(`${family.name}${HISTOGRAM}`, family.median.days), 'count(*) as c0', ...zeros(1)].join(', ')} ${from} group by 1, 2, 4, 5, 6, 7`);
    return rows;
  });
  return selects.join('\nunion all\n');
}

/** The definitions' fingerprint: cells counted with others are recounted (OutcomeModel.ensureCurrent). */
export function modelVersion(driver: Driver): string {
  return createHash('sha256').update(cellsSql(driver)).update(MONTHS_SQL).digest('hex');
}

/**
 * Each day's cells summed by month, kept beside them (`day` holds the month, YYYY-MM): a report
 * reads whole months from these, and days only where it must (outcome-model-report.ts).
 */
const MONTHS_SQL = `select operator_id, substr(day, 1, 7), family, prescriber_id, commune_code, contract_type, days, ${COUNT_COLUMNS.map((column) => `sum(${column})`).join(', ')} from outcome_cell where length(day) = 10 group by 1, 2, 3, 4, 5, 6, 7`;

/** A cell's key, as one string. */
type CellKey = string;

/** The cells of `only` in the families named, by key: what a flush's composer compares before and after its writes. */
export async function cellsOf(driver: Driver, execute: Execute, only: Subjects, names: ReadonlySet<string>): Promise<Map<CellKey, number[]>> {
  const cells = new Map<CellKey, number[]>();
  const sql = cellsSql(driver, only, names);
  if (sql === '') return cells;
  for (const row of await execute(sql)) cells.set(JSON.stringify(CELL_KEY.map((column) => (column === 'days' ? Number(row[column]) : String(row[column])))), COUNT_COLUMNS.map((column) => Number(row[column])));
  return cells;
}

/** What the cells gained from `before` to `after` (a cell that vanished loses all it held), and their months with them; cells that did not change left out, in the key's order. */
export function difference(before: Map<CellKey, number[]>, after: Map<CellKey, number[]>): [CellKey, number[]][] {
  const deltas = new Map<CellKey, number[]>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(key), after.get(key)];
    const delta = COUNT_COLUMNS.map((_, index) => (is?.[index] ?? 0) - (was?.[index] ?? 0));
    if (delta.every((value) => value === 0)) continue;
    // The day's cell, and its month's.
    const [operator, day, ...rest] = JSON.parse(key) as [string, string, ...unknown[]];
    for (const at of [key, JSON.stringify([operator, day.slice(0, 7), ...rest])]) {
      const sum = deltas.get(at);
      deltas.set(at, sum ? sum.map((value, index) => value + delta[index]) : delta);
    }
  }
  const changed = [...deltas].filter(([, delta]) => delta.some((value) => value !== 0));
  // One order for every writer: two transactions adding to the same cells lock them in the same order.
  return changed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Adds each difference to its cell (made if missing): one statement. */
export async function addToCells(execute: Execute, changes: [CellKey, number[]][]): Promise<void> {
  if (changes.length === 0) return;
  const columns = [...CELL_KEY, ...COUNT_COLUMNS];
  const row = `(${columns.map(() => '?').join(', ')})`;
  const params = changes.flatMap(([key, delta]) => [...(JSON.parse(key) as unknown[]), ...delta]);
  await execute(
    `insert into outcome_cell (${columns.join(', ')}) values ${changes.map(() => row).join(', ')} on conflict (${CELL_KEY.join(', ')}) do update set ${COUNT_COLUMNS.map((column) => `${column} = outcome_cell.${column} + excluded.${column}`).join(', ')}`,
    params,
  );
}

/** Recounts every cell from the journey tables, and records the definitions they were counted with. Run in one transaction. */
export async function rebuildCells(driver: Driver, execute: Execute): Promise<void> {
  await execute('delete from outcome_cell');
  await execute(`insert into outcome_cell (${[...CELL_KEY, ...COUNT_COLUMNS].join(', ')}) ${cellsSql(driver)}`);
  await execute(`insert into outcome_cell (${[...CELL_KEY, ...COUNT_COLUMNS].join(', ')}) ${MONTHS_SQL}`);
  await execute(`delete from outcome_model where name = 'cells'`);
  // A hex digest: written as a literal, so that any client runs these statements (the replicator's too).
  await execute(`insert into outcome_model (name, version) values ('cells', '${modelVersion(driver)}')`);
}

/** The version the cells were counted with (null: never counted). */
export async function cellsVersion(execute: Execute): Promise<string | null> {
  const [row] = await execute(`select version from outcome_model where name = 'cells'`);
  return row ? String(row.version) : null;
}

/** The tables a family counts from, and how a written row names what it belongs to. */
export const COUNTED_TABLES: Readonly<Record<string, { kind: SubjectKind; by: 'id' | 'pathway' }>> = {
  pathway: { kind: 'pathway', by: 'id' },
  refused_referral: { kind: 'refusal', by: 'id' },
  appointment: { kind: 'pathway', by: 'pathway' },
  diagnostic: { kind: 'pathway', by: 'pathway' },
  proposal: { kind: 'pathway', by: 'pathway' },
  placement: { kind: 'pathway', by: 'pathway' },
  checkpoint: { kind: 'pathway', by: 'pathway' },
  follow_up_contact: { kind: 'pathway', by: 'pathway' },
  referent_report: { kind: 'pathway', by: 'pathway' },
};

/**
 * Tables a family reads that no command changes once written: the opportunity's contract type
 * (an offer is not amended: OpportunitiesService creates and closes, never retypes).
 */
export const UNCHANGING_TABLES = ['opportunity'] as const;

/** The columns of a table a family's cells depend on ('*': all of them, a table read in a subquery). */
export type TableReads = Map<string, Set<string> | '*'>;

/**
 * What a family's cells read, from its own SQL: the tables of its FROM by their aliases, each with
 * the columns its expressions name (`p.status`…); a table read inside a subquery, all its columns.
 * A write that changes none of them leaves the family's cells as they were.
 */
export function familyReads(family: FamilyDefinition, kept: readonly CountDefinition[] = []): TableReads {
  const reads: TableReads = new Map();
  const aliases = new Map<string, string>();
  for (const [, table, alias] of family.from.matchAll(/(?:^|\bjoin\s+)(\w+)\s+(\w+)\b/g)) aliases.set(alias, table);
  for (const [, table] of family.from.matchAll(/\bfrom\s+(\w+)/g)) reads.set(table, '*');
  // What the cells keep: not the person, the referent or the counsellor.
  const dimensions = [OutcomeDimension.PRESCRIBER, OutcomeDimension.COMMUNE, OutcomeDimension.CONTRACT_TYPE].map((dimension) => family.dimensions[dimension] ?? '');
  const counts = [...family.counts, ...kept].map((count) => count.when ?? '');
  const text = [family.from, family.where, family.filter ?? '', family.day ?? '', family.operator, ...dimensions, ...counts, family.median?.days ?? ''].join(' ');
  for (const table of aliases.values()) if (!reads.has(table)) reads.set(table, new Set());
  for (const [, alias, column] of text.matchAll(/\b(\w+)\.(\w+)\b/g)) {
    const table = aliases.get(alias);
    const columns = table ? reads.get(table) : undefined;
    if (columns && columns !== '*') columns.add(column);
  }
  return reads;
}

const READS = new Map<Driver, { name: string; reads: TableReads }[]>();

/** The families whose cells a write to `table` may change: any, for a new row; for a changed one, those reading a column it changed. */
export function familiesReading(driver: Driver, table: string, changedColumns: readonly string[] | null): string[] {
  let families = READS.get(driver);
  if (!families) READS.set(driver, (families = modelFamilies(driver).map(({ family, counts }) => ({ name: family.name, reads: familyReads(family, counts) }))));
  return families
    .filter(({ reads }) => {
      const columns = reads.get(table);
      if (!columns) return false;
      return changedColumns === null || columns === '*' || changedColumns.some((column) => columns.has(column));
    })
    .map(({ name }) => name);
}
