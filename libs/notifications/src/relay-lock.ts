import type { DatabaseConfig } from '@parcours/config';
import { Database } from 'sqlite3';

/** A start-up refusal, not a business rule: the process that meets it stops with this one line. */
export class RelayAlreadyRunningError extends Error {
  constructor(path: string) {
    super(`Another e-mail relay is running on this SQLite database (it holds ${path}); on SQLite exactly one relay runs: stop it, or set RELAY_IN_PROCESS=false on the API when running npm run relay.`);
  }
}

/**
 * On SQLite, exactly one relay runs per database file. The relay holds an exclusive lock on a small
 * file beside the database (`<database>.relay-lock`, SQLite's own file locking, EXCLUSIVE locking
 * mode) for as long as it runs: a second relay's attempt fails at once, and the operating system
 * releases the lock when the process ends, however it ends (SIGKILL included), so a restarted relay
 * never waits for a stale lock. PostgreSQL needs none: its relays share the work with
 * `FOR UPDATE SKIP LOCKED`.
 */
export class RelayLock {
  private constructor(private readonly db: Database) {}

  /** The lock, or null when none is needed (PostgreSQL, or a database in memory). */
  static async acquire(database: DatabaseConfig): Promise<RelayLock | null> {
    if (database.driver !== 'sqlite' || !database.sqlitePath || database.sqlitePath === ':memory:') return null;
    const path = `${database.sqlitePath}.relay-lock`;
    const db = await new Promise<Database>((resolve, reject) => {
      const opened: Database = new Database(path, (error) => (error ? reject(error) : resolve(opened)));
    });
    const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
    try {
      await run('PRAGMA locking_mode = EXCLUSIVE');
      await run('BEGIN EXCLUSIVE');
      await run('CREATE TABLE IF NOT EXISTS relay (pid INTEGER)');
      await run('DELETE FROM relay');
      await run(`INSERT INTO relay (pid) VALUES (${process.pid})`);
      await run('COMMIT');
      return new RelayLock(db);
    } catch (error) {
      await new Promise((resolve) => db.close(resolve));
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new RelayAlreadyRunningError(path);
      throw error;
    }
  }

  release(): Promise<void> {
    return new Promise((resolve) => this.db.close(() => resolve()));
  }
}
