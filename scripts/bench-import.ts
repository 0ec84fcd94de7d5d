import 'reflect-metadata';
import { loadConfig, type AppConfig } from '@parcours/config';
import { Territory } from '@parcours/territory';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchEnv, onEachDatabase, cpuMs, freePort, freshDatabase, login, PINNED, prepare, progress, startProcess, stop } from './bench/harness';
import { benchPerson, BENCH_USERS } from './bench/seed';
import { sampleList } from './demo-data/sample-list';

/**
 * npm run bench:import: a list of 5,000 lines (the demo's fictional people: 83 % new, 10 % already
 * in a pathway, 5 % not eligible, 2 % in error) uploaded, previewed and imported, on SQLite and on
 * the PostgreSQL of DATABASE_URL; beside it, in the same run and on a database prepared the same
 * way, the same new people referred one by one through referParticipant by one client, as a
 * referent typing them would (the floor an import must beat). The server is pinned to one core.
 */
const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 5_000);
const KNOWN = Math.round(LINES * 0.1);
const INELIGIBLE = Math.round(LINES * 0.05);
const ERRORS = Math.round(LINES * 0.02);
const FRESH = LINES - KNOWN - INELIGIBLE - ERRORS;
const INFORMED_ON = '2026-11-02';
/** Extra node flags for the server (`--cpu-prof --cpu-prof-dir=DIR`: its profile, read by scripts/bench/profile-summary.ts). */
const SERVER_FLAGS = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);

interface ImportRun {
  database: string;
  upload: number;
  preview: number;
  counts: Record<string, number>;
  imported: number;
  referred: number;
  serverCpu: number;
  oneByOne: number;
  oneByOneReferred: number;
}

async function main(): Promise<void> {
  // BENCH_IMPORT_SQLITE=false: PostgreSQL only.
  const runs = await onEachDatabase(benchDatabase, process.env.BENCH_IMPORT_SQLITE !== 'false');
  process.stdout.write(`\n${report(runs)}`);
}

async function benchDatabase(base: string): Promise<ImportRun> {
  const children: ChildProcess[] = [];
  const folders: string[] = [];
  const drops: (() => Promise<void>)[] = [];
  /** A database with the referent and KNOWN open pathways, served by a pinned process. */
  const serve = async () => {
    const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-import-'));
    folders.push(folder);
    const database = await freshDatabase(base, folder);
    drops.push(database.drop);
    const env = benchEnv(database.url, folder);
    const config = loadConfig({ ...process.env, ...env });
    const { version } = await prepare(config, KNOWN, 0);
    const port = await freePort();
    const started = await startProcess(children, 'apps/api/src/main.js', [], { ...env, PORT: String(port) }, `http://127.0.0.1:${port}`, SERVER_FLAGS);
    return { ...started, config, version, token: await login(started.url, BENCH_USERS.referent) };
  };
  try {
    const first = await serve();
    const driver = first.config.database.driver;
    const list = Buffer.from(listOf(first.config), 'utf8');
    const graphql = async <T>(query: string, variables: Record<string, unknown>, token = first.token, url = first.url): Promise<T> => {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: T; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    progress(`${driver}: upload of ${LINES.toLocaleString('en')} lines (${(list.length / 1024).toFixed(0)} KB)`);
    const cpuBefore = cpuMs(first.process);
    let started = performance.now();
    const response = await fetch(`${first.url}/imports/referrals?fileName=bench.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${first.token}` }, body: list });
    const { id } = (await response.json()) as { id: string };
    const upload = performance.now() - started;
    const operator = (await graphql<{ operators: { id: string }[] }>('{ operators { id } }', {})).operators[0].id;
    await graphql('mutation ($input: UpdateReferralImportInput!) { updateReferralImport(input: $input) { userErrors { code } } }', { input: { importId: id, columns: [{ field: 'LAST_NAME', column: 0 }], choices: { operatorId: operator, informedOn: INFORMED_ON } } });

    progress(`${driver}: preview`);
    started = performance.now();
    const preview = await graphql<{ referralImport: { preview: { counts: Record<string, number>; lines: { verdict: string }[] } } }>(
      'query ($id: ID!) { referralImport(id: $id) { preview { counts { toRefer alreadyInPathway notEligible inError duplicates } lines { line verdict name } } } }',
      { id },
    );
    const previewMs = performance.now() - started;

    progress(`${driver}: import of ${preview.referralImport.preview.counts.toRefer} referrals`);
    started = performance.now();
    await graphql('mutation ($input: ReferralImportInput!) { confirmReferralImport(input: $input) { userErrors { code } } }', { input: { importId: id } });
    let done: { status: string; counts: { referred: number } | null };
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      done = (await graphql<{ referralImport: typeof done }>('query ($id: ID!) { referralImport(id: $id) { status counts { referred } } }', { id })).referralImport;
    } while (done.status !== 'DONE');
    const imported = performance.now() - started;
    const serverCpu = cpuMs(first.process) - cpuBefore;
    await stop(first.process);

    progress(`${driver}: the same ${FRESH.toLocaleString('en')} new people, one referParticipant at a time`);
    const second = await serve();
    const people = freshPeople(second.config);
    started = performance.now();
    let referred = 0;
    for (const person of people) {
      const answer = await graphql<{ referParticipant: { pathway: { id: string } | null } }>(
        'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id } userErrors { code } } }',
        { input: { operatorId: await operatorOf(second), person, barriers: [] } },
        second.token,
        second.url,
      );
      if (answer.referParticipant.pathway) referred++;
    }
    const oneByOne = performance.now() - started;
    await stop(second.process);
    return { database: `${driver} ${first.version}`, upload, preview: previewMs, counts: preview.referralImport.preview.counts, imported, referred: done.counts?.referred ?? 0, serverCpu, oneByOne, oneByOneReferred: referred };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const drop of drops) await drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}

