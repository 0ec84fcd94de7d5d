import { EntityManager, IsolationLevel } from '@mikro-orm/core';
import { BaseSqlitePlatform, type AbstractSqlConnection } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Convention } from '@parcours/conventions';
import { onOwnSqliteReader } from '@parcours/db';
import { addCalendarDays, Clock, isUuid, NotFoundError, parisDay, type LocalDate } from '@parcours/core';
import { isDynamicExit, OutcomeCategory } from '@parcours/pathways';
import { UnitOfWork } from '@parcours/unit-of-work';
import { families, type FamilyDefinition } from './outcome-figures';
import { FUNDER_DIMENSIONS, OutcomeDimension } from './outcome-dimensions';
import { OutcomesError } from './outcomes-error';
import { ALL, cellId, suppressedCells, type CountCell } from './suppression';

export interface OutcomeReportInput {
  from?: LocalDate | null;
  to?: LocalDate | null;
  conventionId?: string | null;
  groupBy?: OutcomeDimension[] | null;
}

/** A figure as shown: its value, or null when suppressed for the funder. */
export interface Figure {
  value: number | null;
  suppressed: boolean;
}

/** The coordinates of a row: a value per dimension grouped by (null: not attributable, such as a counsellor before acceptance). */
export type RowKey = Partial<Record<OutcomeDimension, string | null>>;

export interface OutcomeRow {
  key: RowKey;
  figures: Record<string, Figure>;
}

export interface OutcomeReport {
  from: LocalDate;
  to: LocalDate;
  convention: Convention | null;
  groupBy: OutcomeDimension[];
  /** True when small cells were hidden (the funder's view). */
  suppressionApplied: boolean;
  rows: OutcomeRow[];
  total: OutcomeRow;
  /** Names of the organisations and users the rows name. */
  names: Map<string, string>;
}

export interface FigureDefinition {
  name: string;
  description: string;
  /** A count of rows; a rate between 0 and 1; a number of days; a value the convention gives (not counted). */
  kind: 'count' | 'rate' | 'days' | 'given';
}

/** Every figure the report answers, with what it is (the schema says it again), in a stable order. */
export function figureDefinitions(): FigureDefinition[] {
  const definitions = families('sqlite', { from: '2000-01-01', to: '2000-01-31', matureBy: '2000-01-01', today: '2000-01-31' });
  return [
    { name: 'referralAttempts', description: 'Referral attempts in the period: referrals made plus attempts refused at once.', kind: 'count' as const },
    ...definitions.flatMap((family) => [
      ...family.counts.map((count) => ({ name: count.name, description: count.description, kind: 'count' as const })),
      ...(family.median ? [{ name: family.median.name, description: family.median.description, kind: 'days' as const }] : []),
    ]),
    { name: 'diagnosedWithin30DaysShare', description: 'diagnosedWithin30Days ÷ diagnosedMature: the share of mature pathways diagnosed within 30 days of referral.', kind: 'rate' as const },
    { name: 'noShowRate', description: 'noShows ÷ appointmentsWithOutcome.', kind: 'rate' as const },
    { name: 'readyShare', description: 'readyForEmployment ÷ diagnostics.', kind: 'rate' as const },
    { name: 'dynamicExitRate', description: '"Sorties dynamiques": DURABLE_EMPLOYMENT + TRANSITIONAL_EMPLOYMENT + POSITIVE_EXIT ÷ all exits.', kind: 'rate' as const },
    { name: 'stillInWorkShare', description: 'stillInWork ÷ sixMonthRecorded (MISSED and UNKNOWN shown apart).', kind: 'rate' as const },
    { name: 'targetParticipants', description: "The convention's target number of participants (total only), beside participantsOpen.", kind: 'given' as const },
  ];
}

/** The figures, defined once. */
export const FIGURES: readonly FigureDefinition[] = figureDefinitions();

