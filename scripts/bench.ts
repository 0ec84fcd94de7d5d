import 'reflect-metadata';
import { loadConfig, type AppConfig } from '@parcours/config';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { Client } from 'pg';
import { createApiApp, prepareDatabase } from '../apps/api/src/api-app';
import type { LoadResult, LoadSpec } from './bench/load';
import { BENCH_PASSWORD, BENCH_USERS, seedBenchData, type BenchData } from './bench/seed';

/**
 * npm run bench:journey: the request path of Parcours under load, beside the framework floor
 * measured in the same run. The server runs as its own process pinned to one core (taskset), the
 * load comes from autocannon in another process pinned to the other; everything on 127.0.0.1.
 * SQLite always; then the PostgreSQL server of DATABASE_URL (a database of its own, dropped
 * after). The data is prepared before any clock starts.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const READ_PATHWAYS = Number(process.env.BENCH_PATHWAYS ?? 400);
/** Enough for 10 seconds of recordDiagnostic at the target of 500 per second, and some. */
const DUE_APPOINTMENTS = Number(process.env.BENCH_DUE_APPOINTMENTS ?? 6000);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
const SERVER_CORE = '0';
const LOAD_CORE = '1';
/** Extra node flags for the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`), and which cases to run. */
const SERVER_FLAGS = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
const ONLY = new RegExp(process.env.BENCH_ONLY ?? '', 'i');
const PINNED = spawnSync('taskset', ['-c', '0', 'true']).status === 0 && cpus().length >= 2;

interface Row {
  name: string;
  result: LoadResult;
  ratio?: number;
}

interface Run {
  database: string;
  rows: Row[];
  memory: { after: number; rssAfterFirst: number; rssAfterAll: number };
}

async function main(): Promise<void> {
  const started = Date.now();
  const runs: Run[] = [await benchDatabase('sqlite')];
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('postgres')) runs.push(await benchDatabase(url));
  else process.stdout.write('PostgreSQL skipped: set DATABASE_URL=postgresql://… to bench it too.\n');
  process.stdout.write(`\n${report(runs)}`);
  progress(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function benchDatabase(base: string): Promise<Run> {
  const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-'));
  const database = base === 'sqlite' ? { url: `sqlite:${join(folder, 'bench.sqlite')}`, drop: async () => undefined } : await freshPostgres(base);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    ADMIN_EMAIL: 'bench@parcours.test',
    ADMIN_PASSWORD: 'Speed-trial-2026',
    SWEEP_INTERVAL_MINUTES: '0',
    DATABASE_URL: database.url,
    DATA_DIR: folder,
  };
  const children: ChildProcess[] = [];
  try {
    const config = loadConfig({ ...process.env, ...env });
    progress(`${config.database.driver}: preparing ${READ_PATHWAYS} pathways and ${DUE_APPOINTMENTS} due appointments`);
    const { data, version } = await prepare(config);

    const floor = await startProcess(children, 'scripts/bench/floor.js', [String(await freePort())], {});
    progress(`${config.database.driver}: the raw Apollo floor`);
    const floorResult = await load({ url: floor.url, bodies: [JSON.stringify({ query: '{ hello }' })] });
    floor.process.kill('SIGKILL');

    const port = await freePort();
    const server = await startProcess(children, 'apps/api/src/main.js', [], { ...env, PORT: String(port) }, `http://127.0.0.1:${port}`, SERVER_FLAGS);
    const tokens = {
      referent: await login(server.url, BENCH_USERS.referent),
      counsellor: await login(server.url, BENCH_USERS.counsellor),
      writer: await login(server.url, BENCH_USERS.writer),
    };
    const pathwayBodies = data.pathwayIds.map((id) =>
      JSON.stringify({
        query: 'query ($id: ID!) { pathway(id: $id) { id status participant { lastName firstNames birthDate } referent { fullName } } }',
        variables: { id },
      }),
    );
    let served = 0;
    const measure = async (name: string, spec: Omit<LoadSpec, 'url' | 'connections' | 'seconds'>, warm = true): Promise<Row | undefined> => {
      if (!ONLY.test(name)) return undefined;
      progress(`${config.database.driver}: ${name}`);
      if (warm && WARMUP_SECONDS > 0) served += (await load({ url: server.url, ...spec, seconds: WARMUP_SECONDS })).requests;
      const result = await load({ url: server.url, ...spec });
      served += result.requests;
      return { name, result, ratio: result.perSecond / floorResult.perSecond };
    };

    served += (await load({ url: server.url, token: tokens.referent, bodies: pathwayBodies, amount: 1000 })).requests;
    const rssAfterFirst = rss(server.process);
    const rows = [
      { name: 'raw `@apollo/server` standalone `{ hello }` (the floor)', result: floorResult, ratio: 1 },
      await measure('`{ __typename }` with a token', { token: tokens.referent, bodies: [JSON.stringify({ query: '{ __typename }' })] }),
      await measure('`{ me { email role } }`', { token: tokens.referent, bodies: [JSON.stringify({ query: '{ me { email role } }' })] }),
      await measure('`pathway(id)` as its referent: names, birth date, referent', { token: tokens.referent, bodies: pathwayBodies }),
      await measure('`pathways(first: 50)` as a counsellor: participant, referent, counsellor', {
        token: tokens.counsellor,
        bodies: [JSON.stringify({ query: '{ pathways(first: 50) { edges { node { id status participant { lastName firstNames } referent { fullName } counsellor { fullName } } } } }' })],
      }),
      await measure(
        `\`recordDiagnostic\`, ${data.dueAppointmentIds.length} due appointments, each once`,
        { token: tokens.writer, bodies: data.dueAppointmentIds.map(recordDiagnostic), amount: data.dueAppointmentIds.length },
        false,
      ),
    ].filter((row): row is Row => row !== undefined);
    rows.filter((row) => row.name.startsWith('`recordDiagnostic`')).forEach((row) => (row.ratio = undefined));
    const remaining = MEMORY_REQUESTS - served;
    if (remaining > 0) {
      progress(`${config.database.driver}: ${remaining} more requests (me), for the memory after ${MEMORY_REQUESTS}`);
      served += (await load({ url: server.url, token: tokens.referent, bodies: [JSON.stringify({ query: '{ me { email role } }' })], amount: remaining })).requests;
    }
    const rssAfterAll = rss(server.process);
    await stop(server.process);
    return { database: `${config.database.driver} ${version}`, rows, memory: { after: served, rssAfterFirst, rssAfterAll } };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Migrates, creates the administrator, and makes the data through the domain services. */
async function prepare(config: AppConfig): Promise<{ data: BenchData; version: string }> {
  const app = await createApiApp(config);
  try {
    await prepareDatabase(app, config);
    const data = await seedBenchData(app, READ_PATHWAYS, DUE_APPOINTMENTS);
    const sql = config.database.driver === 'sqlite' ? 'select sqlite_version() as version' : 'select version() as version';
    const [row] = await app.get(UnitOfWork).read(SYSTEM, ({ em }) => em.getConnection().execute<{ version: string }[]>(sql));
    return { data, version: config.database.driver === 'sqlite' ? (row?.version ?? '') : (row?.version.split(' ')[1] ?? '') };
  } finally {
    await app.close();
  }
}

function recordDiagnostic(appointmentId: string): string {
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

async function load(spec: Omit<LoadSpec, 'connections' | 'seconds'> & Partial<LoadSpec>): Promise<LoadResult> {
  const file = join(tmpdir(), `parcours-load-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, ...spec }));
  try {
    const output = await run(pinned(LOAD_CORE, ['dist/scripts/bench/load.js', file]));
    return JSON.parse(output.trim().split('\n').pop() ?? '{}') as LoadResult;
  } finally {
    rmSync(file, { force: true });
  }
}

function pinned(core: string, args: string[]): string[] {
  return PINNED ? ['taskset', '-c', core, process.execPath, ...args] : [process.execPath, ...args];
}

function run(command: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command.join(' ')} exited with ${code}`))));
  });
}

