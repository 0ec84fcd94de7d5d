import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { byPathway, participantOf } from '@parcours/pathways';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { StaffNotification } from './staff-notification.entity';

/**
 * A staff notification says that something happened on a person's pathway, to whom and when: it
 * is about the person. Its rows hold no text (kind, ids, a day), so nothing is emptied
 * field by field: erasing the person deletes them; read ones go READ_NOTIFICATION_RETENTION_DAYS
 * after being read (the purge sweep). The export lists them (kind, day, when, read), without the
 * staff member's name.
 */
@PersonalData()
@Injectable()
export class StaffNotificationsPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<StaffNotification>({
      entity: StaffNotification,
      subject: participantOf,
      object: (notification) => notification.id,
      erase: [],
      keep: ['id', 'recipient', 'kind', 'pathway', 'itemId', 'dueOn', 'key', 'createdAt', 'readAt'],
    }),
  ];

  async exportOf(em: EntityManager, subject: DataSubject): Promise<ExportPart> {
    const ids = subject.pathwayIds;
    // Every notification about the person, whoever received it (the subject holds the pathways the viewer may see; each row is scoped to its recipient).
    const rows = await new ScopedReads(em, SYSTEM).byParent(StaffNotification, 'pathway', ids, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return { perPathway: { staffNotifications: byPathway(ids, rows.map((list) => list.map(({ kind, dueOn, createdAt, readAt }) => ({ kind, dueOn, createdAt, readAt })))) } };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    await new ScopedReads(em, SYSTEM).nativeDelete(StaffNotification, { pathway: { $in: subject.pathwayIds } });
  }
}
