import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import type { Actor } from '@parcours/core';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { byPathway, participantOf } from '../pathways-personal-data';
import { ConversationRead, PathwayMessage } from './pathway-message.entity';

/**
 * The conversation: each message's text is about the person (emptied at erasure, audited at each
 * write, in the export with its author and time); who read it how far is not (kept: ids and a date).
 * Messages are retained like the pathway: its retention erases them with the person.
 */
@PersonalData()
@Injectable()
export class ConversationPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<PathwayMessage>({
      entity: PathwayMessage,
      subject: participantOf,
      object: (message) => message.id,
      erase: ['text'],
      keep: ['id', 'pathway', 'author', 'writtenAt'],
    }),
    entityPolicy<ConversationRead>({
      entity: ConversationRead,
      subject: participantOf,
      object: (marker) => marker.id,
      erase: [],
      keep: ['id', 'pathway', 'reader', 'readAt'],
    }),
  ];

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const ids = subject.pathwayIds;
    const rows = await new ScopedReads(em, viewer).byParent(PathwayMessage, 'pathway', ids, { orderBy: { writtenAt: 'asc', id: 'asc' }, populate: ['author'] });
    return { perPathway: { conversation: byPathway(ids, rows.map((list) => list.map((message) => ({ writtenAt: message.writtenAt, author: message.author.getEntity().fullName, text: message.text })))) } };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    for (const message of await new ScopedReads(em, SYSTEM).find(PathwayMessage, { pathway: { $in: subject.pathwayIds }, text: { $ne: null } })) message.text = null;
  }
}
