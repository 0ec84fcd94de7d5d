import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';

export interface StatementLog {
  /** The SQL of each statement run since the log started, on any connection (writer or reader). */
  readonly sql: string[];
  stop(): void;
}

/**
 * Logs the statements the application runs, on the writer and on every read connection: what the
 * statement-count tests assert and what the generator's per-command meter counts. The SQL only,
 * never the parameters (they carry personal data).
 */
export function logStatements(orm: MikroORM): StatementLog {
  const driver = orm.em.getDriver() as unknown as { getConnection(type: 'write'): AbstractSqlConnection; replicas: AbstractSqlConnection[] };
  const knexes = [driver.getConnection('write'), ...driver.replicas].map((connection) => connection.getKnex());
  const sql: string[] = [];
  const listener = (query: { sql: string }) => sql.push(query.sql);
  for (const knex of knexes) knex.on('query', listener);
  return { sql, stop: () => knexes.forEach((knex) => knex.removeListener('query', listener)) };
}
