import type { AbstractSqlConnection } from '@mikro-orm/knex';

type Row = Record<string, unknown>;

interface KnexSqliteClient {
  acquireRawConnection(): Promise<unknown>;
  destroyRawConnection(connection: unknown): Promise<void>;
}

/**
 * One long read on an SQLite connection of its own, outside the pools, in one read transaction (one
 * snapshot of the WAL): the interactive reads never wait behind it. Measured on 20 000 generated
 * pathways: with the outcome report on a pooled reader, `{ me }` waited for the whole report
 * (1.3 s); on a connection of its own, 8 ms. The connection is opened by the reader's knex client
 * (same file), made read-only, used through knex (so its statements are seen like any other), and
 * closed after.
 */
export async function onOwnSqliteReader<T>(reader: AbstractSqlConnection, busyTimeoutMs: number, work: (all: (sql: string) => Promise<Row[]>) => Promise<T>): Promise<T> {
  const knex = reader.getKnex();
  const client = knex.client as unknown as KnexSqliteClient;
  const connection = await client.acquireRawConnection();
  const run = (sql: string) => knex.raw(sql).connection(connection) as unknown as Promise<Row[]>;
  try {
    await run(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    await run('PRAGMA query_only = ON');
    await run('BEGIN');
    try {
      return await work(run);
    } finally {
      await run('COMMIT');
    }
  } finally {
    await client.destroyRawConnection(connection);
  }
}
