import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { NotificationBus } from './notification-bus';
import { NotificationComposer } from './notification-composer';
import { StaffNotificationsPersonalData } from './staff-notifications-personal-data';
import { StaffNotificationsService } from './staff-notifications.service';

/**
 * The staff's notifications: written by the flush pipeline (NotificationComposer) and the sweeps,
 * read in the console's bell. The API process only: the relay process writes no journey event.
 */
@Module({
  imports: [AccountsModule],
  providers: [NotificationBus, NotificationComposer, StaffNotificationsService, StaffNotificationsPersonalData],
  exports: [NotificationBus, StaffNotificationsService],
})
export class StaffNotificationsModule {}
