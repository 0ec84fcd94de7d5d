import { Injectable } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Convention } from '@parcours/conventions';
import { addCalendarDays, addCalendarMonths, Clock, isUuid, NotFoundError, parisDay, type LocalDate } from '@parcours/core';
import { isDynamicExit, OutcomeCategory } from '@parcours/pathways';
import { UnitOfWork } from '@parcours/unit-of-work';
import { families, idList, type FamilyDefinition } from './outcome-figures';
import { FUNDER_DIMENSIONS, OutcomeDimension } from './outcome-dimensions';
import { OutcomesError } from './outcomes-error';
import { modelAnswers, modelFigures } from './model/outcome-model-report';
import { ALL, cellId, levels } from './report-cells';
import { FUNDER_BREAKDOWNS, publicationCellId, publicationCells, publicationRelations, WHOLE, type FamilyRows, type FunderBreakdown, type PublicationCell } from './disclosure/funder-publication';
import { suppressJointly } from './disclosure/joint-suppression';
import { createHash } from 'node:crypto';

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
      ...family.counts.filter((count) => !count.hidden).map((count) => ({ name: count.name, description: count.description, kind: 'count' as const })),
      ...(family.median ? [{ name: family.median.name, description: family.median.description, kind: 'days' as const }] : []),
    ]),
    { name: 'diagnosedWithin30DaysShare', description: 'diagnosedWithin30Days ÷ diagnosedMature: the share of mature pathways diagnosed within 30 days of referral.', kind: 'rate' as const },
    { name: 'noShowRate', description: 'noShows ÷ appointmentsWithOutcome.', kind: 'rate' as const },
    { name: 'attendanceReminded', description: 'firstAppointmentsRemindedHeld ÷ firstAppointmentsReminded: how many came to their first appointment after a reminder reached them.', kind: 'rate' as const },
    { name: 'attendanceNotReminded', description: 'firstAppointmentsNotRemindedHeld ÷ firstAppointmentsNotReminded: how many came without one (beside attendanceReminded: do reminders work?).', kind: 'rate' as const },
    { name: 'readyShare', description: 'readyForEmployment ÷ diagnostics.', kind: 'rate' as const },
    { name: 'dynamicExitRate', description: '"Sorties dynamiques": DURABLE_EMPLOYMENT + TRANSITIONAL_EMPLOYMENT + POSITIVE_EXIT ÷ all exits.', kind: 'rate' as const },
    { name: 'stillInWorkShare', description: 'stillInWork ÷ sixMonthRecorded (MISSED and UNKNOWN shown apart).', kind: 'rate' as const },
    { name: 'targetParticipants', description: "The convention's target number of participants (total only), beside participantsOpen.", kind: 'given' as const },
  ];
}

/** The figures, defined once. */
export const FIGURES: readonly FigureDefinition[] = figureDefinitions();

/** Figures that are the sum of counts of several families; hidden when any of them is. */
export const FIGURE_SUMS: Record<string, string[]> = {
  referralAttempts: ['referrals', 'refusedReferrals'],
};

/** The share of these exit categories among all exits: the rate of "sorties dynamiques". */
export const DYNAMIC_EXIT_RATE: [name: string, parts: string[], of: string] = [
  'dynamicExitRate',
  Object.values(OutcomeCategory)
    .filter(isDynamicExit)
    .map((category) => `exits_${category}`),
  'exits',
];