/** Starts a server process pinned to the server's core; answers once it serves HTTP. */
async function startProcess(
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

async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } } }',
      variables: { input: { email, password: BENCH_PASSWORD } },
    }),
  });
  const body = (await response.json()) as { data?: { login: { tokens: { accessToken: string } } }; errors?: unknown };
  if (!body.data) throw new Error(`login of ${email} failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.tokens.accessToken;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function rss(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function freshPostgres(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
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

function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}

function report(runs: Run[]): string {
  const cpu = cpus();
  const lines = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ` +
      (PINNED ? `server pinned to core ${SERVER_CORE}, load (autocannon) to core ${LOAD_CORE}` : 'taskset unavailable: nothing pinned') +
      `; ${CONNECTIONS} connections, ${SECONDS} s per case after ${WARMUP_SECONDS} s of warm-up.`,
  ];
  for (const run of runs) {
    lines.push('', `### ${run.database}`, '', '| Request | req/s | p50 | p99 | errors | × raw Apollo of its run |', '|---|---|---|---|---|---|');
    for (const row of run.rows) {
      const { perSecond, p50, p99, errors } = row.result;
      lines.push(`| ${row.name} | ${Math.round(perSecond).toLocaleString('en')} | ${p50} ms | ${p99} ms | ${errors} | ${row.ratio === undefined ? '–' : row.ratio.toFixed(3)} |`);
    }
    const { after, rssAfterFirst, rssAfterAll } = run.memory;
    lines.push('', `Server RSS: ${rssAfterFirst.toFixed(0)} MB after 1,000 requests, ${rssAfterAll.toFixed(0)} MB after ${after.toLocaleString('en')} (${(rssAfterAll - rssAfterFirst).toFixed(0)} MB more).`);
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
