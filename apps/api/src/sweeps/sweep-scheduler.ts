import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from '@parcours/audit';
import { AppConfig } from '@parcours/config';
import { DataProtectionService } from '@parcours/data-protection';
import { DatabaseLocks } from '@parcours/db';
import { OutboxService } from '@parcours/notifications';
import { PartnersService } from '@parcours/opportunities';
import { FollowUpsService, ProposalsService } from '@parcours/pathways';

/** What one run of the sweeps changed. */
export interface SweepSummary {
  opportunitiesClosed: number;
  proposalsStale: number;
  checkpointsMissed: number;
  anonymised: number;
  contactsForgotten: number;
  auditPurged: number;
  outboxPurged: number;
}

/**
 * Runs the idempotent sweeps in the API process every SWEEP_INTERVAL_MINUTES (0: never): stale
 * opportunities and proposals, missed checkpoints, the retention anonymisation (and partners' contacts), the audit
 * purge and the outbox purge. Stopped before the database closes.
 */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sweeps');
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepSummary | null>;

  constructor(
    private readonly config: AppConfig,
    private readonly dataProtection: DataProtectionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly proposals: ProposalsService,
    private readonly followUps: FollowUpsService,
    private readonly partners: PartnersService,
    private readonly locks: DatabaseLocks,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.dataProtection.sweepIntervalMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => void this.runOnce(), minutes * 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * The sweeps, one after the other, in one process at a time (the sweeps lock: a process that
   * finds another sweeping skips this tick, null); a failure is logged and retried at the next tick.
   */
  runOnce(): Promise<SweepSummary | null> {
    this.running ??= (async () => {
      try {
        const summary = await this.locks.ifFree('sweeps', () => this.sweep());
        if (summary && Object.values(summary).some((count) => count > 0)) {
          this.logger.log(
            `Stale: ${summary.opportunitiesClosed} opportunit(y/ies) closed, ${summary.proposalsStale} proposal(s) marked STALE, ${summary.checkpointsMissed} checkpoint(s) MISSED; retention: ${summary.anonymised} participant(s) anonymised, ${summary.contactsForgotten} partner contact(s) forgotten; audit: ${summary.auditPurged} old entr(y/ies) purged; outbox: ${summary.outboxPurged} old message(s) purged`,
          );
        }
        return summary;
      } catch (error) {
        this.logger.error(`A sweep failed: ${(error as Error).name}`);
        return null;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async sweep(): Promise<SweepSummary> {
    const opportunities = await this.proposals.sweepStaleOpportunities();
    const proposals = await this.proposals.sweepStaleProposals();
    const checkpoints = await this.followUps.sweepMissedCheckpoints();
    const retention = await this.dataProtection.sweepRetention();
    const contacts = await this.partners.sweepContacts();
    const audit = await this.audit.purge();
    const outbox = await this.outbox.purge();
    return {
      opportunitiesClosed: opportunities.closed,
      proposalsStale: proposals.stale,
      checkpointsMissed: checkpoints.missed,
      anonymised: retention.anonymised,
      contactsForgotten: contacts.forgotten,
      auditPurged: audit.purged,
      outboxPurged: outbox.purged,
    };
  }
}
