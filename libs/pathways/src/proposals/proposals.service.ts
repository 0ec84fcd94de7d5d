import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor, User } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock, isUuid, NotFoundError } from '@parcours/core';
import { ClosedBecause, Opportunity, OpportunityStatus, WITH_PARTNERS } from '@parcours/opportunities';
import { AuditAction, type ScopedReads, Sweep, SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { subDays } from 'date-fns';
import { lockPathway } from '../pathway-lock';
import { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { Proposal, type StepRecord } from './proposal.entity';
import { OPEN_PROPOSAL_STATUSES, ProposalReason, ProposalStatus } from './proposal-status';

/** What a proposal's commands load with it: the offer as the referent's report names it. */
const WITH_OFFER = ['pathway', 'steps', 'opportunity.partner.organisation'] as const;

/**
 * The offers stage: proposals, their steps, and whatever closes an opportunity that proposals
 * are open on (closing it, filling it, the stale sweeps). libs/pathways imports
 * libs/opportunities, never the reverse: an opportunity knows nothing of its proposals, so every
 * command that must cancel them lives here.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** One open proposal per opportunity and pathway; of two at once, the second is PROPOSAL_ALREADY_OPEN. */
  async propose(actor: Actor, pathwayId: string, opportunityId: string): Promise<Proposal> {
    if (!isUuid(pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    if (!isUuid(opportunityId)) throw new NotFoundError('Opportunity', ['input', 'opportunityId']);
    try {
      return await this.uow.run(actor, async ({ reads, now, today, by }) => {
        const pathway = await reads.findOne(Pathway, { id: pathwayId });
        if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
        const opportunity = await reads.findOne(Opportunity, { id: opportunityId, operator: pathway.operator.id }, { populate: ['partner.organisation'] });
        if (!opportunity) throw new NotFoundError('Opportunity', ['input', 'opportunityId']);
        if ((await reads.count(Proposal, { openKey: `${opportunity.id}/${pathway.id}` })) > 0) throw alreadyOpen();
        return pathway.proposalStage.propose(opportunity, by, now, today);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw alreadyOpen();
      throw error;
    }
  }

  /**
   * A step of a proposal (proposal-status.ts). HIRED takes a position under the opportunity's lock
   * (and its version): of two HIRED steps racing for the last position, the second finds it FILLED.
   * Filling cancels every proposal still open on it.
   */
  async recordStep(actor: Actor, proposalId: string, record: StepRecord): Promise<Proposal> {
    if (!isUuid(proposalId)) throw new NotFoundError('Proposal', ['input', 'proposalId']);
    return this.uow.run(actor, async ({ reads, now, today, by }) => {
      // Which opportunity and pathway, as a plain row: the proposal itself is loaded once, after the locks.
      const [target] = await reads.rows<{ opportunity_id: string; pathway_id: string }, Proposal>(Proposal, { id: proposalId }, (ids) => `select opportunity_id, pathway_id from proposal where id in (${ids})`);
      if (target) {
        // The opportunity first when HIRED, locked: two HIRED steps then take it one after the other,
        // and never each hold a proposal the other's filling must cancel (a deadlock on PostgreSQL).
        if (record.step === ProposalStatus.HIRED) await lockOpportunity(reads, target.opportunity_id);
        // Then the pathway, whose history the step writes: two steps at once take it in turn.
        await lockPathway(reads, target.pathway_id, []);
      }
      // The pathway is the locked one, already loaded: not read again.
      const proposal = await reads.findOne(Proposal, { id: proposalId }, { populate: ['steps', 'opportunity.partner.organisation'] });
      if (!proposal) throw new NotFoundError('Proposal', ['input', 'proposalId']);
      const filled = proposal.pathway.getEntity().proposalStage.recordStep(proposal, record, by, now, today);
      if (filled) await endOpenProposals(reads, proposal.opportunity.getEntity(), by, now);
      return proposal;
    });
  }

  /** Closes an open opportunity (OPPORTUNITY_CLOSED otherwise) and cancels its open proposals (NO_POSITION). */
  async closeOpportunity(actor: Actor, opportunityId: string): Promise<Opportunity> {
    if (!isUuid(opportunityId)) throw new NotFoundError('Opportunity', ['input', 'opportunityId']);
    return this.uow.run(actor, async ({ reads, now, by }) => {
      const opportunity = await lockOpportunity(reads, opportunityId);
      if (!opportunity) throw new NotFoundError('Opportunity', ['input', 'opportunityId']);
      await reads.populate(opportunity, WITH_PARTNERS);
      opportunity.close(ClosedBecause.BY_STAFF, now);
      await endOpenProposals(reads, opportunity, by, now);
      return opportunity;
    });
  }

  /** Several pathways' proposals at once, newest first, with their steps and offers. */
  proposalsOf(actor: Actor, pathwayIds: readonly string[]): Promise<Proposal[][]> {
    return this.uow.read(actor, (reads) =>
      reads.byParent(Proposal, 'pathway', pathwayIds, {
        orderBy: { proposedAt: 'desc', id: 'desc' },
        populate: ['steps', 'opportunity.partner.organisation', 'opportunity.client.organisation'],
      }),
    );
  }

  /**
   * Closes every open opportunity nobody updated for OPPORTUNITY_STALE_DAYS (as les emplois
   * deactivates job descriptions), cancelling its open proposals. Idempotent.
   */
  @Sweep('stale offers')
  async sweepStaleOpportunities(): Promise<{ closed: number }> {
    const cutoff = subDays(this.clock.now(), this.config.journey.opportunityStaleDays);
    const due = await this.uow.read(SYSTEM, (reads) => reads.find(Opportunity, { status: OpportunityStatus.OPEN, updatedAt: { $lt: cutoff } }, { fields: ['id'] }));
    let closed = 0;
    for (const { id } of due) {
      await this.sweep('stale opportunities sweep', async (reads, now) => {
        const opportunity = await lockOpportunity(reads, id);
        if (!opportunity || opportunity.status !== OpportunityStatus.OPEN || opportunity.updatedAt >= cutoff) return;
        await reads.populate(opportunity, WITH_PARTNERS);
        opportunity.close(ClosedBecause.STALE, now);
        await endOpenProposals(reads, opportunity, null, now);
        closed++;
      });
    }
    return { closed };
  }

  /**
   * Marks STALE every open proposal with no step for PROPOSAL_STALE_DAYS (as les emplois
   * auto-rejects); in the history, without moving the retention clock. Idempotent.
   */
  @Sweep('stale proposals')
  async sweepStaleProposals(): Promise<{ stale: number }> {
    const cutoff = subDays(this.clock.now(), this.config.journey.proposalStaleDays);
    const stale = { status: { $in: [...OPEN_PROPOSAL_STATUSES] }, lastStepAt: { $lt: cutoff } };
    const due = await this.uow.read(SYSTEM, (reads) => reads.find(Proposal, stale, { fields: ['id'] }));
    let marked = 0;
    for (const { id } of due) {
      await this.sweep('stale proposals sweep', async (reads, now) => {
        const proposal = await reads.findOne(Proposal, { id, ...stale }, { populate: [...WITH_OFFER] });
        if (!proposal) return;
        proposal.pathway.getEntity().proposalStage.end(proposal, ProposalStatus.STALE, null, null, now);
        marked++;
      });
    }
    return { stale: marked };
  }

  /** One item of a sweep, as its own command of the system. */
  private sweep(operation: string, work: (reads: ScopedReads, now: Date) => Promise<void>): Promise<void> {
    return this.uow.run(null, ({ reads, now }) => work(reads, now), { audit: { action: AuditAction.WRITE, operation } });
  }
}

/** An opportunity the command may see, locked until it ends: whatever fills or closes an opportunity takes it first. */
function lockOpportunity(reads: ScopedReads, id: string): Promise<Opportunity | null> {
  return reads.findOneForUpdate(Opportunity, { id });
}

/** The proposals still open on an opportunity that closed or filled: CANCELLED, NO_POSITION. */
async function endOpenProposals(reads: ScopedReads, opportunity: Opportunity, by: User | null, now: Date): Promise<void> {
  const open = await reads.system().find(Proposal, { opportunity: opportunity.id, status: { $in: [...OPEN_PROPOSAL_STATUSES] } }, { populate: ['pathway'] });
  for (const proposal of open) proposal.pathway.getEntity().proposalStage.end(proposal, ProposalStatus.CANCELLED, ProposalReason.NO_POSITION, by, now);
}

function alreadyOpen(): PathwaysError {
  return new PathwaysError('PROPOSAL_ALREADY_OPEN', 'This offer is already proposed to this person, and the proposal is still open.', ['input', 'opportunityId']);
}
