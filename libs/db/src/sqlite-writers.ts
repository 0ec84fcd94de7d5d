import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Injectable, OnModuleInit } from '@nestjs/common';

interface KnexTransaction {
  query(connection: unknown, sql: string): Promise<unknown>;
  begin(connection: unknown): Promise<unknown>;
}
interface KnexClient {
  transaction(...args: unknown[]): KnexTransaction;
}

/**
 * On SQLite, every transaction starts as a writer (`BEGIN IMMEDIATE`): it takes the write lock at
 * once, waiting on the busy timeout while another process holds it. A deferred transaction that
 * read first and writes later cannot wait (SQLite answers SQLITE_BUSY at once, to avoid a deadlock),
 * so two processes on one file (the API and the relay) would fail each other's writes. Every
 * transaction of Parcours writes (reads run outside transactions), so nothing is lost by it.
 * knex has no option for it: its SQLite transaction's `begin` is replaced on this client only.
 */
@Injectable()
export class SqliteWriters implements OnModuleInit {
  constructor(private readonly orm: MikroORM) {}

  onModuleInit(): void {
    immediateTransactions(this.orm);
  }
}

export function immediateTransactions(orm: MikroORM): void {
  if (!(orm.em.getPlatform() instanceof BaseSqlitePlatform)) return;
  const client = (orm.em.getConnection() as AbstractSqlConnection).getKnex().client as KnexClient;
  const transaction = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const created = transaction(...args);
    created.begin = (connection: unknown) => created.query(connection, 'BEGIN IMMEDIATE;');
    return created;
  };
}
