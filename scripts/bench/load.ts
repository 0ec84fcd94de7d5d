import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

/** What `npm run bench:journey` asks of one load run, written to a file named by argv[2]. */
export interface LoadSpec {
  url: string;
  token?: string;
  /** GraphQL bodies (JSON), sent in turn. */
  bodies: string[];
  /** Instead of GraphQL: GET this path (the layers below GraphQL, for the per-layer table). */
  get?: string;
  connections: number;
  /** Runs for this long, unless `amount` is given: then exactly that many requests. */
  seconds: number;
  amount?: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, transport errors, and answers carrying GraphQL errors or userErrors. */
  errors: number;
}

/**
 * The load side of `npm run bench:journey`, run as its own process (pinned to its own core): drives
 * the server with autocannon and prints one JSON line of results. A response is an error unless
 * it is 2xx with neither GraphQL errors nor userErrors.
 */
async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadSpec;
  let next = 0;
  let failed = 0;
  const result = await autocannon({
    url: `${spec.url}${spec.get ?? '/graphql'}`,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
    method: spec.get ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}) },
    requests: [
      {
        setupRequest: (request) => (spec.get ? request : { ...request, body: spec.bodies[next++ % spec.bodies.length] }),
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"') || /"userErrors":\[\{/.test(body)) failed += 1;
        },
      },
    ],
  });
  const output: LoadResult = {
    requests: result.requests.total,
    perSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: failed + result.errors + result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

void main();
