import { MIGRATIONS } from '@parcours/db';
import { connect } from 'node:net';
import { GraphqlClient, errorCodes } from '../support/graphql-client';
import { runMain, startServer, type ServerProcess } from '../support/server-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The built server, started and stopped as an operator would. */
describe('the server process', () => {
  it.each([
    ['DATABASE_URL', 'nonsense', 'Configuration error: DATABASE_URL: must be sqlite:PATH'],
    ['PORT', 'http', 'Configuration error: PORT: must be a whole number'],
    ['NODE_ENV', 'prod', 'Configuration error: NODE_ENV: must be one of development, production, test'],
    ['JWT_SECRET', 'short', 'Configuration error: JWT_SECRET: must be at least 32 characters long'],
  ])('stops at once when %s=%s, with one line naming it and a non-zero exit code', async (name, value, line) => {
    const { exited, output } = runMain({ [name]: value });
    expect(await exited).toBe(1);
    expect(output().trim().split('\n')).toEqual([expect.stringContaining(line)]);
  });

  it('refuses to start in production without JWT_SECRET', async () => {
    const { exited, output } = runMain({ NODE_ENV: 'production' });
    expect(await exited).toBe(1);
    expect(output().trim()).toBe('Configuration error: JWT_SECRET: is required when NODE_ENV=production (at least 32 characters)');
  });

  describe('in production mode', () => {
    let database: TestDatabase;
    let server: ServerProcess;
    let api: GraphqlClient;
    const env = () => ({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      ADMIN_EMAIL: 'first.admin@parcours.test',
    });

    beforeAll(async () => {
      database = await createTestDatabase();
      server = await startServer(env());
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
      await api.request('{ __typename }', {}, { headers: { 'x-request-id': 'log-check-2' } });
      expect((await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'log-check-health' } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = server.output().trim().split('\n').filter((line) => line !== '');
      // Every line is a JSON log entry, but the one-time notice of the generated admin password.
      const notice = lines.filter((line) => !line.startsWith('{'));
      expect(notice).toEqual([expect.stringMatching(/^First administrator: /), expect.stringMatching(/^Generated password /)]);
      const entries = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      // One line per request, when it is answered: a 4xx at warn, a 2xx at info; health checks not logged.
      expect(entries.filter((entry) => entry.reqId === 'log-check-1')).toEqual([
        expect.objectContaining({ level: 40, msg: 'request completed', req: { id: 'log-check-1', method: 'POST', path: '/graphql' }, res: { statusCode: 400 }, responseTime: expect.any(Number) }),
      ]);
      expect(entries.filter((entry) => entry.reqId === 'log-check-2')).toEqual([expect.objectContaining({ level: 30, msg: 'request completed', res: { statusCode: 200 } })]);
      expect(server.output()).not.toContain('log-check-health');
      expect(server.output()).not.toContain('secret-token-value');
      expect(server.output()).not.toContain('Dupont');
    });

    const login = `mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } userErrors { code } } }`;
    let generatedPassword = '';

    it('creates the first administrator with a generated password, printed once outside the JSON logs', async () => {
      const match = /^Generated password \(shown this once; change it with changePassword\): (\S+)$/m.exec(server.output());
      expect(match).not.toBeNull();
      generatedPassword = match?.[1] ?? '';
      expect(server.output().match(new RegExp(generatedPassword, 'g'))).toHaveLength(1);
      const data = await api.data<{ login: { tokens: { accessToken: string } | null } }>(login, {
        input: { email: 'first.admin@parcours.test', password: generatedPassword },
      });
      expect(data.login.tokens?.accessToken).toEqual(expect.any(String));
      const me = await api.data<{ me: { role: string; organisation: { name: string; kind: string } } }>(
        '{ me { role organisation { name kind } } }',
        undefined,
        { token: data.login.tokens?.accessToken },
      );
      expect(me.me).toEqual({ role: 'ADMIN', organisation: { name: 'Forez Entreprendre', kind: 'OPERATOR' } });
    });

    it('on SIGTERM, finishes the request in flight, then exits 0 after closing the database', async () => {
      // A request whose body is still on its way when SIGTERM arrives.
      const body = JSON.stringify({ query: '{ serverInfo { version } }' });
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      let response = '';
      socket.on('data', (chunk) => (response += chunk.toString()));
      const ended = new Promise((resolve) => socket.once('end', resolve));
      socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const exited = server.stop('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.write(body);
      await ended;
      expect(response).toMatch(/^HTTP\/1\.1 200/);
      expect(response).toContain('"serverInfo"');
      expect(await exited).toBe(0);
      expect(server.output()).toContain('SIGTERM received');
      expect(server.output()).toContain('Stopped cleanly');
    });

    it('on a later start, touches no account and prints no password', async () => {
      server = await startServer({ ...env(), ADMIN_EMAIL: 'someone.else@parcours.test', ADMIN_PASSWORD: 'Another-admin-2026' });
      api = new GraphqlClient(server.url);
      expect(server.output()).not.toContain('Generated password');
      const data = await api.data<{ login: { tokens: unknown; userErrors: { code: string }[] } }>(login, {
        input: { email: 'first.admin@parcours.test', password: generatedPassword },
      });
      expect(data.login.userErrors).toEqual([]);
      const other = await api.data<{ login: { tokens: unknown; userErrors: { code: string }[] } }>(login, {
        input: { email: 'someone.else@parcours.test', password: 'Another-admin-2026' },
      });
      expect(other.login).toEqual({ tokens: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
      expect(await server.stop('SIGTERM')).toBe(0);
    });
  });
});
