import 'reflect-metadata';
import { loadConfig } from '@parcours/config';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchEnv,
  CONNECTIONS,
  cpuMs,
  freePort,
  freshDatabase,
  load,
  login,
  onEachDatabase,
  PINNED,
  prepare,
  progress,
  recordDiagnostic,
  rss,
  SECONDS,
  SERVER_CORE,
  LOAD_CORE,
  startProcess,
  stop,
  WARMUP_SECONDS,
} from './bench/harness';
import type { LoadResult, LoadSpec } from './bench/load';
import { BENCH_USERS } from './bench/seed';
import { generatedCopy } from './bench/generated';

/**
 * npm run bench:journey: the request path of Parcours under load, beside the framework floor
 * measured in the same run. The server runs as its own process pinned to one core (taskset), the
 * load comes from autocannon in another process pinned to the other; everything on 127.0.0.1.
 * SQLite always; then the PostgreSQL server of DATABASE_URL (a database of its own, dropped
 * after). The data is prepared before any clock starts; with BENCH_GENERATED=N, on top of a copy of
 * a generated database of N pathways (`npm run generate`, cached: scripts/bench/generated.ts).
 */
const READ_PATHWAYS = Number(process.env.BENCH_PATHWAYS ?? 400);
/** Enough for 10 seconds of recordDiagnostic at the target of 500 per second, and some. */
const DUE_APPOINTMENTS = Number(process.env.BENCH_DUE_APPOINTMENTS ?? 6000);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
/** Connections writing in the mixed case (the others read). */
const MIXED_WRITERS = Number(process.env.BENCH_MIXED_WRITERS ?? 4);
/** Extra node flags for the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`), and which cases to run. */
/** Run on a copy of the generated database of this many pathways (BENCH_GENERATED, e.g. 100000), the bench's own data added to it; 0: an empty database. */
const GENERATED = Number(process.env.BENCH_GENERATED ?? 0);
const SERVER_FLAGS = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
const ONLY = new RegExp(process.env.BENCH_ONLY ?? '', 'i');

interface Row {
  name: string;
  result: LoadResult;
  ratio?: number;
  /** The server's CPU per request during the case (user and system, all its threads), ms. */
  cpu?: number;
}

interface Run {
  database: string;
  rows: Row[];
  memory: { after: number; rssAfterFirst: number; rssAfterAll: number };
}

