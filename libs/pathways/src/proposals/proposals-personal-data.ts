import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/core';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { seesSensitiveDetails } from '../pathway-scope';
import { participantOf, byPathway } from '../pathways-personal-data';
import { Proposal, ProposalStep } from './proposal.entity';

/** Offers proposed to the person and their steps (a step's comment erased). */
@PersonalData()
@Injectable()
export class ProposalsPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<Proposal>({
      entity: Proposal,
      subject: participantOf,
      object: (proposal) => proposal.id,
      erase: [],
      keep: ['id', 'pathway', 'opportunity', 'status', 'openKey', 'proposedAt', 'proposedOn', 'lastStepOn', 'lastStepAt', 'reason', 'steps'],
    }),
    entityPolicy<ProposalStep>({
      entity: ProposalStep,
      subject: (step) => participantOf(step.proposal.getEntity()),
      object: (step) => step.proposal.id,
      erase: ['comment'],
      keep: ['id', 'proposal', 'step', 'on', 'reason', 'by', 'at'],
    }),
  ];

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const reads = new ScopedReads(em, viewer);
    const ids = subject.pathwayIds;
    const proposals = await reads.byParent(Proposal, 'pathway', ids, { orderBy: { proposedAt: 'asc', id: 'asc' }, populate: ['steps', 'opportunity.partner.organisation'] });
    const sensitive = seesSensitiveDetails(viewer);
    return {
      perPathway: {
        proposals: byPathway(ids, 
          proposals.map((rows) =>
            rows.map((proposal) => ({
              offer: proposal.offer(),
              status: proposal.status,
              proposedOn: proposal.proposedOn,
              steps: proposal.steps.getItems().map(({ step, on, reason, comment }) => ({ step, on, reason, comment: sensitive ? comment : null })),
            })),
          ),
        ),
      },
    };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    const reads = new ScopedReads(em, SYSTEM);
    const ids = subject.pathwayIds;
    for (const proposal of await reads.find(Proposal, { pathway: { $in: ids } }, { populate: ['steps'] })) proposal.forgetPersonalDetails();
  }
}
