import 'reflect-metadata';
import { addCalendarDays, addCalendarMonths, parisDay } from '@parcours/core';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedCopy, BENCH_UNTIL } from './bench/generated';
import { handSql, handStatements, type Grouping, type Period } from './bench/hand-sql';
import { benchEnv, onEachDatabase, CONNECTIONS, freePort, load, LOAD_CORE, login, PINNED, progress, rss, SECONDS, SERVER_CORE, startProcess, stop } from './bench/harness';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SIMULATED_MONTHS } from './demo-data/constants';

/**
 * npm run bench:report: the outcome report at scale. On a copy of a generated database of
 * BENCH_REPORT_PATHWAYS pathways (100 000; cached by seed and size), SQLite, then the PostgreSQL of
 * DATABASE_URL (BENCH_REPORT_SQLITE=false: PostgreSQL only): the report's latency through GraphQL (median and p95 of BENCH_REPORT_RUNS runs, by
 * month and by prescriber, over the whole simulated period) beside hand-written SQL computing its
 * counts on the same database, and, while the report runs in a loop, the p99 of a concurrent
 * `{ me }` (autocannon in its own process), the server's event-loop delay and its RSS growth.
 */
const PATHWAYS = Number(process.env.BENCH_REPORT_PATHWAYS ?? 100_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 10);

interface Series {
  median: number;
  p95: number;
}

interface Result {
  database: string;
  generation: string;
  report: Record<Grouping, { graphql: Series; sql: Series }>;
  alone: { p50: number; p99: number };
  concurrent: { p50: number; p99: number; reports: number; errors: number };
  loop: { p50: number; p99: number; max: number; heapMb: number | null };
  rssBefore: number;
  rssPeak: number;
  /** The heap in use after a forced collection, before the reports (after them: loop.heapMb). */
  heapBefore: number | null;
}

async function main(): Promise<void> {
  // BENCH_REPORT_SQLITE=false: PostgreSQL only (the 1,000,000-pathway figures are PostgreSQL's).
  const results = await onEachDatabase(benchDatabase, process.env.BENCH_REPORT_SQLITE !== 'false');
  process.stdout.write(`\n${report(results)}`);
}