/** Rates computed from two counts of the same family; hidden when either is. */
export const RATES: Record<string, [numerator: string, denominator: string]> = {
  diagnosedWithin30DaysShare: ['diagnosedWithin30Days', 'diagnosedMature'],
  noShowRate: ['noShows', 'appointmentsWithOutcome'],
  attendanceReminded: ['firstAppointmentsRemindedHeld', 'firstAppointmentsReminded'],
  attendanceNotReminded: ['firstAppointmentsNotRemindedHeld', 'firstAppointmentsNotReminded'],
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
  /** Per convention, the last publication's state and the cells its funder may not see. */
  private readonly publications = new Map<string, { state: string; unknown: Set<string> }>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * `source`: the outcome model wherever it answers (every grouping but by referent or
   * counsellor), or the journey tables (the model's tests compare both).
   */
  async report(actor: Actor, input: OutcomeReportInput, source: 'model' | 'journey' = 'model'): Promise<OutcomeReport> {
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
    if (funder) return this.funderReport(convention!, from, to, groupBy);
    const operatorId = convention ? convention.operator.id : actor.role === Role.ADMIN ? null : actor.organisationId;
    const today = parisDay(this.clock.now());
    // Hidden rests serve the funder's disclosure control only: the managers' statements leave them out.
    const days = { from, to, matureBy: addCalendarDays(to, -30), today };
    const definitions = families(this.driver, days).map((family) => ({ ...family, counts: family.counts.filter((count) => !count.hidden) }));
    const { report, names } = await this.snapshot(async (run) => {
      const { counted, medians } =
        source === 'model' && modelAnswers(groupBy) ? await modelFigures(this.driver, definitions, groupBy, operatorId, days, run) : await journeyFigures(definitions, groupBy, operatorId, run);
      const assembled = assemble(definitions, groupBy, counted, medians);
      return { report: assembled, names: await namesOf(assembled.rows.map((row) => row.key), run) };
    });
    if (convention) report.total.figures.targetParticipants = { value: convention.targetParticipants, suppressed: false };
    return { from, to, convention, groupBy, suppressionApplied: false, rows: report.rows, total: report.total, names };
  }

  /**
   * A funder's figures: read from the convention's publication (funder-publication.ts), the same
   * for every question it may ask — the whole convention, in total, by month or by one breakdown;
   * one month of it, in total — with the cells it may not see decided jointly over all of it
   * (joint-suppression.ts), once per state of the data.
   */
  private async funderReport(convention: Convention, from: LocalDate, to: LocalDate, groupBy: OutcomeDimension[]): Promise<OutcomeReport> {
    const whole = from === convention.startOn && to === convention.endOn;
    const month = whole ? WHOLE : from.slice(0, 7);
    if (!whole && !(from.endsWith('-01') && to === lastDayOfMonth(from))) {
      throw new OutcomesError('WHOLE_MONTHS_ONLY', 'A funder reads one whole month (from its 1st to its last day) of its convention, or the whole convention.', ['from']);
    }
    if (!whole && (month < convention.startOn.slice(0, 7) || month > convention.endOn.slice(0, 7))) {
      throw new OutcomesError('PERIOD_OUTSIDE_CONVENTION', `The convention runs from ${convention.startOn} to ${convention.endOn}: a funder reads its figures within it.`, ['from']);
    }
    const [dimension, ...more] = groupBy;
    if (more.length > 0 || (!whole && dimension && dimension !== OutcomeDimension.MONTH)) {
      throw new OutcomesError('GROUPING_NOT_ALLOWED', "A funder reads the convention's figures by month, prescriber, commune or contract type, one at a time, and a month's in total.", ['groupBy']);
    }
    // A month the convention only partly covers counts its days within it.
    const period = whole ? { from, to } : { from: from < convention.startOn ? convention.startOn : from, to: to > convention.endOn ? convention.endOn : to };
    const today = parisDay(this.clock.now());
    const definitions = families(this.driver, { from: convention.startOn, to: convention.endOn, matureBy: addCalendarDays(convention.endOn, -30), today });
    const asked = families(this.driver, { ...period, matureBy: addCalendarDays(period.to, -30), today });
    const operatorId = convention.operator.id;
    const { rows, medians, names } = await this.snapshot(async (run) => {
      const rows: FamilyRows[] = [];
      const medians: (Row[] | null)[] = [];
      for (const [index, family] of definitions.entries()) {
        const byBreakdown = {} as FamilyRows['byBreakdown'];
        for (const breakdown of FUNDER_BREAKDOWNS) byBreakdown[breakdown] = await run(countsSql(family, [breakdown], operatorId, 'with people'));
        rows.push({ byMonth: family.day ? await run(countsSql(family, [OutcomeDimension.MONTH], operatorId, 'with people')) : null, byBreakdown });
        medians.push(asked[index].median ? await run(medianSql(asked[index], groupBy, operatorId)) : null);
      }
      const prescribers = dimension === OutcomeDimension.PRESCRIBER ? rows.flatMap((family) => family.byBreakdown.PRESCRIBER.map((row) => ({ [OutcomeDimension.PRESCRIBER]: row.d0 as string | null }))) : [];
      return { rows, medians, names: await namesOf(prescribers, run) };
    });
    const cells = publicationCells(definitions, rows);
    const unknown = this.unknownCells(convention.id, definitions, cells);
    const byId = new Map(cells.map((cell) => [cell.id, cell]));
    const figuresAt = (month: string, breakdown: FunderBreakdown | typeof WHOLE, value: string | null): Record<string, Figure> => {
      const figures: Record<string, Figure> = {};
      for (const family of definitions) {
        for (const count of family.counts) {
          if (count.hidden) continue;
          const id = publicationCellId(count.name, month, breakdown, value);
          const cell = byId.get(id);
          // A month's share of a count that depends on the whole period is no figure: nothing to show, nothing hidden.
          if (count.periodDependent && month !== WHOLE) figures[count.name] = { value: null, suppressed: false };
          else figures[count.name] = { value: unknown.has(id) ? null : (cell?.count ?? 0), suppressed: unknown.has(id) };
        }
      }
      return figures;
    };
    const valuesOf = (breakdown: FunderBreakdown | 'MONTH'): (string | null)[] =>
      [...new Set(cells.filter((cell) => (breakdown === 'MONTH' ? cell.month !== WHOLE : cell.breakdown === breakdown)).map((cell) => (breakdown === 'MONTH' ? cell.month : cell.value)))].sort((a, b) =>
        String(a ?? '').localeCompare(String(b ?? '')),
      );
    const total: OutcomeRow = { key: {}, figures: figuresAt(month, WHOLE, WHOLE) };
    const grouped: OutcomeRow[] =
      dimension === undefined
        ? []
        : dimension === OutcomeDimension.MONTH
          ? (whole ? valuesOf('MONTH') : [month]).map((value) => ({ key: { [OutcomeDimension.MONTH]: value }, figures: figuresAt(value!, WHOLE, WHOLE) }))
          : valuesOf(dimension as FunderBreakdown).map((value) => ({ key: { [dimension]: value }, figures: figuresAt(WHOLE, dimension as FunderBreakdown, value) }));
    // Medians and rates: shown only where every count they come from is shown.
    const all = levels(groupBy);
    asked.forEach((family, index) => {
      for (const row of medians[index] ?? []) {
        const level = all[Number(row.lvl)];
        const target = level.length === 0 ? total : grouped.find((candidate) => candidate.key[dimension!] === ((row.d0 as string | null) ?? null));
        if (!target) continue;
        const base = target.figures[family.counts[0].name];
        target.figures[family.median!.name] = { value: base.suppressed ? null : Number(row.days), suppressed: base.suppressed };
      }
    });
    for (const row of [...grouped, total]) derive(row);
    for (const row of [...grouped, total]) for (const { name, kind } of FIGURES) row.figures[name] ??= { value: kind === 'count' ? 0 : null, suppressed: false };
    total.figures.targetParticipants = { value: convention.targetParticipants, suppressed: false };
    return { from: period.from, to: period.to, convention, groupBy, suppressionApplied: true, rows: grouped, total, names };
  }

  /** The publication's unknown cells, decided once per state of the data (the cells' counts), per convention. */
  private unknownCells(conventionId: string, definitions: FamilyDefinition[], cells: PublicationCell[]): Set<string> {
    const state = createHash('sha256')
      .update(cells.map((cell) => `${cell.id}=${cell.count}/${cell.people}`).sort().join('\n'))
      .digest('hex');
    const cached = this.publications.get(conventionId);
    if (cached?.state === state) return cached.unknown;
    const unknown = suppressJointly(cells, publicationRelations(definitions, cells));
    this.publications.set(conventionId, { state, unknown });
    return unknown;
  }

  private get driver(): 'sqlite' | 'postgresql' {
    return this.uow.driver();
  }

  /** A convention the actor may see (a FUNDER's own, a manager's operator's): NOT_FOUND otherwise. */
  private async convention(actor: Actor, id: string): Promise<Convention> {
    const convention = isUuid(id) ? await this.uow.read(actor, (reads) => reads.findOne(Convention, { id }, { populate: ['operator', 'funder'] })) : null;
    if (!convention) throw new NotFoundError('Convention', ['conventionId']);
    return convention;
  }

  /** Every statement in one snapshot, so that the figures add up even while commands write (UnitOfWork.longRead). */
  private snapshot<T>(work: (run: (sql: string) => Promise<Row[]>) => Promise<T>): Promise<T> {
    return this.uow.longRead(work);
  }

}

/** The manager's figures from the journey tables: one statement per family, one per median. */
async function journeyFigures(definitions: FamilyDefinition[], groupBy: OutcomeDimension[], operatorId: string | null, run: (sql: string) => Promise<Row[]>): Promise<{ counted: Row[][]; medians: (Row[] | null)[] }> {
  const counted: Row[][] = [];
  const medians: (Row[] | null)[] = [];
  for (const family of definitions) {
    counted.push(await run(countsSql(family, groupBy, operatorId, 'rows only')));
    medians.push(family.median ? await run(medianSql(family, groupBy, operatorId)) : null);
  }
  return { counted, medians };
}

/** The names of the prescribers, referents and counsellors the rows' keys name: two statements, in the report's snapshot, no entity built. */
async function namesOf(keys: RowKey[], run: (sql: string) => Promise<Row[]>): Promise<Map<string, string>> {
  const ids = (dimensions: OutcomeDimension[]) => [...new Set(keys.flatMap((key) => dimensions.map((dimension) => key[dimension]).filter((id): id is string => typeof id === 'string' && isUuid(id))))];
  const list = (values: string[]) => values.map((id) => `'${id}'`).join(', ');
  const names = new Map<string, string>();
  const organisations = ids([OutcomeDimension.PRESCRIBER]);
  const users = ids([OutcomeDimension.REFERENT, OutcomeDimension.COUNSELLOR]);
  if (organisations.length > 0) for (const row of await run(`select id, name from organisation where id in (${list(organisations)})`)) names.set(String(row.id), String(row.name));
  if (users.length > 0) for (const row of await run(`select id, full_name as name from app_user where id in (${list(users)})`)) names.set(String(row.id), String(row.name));
  return names;
}

function lastDayOfMonth(day: LocalDate): LocalDate {
  return addCalendarDays(addCalendarMonths(`${day.slice(0, 7)}-01`, 1), -1);
}


const column = (index: number) => `d${index}`;
const text = (expression: string | null) => `cast(${expression ?? 'null'} as varchar(40))`;

function scopeOf(family: FamilyDefinition, operatorId: string | null): string {
  return operatorId === null ? '' : ` and ${family.operator} = ${idList([operatorId])}`;
}

function dimensionColumns(family: FamilyDefinition, dimensions: OutcomeDimension[], level: OutcomeDimension[]): string[] {
  return dimensions.map((dimension, index) => `${text(level.includes(dimension) ? (family.dimensions[dimension] ?? null) : null)} as ${column(index)}`);
}

/**
 * One statement: the family's counts at every grouping level, and the distinct people behind each
 * when asked (the funder's disclosure control works on people; a manager's figures are counts of
 * rows, and need no `count(distinct …)`). The
 * family's rows are read once (a materialized CTE: the dimensions, the person, a 0/1 flag per
 * count) and each level aggregates them, instead of each level joining the tables again (on 20 000
 * generated pathways, SQLite spent 435 ms of a 1.5 s report joining the 73 000 reports twice).
 */
export function countsSql(family: FamilyDefinition, dimensions: OutcomeDimension[], operatorId: string | null, people: 'with people' | 'rows only'): string {
  const flags = family.counts.map((count, index) => `${count.when ? `case when ${count.when} then 1 else 0 end` : '1'} as f${index}`);
  const keys = dimensions.map((dimension, index) => `${family.dimensions[dimension] ?? 'null'} as k${index}`);
  const person = people === 'with people' ? [`${family.person} as person`] : [];
  const base = `with base as materialized (select ${[...keys, ...person, ...flags].join(', ')} from ${family.from} where ${family.where}${scopeOf(family, operatorId)})`;
  const aggregates = family.counts.flatMap((count, index) => [
    `coalesce(sum(f${index}), 0) as "${count.name}"`,
    ...(people === 'with people' ? [`count(distinct case when f${index} = 1 then person end) as "${count.name}__people"`] : []),
  ]);
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

/** The rows of the report and its total, from every family's rows (the managers' view: nothing suppressed). */
function assemble(definitions: FamilyDefinition[], dimensions: OutcomeDimension[], counted: Row[][], medians: (Row[] | null)[]): { rows: OutcomeRow[]; total: OutcomeRow } {
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
  definitions.forEach((family, index) => {
    for (const row of counted[index]) {
      const target = rowAt(keyOf(row));
      for (const count of family.counts) if (!count.hidden) target.figures[count.name] = { value: Number(row[count.name] ?? 0), suppressed: false };
    }
    for (const row of medians[index] ?? []) rowAt(keyOf(row)).figures[family.median!.name] = { value: Number(row.days), suppressed: false };
  });
  for (const row of rows.values()) derive(row);
  // A figure without rows in a group counted nothing there (a median or a rate: nothing to say).
  for (const row of rows.values()) for (const { name, kind } of FIGURES) row.figures[name] ??= { value: kind === 'count' ? 0 : null, suppressed: false };
  const leaf = [...rows.values()].filter((row) => dimensions.every((dimension) => row.key[dimension] !== ALL));
  const total = rows.get(cellId(Object.fromEntries(dimensions.map((dimension) => [dimension, ALL])), dimensions)) ?? { key: {}, figures: {} };
  total.key = {};
  leaf.sort((a, b) => dimensions.map((dimension) => String(a.key[dimension] ?? '').localeCompare(String(b.key[dimension] ?? ''))).find((order) => order !== 0) ?? 0);
  return { rows: dimensions.length > 0 ? leaf : [], total };
}

/** The figures computed from counts: rates, the dynamic-exit rate, referral attempts; hidden where any count they come from is. */
function derive(row: OutcomeRow): void {
  for (const [rate, [numerator, denominator]] of Object.entries(RATES)) {
    const [top, bottom] = [row.figures[numerator], row.figures[denominator]];
    if (!top || !bottom) continue;
    const hidden = top.suppressed || bottom.suppressed;
    row.figures[rate] = { value: hidden || !bottom.value ? null : Math.round((top.value! / bottom.value) * 10_000) / 10_000, suppressed: hidden };
  }
  const [rate, names, of] = DYNAMIC_EXIT_RATE;
  const exits = row.figures[of];
  if (exits) {
    const parts = names.map((name) => row.figures[name]);
    const hidden = exits.suppressed || parts.some((part) => part?.suppressed);
    row.figures[rate] = { value: hidden || !exits.value ? null : Math.round((parts.reduce((sum, part) => sum + (part?.value ?? 0), 0) / exits.value) * 10_000) / 10_000, suppressed: hidden };
  }
  for (const [name, members] of Object.entries(FIGURE_SUMS)) {
    const parts = members.map((member) => row.figures[member]);
    if (parts.every((part) => !part)) continue;
    const hidden = parts.some((part) => part?.suppressed);
    row.figures[name] = { value: hidden ? null : parts.reduce((sum, part) => sum + (part?.value ?? 0), 0), suppressed: hidden };
  }
}
