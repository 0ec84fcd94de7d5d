import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/core';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { BarrierTheme } from '@parcours/participants';
import { seesSensitiveDetails } from '../pathway-scope';
import { participantOf, byPathway } from '../pathways-personal-data';
import { Checkpoint } from './checkpoint.entity';
import { Contact } from './contact.entity';

/** In-job follow-up: contacts (notes and JUSTICE justification erased) and the calendar's checkpoints. */
@PersonalData()
@Injectable()
export class FollowUpsPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<Checkpoint>({
      entity: Checkpoint,
      subject: participantOf,
      object: (checkpoint) => checkpoint.id,
      erase: [],
      keep: ['id', 'pathway', 'key', 'kind', 'offset', 'placement', 'dueOn', 'status', 'missedAt', 'recordedAt'],
    }),
    entityPolicy<Contact>({
      entity: Contact,
      subject: participantOf,
      object: (contact) => contact.id,
      erase: ['justiceJustification', 'note', 'nextStep'],
      keep: ['id', 'pathway', 'kind', 'on', 'reached', 'situation', 'difficulties', 'checkpoint', 'recordedBy', 'recordedAt'],
    }),
  ];

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const reads = new ScopedReads(em, viewer);
    const ids = subject.pathwayIds;
    const [contacts, checkpoints] = await Promise.all([
      reads.byParent(Contact, 'pathway', ids, { orderBy: { on: 'asc', recordedAt: 'asc' }, populate: ['justiceJustification'] }),
      reads.byParent(Checkpoint, 'pathway', ids, { orderBy: { dueOn: 'asc', key: 'asc' } }),
    ]);
    const sensitive = seesSensitiveDetails(viewer);
    return {
      perPathway: {
        contacts: byPathway(ids, 
          contacts.map((rows) =>
            rows.map((contact) => ({
              kind: contact.kind,
              on: contact.on,
              reached: contact.reached,
              situation: contact.situation,
              difficulties: sensitive ? contact.difficulties : contact.difficulties.filter((difficulty) => difficulty.theme !== BarrierTheme.JUSTICE),
              justiceJustification: sensitive ? contact.justiceJustification : null,
              note: sensitive ? contact.note : null,
              nextStep: contact.nextStep,
            })),
          ),
        ),
        checkpoints: byPathway(ids, checkpoints.map((rows) => rows.map(({ kind, offset, dueOn, status }) => ({ kind, offset, dueOn, status })))),
      },
    };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    const reads = new ScopedReads(em, SYSTEM);
    const ids = subject.pathwayIds;
    for (const contact of await reads.find(Contact, { pathway: { $in: ids } }, { populate: ['justiceJustification'] })) contact.forgetPersonalDetails();
    // The calendar of an exited pathway goes on until the person is erased.
    for (const checkpoint of await reads.find(Checkpoint, { pathway: { $in: ids } })) checkpoint.cancel();
  }
}