async function benchDatabase(base: string): Promise<Result> {
  const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-report-'));
  const children: ChildProcess[] = [];
  const copy = await generatedCopy(base, PATHWAYS, folder);
  const driver = base === 'sqlite' ? 'sqlite' : 'postgresql';
  try {
    const loopFile = join(folder, 'loop.json');
    const port = await freePort();
    const env = { ...benchEnv(copy.url, folder), PORT: String(port), BENCH_LOOP_FILE: loopFile };
    const server = await startProcess(children, 'apps/api/src/main.js', [], env, `http://127.0.0.1:${port}`, ['--expose-gc', '--require', join(__dirname, 'bench/loop-probe.js')]);
    const probe = async (): Promise<Result['loop']> => {
      rmSync(loopFile, { force: true });
      server.process.kill('SIGUSR2');
      for (let attempt = 0; attempt < 50 && !existsSync(loopFile); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      return JSON.parse(readFileSync(loopFile, 'utf8')) as Result['loop'];
    };
    const token = await login(server.url, DEMO_ACCOUNTS.MANAGER, DEMO_PASSWORD);
    const to = addCalendarDays(BENCH_UNTIL, -1);
    const days: Period = { from: addCalendarMonths(BENCH_UNTIL, -SIMULATED_MONTHS), to, matureBy: addCalendarDays(to, -30), today: parisDay(new Date()) };
    const body = (grouping: Grouping) =>
      JSON.stringify({
        query: `query ($input: OutcomeReportInput!) { outcomeReport(input: $input) { rows { month prescriber { name } figures { referrals { value } exits { value } placements { value } } } total { figures { referrals { value } exits { value } placements { value } daysToDiagnosticMedian { value } } } } }`,
        variables: { input: { from: days.from, to: days.to, groupBy: [grouping] } },
      });
    const ask = async (grouping: Grouping): Promise<{ ms: number; total: Record<string, { value: number }> }> => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body(grouping) });
      const answer = (await response.json()) as { data?: { outcomeReport: { total: { figures: Record<string, { value: number }> } } }; errors?: unknown };
      if (!answer.data) throw new Error(`outcomeReport failed: ${JSON.stringify(answer.errors)}`);
      return { ms: performance.now() - started, total: answer.data.outcomeReport.total.figures };
    };
    const sql = await handSql(copy.url);
    const version = await sql.version();
    const heapBefore = (await probe()).heapMb;
    const rssBefore = rss(server.process);
    const timings = {} as Result['report'];
    for (const grouping of ['MONTH', 'PRESCRIBER'] as const) {
      progress(`${driver}: outcomeReport by ${grouping.toLowerCase()}, ${RUNS} runs, and the hand-written SQL`);
      const first = await ask(grouping);
      const statements = handStatements(driver, grouping, days);
      await sql.run(statements);
      const graphql: number[] = [];
      const hand: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        graphql.push((await ask(grouping)).ms);
        const started = performance.now();
        await sql.run(statements);
        hand.push(performance.now() - started);
      }
      timings[grouping] = { graphql: series(graphql), sql: series(hand) };
      if (grouping === 'MONTH') progress(`${driver}: the report counts ${first.total.referrals.value} referrals, ${first.total.placements.value} placements and ${first.total.exits.value} exits over ${days.from} – ${days.to}`);
    }
    await sql.close();

    progress(`${driver}: { me } alone, then beside the report asked again and again`);
    const me = [JSON.stringify({ query: '{ me { email role } }' })];
    const alone = await load({ url: server.url, token, bodies: me, connections: 2 });
    await probe();
    let running = true;
    let reports = 0;
    let rssPeak = rss(server.process);
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss(server.process))), 100);
    const loop = (async () => {
      while (running) {
        await ask(reports % 2 === 0 ? 'MONTH' : 'PRESCRIBER');
        reports += 1;
      }
    })();
    const concurrent = await load({ url: server.url, token, bodies: me, connections: 2 });
    running = false;
    await loop;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rss(server.process));
    const delay = await probe();
    await stop(server.process);
    return {
      database: version,
      generation: copy.summary,
      report: timings,
      alone: { p50: alone.p50, p99: alone.p99 },
      concurrent: { p50: concurrent.p50, p99: concurrent.p99, reports, errors: concurrent.errors },
      loop: delay,
      rssBefore,
      rssPeak,
      heapBefore,
    };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await copy.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

function series(values: number[]): Series {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] };
}

function report(results: Result[]): string {
  const cpu = cpus();
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const lines = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ` +
      (PINNED ? `server pinned to core ${SERVER_CORE}, autocannon to core ${LOAD_CORE}` : 'taskset unavailable: nothing pinned') +
      `; ${PATHWAYS.toLocaleString('en')} generated pathways; ${RUNS} runs per case; the concurrent { me } for ${SECONDS} s on 2 connections (the harness's ${CONNECTIONS} elsewhere).`,
  ];
  for (const result of results) {
    lines.push('', `### ${result.database}`, '', `Data: ${result.generation}`, '', '| outcomeReport over the whole period | GraphQL median | GraphQL p95 | hand-written SQL median | p95 | × hand-written SQL |', '|---|---|---|---|---|---|');
    for (const grouping of ['MONTH', 'PRESCRIBER'] as const) {
      const { graphql, sql } = result.report[grouping];
      lines.push(`| by ${grouping.toLowerCase()} | ${ms(graphql.median)} | ${ms(graphql.p95)} | ${ms(sql.median)} | ${ms(sql.p95)} | ${(graphql.median / sql.median).toFixed(2)} |`);
    }
    lines.push(
      '',
      `While the report ran ${result.concurrent.reports} times in a row: \`{ me }\` p50 ${result.concurrent.p50} ms, p99 ${result.concurrent.p99} ms (alone: p50 ${result.alone.p50} ms, p99 ${result.alone.p99} ms; ${result.concurrent.errors} errors); ` +
        `event-loop delay p50 ${result.loop.p50} ms, p99 ${result.loop.p99} ms, max ${result.loop.max} ms; server RSS ${result.rssBefore.toFixed(0)} MB before the reports, ${result.rssPeak.toFixed(0)} MB at most (${(result.rssPeak - result.rssBefore).toFixed(0)} MB growth); ` +
        `heap in use after a forced collection ${result.heapBefore ?? '?'} MB before the reports, ${result.loop.heapMb ?? '?'} MB after them.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
