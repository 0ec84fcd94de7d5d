import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { NotificationsModule } from '../notifications.module';
import { DigestService } from './digest';
import { NotificationBus } from './notification-bus';
import { NotificationComposer } from './notification-composer';
import { StaffNotificationsPersonalData } from './staff-notifications-personal-data';
import { StaffNotificationsService } from './staff-notifications.service';

/**
 * The staff's notifications: written by the flush pipeline (NotificationComposer) and the sweeps,
 * read in the console's bell; their e-mails at once (OutboxComposer) or in the morning's digest
 * (DigestService, on its own timer). The API process only: the relay process writes no journey event.
 */
@Module({
  imports: [AccountsModule, NotificationsModule],
  providers: [NotificationBus, NotificationComposer, StaffNotificationsService, StaffNotificationsPersonalData, DigestService],
  exports: [NotificationBus, StaffNotificationsService, DigestService],
})
export class StaffNotificationsModule {}
