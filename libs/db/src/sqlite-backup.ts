import { closeSync, existsSync, fsyncSync, linkSync, openSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Database, OPEN_CREATE, OPEN_READWRITE } from 'sqlite3';

/** A backup that could not be made; nothing was left behind. */
export class BackupError extends Error {}

export interface BackupResult {
  path: string;
  bytes: number;
  milliseconds: number;
}

/**
 * A consistent copy of a live SQLite database: `VACUUM INTO` reads one snapshot (a read
 * transaction: in WAL mode the server's writers go on meanwhile) and writes only live pages, so
 * what erasure freed is not copied. The copy is written beside the target under a temporary name,
 * checked (`PRAGMA integrity_check`), flushed to disk, then linked to the target name, which
 * fails rather than replaces an existing file; on any failure the temporary file is removed.
 */
export async function backupSqlite(sourcePath: string, targetPath: string, busyTimeoutMs: number): Promise<BackupResult> {
  const started = Date.now();
  const target = resolve(targetPath);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new BackupError(`the folder ${folder} does not exist`);
  if (existsSync(target)) throw new BackupError(`${target} already exists: give the name of a new file`);
  if (!existsSync(sourcePath)) throw new BackupError(`the database ${sourcePath} does not exist`);
  const partial = join(folder, `.${basename(target)}.partial-${process.pid}`);
  try {
    // Read-write: a read-only handle cannot open the WAL's shared memory when the server is down, and
    // query_only refuses VACUUM INTO. VACUUM INTO changes nothing in the source.
    const source = await open(sourcePath, OPEN_READWRITE);
    try {
      await run(source, `PRAGMA busy_timeout = ${busyTimeoutMs}`);
      await run(source, 'VACUUM INTO ?', [partial]);
    } finally {
      await close(source);
    }
    const copy = await open(partial, OPEN_READWRITE | OPEN_CREATE);
    try {
      const rows = await all<{ integrity_check: string }>(copy, 'PRAGMA integrity_check');
      if (rows.length !== 1 || rows[0].integrity_check !== 'ok') throw new BackupError('the copy failed its integrity check');
    } finally {
      await close(copy);
    }
    const handle = openSync(partial, 'r');
    try {
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    linkSync(partial, target); // refuses to replace a file that appeared meanwhile
    return { path: target, bytes: statSync(target).size, milliseconds: Date.now() - started };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(code === 'EEXIST' ? `${target} already exists: give the name of a new file` : `the copy failed (${code ?? (error as Error).message})`);
  } finally {
    if (existsSync(partial)) unlinkSync(partial);
  }
}

function open(path: string, mode: number): Promise<Database> {
  return new Promise((done, fail) => {
    const database = new Database(path, mode, (error) => (error ? fail(error) : done(database)));
  });
}

function run(database: Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((done, fail) => database.run(sql, params, (error) => (error ? fail(error) : done())));
}

function all<T>(database: Database, sql: string): Promise<T[]> {
  return new Promise((done, fail) => database.all(sql, (error, rows) => (error ? fail(error) : done(rows as T[]))));
}

function close(database: Database): Promise<void> {
  return new Promise((done, fail) => database.close((error) => (error ? fail(error) : done())));
}
