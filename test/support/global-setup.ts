import { startRun } from './test-templates';

/**
 * Before any test file: an id for the run, which names the migrated template each jest worker
 * makes once and every test app of that worker copies (test-templates.ts).
 */
export default function globalSetup(): void {
  startRun();
}
