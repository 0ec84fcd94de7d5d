import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/core';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { seesSensitiveDetails } from '../pathway-scope';
import { participantOf, byPathway } from '../pathways-personal-data';
import { Placement } from './placement.entity';

/** Placements in work (the end's comment erased). */
@PersonalData()
@Injectable()
export class PlacementsPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<Placement>({
      entity: Placement,
      subject: participantOf,
      object: (placement) => placement.id,
      erase: ['endComment'],
      keep: [
        'id', 'pathway', 'contractType', 'partner', 'client', 'startOn', 'plannedEndOn', 'endedOn', 'endReason', 'hoursPerWeek', 'qualification', 'level',
        'proposal', 'startedBy', 'createdAt', 'endedAt', 'correctedAt',
      ],
    }),
  ];

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const reads = new ScopedReads(em, viewer);
    const ids = subject.pathwayIds;
    const placements = await reads.byParent(Placement, 'pathway', ids, { orderBy: { startOn: 'asc', createdAt: 'asc' }, populate: ['partner.organisation', 'client.organisation'] });
    const sensitive = seesSensitiveDetails(viewer);
    return {
      perPathway: {
        placements: byPathway(ids, placements.map((rows) => rows.map((placement) => ({ ...placement.summary(), endComment: sensitive ? placement.endComment : null })))),
      },
    };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    const reads = new ScopedReads(em, SYSTEM);
    const ids = subject.pathwayIds;
    for (const placement of await reads.find(Placement, { pathway: { $in: ids } })) placement.forgetPersonalDetails();
  }
}
