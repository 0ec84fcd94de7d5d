import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { NotificationsModule } from '@parcours/notifications';
import { AppointmentMessagesResolver } from './appointment-messages.resolver';
import { InProcessRelay } from './in-process-relay';
import { NotificationsResolver } from './notifications.resolver';

@Module({
  imports: [AccountsModule, NotificationsModule],
  providers: [NotificationsResolver, AppointmentMessagesResolver, InProcessRelay],
})
export class NotificationsApiModule {}