/** Rates computed from two counts of the same family; hidden when either is. */
export const RATES: Record<string, [numerator: string, denominator: string]> = {
  diagnosedWithin30DaysShare: ['diagnosedWithin30Days', 'diagnosedMature'],
  noShowRate: ['noShows', 'appointmentsWithOutcome'],
  readyShare: ['readyForEmployment', 'diagnostics'],
  stillInWorkShare: ['stillInWork', 'sixMonthRecorded'],
};

const NONE = '∅';
type Row = Record<string, unknown>;

/**
 * The managers' and the funder's outcome report (DOMAIN.md, "Indicators"): one aggregate statement
 * per family of figures (and one per median), on a read connection, in one read-only transaction
 * (one snapshot), the scope written into each statement; no entity is loaded but the convention.
 */
@Injectable()
export class OutcomeReportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async report(actor: Actor, input: OutcomeReportInput): Promise<OutcomeReport> {
    const groupBy = [...new Set(input.groupBy ?? [])];
    if (groupBy.length > 2) throw new OutcomesError('TOO_MANY_DIMENSIONS', 'The report is grouped by two dimensions at most.', ['groupBy']);
    const funder = actor.role === Role.FUNDER;
    if (funder && groupBy.some((dimension) => !FUNDER_DIMENSIONS.includes(dimension))) {
      throw new OutcomesError('GROUPING_NOT_ALLOWED', `A funder groups figures by ${FUNDER_DIMENSIONS.join(', ')} only: never by person.`, ['groupBy']);
    }
    const convention = input.conventionId ? await this.convention(actor, input.conventionId) : null;
    if (funder && !convention) throw new OutcomesError('CONVENTION_REQUIRED', 'A funder asks for the figures of a convention it funds.', ['conventionId']);
    const from = input.from ?? convention?.startOn;
    const to = input.to ?? convention?.endOn;
    if (!from || !to) throw new OutcomesError('PERIOD_REQUIRED', 'Name a period (from and to) or a convention.', ['from']);
    if (from > to) throw new OutcomesError('INVALID_PERIOD', `The period starts (${from}) after it ends (${to}).`, ['from']);
    if (funder && convention && (from !== convention.startOn || to !== convention.endOn) && !wholeMonths(from, to)) {
      throw new OutcomesError('WHOLE_MONTHS_ONLY', 'A funder asks for whole months (from the 1st to the last day of a month) or for the whole convention.', ['from']);
    }
    const operatorId = convention ? convention.operator.id : actor.role === Role.ADMIN ? null : actor.organisationId;
    const today = parisDay(this.clock.now());
    const definitions = families(this.driver, { from, to, matureBy: addCalendarDays(to, -30), today });
    const { report, names } = await this.snapshot(async (run) => {
      const counted: Row[][] = [];
      const medians: (Row[] | null)[] = [];
      for (const family of definitions) {
        counted.push(await run(countsSql(family, groupBy, operatorId)));
        medians.push(family.median ? await run(medianSql(family, groupBy, operatorId)) : null);
      }
      const assembled = assemble(definitions, groupBy, counted, medians, funder);
      return { report: assembled, names: await namesOf(assembled.rows, run) };
    });
    if (convention) report.total.figures.targetParticipants = { value: convention.targetParticipants, suppressed: false };
    return { from, to, convention, groupBy, suppressionApplied: funder, rows: report.rows, total: report.total, names };
  }

  private get driver(): 'sqlite' | 'postgresql' {
    return this.em.getPlatform() instanceof BaseSqlitePlatform ? 'sqlite' : 'postgresql';
  }

  /** A convention the actor may see (a FUNDER's own, a manager's operator's): NOT_FOUND otherwise. */
  private async convention(actor: Actor, id: string): Promise<Convention> {
    const convention = isUuid(id) ? await this.uow.read(actor, (reads) => reads.findOne(Convention, { id }, { populate: ['operator', 'funder'] })) : null;
    if (!convention) throw new NotFoundError('Convention', ['conventionId']);
    return convention;
  }

  /**
   * Every statement in one read-only transaction: one snapshot of the database, so that the figures
   * add up even while commands write. PostgreSQL: REPEATABLE READ on a pooled connection. SQLite: a
   * WAL read transaction on a connection of its own, since a report at scale takes seconds and the
   * readers it would hold serve every interactive read.
   */
  private async snapshot<T>(work: (run: (sql: string) => Promise<Row[]>) => Promise<T>): Promise<T> {
    const connection = this.em.getConnection('read') as AbstractSqlConnection;
    if (this.driver === 'sqlite') return onOwnSqliteReader(connection, this.config.database.sqliteBusyTimeoutMs, work);
    return connection.transactional((trx) => work((sql) => connection.execute<Row[]>(sql, [], 'all', trx)), { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  }
}

/** The names of the prescribers, referents and counsellors the rows name: two statements, in the report's snapshot, no entity built. */
async function namesOf(rows: OutcomeRow[], run: (sql: string) => Promise<Row[]>): Promise<Map<string, string>> {
  const ids = (dimensions: OutcomeDimension[]) => [...new Set(rows.flatMap((row) => dimensions.map((dimension) => row.key[dimension]).filter((id): id is string => typeof id === 'string' && isUuid(id))))];
  const list = (values: string[]) => values.map((id) => `'${id}'`).join(', ');
  const names = new Map<string, string>();
  const organisations = ids([OutcomeDimension.PRESCRIBER]);
  const users = ids([OutcomeDimension.REFERENT, OutcomeDimension.COUNSELLOR]);
  if (organisations.length > 0) for (const row of await run(`select id, name from organisation where id in (${list(organisations)})`)) names.set(String(row.id), String(row.name));
  if (users.length > 0) for (const row of await run(`select id, full_name as name from app_user where id in (${list(users)})`)) names.set(String(row.id), String(row.name));
  return names;
}

function wholeMonths(from: LocalDate, to: LocalDate): boolean {
  return from.endsWith('-01') && addCalendarDays(to, 1).endsWith('-01');
}

/** The grouping levels of a report by `dimensions`: every subset, the full one first (its column types lead the UNION). */
function levels(dimensions: OutcomeDimension[]): OutcomeDimension[][] {
  const subsets: OutcomeDimension[][] = [[]];
  for (const dimension of dimensions) for (const subset of [...subsets]) subsets.push([...subset, dimension]);
  return subsets.sort((a, b) => b.length - a.length);
}

const column = (index: number) => `d${index}`;
const text = (expression: string | null) => `cast(${expression ?? 'null'} as varchar(40))`;

function scopeOf(family: FamilyDefinition, operatorId: string | null): string {
  if (operatorId === null) return '';
  if (!isUuid(operatorId)) throw new Error('Not an operator id');
  return ` and ${family.operator} = '${operatorId}'`;
}

function dimensionColumns(family: FamilyDefinition, dimensions: OutcomeDimension[], level: OutcomeDimension[]): string[] {
  return dimensions.map((dimension, index) => `${text(level.includes(dimension) ? (family.dimensions[dimension] ?? null) : null)} as ${column(index)}`);
}

/**
 * One statement: the family's counts (and their distinct people) at every grouping level. The
 * family's rows are read once (a materialized CTE: the dimensions, the person, a 0/1 flag per
 * count) and each level aggregates them, instead of each level joining the tables again (on 20 000
 * generated pathways, SQLite spent 435 ms of a 1.5 s report joining the 73 000 reports twice).
 */
export function countsSql(family: FamilyDefinition, dimensions: OutcomeDimension[], operatorId: string | null): string {
  const flags = family.counts.map((count, index) => `${count.when ? `case when ${count.when} then 1 else 0 end` : '1'} as f${index}`);
  const keys = dimensions.map((dimension, index) => `${family.dimensions[dimension] ?? 'null'} as k${index}`);
  const base = `with base as materialized (select ${[...keys, `${family.person} as person`, ...flags].join(', ')} from ${family.from} where ${family.where}${scopeOf(family, operatorId)})`;
  const aggregates = family.counts.flatMap((count, index) => [`coalesce(sum(f${index}), 0) as "${count.name}"`, `count(distinct case when f${index} = 1 then person end) as "${count.name}__people"`]);
  const levelSql = levels(dimensions).map((level, index) => {
    // A dimension the family cannot be broken down by stays null at every level.
    const keyAt = dimensions.map((dimension, position) => (level.includes(dimension) && family.dimensions[dimension] ? `k${position}` : null));
    const columns = keyAt.map((key, position) => `${text(key)} as ${column(position)}`);
    const grouped = keyAt.filter((key): key is string => key !== null);
    return `select ${index} as lvl, ${[...columns, ...aggregates].join(', ')} from base${grouped.length > 0 ? ` group by ${grouped.join(', ')}` : ''}`;
  });
  return `${base}\n${levelSql.join('\nunion all\n')}`;
}

/** One statement: the lower median of the family's days at every grouping level (row_number over the ordered days). */
export function medianSql(family: FamilyDefinition, dimensions: OutcomeDimension[], operatorId: string | null): string {
  const median = family.median!;
  return levels(dimensions)
    .map((level, index) => {
      const partition = level.map((dimension) => family.dimensions[dimension]).filter(Boolean);
      const over = partition.length > 0 ? `partition by ${partition.join(', ')} ` : '';
      const inner = `select ${[...dimensionColumns(family, dimensions, level), `${median.days} as days`].join(', ')}, row_number() over (${over}order by ${median.days}) as rn, count(*) over (${over.trim()}) as n from ${family.from} where ${family.where}${scopeOf(family, operatorId)}`;
      return `select ${index} as lvl, ${dimensions.map((_, position) => column(position)).concat('days').join(', ')} from (${inner}) m${index} where rn = (n + 1) / 2`;
    })
    .join('\nunion all\n');
}

/** The rows of the report and its total, from every family's rows; the funder's view suppressed. */
function assemble(definitions: FamilyDefinition[], dimensions: OutcomeDimension[], counted: Row[][], medians: (Row[] | null)[], suppress: boolean): { rows: OutcomeRow[]; total: OutcomeRow } {
  const all = levels(dimensions);
  const keyOf = (row: Row): Record<string, string> =>
    Object.fromEntries(dimensions.map((dimension, index) => [dimension, all[Number(row.lvl)].includes(dimension) ? ((row[column(index)] as string | null) ?? NONE) : ALL]));
  const rows = new Map<string, OutcomeRow>();
  const rowAt = (key: Record<string, string>) => {
    const id = cellId(key, dimensions);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { key: Object.fromEntries(dimensions.map((dimension) => [dimension, key[dimension] === NONE ? null : key[dimension]])), figures: {} }));
    return row;
  };
  const hiddenCells = new Set<string>();
  definitions.forEach((family, index) => {
    const cells = counted[index].map((row) => ({ key: keyOf(row), row }));
    if (suppress) {
      const summed = new Set((family.sums ?? []).flatMap((sum) => [sum.total, ...sum.members]));
      for (const count of family.counts.filter((count) => !summed.has(count.name))) {
        const table: CountCell[] = cells.map(({ key, row }) => ({ key, value: Number(row[count.name] ?? 0), people: Number(row[`${count.name}__people`] ?? 0) }));
        for (const id of suppressedCells(completed(table, dimensions), dimensions)) hiddenCells.add(`${count.name}@${id}`);
      }
      for (const sum of family.sums ?? []) {
        const measured = [...dimensions, 'measure'];
        const table: CountCell[] = cells.flatMap(({ key, row }) =>
          [sum.total, ...sum.members].map((name) => ({ key: { ...key, measure: name === sum.total ? ALL : name }, value: Number(row[name] ?? 0), people: Number(row[`${name}__people`] ?? 0) })),
        );
        for (const id of suppressedCells(completed(table, measured), measured)) {
          const [, place, measure] = /^(.*?)\|?measure=(.*)$/.exec(id)!;
          hiddenCells.add(`${measure === ALL ? sum.total : measure}@${place}`);
        }
      }
    }
    for (const { key, row } of cells) {
      const target = rowAt(key);
      for (const count of family.counts) {
        const hidden = hiddenCells.has(`${count.name}@${cellId(key, dimensions)}`);
        target.figures[count.name] = { value: hidden ? null : Number(row[count.name] ?? 0), suppressed: hidden };
      }
      // A family's first count is its base: a median follows it.
      if (family.median) target.figures[family.median.name] ??= { value: null, suppressed: hiddenCells.has(`${family.counts[0].name}@${cellId(key, dimensions)}`) };
    }
    for (const row of medians[index] ?? []) {
      const key = keyOf(row);
      const hidden = hiddenCells.has(`${family.counts[0].name}@${cellId(key, dimensions)}`);
      rowAt(key).figures[family.median!.name] = { value: hidden ? null : Number(row.days), suppressed: hidden };
    }
  });
  for (const row of rows.values()) {
    for (const [rate, [numerator, denominator]] of Object.entries(RATES)) {
      const [top, bottom] = [row.figures[numerator], row.figures[denominator]];
      if (!top || !bottom) continue;
      const hidden = top.suppressed || bottom.suppressed;
      row.figures[rate] = { value: hidden || !bottom.value ? null : Math.round((top.value! / bottom.value) * 10_000) / 10_000, suppressed: hidden };
    }
    const exits = row.figures.exits;
    if (exits) {
      const parts = Object.values(OutcomeCategory).filter(isDynamicExit).map((category) => row.figures[`exits_${category}`]);
      const hidden = exits.suppressed || parts.some((part) => part?.suppressed);
      row.figures.dynamicExitRate = { value: hidden || !exits.value ? null : Math.round((parts.reduce((sum, part) => sum + (part?.value ?? 0), 0) / exits.value) * 10_000) / 10_000, suppressed: hidden };
    }
    const [referrals, refused] = [row.figures.referrals, row.figures.refusedReferrals];
    if (referrals || refused) {
      const hidden = Boolean(referrals?.suppressed || refused?.suppressed);
      row.figures.referralAttempts = { value: hidden ? null : (referrals?.value ?? 0) + (refused?.value ?? 0), suppressed: hidden };
    }
  }
  // A figure without rows in a group counted nothing there (a median or a rate: nothing to say).
  for (const row of rows.values()) for (const { name, kind } of FIGURES) row.figures[name] ??= { value: kind === 'count' ? 0 : null, suppressed: false };
  const leaf = [...rows.values()].filter((row) => dimensions.every((dimension) => row.key[dimension] !== ALL));
  const total = rows.get(cellId(Object.fromEntries(dimensions.map((dimension) => [dimension, ALL])), dimensions)) ?? { key: {}, figures: {} };
  total.key = {};
  leaf.sort((a, b) => dimensions.map((dimension) => String(a.key[dimension] ?? '').localeCompare(String(b.key[dimension] ?? ''))).find((order) => order !== 0) ?? 0);
  return { rows: dimensions.length > 0 ? leaf : [], total };
}

/** The table with a zero cell wherever a line would otherwise miss one (a group with no rows of this family). */
function completed(cells: CountCell[], dimensions: string[]): CountCell[] {
  const values = dimensions.map((dimension) => [...new Set(cells.map((cell) => cell.key[dimension]))]);
  const present = new Set(cells.map((cell) => cellId(cell.key, dimensions)));
  const result = [...cells];
  const walk = (index: number, key: Record<string, string>) => {
    if (index === dimensions.length) {
      if (!present.has(cellId(key, dimensions))) result.push({ key: { ...key }, value: 0, people: 0 });
      return;
    }
    for (const value of values[index]) walk(index + 1, { ...key, [dimensions[index]]: value });
  };
  walk(0, {});
  return result;
}
