/**
 * The Paris days the outcome figures group on, for rows written before the columns existed: each
 * computed from its instant in the Europe/Paris calendar (SQL cannot, on SQLite, which stores
 * instants as milliseconds), and the prescriber at referral taken from the organisation of the
 * user of the pathway's first history line (the referral, by its referent). Frozen here: a later
 * change to the application's code does not change what this migration did.
 */
type Execute = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

function parisDay(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const instant = value instanceof Date ? value : /^\d+$/.test(String(value)) ? new Date(Number(value)) : new Date(String(value));
  return Number.isNaN(instant.getTime()) ? null : PARIS.format(instant);
}

async function backfillDays(execute: Execute, table: string, instantColumn: string, dayColumn: string): Promise<void> {
  const rows = await execute(`select id, ${instantColumn} as instant from ${table} where ${instantColumn} is not null and ${dayColumn} is null`);
  for (const row of rows) await execute(`update ${table} set ${dayColumn} = ? where id = ?`, [parisDay(row.instant), row.id]);
}

export async function backfillReadColumns(execute: Execute): Promise<void> {
  await backfillDays(execute, 'pathway', 'accepted_at', 'accepted_on');
  await backfillDays(execute, 'pathway', 'closed_at', 'closed_on');
  await backfillDays(execute, 'appointment', 'starts_at', 'starts_on');
  await backfillDays(execute, 'referent_report', 'acknowledged_at', 'acknowledged_on');
  for (const row of await execute('select id, outcome_basis as basis from pathway where outcome_basis is not null')) {
    const basis = (typeof row.basis === 'string' ? JSON.parse(row.basis) : row.basis) as { contractType?: string } | null;
    await execute('update pathway set outcome_contract_type = ? where id = ?', [basis?.contractType ?? null, row.id]);
  }
  await execute(`update pathway set prescriber_id = (
    select u.organisation_id from pathway_event e join app_user u on u.id = e.by_id
    where e.pathway_id = pathway.id and e.to_status is not null order by e.id limit 1
  ) where prescriber_id is null`);
}
