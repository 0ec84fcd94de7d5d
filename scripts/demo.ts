import { addCalendarDays, addCalendarMonths, parisDay, parisInstant } from '@parcours/core';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Database } from 'sqlite3';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-data/constants';
import { startDemoSinks } from './demo-sinks';
import { sampleList, type KnownPerson } from './demo-data/sample-list';
import type { AppConfig } from '@parcours/config';
import { Territory } from '@parcours/territory';

/** What `npm run demo` serves: a few hundred pathways, made in well under a minute. */
const DEMO = { file: resolve('data/demo.sqlite'), pathways: 300, seed: 42 };
const MARKER = `${DEMO.file}.json`;
/** Where the demo keeps the e-mails and SMS it would have sent. */
const MESSAGES = resolve('data/demo-messages');
/** The list a referent can import (written at each start, from the database served). */
const DEMO_LIST = resolve('data/demo-liste-200.csv');

interface Marker {
  seed: number;
  pathways: number;
  until: string;
}

/**
 * npm run demo [-- --fresh]: generates data/demo.sqlite once (again with --fresh), then serves it
 * with CLOCK_START on the day after the simulated period, and prints the demo accounts and three
 * curl examples and the console's address. A database whose generation did not finish (no marker) is made again.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const known = ['--fresh', '--proconnect'];
  if (args.some((arg) => !known.includes(arg))) refuse(`Unknown argument ${args.find((arg) => !known.includes(arg))}. Usage: npm run demo [-- --fresh] [--proconnect]`);
  if (process.env.NODE_ENV === 'production') refuse('Refused: the demo serves fictional data on a moving clock; it does not run with NODE_ENV=production.');
  let marker = readMarker();
  if (!marker || args.includes('--fresh')) marker = generate();
  else process.stdout.write(`Reusing ${DEMO.file} (${marker.pathways} pathways up to ${addCalendarDays(marker.until, -1)}); npm run demo -- --fresh makes it again.\n`);

  const clockStart = await clockStartFor(marker.until);
  const port = process.env.PORT ?? '3000';
  const host = process.env.HOST ?? '127.0.0.1';
  const url = `http://${host}:${port}`;
  // Nothing leaves this machine: the e-mails and SMS go to local sinks that keep them as files.
  const sinks = await startDemoSinks(MESSAGES);
  // A ProConnect of this machine (--proconnect): a real OpenID Connect provider, never ProConnect itself.
  const provider = args.includes('--proconnect') ? await startDemoProvider(`${url}/session/oidc/callback`) : null;
  const server = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: `sqlite:${DEMO.file}`, CLOCK_START: clockStart, PORT: port, HOST: host, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', PUBLIC_URL: url, ...sinks.env, ...provider?.env },
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => {
    sinks.close();
    provider?.child.kill();
    process.exit(code ?? 0);
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await fetch(`${url}/health/live`).then((response) => response.ok, () => false)) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  await writeDemoList(marker.until);
  process.stdout.write(banner(url, clockStart, marker.until, provider?.banner));
}

/** The demo's agents at its provider: the identifier typed on its page, and the e-mail it vouches for. */
const DEMO_AGENTS: Record<string, string> = {
  referente: DEMO_ACCOUNTS.REFERENT,
  conseillere: DEMO_ACCOUNTS.COUNSELLOR,
  responsable: DEMO_ACCOUNTS.MANAGER,
  inconnue: 'inconnue@departement.example.gouv.fr',
};

/**
 * The tests' OpenID Connect provider (scripts/oidc-provider/test-provider.mjs, configured like
 * ProConnect) on a free port of this machine, its agents the demo's accounts, and the server's
 * OIDC_* settings that point at it.
 */
