import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from '@parcours/audit';
import { AppConfig } from '@parcours/config';
import { DataProtectionService } from '@parcours/data-protection';
import { OutboxService } from '@parcours/notifications';
import { PartnersService } from '@parcours/opportunities';
import { ProposalsService } from '@parcours/pathways';

/**
 * Runs the idempotent sweeps in the API process every SWEEP_INTERVAL_MINUTES (0: never): stale
 * opportunities and proposals, the retention anonymisation (and partners' contacts), the audit
 * purge and the outbox purge. Stopped before the database closes.
 */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sweeps');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly dataProtection: DataProtectionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly proposals: ProposalsService,
    private readonly partners: PartnersService,
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

  /** The sweeps, one after the other; a failure is logged and retried at the next tick. */
  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        const opportunities = await this.proposals.sweepStaleOpportunities();
        const proposals = await this.proposals.sweepStaleProposals();
        const retention = await this.dataProtection.sweepRetention();
        const contacts = await this.partners.sweepContacts();
        const audit = await this.audit.purge();
        const outbox = await this.outbox.purge();
        if (opportunities.closed + proposals.stale + retention.anonymised + contacts.forgotten + audit.purged + outbox.purged > 0) {
          this.logger.log(
            `Stale: ${opportunities.closed} opportunit(y/ies) closed, ${proposals.stale} proposal(s) marked STALE; retention: ${retention.anonymised} participant(s) anonymised, ${contacts.forgotten} partner contact(s) forgotten; audit: ${audit.purged} old entr(y/ies) purged; outbox: ${outbox.purged} old message(s) purged`,
          );
        }
      } catch (error) {
        this.logger.error(`A sweep failed: ${(error as Error).name}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
