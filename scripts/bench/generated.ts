import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { progress, run } from './harness';

/**
 * Generated databases for the benchmarks at scale, cached by seed, size and last day: made once by
 * `npm run generate`, marked complete only once the generator exited
 * cleanly, so a killed run is never reused (it is deleted and made again). A benchmark works on a
 * copy, never on the cached database itself.
 */
export const BENCH_SEED = Number(process.env.BENCH_SEED ?? 42);
/** A fixed last day, so that the cache is reused from one day to the next. */
export const BENCH_UNTIL = process.env.BENCH_UNTIL ?? '2026-11-27';
const CACHE = resolve(process.env.BENCH_CACHE_DIR ?? 'data/bench-cache');

export interface Generated {
  /** The copy's URL. */
  url: string;
  /** What the generator printed (its time, rate, peak RSS and digest). */
  summary: string;
  drop(): Promise<void>;
}

interface Marker {
  summary: string;
  seconds: number;
}

/** A copy of the generated database of `pathways` on SQLite (`base` = 'sqlite') or on the PostgreSQL server of `base`. */
export async function generatedCopy(base: string, pathways: number, folder: string): Promise<Generated> {
  mkdirSync(CACHE, { recursive: true });
  const key = `bench_s${BENCH_SEED}_n${pathways}_${BENCH_UNTIL.replace(/-/g, '')}`;
  const markerFile = join(CACHE, `${key}.${base === 'sqlite' ? 'sqlite' : 'postgresql'}.done.json`);
  const sqliteFile = join(CACHE, `${key}.sqlite`);
  const postgres = base === 'sqlite' ? null : new URL(base);
  const cachedUrl = postgres ? withDatabase(postgres, key) : `sqlite:${sqliteFile}`;
  if (!existsSync(markerFile)) {
    if (postgres) await admin(postgres, `drop database if exists "${key}" with (force)`);
    else for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true });
    progress(`generating ${pathways.toLocaleString('en')} pathways (seed ${BENCH_SEED}, until ${BENCH_UNTIL}) into ${postgres ? `PostgreSQL database ${key}` : sqliteFile}; cached for the next runs`);
    const started = Date.now();
    const output = await run([process.execPath, 'dist/scripts/generate.js', '--database', cachedUrl, '--pathways', String(pathways), '--seed', String(BENCH_SEED), '--until', BENCH_UNTIL]);
    const marker: Marker = { summary: output.trim().split('\n').slice(0, 2).join(' '), seconds: (Date.now() - started) / 1000 };
    writeFileSync(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  }
  const { summary } = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
  if (!postgres) {
    const copy = join(folder, 'bench.sqlite');
    copyFileSync(sqliteFile, copy);
    return { url: `sqlite:${copy}`, summary, drop: async () => rmSync(copy, { force: true }) };
  }
  const copyName = `${key}_copy_${process.pid}`;
  await admin(postgres, `drop database if exists "${copyName}" with (force)`);
  await admin(postgres, `create database "${copyName}" template "${key}"`);
  return { url: withDatabase(postgres, copyName), summary, drop: () => admin(postgres, `drop database if exists "${copyName}" with (force)`) };
}

function withDatabase(server: URL, name: string): string {
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(server: URL, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
