import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');
/** `npm run backup -- PATH`. */
export const BACKUP = join(__dirname, '../../dist/apps/api/src/cli/backup.js');
/** `npm run relay`: the e-mail relay alone. */
export const RELAY = join(__dirname, '../../dist/apps/worker/src/main.js');

/** The built server as an operator runs it: `node dist/apps/api/src/main.js`, in its own process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does).`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs main (or another entry point, with its arguments) with the environment given (nothing inherited but PATH) and collects what it prints. */
export function runMain(env: Record<string, string>, script = MAIN, args: string[] = []): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  assertBuilt();
  const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/**
 * The environment of a production server process on the database given, as the multi-process
 * tests start them: one shared secret, the test administrator, no scheduled sweeps.
 */
export function productionEnv(databaseUrl: string, adminEmail: string, adminPassword: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    JWT_SECRET: 'a-shared-secret-of-at-least-32-characters',
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    SWEEP_INTERVAL_MINUTES: '0',
    DIGEST_ENABLED: 'false',
  };
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  return startProcess({ ...env, PORT: String(port), HOST: '127.0.0.1' }, MAIN, 'Listening on', `http://127.0.0.1:${port}`);
}

/** `npm run relay` as an operator runs it, ready once it says so. */
export function startRelay(env: Record<string, string>): Promise<ServerProcess> {
  return startProcess(env, RELAY, 'Relay running', '');
}

async function startProcess(env: Record<string, string>, script: string, ready: string, url: string): Promise<ServerProcess> {
  const { child, output, exited } = runMain(env, script);
  const deadline = Date.now() + 30_000;
  while (!output().includes(ready)) {
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('waiting'), 50))]);
    if (code !== 'waiting') throw new Error(`The process exited (${String(code)}) before it was ready:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The process was not ready within 30 s:\n${output()}`);
    }
  }
  return {
    url,
    child,
    output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
