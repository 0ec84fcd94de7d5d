import 'reflect-metadata';
import { loadConfig } from '@parcours/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchEnv, onEachDatabase, CONNECTIONS, freePort, freshDatabase, load, login, pinned, PINNED, prepare, progress, recordDiagnostic, SERVER_CORE, startProcess, stop } from './bench/harness';
import type { LoadResult } from './bench/load';
import { BENCH_USERS } from './bench/seed';
import { SmtpSink } from './bench/smtp-sink';

/**
 * npm run bench:mail: what e-mails cost and how fast they go, on SQLite and on the PostgreSQL of
 * DATABASE_URL. recordDiagnostic throughput without and with SMTP_URL (in-process relay) in the
 * same run; the delay from recordDiagnostic to the SMTP server's acceptance (10 in a row); the time
 * `npm run relay` takes to drain 1,000 queued messages. The server is pinned to one core, the load
 * to the other; the SMTP server (smtp-server, accepting everything) runs in this process.
 */
const DIAGNOSTICS = Number(process.env.BENCH_MAIL_DIAGNOSTICS ?? 2000);
const QUEUED = Number(process.env.BENCH_MAIL_QUEUED ?? 1000);
const SAMPLES = 10;
/** Extra node flags for the relay process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
const RELAY_FLAGS = (process.env.BENCH_RELAY_FLAGS ?? '').split(' ').filter(Boolean);

interface MailRun {
  database: string;
  without: LoadResult;
  withSmtp: LoadResult;
  /** After the last recordDiagnostic of the load answered, until its e-mail was accepted. */
  backlogCleared: number;
  delays: number[];
  drain: { fromStart: number; firstToLast: number };
}

async function main(): Promise<void> {
  const runs = await onEachDatabase(benchDatabase);
  process.stdout.write(`\n${report(runs)}`);
}

async function benchDatabase(base: string): Promise<MailRun> {
  const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-mail-'));
  const database = await freshDatabase(base, folder);
  const sink = await SmtpSink.start();
  const env = benchEnv(database.url, folder);
  const mail = { SMTP_URL: sink.url, PUBLIC_URL: 'https://parcours.bench' };
  const children: ChildProcess[] = [];
  try {
    const config = loadConfig({ ...process.env, ...env });
    const driver = config.database.driver;
    progress(`${driver}: preparing ${2 * DIAGNOSTICS + SAMPLES + QUEUED} due appointments`);
    const { data, version } = await prepare(config, 0, 2 * DIAGNOSTICS + SAMPLES + QUEUED);
    const appointments = data.dueAppointmentIds;
    const [withoutIds, withIds, sampleIds, queuedIds] = [
      appointments.slice(0, DIAGNOSTICS),
      appointments.slice(DIAGNOSTICS, 2 * DIAGNOSTICS),
      appointments.slice(2 * DIAGNOSTICS, 2 * DIAGNOSTICS + SAMPLES),
      appointments.slice(2 * DIAGNOSTICS + SAMPLES),
    ];
    const server = async (extra: Record<string, string>) => {
      const port = await freePort();
      const started = await startProcess(children, 'apps/api/src/main.js', [], { ...env, ...extra, PORT: String(port) }, `http://127.0.0.1:${port}`);
      return { ...started, token: await login(started.url, BENCH_USERS.writer) };
    };
    const diagnose = (url: string, token: string, ids: string[]) => load({ url, token, bodies: ids.map(recordDiagnostic), amount: ids.length });

    progress(`${driver}: recordDiagnostic × ${DIAGNOSTICS}, without SMTP_URL`);
    const plain = await server({});
    const without = await diagnose(plain.url, plain.token, withoutIds);
    await stop(plain.process);

    progress(`${driver}: recordDiagnostic × ${DIAGNOSTICS}, with SMTP_URL (relay in process)`);
    const mailing = await server(mail);
    const sentBefore = sink.count;
    const withSmtp = await diagnose(mailing.url, mailing.token, withIds);
    const loadEnded = performance.now();
    await sink.until(sentBefore + DIAGNOSTICS);
    const backlogCleared = Math.max(0, sink.lastAt - loadEnded);

    progress(`${driver}: ${SAMPLES} recordDiagnostic, one at a time, until SMTP acceptance`);
    const delays: number[] = [];
    for (const id of sampleIds) {
      const before = sink.count;
      const sentAt = performance.now();
      const response = await fetch(`${mailing.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${mailing.token}` }, body: recordDiagnostic(id) });
      if (!response.ok) throw new Error(`recordDiagnostic answered ${response.status}`);
      await sink.until(before + 1);
      delays.push(sink.lastAt - sentAt);
    }
    await stop(mailing.process);

    progress(`${driver}: ${QUEUED} messages queued with RELAY_IN_PROCESS=false, then npm run relay`);
    const queueing = await server({ ...mail, RELAY_IN_PROCESS: 'false' });
    await diagnose(queueing.url, queueing.token, queuedIds);
    await stop(queueing.process);
    const queuedFrom = sink.count;
    const spawnedAt = performance.now();
    const [command, ...args] = pinned(SERVER_CORE, [...RELAY_FLAGS, 'dist/apps/worker/src/main.js']);
    const relay = spawn(command, args, { env: { ...process.env, ...env, ...mail }, stdio: 'ignore' });
    children.push(relay);
    await sink.until(queuedFrom + 1);
    const firstAt = sink.lastAt;
    await sink.until(queuedFrom + QUEUED);
    const drain = { fromStart: sink.lastAt - spawnedAt, firstToLast: sink.lastAt - firstAt };
    await stop(relay);
    return { database: `${driver} ${version}`, without, withSmtp, backlogCleared, delays, drain };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await sink.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

function report(runs: MailRun[]): string {
  const cpu = cpus();
  const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
  const lines = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ` +
      (PINNED ? 'server and relay pinned to core 0, load (autocannon) to core 1' : 'taskset unavailable: nothing pinned') +
      `; ${CONNECTIONS} connections; SMTP: smtp-server on 127.0.0.1, accepting everything.`,
    '',
    `| Database | recordDiagnostic/s without SMTP | with SMTP (relay in process) | errors | e-mails of the load all accepted | recordDiagnostic → SMTP acceptance, median (max) of 10 | ${QUEUED.toLocaleString('en')} queued, drained by npm run relay (first to last e-mail) |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    const sorted = [...run.delays].sort((a, b) => a - b);
    const median = (sorted[4] + sorted[5]) / 2;
    lines.push(
      `| ${run.database} | ${Math.round(run.without.perSecond)} | ${Math.round(run.withSmtp.perSecond)} | ${run.without.errors} / ${run.withSmtp.errors} | ${ms(run.backlogCleared)} after the last answer | ${ms(median)} (${ms(sorted[sorted.length - 1])}) | ${(run.drain.fromStart / 1000).toFixed(1)} s from the relay's start (${(run.drain.firstToLast / 1000).toFixed(1)} s) |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
