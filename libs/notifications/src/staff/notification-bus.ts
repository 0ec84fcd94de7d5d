import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { LiveChannel, stringFields } from '@parcours/core';

export interface AnnouncedNotification {
  notificationId: string;
  recipientId: string;
}

/** Staff notifications written, announced after their commit to the bell of the recipient's open consoles (LiveChannel). */
@Injectable()
export class NotificationBus extends LiveChannel<AnnouncedNotification> {
  constructor(config: AppConfig) {
    super(config.database, 'parcours_staff_notifications', (value) => stringFields(value, ['notificationId', 'recipientId']));
  }
}
