import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startTestApp, type TestApp } from '../support/test-app';

/** What helmet itself sets on a response with these options, read off a recording response. */
function helmetsOwn(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const set: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => (set[name.toLowerCase()] = String(value)), removeHeader: () => undefined, getHeader: () => undefined };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return set;
}

async function headersOf(t: TestApp, path: string, init?: RequestInit): Promise<Record<string, string>> {
  const response = await fetch(`${t.url}${path}`, init);
  await response.arrayBuffer();
  return Object.fromEntries(response.headers.entries());
}

describe("security headers: helmet's, computed once, on every response", () => {
  it.each([
    ['production', { NODE_ENV: 'production' }, {}],
    ['outside production (no Content-Security-Policy, for the explorer)', {}, { contentSecurityPolicy: false }],
  ] as const)('%s: the API, its errors and an unknown path carry exactly what helmet sets', async (_name, env, options) => {
    const t = await startTestApp({ env: { ...env } });
    try {
      const expected = helmetsOwn(options);
      expect(Object.keys(expected).length).toBeGreaterThan(8);
      const responses = [
        await headersOf(t, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
        await headersOf(t, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ not json' }),
        await headersOf(t, '/health/live'),
        await headersOf(t, '/nowhere', { headers: { accept: 'application/json' } }),
      ];
      for (const headers of responses) expect(Object.fromEntries(Object.keys(expected).map((name) => [name, headers[name]]))).toEqual(expected);
      if (!('NODE_ENV' in env)) expect(responses[0]['content-security-policy']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
