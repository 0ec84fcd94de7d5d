import 'reflect-metadata';
import { loadConfig } from '@parcours/config';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchEnv, onEachDatabase, freePort, freshDatabase, PINNED, prepare, progress, SERVER_CORE, startProcess, stop } from './bench/harness';
import { BENCH_USERS } from './bench/seed';
import { SmtpSink } from './bench/smtp-sink';

/**
 * npm run bench:reset: does requestPasswordReset tell, by its time, whether an account has the
 * address? Pairs of requests, one for an account and one for an unknown address, in a random order,
 * one at a time with a pause between them, against the server pinned to one core (with SMTP_URL, the relay in process), and a
 * floor (serverInfo, which reads nothing) measured in the same run. SQLite, and the PostgreSQL of
 * DATABASE_URL when set.
 */
const PAIRS = Number(process.env.BENCH_RESET_PAIRS ?? 200);
const WARMUP = 20;
/** Between requests: time for the relay to send what the previous one asked. */
const PAUSE_MS = 30;
const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { requested userErrors { code } } }';

interface ResetRun {
  database: string;
  known: number[];
  unknown: number[];
  floor: number[];
  sameBodies: boolean;
}

async function main(): Promise<void> {
  const runs = await onEachDatabase(benchDatabase);
  process.stdout.write(`\n${report(runs)}`);
}

async function benchDatabase(base: string): Promise<ResetRun> {
  const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-reset-'));
  const database = await freshDatabase(base, folder);
  const sink = await SmtpSink.start();
  const children: ChildProcess[] = [];
  const env = {
    ...benchEnv(database.url, folder),
    SMTP_URL: sink.url,
    PUBLIC_URL: 'https://parcours.bench',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
  };
  try {
    const config = loadConfig({ ...process.env, ...env });
    progress(`${config.database.driver}: preparing the accounts`);
    await prepare(config, 0, 0);
    const port = await freePort();
    const { process: server, url } = await startProcess(children, 'apps/api/src/main.js', [], { ...env, PORT: String(port) }, `http://127.0.0.1:${port}`);
    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const started = performance.now();
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const body = await response.text();
      return { ms: performance.now() - started, body };
    };
    const accounts = Object.values(BENCH_USERS);
    const run: ResetRun = { database: config.database.driver, known: [], unknown: [], floor: [], sameBodies: true };
    progress(`${config.database.driver}: ${PAIRS} pairs of requests (and ${WARMUP} to warm up)`);
    for (let pair = -WARMUP; pair < PAIRS; pair++) {
      // In either order, each after a pause: the e-mail a known address gets is sent by the relay
      // in the same process after the answer, and must not slow whichever request comes next.
      const knownFirst = Math.random() < 0.5;
      const ask = async (email: string) => {
        await sleep(PAUSE_MS);
        return post(REQUEST, { email });
      };
      const first = await ask(knownFirst ? accounts[Math.abs(pair) % accounts.length] : `nobody-${pair}@bench.test`);
      const second = await ask(knownFirst ? `nobody-${pair}@bench.test` : accounts[Math.abs(pair) % accounts.length]);
      const [known, unknown] = knownFirst ? [first, second] : [second, first];
      await sleep(PAUSE_MS);
      const floor = await post('{ serverInfo { version } }');
      if (pair < 0) continue;
      run.known.push(known.ms);
      run.unknown.push(unknown.ms);
      run.floor.push(floor.ms);
      run.sameBodies &&= known.body === unknown.body;
    }
    await stop(server);
    return run;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await sink.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function report(runs: ResetRun[]): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const lines = [
    `requestPasswordReset, ${PAIRS} pairs one at a time, ${PAUSE_MS} ms apart (server ${PINNED ? `pinned to core ${SERVER_CORE}` : 'not pinned: taskset or a second core missing'})`,
    '',
    '| database | account exists: median / p90 | unknown address: median / p90 | ratio of medians | floor (serverInfo) median | same body |',
    '|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    const [known, unknown] = [quantile(run.known, 0.5), quantile(run.unknown, 0.5)];
    lines.push(
      `| ${run.database} | ${ms(known)} / ${ms(quantile(run.known, 0.9))} | ${ms(unknown)} / ${ms(quantile(run.unknown, 0.9))} | ${(known / unknown).toFixed(2)} | ${ms(quantile(run.floor, 0.5))} | ${run.sameBodies ? 'yes' : 'NO'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
