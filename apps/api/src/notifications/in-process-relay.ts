import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { OutboxRelay } from '@parcours/notifications';

/**
 * The e-mail relay inside the API process (the default, with SMTP_URL set): started like the sweep
 * scheduler, nudged after each commit that wrote messages, stopped on SIGTERM before the database
 * closes (by the relay itself). RELAY_IN_PROCESS=false leaves the work to `npm run relay`.
 */
@Injectable()
export class InProcessRelay implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((this.config.mail.smtpUrl || this.config.sms.provider) && this.config.mail.relayInProcess) await this.relay.start();
  }
}
