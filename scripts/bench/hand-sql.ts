import { Client } from 'pg';
import { Database, OPEN_READONLY } from 'sqlite3';

/**
 * The outcome report's counts written by hand, the way one would ask the database directly: one
 * GROUP BY per family with a CASE per breakdown, and the same statement without GROUP BY for the
 * total. It is the yardstick of `npm run bench:report`: what the report adds on top (the distinct
 * people behind every count, each dimension's margins for the suppression, the two lower medians,
 * GraphQL and the access check) is what the ratio measures. Not the report's own SQL: that is
 * built from libs/outcomes/src/outcome-figures.ts.
 */
export type Grouping = 'MONTH' | 'PRESCRIBER';

export interface Period {
  from: string;
  to: string;
  /** 30 days before `to`: the "mature" referrals of the 30-day share. */
  matureBy: string;
  today: string;
}

export function handStatements(driver: 'sqlite' | 'postgresql', grouping: Grouping, days: Period): string[] {
  const [from, to, matureBy, today] = [days.from, days.to, days.matureBy, days.today].map((day) => `'${day}'`);
  const within = (column: string) => `${column} between ${from} and ${to}`;
  const daysBetween = (later: string, earlier: string) => (driver === 'sqlite' ? `cast(julianday(${later}) - julianday(${earlier}) as integer)` : `(cast(${later} as date) - cast(${earlier} as date))`);
  const sum = (condition: string) => `sum(case when ${condition} then 1 else 0 end)`;
  const key = (day: string, prescriber = 'p.prescriber_id') => (grouping === 'MONTH' ? `substr(${day}, 1, 7)` : prescriber);
  const family = (day: string, columns: string, from_: string, where: string, prescriber?: string) => [
    `select ${key(day, prescriber)} as k, ${columns} from ${from_} where ${where} group by ${key(day, prescriber)}`,
    `select ${columns} from ${from_} where ${where}`,
  ];
  const breakdown = (column: string, values: string[]) => values.map((value) => sum(`${column} = '${value}'`)).join(', ');
  return [
    ...family('p.referred_on', 'count(*)', 'pathway p', within('p.referred_on')),
    ...family('r.refused_on', `count(*), ${sum("r.unmet_codes like '%OUTSIDE_TERRITORY%'")}, ${sum("r.unmet_codes like '%NO_RSA_NOR_BARRIER%'")}`, 'refused_referral r', within('r.refused_on'), 'r.prescriber_id'),
    ...family('p.accepted_on', 'count(*)', 'pathway p', within('p.accepted_on')),
    ...family(
      'p.closed_on',
      `count(*), ${breakdown('p.decline_reason', ['UNREACHABLE', 'NOT_ELIGIBLE', 'REFUSED_BY_PERSON', 'ALREADY_IN_WORK_OR_TRAINING', 'DUPLICATE', 'OTHER'])}`,
      'pathway p',
      `${within('p.closed_on')} and p.status = 'DECLINED'`,
    ),
    ...family(
      'd.first_on',
      `count(*), ${sum(`p.referred_on <= ${matureBy}`)}, ${sum(`p.referred_on <= ${matureBy} and ${daysBetween('d.first_on', 'p.referred_on')} <= 30`)}`,
      'pathway p join (select pathway_id, min(recorded_on) as first_on from diagnostic group by pathway_id) d on d.pathway_id = p.id',
      within('d.first_on'),
    ),
    ...family('a.starts_on', `count(*), ${sum("a.status = 'NO_SHOW'")}`, 'appointment a join pathway p on p.id = a.pathway_id', `${within('a.starts_on')} and a.status in ('HELD', 'NO_SHOW')`),
    ...family('dg.recorded_on', `count(*), ${sum("dg.readiness in ('READY_FOR_EMPLOYMENT', 'READY_WITH_SUPPORT')")}`, 'diagnostic dg join pathway p on p.id = dg.pathway_id', within('dg.recorded_on')),
    ...family(
      'pr.last_step_on',
      `count(*), ${breakdown('pr.status', ['DECLINED_BY_PARTICIPANT', 'HIRED', 'REJECTED_BY_EMPLOYER', 'CANCELLED', 'STALE'])}`,
      'proposal pr join pathway p on p.id = pr.pathway_id',
      `${within('pr.last_step_on')} and pr.status in ('DECLINED_BY_PARTICIPANT', 'HIRED', 'REJECTED_BY_EMPLOYER', 'CANCELLED', 'STALE')`,
    ),
    ...family(
      'pl.start_on',
      `count(*), ${breakdown('pl.contract_type', ['CDI', 'CDI_INTERIM', 'BUSINESS_CREATION', 'CDD', 'CDD_USAGE', 'SEASONAL', 'TEMP_MISSION', 'APPRENTICESHIP', 'PROFESSIONALISATION', 'PEC', 'CUI_CIE', 'CDDI', 'CDI_INCLUSION', 'TRAINING'])}`,
      'placement pl join pathway p on p.id = pl.pathway_id',
      within('pl.start_on'),
    ),
    ...family(
      'p.exited_on',
      `count(*), ${breakdown('p.outcome_category', ['DURABLE_EMPLOYMENT', 'TRANSITIONAL_EMPLOYMENT', 'POSITIVE_EXIT', 'OTHER'])}`,
      'pathway p',
      `${within('p.exited_on')} and p.status = 'EXITED'`,
    ),
    ...family('f.first_on', 'count(*)', 'pathway p join (select pathway_id, min(start_on) as first_on from placement group by pathway_id) f on f.pathway_id = p.id', within('f.first_on')),
    ...family(
      'c.due_on',
      `${sum("c.status <> 'CANCELLED'")}, ${sum("c.status in ('RECORDED', 'RECORDED_LATE')")}, ${sum("c.status in ('RECORDED', 'RECORDED_LATE') and fc.situation in ('IN_POST', 'IN_OTHER_WORK', 'IN_TRAINING')")}, ${sum("c.status = 'MISSED'")}`,
      'checkpoint c join pathway p on p.id = c.pathway_id left join follow_up_contact fc on fc.checkpoint_id = c.id',
      `${within('c.due_on')} and c.offset = '6m'`,
    ),
    ...family(
      'r.due_on',
      `count(*), ${sum(`(r.acknowledged_on > r.due_on or (r.acknowledged_on is null and r.due_on < ${today}))`)}`,
      'referent_report r join pathway p on p.id = r.pathway_id',
      within('r.due_on'),
    ),
    // Open at some day of the period: distinct people, as the report counts them. No month for it.
    ...(grouping === 'MONTH' ? [] : [`select p.prescriber_id as k, count(distinct p.participant_id) from pathway p where p.referred_on <= ${to} and coalesce(p.exited_on, p.closed_on, ${to}) >= ${from} group by p.prescriber_id`]),
    `select count(distinct p.participant_id) from pathway p where p.referred_on <= ${to} and coalesce(p.exited_on, p.closed_on, ${to}) >= ${from}`,
  ];
}

