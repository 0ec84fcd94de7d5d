import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { LiveChannel, stringFields } from '@parcours/core';

export interface PostedMessage {
  messageId: string;
  pathwayId: string;
}

/** Messages posted, announced after their commit to the consoles showing the pathway (LiveChannel): each re-reads it through its own scope. */
@Injectable()
export class ConversationBus extends LiveChannel<PostedMessage> {
  constructor(config: AppConfig) {
    super(config.database, 'parcours_pathway_messages', (value) => stringFields(value, ['messageId', 'pathwayId']));
  }
}
