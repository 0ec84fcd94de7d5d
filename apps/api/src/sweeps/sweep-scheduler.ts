import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { DatabaseLocks, DatabaseMigrations } from '@parcours/db';
import { Sweeps, type SweepResult } from '@parcours/unit-of-work';

/** What one run of the sweeps changed, by sweep (its `@Sweep` name); a sweep that failed is absent. */
export type SweepSummary = Record<string, SweepResult>;

/**
 * Runs every `@Sweep()` of the API process (stale offers and proposals, missed checkpoints,
 * retention, the audit and outbox purges…): once the application has started and its database is
 * ready (prepareDatabase has migrated and bootstrapped it, and says so), then every
 * SWEEP_INTERVAL_MINUTES (0: never, not even at start). A server restarted more often than the
 * interval still sweeps; a command that starts the application without preparing a database (the
 * schema's generation) never does. Stopped before the database closes.
 */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sweeps');
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepSummary | null>;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly sweeps: Sweeps,
    private readonly locks: DatabaseLocks,
    private readonly migrations: DatabaseMigrations,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.dataProtection.sweepIntervalMinutes;
    if (minutes === 0) return;
    void this.migrations.whenReady().then(() => {
      if (this.stopped) return;
      void this.runOnce();
      this.timer = setInterval(() => void this.runOnce(), minutes * 60_000);
      this.timer.unref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * The sweeps, one after the other, in one process at a time (the sweeps lock: a process that
   * finds another sweeping skips this tick, null). A sweep that fails is logged and the others
   * still run; it is tried again at the next tick.
   */
  runOnce(): Promise<SweepSummary | null> {
    this.running ??= (async () => {
      try {
        const summary = await this.locks.ifFree('sweeps', () => this.sweep());
        const changed = Object.entries(summary ?? {}).flatMap(([name, result]) => {
          const counts = Object.entries(result).filter(([, count]) => count > 0);
          return counts.length === 0 ? [] : [`${name}: ${counts.map(([what, count]) => `${count} ${what}`).join(', ')}`];
        });
        if (changed.length > 0) this.logger.log(`Swept: ${changed.join('; ')}`);
        return summary;
      } catch (error) {
        this.logger.error(`The sweeps could not run: ${(error as Error).name}`);
        return null;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async sweep(): Promise<SweepSummary> {
    const summary: SweepSummary = {};
    for (const sweep of this.sweeps.all()) {
      try {
        summary[sweep.name] = await sweep.run();
      } catch (error) {
        this.logger.error(`The sweep "${sweep.name}" failed: ${(error as Error).name}`);
      }
    }
    return summary;
  }
}