/** Runs the statements one after the other on a connection of its own (read-only on SQLite); rows are counted, not kept. */
export interface HandSql {
  run(statements: string[]): Promise<number>;
  /** The database and its version, as the benchmark prints it. */
  version(): Promise<string>;
  close(): Promise<void>;
}

export async function handSql(url: string): Promise<HandSql> {
  if (url.startsWith('sqlite:')) {
    const db = await new Promise<Database>((resolve, reject) => {
      const opened = new Database(url.slice('sqlite:'.length), OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
    });
    return {
      run: async (statements) => {
        let rows = 0;
        for (const sql of statements) rows += await new Promise<number>((resolve, reject) => db.all(sql, (error, result: unknown[]) => (error ? reject(error) : resolve(result.length))));
        return rows;
      },
      version: () => new Promise((resolve, reject) => db.get('select sqlite_version() as v', (error, row: { v: string }) => (error ? reject(error) : resolve(`SQLite ${row.v}`)))),
      close: () => new Promise((resolve) => db.close(() => resolve())),
    };
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    run: async (statements) => {
      let rows = 0;
      for (const sql of statements) rows += (await client.query(sql)).rowCount ?? 0;
      return rows;
    },
    version: async () => `PostgreSQL ${(await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0].v}`,
    close: () => client.end(),
  };
}
