import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { NotificationsModule, StaffNotificationsModule } from '@parcours/notifications';
import { PathwaysModule } from '@parcours/pathways';
import { AppointmentMessagesResolver } from './appointment-messages.resolver';
import { DigestScheduler } from './digest-scheduler';
import { InProcessRelay } from './in-process-relay';
import { NotificationEmailsResolver, NotificationsResolver } from './notifications.resolver';
import { StaffNotificationsResolver } from './staff-notifications.resolver';

@Module({
  imports: [AccountsModule, NotificationsModule, StaffNotificationsModule, PathwaysModule],
  providers: [NotificationsResolver, NotificationEmailsResolver, StaffNotificationsResolver, AppointmentMessagesResolver, InProcessRelay, DigestScheduler],
})
export class NotificationsApiModule {}
