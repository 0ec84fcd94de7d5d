import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { AppointmentLinks } from '@parcours/pathways';
import { MailTransport } from './mail-transport';
import { NotificationsPersonalData } from './notifications-personal-data';
import { OutboxComposer } from './outbox-composer';
import { OutboxRelay } from './outbox-relay';
import { OutboxSignal } from './outbox-signal';
import { OutboxService } from './outbox.service';
import { SmsTransport } from './sms-transport';

/** E-mails about reports and password links, e-mails and SMS to the person about their interview: the outbox composer (in the flush), the relay, the dead letters. */
@Module({
  imports: [AccountsModule],
  // The person's links, rebuilt when sending (stateless: its own instance, without the rest of the pathways' services, which a relay process does not run).
  providers: [AppointmentLinks, OutboxSignal, OutboxComposer, MailTransport, SmsTransport, OutboxRelay, OutboxService, NotificationsPersonalData],
  exports: [OutboxRelay, OutboxService, OutboxSignal],
})
export class NotificationsModule {}