const operators = new Map<string, string>();
async function operatorOf(server: { url: string; token: string }): Promise<string> {
  if (!operators.has(server.url)) {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify({ query: '{ operators { id } }' }) });
    operators.set(server.url, ((await response.json()) as { data: { operators: { id: string }[] } }).data.operators[0].id);
  }
  return operators.get(server.url)!;
}

function territoryOf(config: AppConfig): Territory {
  return new Territory(config);
}

/** The list: FRESH new people, the KNOWN pathways of the seed, INELIGIBLE, ERRORS. */
function listOf(config: AppConfig): string {
  const known = Array.from({ length: KNOWN }, (_, i) => benchPerson(i));
  return sampleList(territoryOf(config), { seed: 7, on: '2026-11-27', fresh: FRESH, known, ineligible: INELIGIBLE, errors: ERRORS });
}

/** The list's new people, as the referral form would send them. */
function freshPeople(config: AppConfig): Record<string, unknown>[] {
  const text = sampleList(territoryOf(config), { seed: 7, on: '2026-11-27', fresh: FRESH, known: [], ineligible: 0, errors: 0 });
  const territory = territoryOf(config);
  return text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => {
      const [lastName, firstNames, born, addressLine, postalCode, commune, rsa, phone] = line.split(';');
      const found = territory.find({ name: commune, postalCode });
      return {
        lastName,
        firstNames,
        birthDate: born.split('/').reverse().join('-'),
        sex: null,
        phone: phone || null,
        email: null,
        addressLine,
        postalCode,
        communeCode: found?.inseeCode ?? '42218',
        rsaStatus: rsa === 'Socle' ? 'SOCLE' : 'SOCLE_ACTIVITE',
        franceTravailRegistered: false,
        franceTravailId: null,
        franceTravailMissingReason: 'Non indiqué dans la liste importée',
        educationLevel: 'UNKNOWN',
        informedOn: INFORMED_ON,
      };
    });
}

function report(runs: ImportRun[]): string {
  const cpu = cpus();
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ` + (PINNED ? 'server pinned to core 0, this client on the other' : 'taskset unavailable: nothing pinned') + '.',
    `A list of ${LINES.toLocaleString('en')} lines: ${FRESH.toLocaleString('en')} new, ${KNOWN} already in a pathway, ${INELIGIBLE} not eligible, ${ERRORS} in error. Targets (SQLite): preview ≤ 10 s, import ≤ 60 s.`,
    '',
    '| Database | upload (read, kept) | preview (every line judged) | verdicts | import (confirm → DONE) | referred | server CPU, upload to DONE | the same new people one by one through referParticipant | import vs one by one |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    const verdicts = `${run.counts.toRefer} / ${run.counts.alreadyInPathway} / ${run.counts.notEligible} / ${run.counts.inError}`;
    lines.push(
      `| ${run.database} | ${s(run.upload)} | ${s(run.preview)} | ${verdicts} | ${s(run.imported)} (${Math.round(run.referred / (run.imported / 1000))}/s) | ${run.referred} | ${s(run.serverCpu)} | ${s(run.oneByOne)} (${run.oneByOneReferred} referred) | ${(run.oneByOne / run.imported).toFixed(1)}× faster |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