async function startDemoProvider(callback: string): Promise<{ child: ReturnType<typeof spawn>; env: Record<string, string>; banner: string }> {
  const accounts = Object.fromEntries(Object.entries(DEMO_AGENTS).map(([subject, email]) => [subject, { email, given_name: subject, usual_name: 'Démo' }]));
  const child = spawn(process.execPath, ['scripts/oidc-provider/test-provider.mjs'], {
    env: { PATH: process.env.PATH ?? '', OIDC_TEST_REDIRECT_URL: callback, OIDC_TEST_CLIENT_ID: 'parcours-demo', OIDC_TEST_CLIENT_SECRET: 'parcours-demo-secret', OIDC_TEST_ACCOUNTS: JSON.stringify(accounts) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const issuer = await new Promise<string>((resolved, failed) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /OIDC provider listening on (\S+)/.exec(output);
      if (ready) resolved(ready[1]);
    });
    child.once('exit', (code) => failed(new Error(`The demo's OpenID Connect provider stopped (${String(code)}): ${output}`)));
  });
  const env = { OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: 'parcours-demo', OIDC_CLIENT_SECRET: 'parcours-demo-secret', OIDC_REDIRECT_URL: callback, OIDC_VOUCHES_FOR_EMAILS: 'true' };
  const banner = [
    `ProConnect, as this machine's test provider (${issuer}, configured like ProConnect; settings: ${Object.entries(env).map(([name, value]) => `${name}=${value}`).join(' ')}):`,
    '  on the sign-in page, "S\u2019identifier avec ProConnect", then type one of these identifiers (no password):',
    ...Object.entries(DEMO_AGENTS).map(([subject, email]) => `  ${subject.padEnd(12)} ${email}${(Object.values(DEMO_ACCOUNTS) as string[]).includes(email) ? '' : ' (no account: the refusal page)'}`),
    '',
  ].join('\n');
  return { child, env, banner };
}

