import 'reflect-metadata';
import { loadConfig } from '@parcours/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, prepareDatabase } from '../apps/api/src/api-app';

/**
 * npm run bench: request throughput and latency of the API on this machine, each beside the
 * baseline of the cheapest route (GET /health/live). Bounded: a fixed number of requests per case,
 * on loopback only. Figures vary with the machine's load: compare ratios, not absolutes.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

interface Result {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
}

async function measure(name: string, send: () => Promise<Response>): Promise<Result> {
  for (let i = 0; i < 50; i++) await (await send()).arrayBuffer(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t0 = performance.now();
        const response = await send();
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, perSecond: latencies.length / seconds, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    ADMIN_EMAIL: 'bench@parcours.test',
    ADMIN_PASSWORD: 'Speed-trial-2026',
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(folder, 'bench.sqlite')}`,
    DATA_DIR: folder,
  });
  const app = await createApiApp(config);
  await prepareDatabase(app, config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const graphql = (query: string, variables?: unknown, token?: string) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  const login = (await (
    await graphql('mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } } }', {
      input: { email: 'bench@parcours.test', password: 'Speed-trial-2026' },
    })
  ).json()) as { data: { login: { tokens: { accessToken: string } } } };
  const token = login.data.login.tokens.accessToken;
  const referentToken = await seedPathways(graphql, token, 50);

  const results = [
    await measure('GET /health/live (baseline)', () => fetch(`${url}/health/live`)),
    await measure('query { serverInfo } (public, 1 SQL read)', () => graphql('{ serverInfo { version migrationsApplied } }')),
    await measure('query { me } (token + session check, 2 SQL reads)', () => graphql('{ me { id role organisation { name } } }', undefined, token)),
    await measure('query { users(first: 20) } (ADMIN, connection)', () => graphql('{ users(first: 20) { totalCount edges { node { id email organisation { name } } } } }', undefined, token)),
    await measure('query { pathways(first: 50) } (REFERENT, people, history)', () =>
      graphql('{ pathways(first: 50) { totalCount edges { node { status participant { lastName commune { name } } referent { fullName } history { kind } } } } }', undefined, referentToken),
    ),
  ];
  await app.close();
  rmSync(folder, { recursive: true, force: true });

  const baseline = results[0].perSecond;
  process.stdout.write(`Parcours API, ${config.database.driver}, ${REQUESTS} requests per case, ${CONCURRENCY} at a time\n`);
  for (const result of results) {
    process.stdout.write(
      `${result.name.padEnd(56)} ${result.perSecond.toFixed(0).padStart(6)} req/s  ` +
        `(${(result.perSecond / baseline).toFixed(2)}× baseline)  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms\n`,
    );
  }
}

type Graphql = (query: string, variables?: unknown, token?: string) => Promise<Response>;

/** A referent with `count` pathways referred through the API; answers the referent's token. */
async function seedPathways(graphql: Graphql, adminToken: string, count: number): Promise<string> {
  const call = async <T>(query: string, variables: unknown, token?: string): Promise<T> => {
    const body = (await (await graphql(query, variables, token)).json()) as { data: T; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { createOrganisation } = await call<{ createOrganisation: { organisation: { id: string } } }>(
    'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
    { input: { name: 'CCAS bench', kind: 'PRESCRIBER' } },
    adminToken,
  );
  await call('mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } } }', {
    input: { organisationId: createOrganisation.organisation.id, role: 'REFERENT', email: 'referent@bench.test', fullName: 'Référente Bench', initialPassword: 'Quick-Loire-2026' },
  }, adminToken);
  const { login } = await call<{ login: { tokens: { accessToken: string } } }>(
    'mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } } }',
    { input: { email: 'referent@bench.test', password: 'Quick-Loire-2026' } },
  );
  const { operators } = await call<{ operators: { id: string }[] }>('{ operators { id } }', undefined, login.tokens.accessToken);
  for (let i = 0; i < count; i++) {
    await call('mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id } } }', {
      input: {
        operatorId: operators[0].id,
        person: {
          lastName: `Bench${i}`, firstNames: 'Camille', birthDate: '1990-01-01', addressLine: '1 rue Michelet', postalCode: '42000',
          communeCode: '42218', rsaStatus: 'SOCLE', franceTravailRegistered: true, educationLevel: 'LEVEL_4', informedOn: '2024-01-01',
        },
        barriers: ['MOBILITY'],
      },
    }, login.tokens.accessToken);
  }
  return login.tokens.accessToken;
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
