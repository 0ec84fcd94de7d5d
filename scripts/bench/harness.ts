import type { AppConfig } from '@parcours/config';
import { SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiApp, prepareDatabase } from '../../apps/api/src/api-app';
import type { LoadResult, LoadSpec } from './load';
import { BENCH_PASSWORD, seedBenchData, type BenchData } from './seed';

/**
 * What the benchmarks share: the server pinned to one core (taskset) and the load (autocannon) in
 * another process pinned to the other, everything on 127.0.0.1; a fresh database per run; the
 * data made through the domain services before any clock starts.
 */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
export const SERVER_CORE = '0';
export const LOAD_CORE = '1';
export const PINNED = spawnSync('taskset', ['-c', '0', 'true']).status === 0 && cpus().length >= 2;

/**
 * Runs a benchmark on SQLite (unless `sqlite` is false), then on the PostgreSQL of DATABASE_URL
 * when it names one (saying so when it does not): the runs, in that order, for the report.
 */
export async function onEachDatabase<T>(bench: (base: string) => Promise<T>, sqlite = true): Promise<T[]> {
  const runs = sqlite ? [await bench('sqlite')] : [];
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('postgres')) runs.push(await bench(url));
  else process.stdout.write('PostgreSQL skipped: set DATABASE_URL=postgresql://… to bench it too.\n');
  return runs;
}

/** The environment of a benchmarked Parcours process. */
export function benchEnv(databaseUrl: string, folder: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    // warn: no access line per request (BENCH_LOG_LEVEL=info measures with them, as production writes them).
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    ADMIN_EMAIL: 'bench@parcours.test',
    ADMIN_PASSWORD: 'Speed-trial-2026',
    SWEEP_INTERVAL_MINUTES: '0',
    DATABASE_URL: databaseUrl,
    DATA_DIR: folder,
  };
}

/** A fresh database for one run: a SQLite file in the folder, or a new database on the PostgreSQL server of `base`. */
export async function freshDatabase(base: string, folder: string): Promise<{ url: string; drop: () => Promise<void> }> {
  return base === 'sqlite' ? { url: `sqlite:${join(folder, 'bench.sqlite')}`, drop: async () => undefined } : freshPostgres(base);
}

/** Migrates, creates the administrator, and makes the data through the domain services. */
export async function prepare(config: AppConfig, reads: number, writes: number): Promise<{ data: BenchData; version: string }> {
  const app = await createApiApp(config);
  try {
    await prepareDatabase(app, config);
    const data = await seedBenchData(app, reads, writes);
    const sql = config.database.driver === 'sqlite' ? 'select sqlite_version() as version' : 'select version() as version';
    const [row] = await app.get(UnitOfWork).read(SYSTEM, (reads) => reads.unscoped('the benchmark asks the database its version').getConnection().execute<{ version: string }[]>(sql));
    return { data, version: config.database.driver === 'sqlite' ? (row?.version ?? '') : (row?.version.split(' ')[1] ?? '') };
  } finally {
    await app.close();
  }
}

export function recordDiagnostic(appointmentId: string): string {
  return JSON.stringify({
    query: 'mutation ($input: RecordDiagnosticInput!) { recordDiagnostic(input: $input) { diagnostic { id } pathway { status } userErrors { code } } }',
    variables: {
      input: {
        appointmentId,
        assessments: [
          { theme: 'MOBILITY', status: 'PRESENT', blocking: true, note: 'Pas de permis' },
          { theme: 'DIGITAL', status: 'NOT_DISCUSSED', blocking: false },
        ],
        targetJobs: [{ title: 'Agent de propreté', romeCode: 'K2204' }],
        contractTypes: ['CDD'],
        workingTime: 'FULL_TIME',
        readiness: 'READY_FOR_EMPLOYMENT',
        summary: 'Motivée ; la mobilité reste à travailler.',
      },
    },
  });
}

export async function load(spec: Omit<LoadSpec, 'connections' | 'seconds'> & Partial<LoadSpec>): Promise<LoadResult> {
  const file = join(tmpdir(), `parcours-load-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, ...spec }));
  try {
    const output = await run(pinned(LOAD_CORE, ['dist/scripts/bench/load.js', file]));
    return JSON.parse(output.trim().split('\n').pop() ?? '{}') as LoadResult;
  } finally {
    rmSync(file, { force: true });
  }
}

export function pinned(core: string, args: string[]): string[] {
  return PINNED ? ['taskset', '-c', core, process.execPath, ...args] : [process.execPath, ...args];
}

export function run(command: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command.join(' ')} exited with ${code}`))));
  });
}

/** Starts a server process pinned to the server's core; answers once it serves HTTP. */
export async function startProcess(
  children: ChildProcess[],
  script: string,
  args: string[],
  env: Record<string, string>,
  knownUrl?: string,
  flags: string[] = [],
): Promise<{ process: ChildProcess; url: string }> {
  const [command, ...rest] = pinned(SERVER_CORE, [...flags, `dist/${script}`, ...args]);
  const child = spawn(command, rest, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let url = knownUrl;
  if (!url) {
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim().replace(/\/$/, '')));
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    });
  } else {
    child.stdout!.resume();
  }
  for (let attempt = 0; attempt < 300; attempt++) {
    const answered = await fetch(`${url}/${knownUrl ? 'health/live' : ''}`, { method: knownUrl ? 'GET' : 'OPTIONS' }).then(
      () => true,
      () => false,
    );
    if (answered) return { process: child, url };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${script} did not start`);
}

export async function login(url: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } } }',
      variables: { input: { email, password } },
    }),
  });
  const body = (await response.json()) as { data?: { login: { tokens: { accessToken: string } } }; errors?: unknown };
  if (!body.data) throw new Error(`login of ${email} failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.tokens.accessToken;
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** CPU time a process has used so far, user and system, in ms (from /proc: clock ticks of 10 ms). */
export function cpuMs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are the stat file's fields 14 and 15, the 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function rss(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function freshPostgres(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `parcours_bench_${randomBytes(4).toString('hex')}`;
  const maintenance = new URL(base);
  maintenance.pathname = '/postgres';
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

export function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}