function generate(): Marker {
  rmSync(MARKER, { force: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DEMO.file}${suffix}`, { force: true });
  mkdirSync(resolve('data'), { recursive: true });
  const until = parisDay(new Date());
  process.stdout.write(`Generating ${DEMO.pathways} fictional pathways into ${DEMO.file}…\n`);
  const result = spawnSync(process.execPath, ['dist/scripts/generate.js', '--database', `sqlite:${DEMO.file}`, '--pathways', String(DEMO.pathways), '--seed', String(DEMO.seed), '--until', until], {
    stdio: 'inherit',
  });
  if (result.status !== 0) refuse(`The demo data could not be generated (exit ${result.status}).`, result.status ?? 1);
  const marker = { seed: DEMO.seed, pathways: DEMO.pathways, until };
  writeFileSync(MARKER, `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
}

/**
 * The list a referent would import (docs/imports.md): 180 new people, 12 whose pathway is open in
 * this database (so "already in a pathway"), 8 not eligible — written from the database served,
 * since who is open depends on the day it was generated.
 */
async function writeDemoList(until: string): Promise<void> {
  const known = await new Promise<KnownPerson[]>((done, fail) => {
    const db = new Database(DEMO.file, (error) => {
      if (error) return fail(error);
      const sql = `select p.last_name as lastName, p.first_names as firstNames, p.birth_date as birthDate, p.address_line as addressLine, p.postal_code as postalCode, p.commune_code as communeCode
        from participant p join pathway w on w.open_key = p.id where p.birth_date is not null order by w.referred_at desc limit 12`;
      db.all(sql, (failure: Error | null, rows: KnownPerson[]) => {
        db.close();
        if (failure) fail(failure);
        else done(rows);
      });
    });
  });
  const territory = new Territory({ journey: { territory: (process.env.TERRITORY ?? '244200770').split(',') } } as AppConfig);
  writeFileSync(DEMO_LIST, sampleList(territory, { seed: DEMO.seed + 1, on: until, fresh: 180, known, ineligible: 8, errors: 0 }));
}

function readMarker(): Marker | null {
  if (!existsSync(MARKER) || !existsSync(DEMO.file)) return null;
  return JSON.parse(readFileSync(MARKER, 'utf8')) as Marker;
}

/**
 * The morning after the simulation (08:00 Paris: the staff's digest of a working day leaves as the
 * server starts); on a database already served, just after the latest instant it records, since a
 * rehearsal's clock never goes back (CLOCK_START).
 */
async function clockStartFor(until: string): Promise<string> {
  const latest = await new Promise<number>((done, fail) => {
    const db = new Database(DEMO.file, (error) => {
      if (error) return fail(error);
      db.get('select max(at) as latest from (select max(at) as at from pathway_event union all select max(at) from audit_entry)', (failure: Error | null, row: { latest: number | null }) => {
        db.close();
        if (failure) fail(failure);
        else done(Number(row?.latest ?? 0));
      });
    });
  });
  const start = parisInstant(until, 8).getTime();
  return new Date(Math.max(start, latest + 1000)).toISOString();
}

function banner(url: string, clockStart: string, until: string, proconnect?: string): string {
  const period = `from: \\"${addCalendarMonths(until, -12)}\\", to: \\"${addCalendarDays(until, -1)}\\", `;
  const login = (email: string) =>
    `curl -s ${url}/graphql -H 'content-type: application/json' -d '{"query":"mutation { login(input: { email: \\"${email}\\", password: \\"${DEMO_PASSWORD}\\" }) { tokens { accessToken } } }"}'`;
  return [
    '',
    `Parcours demo on ${url} (GraphQL at ${url}/graphql), its clock started at ${clockStart} (CLOCK_START). Every name in it is fictional, marked (démo).`,
    `The console: open ${url}/ in a browser and sign in with any account below; each role has its own screens (docs/console.md).`,
    `E-mails and SMS (reports, convocations, reminders) go nowhere: each is kept in ${MESSAGES}/ (an .eml opens in a mail client, with its calendar invitation; the person's link in it opens their page here).`,
    `  To see one: as the referent, refer someone with an e-mail and a mobile, both boxes ticked; as the counsellor, accept and book the interview: the convocation (e-mail and SMS) appears there; open its link in a phone-sized window and answer "Je ne pourrai pas venir": the counsellor's home page shows it.`,
    `Notifications: each referent, counsellor and manager has a bell ("Notifications") and a home page that opens on what it asks (new referrals, tomorrow's interviews, contracts ending within 15 days, messages); on a working day, this morning's digest e-mails are in ${MESSAGES}/ too. A pathway's page has its conversation between the referent and the operator.`,
    `Imports: as the referent, "Importer une liste" and choose ${DEMO_LIST} (200 people): match its "Patronyme" column to "Nom", say when the people were informed, and see 180 to refer, 12 already in a pathway, 8 not eligible; import them (docs/imports.md).`,
    `Accounts, each with the password ${DEMO_PASSWORD}:`,
    ...Object.entries(DEMO_ACCOUNTS).map(([role, email]) => `  ${role.padEnd(10)} ${email}`),
    '',
    'Try it:',
    `  # 1. sign in as the referent and keep the token`,
    `  TOKEN=$(${login(DEMO_ACCOUNTS.REFERENT)} | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')`,
    `  # 2. the referent's pathways`,
    `  curl -s ${url}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ pathways(first: 5) { edges { node { status referredOn participant { lastName firstNames } } } } }"}'`,
    `  # 3. the outcome report of the last twelve months, by month, as the manager`,
    `  TOKEN=$(${login(DEMO_ACCOUNTS.MANAGER)} | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')`,
    `  curl -s ${url}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ outcomeReport(input: { ${period}groupBy: [MONTH] }) { from to total { figures { referrals { value } exits { value } exits_DURABLE_EMPLOYMENT { value } } } } }"}'`,
    '',
    ...(proconnect ? [proconnect] : []),
    'Stop it with Ctrl-C.',
    '',
  ].join('\n');
}

function refuse(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

void main();
