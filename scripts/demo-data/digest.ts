import { MikroORM, type EntityProperty } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Columns drawn at random by design: salted password hashes. */
const RANDOM_BY_DESIGN = new Set(['password_hash']);
/** Tables that hold no data: the fingerprint of the outcome model's SQL, which differs by database. */
const NOT_DATA = new Set(['outcome_model']);
const PAGE = 5_000;
const MOD = 1n << 128n;

/**
 * The digest of what the generator wrote: every table of the schema, every column but the primary
 * keys and the salted password hashes, with ids masked (random UUIDs, and autoincremented numbers
 * whose order depends on them), so that a row is known by its business columns and by whether each
 * reference is set. Each row is hashed on its own and the row hashes are
 * summed per table (a multiset hash): the row order does not matter, and the tables are read page
 * by page in primary-key order, so memory stays flat whatever the size. Values are read as the
 * entity metadata types them, so SQLite and PostgreSQL give the same text: two databases generated
 * with the same seed, size and day have the same digest, whichever kind each is.
 */
export async function digestOf(app: INestApplicationContext): Promise<string> {
  const orm = app.get(MikroORM);
  const connection = orm.em.getConnection();
  const tables = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName && meta.primaryKeys.length > 0 && !NOT_DATA.has(meta.tableName))
    .map((meta) => ({
      table: meta.tableName,
      keys: meta.primaryKeys.flatMap((key: string) => meta.properties[key].fieldNames),
      columns: new Map(meta.props.flatMap((prop) => (prop.fieldNames ?? []).map((column) => [column, normaliserOf(prop)] as const))),
    }))
    .sort((a, b) => a.table.localeCompare(b.table));
  const whole = createHash('sha256');
  for (const { table, keys, columns } of [...new Map(tables.map((entry) => [entry.table, entry])).values()]) {
    let sum = 0n;
    let rows = 0;
    let after: unknown[] | null = null;
    const keyList = keys.map((key) => `"${key}"`).join(', ');
    for (;;) {
      const where: string = after ? `where (${keyList}) > (${keys.map(() => '?').join(', ')})` : '';
      const page: Record<string, unknown>[] = await connection.execute(`select * from "${table}" ${where} order by ${keyList} limit ${PAGE}`, after ?? []);
      for (const row of page) {
        const line = Object.keys(row)
          .filter((column) => !RANDOM_BY_DESIGN.has(column) && !keys.includes(column))
          .sort()
          .map((column) => `${column}=${masked(column, row[column], columns.get(column))}`)
          .join('|');
        sum = (sum + BigInt(`0x${createHash('sha256').update(line).digest('hex').slice(0, 32)}`)) % MOD;
      }
      rows += page.length;
      if (page.length < PAGE) break;
      const last = page[page.length - 1];
      after = keys.map((key) => last[key]);
    }
    whole.update(`${table}:${rows}:${sum.toString(16)}\n`);
  }
  return whole.digest('hex').slice(0, 16);
}

/**
 * Ids are masked: random UUIDs, and the numbers of autoincremented rows (history, steps, access
 * log), whose order within a day follows the sweeps' order, which is the order of random ids.
 */
function masked(column: string, value: unknown, normalise: ((value: unknown) => string) | undefined): string {
  if (value === null || value === undefined) return '∅';
  const text = (normalise ?? String)(value).replace(UUID, '#');
  return column.endsWith('_id') && /^\d+$/.test(text) ? '#' : text;
}

/**
 * A column's value as text, the same on both databases: SQLite keeps instants as milliseconds,
 * booleans as 0/1 and JSON as text, where PostgreSQL answers dates, booleans and parsed JSON.
 */
function normaliserOf(prop: EntityProperty): (value: unknown) => string {
  const type = String(prop.runtimeType ?? prop.type).toLowerCase();
  if (type === 'date') return (value) => new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).toISOString();
  if (type === 'boolean') return (value) => String(value === true || value === 1 || value === '1' || value === 't');
  if (type === 'number' || type === 'bigint') return (value) => String(Number(value));
  if ([prop.type, prop.runtimeType, ...(prop.columnTypes ?? [])].some((name) => String(name).toLowerCase().includes('json'))) return (value) => canonical(typeof value === 'string' ? JSON.parse(value) : value);
  return (value) => (value instanceof Date ? value.toISOString() : String(value));
}

/** JSON with the keys of every object sorted (PostgreSQL's jsonb reorders them). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  return JSON.stringify(value);
}
