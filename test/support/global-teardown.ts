import { dropTemplates, RUN_ENV } from './test-templates';

/** After the run: the workers' templates are dropped. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env[RUN_ENV];
  if (run) await dropTemplates(run);
}
