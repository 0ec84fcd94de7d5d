import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { PathwaysModule } from '@parcours/pathways';
import { MailTransport } from './mail-transport';
import { NotificationsPersonalData } from './notifications-personal-data';
import { OutboxComposer } from './outbox-composer';
import { OutboxRelay } from './outbox-relay';
import { OutboxSignal } from './outbox-signal';
import { OutboxService } from './outbox.service';
import { SmsTransport } from './sms-transport';

/** E-mails about reports and password links, e-mails and SMS to the person about their interview: the outbox composer (in the flush), the relay, the dead letters. */
@Module({
  imports: [AccountsModule, PathwaysModule],
  providers: [OutboxSignal, OutboxComposer, MailTransport, SmsTransport, OutboxRelay, OutboxService, NotificationsPersonalData],
  exports: [OutboxRelay, OutboxService],
})
export class NotificationsModule {}
