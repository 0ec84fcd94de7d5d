import { ConfigError, loadConfig } from '@parcours/config';
import { backupSqlite, BackupError } from '@parcours/db';

/**
 * npm run backup -- PATH: a consistent online copy of the SQLite database of DATABASE_URL, while
 * the server runs. One line on success; one line and a non-zero exit otherwise, nothing written.
 */
async function backup(): Promise<void> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    process.stderr.write('Usage: npm run backup -- PATH (a new file, in an existing folder)\n');
    process.exit(2);
  }
  const config = loadConfig();
  if (config.database.driver !== 'sqlite' || !config.database.sqlitePath || config.database.sqlitePath === ':memory:') {
    process.stderr.write('Backup refused: DATABASE_URL is not a SQLite file. Back up PostgreSQL with pg_dump (docs/operations.md, "Backups").\n');
    process.exit(2);
  }
  const result = await backupSqlite(config.database.sqlitePath, target, config.database.sqliteBusyTimeoutMs);
  process.stdout.write(`Backup written: ${result.path} (${result.bytes} bytes, integrity ok, ${result.milliseconds} ms)\n`);
}

backup().catch((error: unknown) => {
  const line =
    error instanceof ConfigError ? `Configuration error: ${error.problems.join('; ')}` : error instanceof BackupError ? `Backup failed: ${error.message}. Nothing was written.` : `Backup failed: ${(error as Error).message}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
});
