import { MIGRATIONS } from '@parcours/db';
import { GraphqlClient, errorCodes } from '../support/graphql-client';
import { runMain, startServer, type ServerProcess } from '../support/server-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The built server, started and stopped as an operator would. */
describe('the server process', () => {
  it.each([
    ['DATABASE_URL', 'nonsense', 'Configuration error: DATABASE_URL: must be sqlite:PATH'],
    ['PORT', 'http', 'Configuration error: PORT: must be a whole number'],
    ['NODE_ENV', 'prod', 'Configuration error: NODE_ENV: must be one of development, production, test'],
  ])('stops at once when %s=%s, with one line naming it and a non-zero exit code', async (name, value, line) => {
    const { exited, output } = runMain({ [name]: value });
    expect(await exited).toBe(1);
    expect(output().trim().split('\n')).toEqual([expect.stringContaining(line)]);
  });

  describe('in production mode', () => {
    let database: TestDatabase;
    let server: ServerProcess;
    let api: GraphqlClient;

    beforeAll(async () => {
      database = await createTestDatabase();
      server = await startServer({ NODE_ENV: 'production', DATABASE_URL: database.url, LOG_LEVEL: 'info' });
      api = new GraphqlClient(server.url);
    });
    afterAll(async () => {
      if (server.child.exitCode === null) await server.stop('SIGKILL');
      await database.drop();
    });

    it('applies the migrations at start and answers serverInfo', async () => {
      const data = await api.data<{ serverInfo: { migrationsApplied: number } }>('{ serverInfo { migrationsApplied } }');
      expect(data.serverInfo.migrationsApplied).toBe(MIGRATIONS[database.url.startsWith('sqlite:') ? 'sqlite' : 'postgresql'].length);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    });

    it('refuses introspection', async () => {
      const response = await api.request('{ __schema { types { name } } }');
      expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(response.errors?.[0].message).toMatch(/introspection is not allowed/i);
    });

    it('shows no landing page', async () => {
      const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await response.text()).not.toMatch(/<html/i);
    });

    it('sends errors without stack traces', async () => {
      const response = await api.request('{ serverInfo { version ');
      expect(errorCodes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|\.js:\d+/);
    });

    it('logs JSON lines with the request id, and neither tokens nor variables', async () => {
      await api.request('query ($day: LocalDate!) { __typename day: serverInfo { today } }', { day: 'Dupont-1970-01-01' }, {
        token: 'secret-token-value',
        headers: { 'x-request-id': 'log-check-1' },
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = server.output().trim().split('\n');
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.find((entry) => entry.reqId === 'log-check-1')).toMatchObject({
        req: { method: 'POST', path: '/graphql' },
        res: { statusCode: 400 },
      });
      expect(server.output()).not.toContain('secret-token-value');
      expect(server.output()).not.toContain('Dupont');
    });

    it('stops cleanly on SIGTERM: exit code 0, after closing the database', async () => {
      expect(await server.stop('SIGTERM')).toBe(0);
      expect(server.output()).toContain('SIGTERM received');
      expect(server.output()).toContain('Stopped cleanly');
    });
  });
});
