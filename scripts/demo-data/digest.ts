import { MikroORM } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Columns drawn at random by design: salted password hashes. */
const RANDOM_BY_DESIGN = new Set(['password_hash']);
const PAGE = 5_000;
const MOD = 1n << 128n;

/**
 * The digest of what the generator wrote: every table of the schema, every column but the salted
 * password hashes, with ids masked (they are random UUIDs, so a row is known by its business
 * columns and whether each reference is set). Each row is hashed on its own and the row hashes are
 * summed per table (a multiset hash): the row order does not matter, and the tables are read page
 * by page in primary-key order, so memory stays flat whatever the size. Two databases generated
 * with the same seed, size and day on the same kind of database have the same digest.
 */
export async function digestOf(app: INestApplicationContext): Promise<string> {
  const orm = app.get(MikroORM);
  const connection = orm.em.getConnection();
  const tables = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName && meta.primaryKeys.length > 0)
    .map((meta) => ({ table: meta.tableName, keys: meta.primaryKeys.flatMap((key: string) => meta.properties[key].fieldNames) }))
    .sort((a, b) => a.table.localeCompare(b.table));
  const whole = createHash('sha256');
  for (const { table, keys } of [...new Map(tables.map((entry) => [entry.table, entry])).values()]) {
    let sum = 0n;
    let rows = 0;
    let after: unknown[] | null = null;
    const keyList = keys.map((key) => `"${key}"`).join(', ');
    for (;;) {
      const where: string = after ? `where (${keyList}) > (${keys.map(() => '?').join(', ')})` : '';
      const page: Record<string, unknown>[] = await connection.execute(`select * from "${table}" ${where} order by ${keyList} limit ${PAGE}`, after ?? []);
      for (const row of page) {
        const line = Object.keys(row)
          .filter((column) => !RANDOM_BY_DESIGN.has(column))
          .sort()
          .map((column) => `${column}=${normalise(row[column])}`)
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

function normalise(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'object') return JSON.stringify(value).replace(UUID, '#');
  return String(value).replace(UUID, '#');
}
