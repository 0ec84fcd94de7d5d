import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, type AppConfig } from '@parcours/config';
import { addCalendarDays, addCalendarMonths, isLocalDate, ManualClock, parisDay, parisInstant, type LocalDate } from '@parcours/core';
import { SingleBar } from 'cli-progress';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../apps/api/src/api-app';
import { OutcomeComposer, OutcomeModel } from '@parcours/outcomes';
import { CommandMeter } from './demo-data/command-meter';
import { digestOf } from './demo-data/digest';
import { Chance } from './demo-data/fiction';
import { GeneratorModule } from './demo-data/generator.module';
import { JourneySimulation } from './demo-data/journeys';
import { assertEmptyDemoDatabase, Refusal } from './demo-data/target';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SIMULATED_MONTHS } from './demo-data/constants';
import { buildWorld, DEMO_OPERATOR } from './demo-data/world';

const USAGE = 'Usage: npm run generate -- --database URL [--pathways N (300)] [--seed S (42)] [--until YYYY-MM-DD (today)]';

export interface GenerateArguments {
  databaseUrl: string;
  pathways: number;
  seed: number;
  until: LocalDate;
}

/** The arguments, or a Refusal naming the first bad one. */
export function parseGenerateArguments(argv: string[], today: LocalDate): GenerateArguments {
  // `--pathways -1` is a value, not an option: joined as `--pathways=-1`, so that it is refused as a number.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (/^--[^=]+$/.test(argv[i]) && /^-\d/.test(argv[i + 1] ?? '')) args.push(`${argv[i]}=${argv[++i]}`);
    else args.push(argv[i]);
  }
  let values;
  try {
    values = parseArgs({
      args,
      options: { database: { type: 'string' }, pathways: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new Refusal(`${(error as Error).message.split('\n')[0].replace(/\.$/, '')}. ${USAGE}`);
  }
  if (!values.database) throw new Refusal(`--database is required. ${USAGE}`);
  const integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Refusal(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    return Number(raw);
  };
  const until = values.until ?? today;
  if (!isLocalDate(until)) throw new Refusal(`--until must be a day written YYYY-MM-DD (got "${until}").`);
  return {
    databaseUrl: values.database,
    pathways: integer('pathways', values.pathways, 300, 1, 2_000_000),
    seed: integer('seed', values.seed, 42, 0, 2 ** 31 - 1),
    until,
  };
}

/** The configuration the generator runs with: only what it is given, never the caller's environment. */
export function generatorConfig(databaseUrl: string): AppConfig {
  return loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'demo-generator-never-signs-a-token-000000',
    OPERATOR_NAME: DEMO_OPERATOR,
    ADMIN_EMAIL: DEMO_ACCOUNTS.ADMIN,
    ADMIN_NAME: 'Administratrice (démo)',
    ADMIN_PASSWORD: DEMO_PASSWORD,
    SWEEP_INTERVAL_MINUTES: '0',
    RELAY_IN_PROCESS: 'false',
  });
}

/**
 * npm run generate: a database of fictional pathways made through the domain, deterministic for
 * a seed, a size and a last day. Prints the digest, the time, the peak RSS and the demo accounts.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const args = parseGenerateArguments(process.argv.slice(2), parisDay(new Date()));
  let config: AppConfig;
  try {
    config = generatorConfig(args.databaseUrl);
  } catch (error) {
    if (error instanceof ConfigError) throw new Refusal(`--database: ${error.problems.join('; ').replace(/^DATABASE_URL: /, '')}`);
    throw error;
  }
  await assertEmptyDemoDatabase(config.database);

  const from = addCalendarMonths(args.until, -SIMULATED_MONTHS);
  const clock = new ManualClock(parisInstant(addCalendarDays(from, -1), 8));
  // Files the configuration may write (a generated JWT secret) stay out of the project's data folder.
  const scratch = mkdtempSync(join(tmpdir(), 'parcours-generate-'));
  config.dataDir = scratch;
  const app = await NestFactory.createApplicationContext(GeneratorModule.forRoot(config, clock), { logger: ['error', 'warn'] });
  try {
    await prepareDatabase(app, config);
    const chance = new Chance(args.seed);
    const world = await buildWorld(app, chance, args.pathways, from, args.until);
    const bar = new SingleBar({
      format: 'Generating {bar} {value}/{total} pathways referred | {rate}/s | {eta_formatted} left | simulated day {day}',
      hideCursor: true,
      // Without a terminal (a log file, CI), a line every 30 seconds.
      noTTYOutput: true,
      notTTYSchedule: 30_000,
      etaBuffer: 200,
    });
    bar.start(args.pathways, 0, { rate: '0', day: from });
    const meter = new CommandMeter(app.get(MikroORM));
    const simulation = new JourneySimulation(app, clock, chance, world, meter);
    const simulatedFrom = Date.now();
    // The outcome model is counted once at the end, in one statement per family, rather than
    // pathway by pathway in every flush: the same cells (its recount equals its running count,
    // test/outcomes/outcome-model.e2e-spec.ts), without three statements in every flush.
    app.get(OutcomeComposer).suspend();
    await app.get(OutcomeModel).invalidate();
    await simulation.run(args.pathways, from, args.until, (referred) => {
      bar.update(referred, { rate: Math.round(referred / Math.max(0.001, (Date.now() - simulatedFrom) / 1000)).toString(), day: parisDay(clock.now()) });
    });
    bar.stop();
    meter.stop();
    await app.get(OutcomeModel).rebuild();
    const digest = await digestOf(app);
    const seconds = (Date.now() - started) / 1000;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      [
        `Generated ${args.pathways} pathways (seed ${args.seed}) from ${from} to ${addCalendarDays(args.until, -1)} into ${config.database.driver} in ${seconds.toFixed(1)} s (${Math.round(args.pathways / seconds)} pathways/s); peak RSS ${peakMb.toFixed(0)} MB.`,
        `Digest ${digest} (every table, business columns, ids masked; the same seed, size and --until give the same digest, on SQLite as on PostgreSQL).`,
        `Serve it with CLOCK_START=${args.until}, so that its clock goes on from the day after the simulation.`,
        `Accounts (password ${DEMO_PASSWORD}): ${Object.entries(DEMO_ACCOUNTS).map(([role, email]) => `${role} ${email}`).join(', ')}.`,
        '',
        'What each journey step cost (one or two commands each, the flush and its composers included; statements on every connection):',
        meter.table(),
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof Refusal) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`Generation failed: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}
