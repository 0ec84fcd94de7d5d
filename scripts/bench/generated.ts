import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { progress, run } from './harness';
import { replicate } from './replicate';

/**
 * Generated databases for the benchmarks at scale, cached by seed, size and last day: made once by
 * `npm run generate` (or, above BENCH_GENERATED_AT_MOST, replicated from the generated one), marked complete only once the generator exited
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

/**
 * Above this many pathways a database is not generated but replicated (replicate.ts) from the
 * generated one of this size: 100,000 is its 10 copies, 1,000,000 its 100. The generator makes
 * 10 to 30 pathways a second (docs/benchmarks.md): 10,000 take about 10 minutes, 100,000 would take
 * hours.
 */
export const BENCH_GENERATED_AT_MOST = Number(process.env.BENCH_GENERATED_AT_MOST ?? 10_000);

/** A copy of the generated (or replicated) database of `pathways` on SQLite (`base` = 'sqlite') or on the PostgreSQL server of `base`. */
export async function generatedCopy(base: string, pathways: number, folder: string): Promise<Generated> {
  const cached = await cachedDatabase(base, pathways);
  const { summary } = JSON.parse(readFileSync(cached.markerFile, 'utf8')) as Marker;
  if (!cached.postgres) {
    const copy = join(folder, 'bench.sqlite');
    copyFileSync(cached.sqliteFile, copy);
    return { url: `sqlite:${copy}`, summary, drop: async () => rmSync(copy, { force: true }) };
  }
  const copyName = `${cached.key}_copy_${process.pid}`;
  const postgres = cached.postgres;
  await admin(postgres, `drop database if exists "${copyName}" with (force)`);
  await admin(postgres, `create database "${copyName}" template "${cached.key}"`);
  return { url: withDatabase(postgres, copyName), summary, drop: () => admin(postgres, `drop database if exists "${copyName}" with (force)`) };
}

interface Cached {
  key: string;
  markerFile: string;
  sqliteFile: string;
  postgres: URL | null;
  url: string;
}

/** The cached database of `pathways`, made first if it is not there (or was left unfinished). */
async function cachedDatabase(base: string, pathways: number): Promise<Cached> {
  mkdirSync(CACHE, { recursive: true });
  const key = `bench_s${BENCH_SEED}_n${pathways}_${BENCH_UNTIL.replace(/-/g, '')}`;
  const markerFile = join(CACHE, `${key}.${base === 'sqlite' ? 'sqlite' : 'postgresql'}.done.json`);
  const sqliteFile = join(CACHE, `${key}.sqlite`);
  const postgres = base === 'sqlite' ? null : new URL(base);
  const cached: Cached = { key, markerFile, sqliteFile, postgres, url: postgres ? withDatabase(postgres, key) : `sqlite:${sqliteFile}` };
  if (existsSync(markerFile)) return cached;
  if (postgres) await admin(postgres, `drop database if exists "${key}" with (force)`);
  else for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true });
  const started = Date.now();
  let summary: string;
  if (pathways > BENCH_GENERATED_AT_MOST) {
    const copies = pathways / BENCH_GENERATED_AT_MOST;
    if (!Number.isInteger(copies)) throw new Error(`${pathways} pathways are made as copies of the ${BENCH_GENERATED_AT_MOST} generated ones: ask for a multiple of it (BENCH_GENERATED_AT_MOST).`);
    const source = await cachedDatabase(base, BENCH_GENERATED_AT_MOST);
    progress(`replicating the ${BENCH_GENERATED_AT_MOST.toLocaleString('en')} generated pathways ${copies} times into ${postgres ? `PostgreSQL database ${key}` : sqliteFile}; cached for the next runs`);
    if (postgres) await admin(postgres, `create database "${key}" template "${source.key}"`);
    else copyFileSync(source.sqliteFile, sqliteFile);
    await replicate(cached.url, copies);
    const sourceSummary = (JSON.parse(readFileSync(source.markerFile, 'utf8')) as Marker).summary;
    summary = `${pathways} pathways: ${copies} copies, fresh ids and people, of these: ${sourceSummary} (replicated in ${((Date.now() - started) / 1000).toFixed(0)} s)`;
  } else {
    progress(`generating ${pathways.toLocaleString('en')} pathways (seed ${BENCH_SEED}, until ${BENCH_UNTIL}) into ${postgres ? `PostgreSQL database ${key}` : sqliteFile}; cached for the next runs`);
    const output = await run([process.execPath, 'dist/scripts/generate.js', '--database', cached.url, '--pathways', String(pathways), '--seed', String(BENCH_SEED), '--until', BENCH_UNTIL]);
    summary = output.trim().split('\n').slice(0, 2).join(' ');
  }
  const marker: Marker = { summary, seconds: (Date.now() - started) / 1000 };
  writeFileSync(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  return cached;
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
