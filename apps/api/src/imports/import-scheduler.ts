import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { DatabaseMigrations } from '@parcours/db';
import { ImportRunner } from '@parcours/imports';
import { safeError } from '@parcours/lifecycle';

/**
 * Imports resume by themselves: once the database is ready, then every IMPORT_RESUME_SECONDS (0:
 * never, not even at start), an import being imported that no process holds (the server stopped in
 * the middle of it, or another process did) is taken up where it was. Stopped before the database
 * closes, after the line in hand.
 */
@Injectable()
export class ImportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly runner: ImportRunner,
    private readonly migrations: DatabaseMigrations,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.dataProtection.importResumeSeconds;
    if (seconds === 0) return;
    void this.migrations.whenReady().then(() => {
      const check = () =>
        void this.runner.resume().then(
          (resumed) => resumed > 0 && this.logger.log(`Resuming ${resumed} import(s).`),
          (error: unknown) => this.logger.warn({ err: safeError(error) }, 'Could not look for imports to resume'),
        );
      check();
      this.timer = setInterval(check, seconds * 1000);
      this.timer.unref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.stop();
  }
}
