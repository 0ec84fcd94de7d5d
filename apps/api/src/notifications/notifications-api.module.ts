import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { NotificationsModule } from '@parcours/notifications';
import { InProcessRelay } from './in-process-relay';
import { NotificationsResolver } from './notifications.resolver';

@Module({
  imports: [AccountsModule, NotificationsModule],
  providers: [NotificationsResolver, InProcessRelay],
})
export class NotificationsApiModule {}
