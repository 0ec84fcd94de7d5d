import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseMigrations } from '@parcours/db';
import { IMPORT_LEASE_MS, ImportRunner } from '@parcours/imports';
import { safeError } from '@parcours/lifecycle';

/**
 * Imports resume by themselves: once the database is ready, then every IMPORT_LEASE_MS, an import
 * being imported that no process holds (the server stopped in the middle of it, or another process
 * did) is taken up where it was. Stopped before the database closes, after the line in hand.
 */
@Injectable()
export class ImportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runner: ImportRunner,
    private readonly migrations: DatabaseMigrations,
  ) {}

  onApplicationBootstrap(): void {
    void this.migrations.whenReady().then(() => {
      const check = () =>
        void this.runner.resume().then(
          (resumed) => resumed > 0 && this.logger.log(`Resuming ${resumed} import(s).`),
          (error: unknown) => this.logger.warn({ err: safeError(error) }, 'Could not look for imports to resume'),
        );
      check();
      this.timer = setInterval(check, IMPORT_LEASE_MS);
      this.timer.unref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.stop();
  }
}