async function main(): Promise<void> {
  const started = Date.now();
  const runs: Run[] = await onEachDatabase(benchDatabase);
  process.stdout.write(`\n${report(runs)}`);
  progress(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function benchDatabase(base: string): Promise<Run> {
  const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-'));
  const database = GENERATED > 0 ? await generatedCopy(base, GENERATED, folder) : await freshDatabase(base, folder);
  const env = benchEnv(database.url, folder);
  const children: ChildProcess[] = [];
  try {
    const config = loadConfig({ ...process.env, ...env });
    progress(`${config.database.driver}: preparing ${READ_PATHWAYS} pathways and ${DUE_APPOINTMENTS} due appointments`);
    const { data, version } = await prepare(config, READ_PATHWAYS, DUE_APPOINTMENTS);

    const floor = await startProcess(children, 'scripts/bench/floor.js', [String(await freePort())], {});
    progress(`${config.database.driver}: the raw Apollo floor`);
    const floorCpu = cpuMs(floor.process);
    const floorResult = await load({ url: floor.url, bodies: [JSON.stringify({ query: '{ hello }' })] });
    const floorCpuPerRequest = (cpuMs(floor.process) - floorCpu) / floorResult.requests;
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
      const cpuBefore = cpuMs(server.process);
      const result = await load({ url: server.url, ...spec });
      served += result.requests;
      return { name, result, ratio: result.perSecond / floorResult.perSecond, cpu: (cpuMs(server.process) - cpuBefore) / result.requests };
    };

    // A third of the due appointments for the mixed case, the rest for recordDiagnostic alone.
    const mixedWrites = data.dueAppointmentIds.slice(0, Math.floor(data.dueAppointmentIds.length / 3));
    const writes = data.dueAppointmentIds.slice(mixedWrites.length);
    /**
     * Reads beside writes, as a working day has them: `pathway(id)` on most connections while
     * `recordDiagnostic` runs on MIXED_WRITERS others, for the same time. What decides whether
     * SQLite's reads are better on readers of their own or on the writer's connection (SQLITE_READERS).
     */
    const mixed = async (): Promise<Row[]> => {
      const name = `\`pathway(id)\` beside \`recordDiagnostic\` (${CONNECTIONS - MIXED_WRITERS} + ${MIXED_WRITERS} connections)`;
      if (!ONLY.test(name)) return [];
      progress(`${config.database.driver}: ${name}`);
      const cpuBefore = cpuMs(server.process);
      const [reads, written] = await Promise.all([
        load({ url: server.url, token: tokens.referent, bodies: pathwayBodies, connections: CONNECTIONS - MIXED_WRITERS }),
        load({ url: server.url, token: tokens.writer, bodies: mixedWrites.map(recordDiagnostic), connections: MIXED_WRITERS }),
      ]);
      served += reads.requests + written.requests;
      const cpu = (cpuMs(server.process) - cpuBefore) / (reads.requests + written.requests);
      return [
        { name: `${name}: the reads`, result: reads, ratio: reads.perSecond / floorResult.perSecond, cpu },
        { name: `${name}: the writes`, result: written, cpu },
      ];
    };
    served += (await load({ url: server.url, token: tokens.referent, bodies: pathwayBodies, amount: 1000 })).requests;
    const rssAfterFirst = rss(server.process);
    const rows = [
      { name: 'raw `@apollo/server` standalone `{ hello }` (the floor)', result: floorResult, ratio: 1, cpu: floorCpuPerRequest },
      // The layers, one added per row: Fastify with Nest's router, guards and security headers; then
      // Nest's GraphQL driver and Apollo; then the session of a token (one statement).
      await measure('`GET /health/live`: Fastify, Nest, the security headers', { bodies: [], get: '/health/live' }),
      await measure('`{ __typename }` without a token', { bodies: [JSON.stringify({ query: '{ __typename }' })] }),
      await measure('`{ __typename }` with a token', { token: tokens.referent, bodies: [JSON.stringify({ query: '{ __typename }' })] }),
      await measure('`{ me { email role } }`', { token: tokens.referent, bodies: [JSON.stringify({ query: '{ me { email role } }' })] }),
      await measure('`pathway(id)` as its referent: names, birth date, referent', { token: tokens.referent, bodies: pathwayBodies }),
      await measure('`pathways(first: 50)` as a counsellor: participant, referent, counsellor', {
        token: tokens.counsellor,
        bodies: [JSON.stringify({ query: '{ pathways(first: 50) { edges { node { id status participant { lastName firstNames } referent { fullName } counsellor { fullName } } } } }' })],
      }),
      // The same page in the orders of the caseload's lists: each pages off its own index.
      await measure('`pathways(first: 50, order: LAST_CONTACT_OLDEST)` as a counsellor, with lastContactOn', {
        token: tokens.counsellor,
        bodies: [JSON.stringify({ query: '{ pathways(first: 50, order: LAST_CONTACT_OLDEST) { edges { node { id status lastContactOn participant { lastName firstNames } referent { fullName } counsellor { fullName } } } } }' })],
      }),
      await measure('`pathways(first: 50, order: NEXT_APPOINTMENT_SOONEST)` as a counsellor, with nextAppointmentAt', {
        token: tokens.counsellor,
        bodies: [JSON.stringify({ query: '{ pathways(first: 50, order: NEXT_APPOINTMENT_SOONEST) { edges { node { id status nextAppointmentAt participant { lastName firstNames } referent { fullName } counsellor { fullName } } } } }' })],
      }),
      ...(await mixed()),
      await measure(
        `\`recordDiagnostic\`, ${writes.length} due appointments, each once`,
        { token: tokens.writer, bodies: writes.map(recordDiagnostic), amount: writes.length },
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
    return { database: `${config.database.driver} ${version}${GENERATED > 0 ? `, on ${GENERATED.toLocaleString('en')} generated pathways` : ', on an empty database'}`, rows, memory: { after: served, rssAfterFirst, rssAfterAll } };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

function report(runs: Run[]): string {
  const cpu = cpus();
  const lines = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ` +
      (PINNED ? `server pinned to core ${SERVER_CORE}, load (autocannon) to core ${LOAD_CORE}` : 'taskset unavailable: nothing pinned') +
      `; ${CONNECTIONS} connections, ${SECONDS} s per case after ${WARMUP_SECONDS} s of warm-up.`,
  ];
  for (const run of runs) {
    lines.push('', `### ${run.database}`, '', '| Request | req/s | p50 | p99 | errors | × raw Apollo of its run | server CPU per request |', '|---|---|---|---|---|---|---|');
    for (const row of run.rows) {
      const { perSecond, p50, p99, errors } = row.result;
      lines.push(`| ${row.name} | ${Math.round(perSecond).toLocaleString('en')} | ${p50} ms | ${p99} ms | ${errors} | ${row.ratio === undefined ? '–' : row.ratio.toFixed(3)} | ${row.cpu === undefined ? '–' : `${row.cpu.toFixed(2)} ms`} |`);
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
