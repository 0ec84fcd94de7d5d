import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { Clock } from '@parcours/core';
import { DatabaseMigrations } from '@parcours/db';
import { DigestService, nextDigestAt } from '@parcours/notifications';

/**
 * The staff's morning digest on its own timer (DIGEST_ENABLED, with SMTP_URL): once the database is
 * ready (a server started between 07:30 and noon on a working day writes the day's digests at
 * once), then at each next 07:30 of a working day, Paris time. Several processes may each fire:
 * the outbox's key makes each digest once per user and day.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Digest');
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly digests: DigestService,
    private readonly migrations: DatabaseMigrations,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.smtpUrl || !this.config.mail.digest) return;
    void this.migrations.whenReady().then(() => {
      if (!this.stopped) this.tick();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Writes the digests due now, then waits for the next 07:30 (a long weekend is well within setTimeout's 24 days). */
  private tick(): void {
    this.running = this.digests.compose().catch((error: Error) => this.logger.error(`The digests could not be written: ${error.name}`));
    void this.running.finally(() => {
      if (this.stopped) return;
      const wait = Math.max(1_000, nextDigestAt(this.clock.now()).getTime() - this.clock.now().getTime());
      this.timer = setTimeout(() => this.tick(), Math.min(wait, 2 ** 31 - 1));
      this.timer.unref();
    });
  }
}
