import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { isUuid, NotFoundError } from '@parcours/core';
import { Opportunity } from '@parcours/opportunities';
import { Territory } from '@parcours/territory';
import { InvalidCursorError, UnitOfWork } from '@parcours/unit-of-work';
import { Diagnostic } from '../interviews/diagnostic.entity';
import { Pathway } from '../pathway.entity';
import { PROPOSING } from './proposal-stage';
import { pathwayViews, type PathwayView } from '../pathway-view';
import { candidateFit, type FitReason } from './candidate-fit';
import { OPEN_PROPOSAL_STATUSES, ProposalStatus } from './proposal-status';
import { Proposal } from './proposal.entity';

export interface Candidate {
  pathway: PathwayView;
  score: number;
  reasons: FitReason[];
  cursor: string;
}

export interface CandidatesPage {
  candidates: Candidate[];
  hasNextPage: boolean;
  totalCount: number;
}

interface Ranked {
  pathwayId: string;
  referredAt: number;
  score: number;
  reasons: FitReason[];
}

/**
 * The people an offer could go to: the operator's DIAGNOSED or IN_PLACEMENT pathways (without an
 * open or HIRED proposal of it), ranked by fit (candidate-fit.ts), then by who has waited longest.
 * Five statements whatever the page size: the offer, the pathways, their latest diagnostics, the
 * proposals already made, and the page's views.
 */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly territory: Territory,
  ) {}

  async candidates(actor: Actor, opportunityId: string, page: { first?: number; after?: string }): Promise<CandidatesPage> {
    const after = page.after === undefined ? null : decodeCursor(page.after);
    const first = page.first ?? 20;
    return this.uow.read(actor, async (reads) => {
      const opportunity = isUuid(opportunityId) ? await reads.findOne(Opportunity, { id: opportunityId }) : null;
      if (!opportunity) throw new NotFoundError('Opportunity');
      const waiting = { operator: opportunity.operator.id, status: { $in: [...PROPOSING] } };
      const pathways = await reads.find(Pathway, waiting, { fields: ['id', 'referredAt', 'participant.communeCode'] });
      const diagnostics = await reads.find(Diagnostic, { pathway: waiting }, {
        fields: ['pathway', 'recordedAt', 'targetJobs', 'contractTypes', 'workingTime', 'availableFrom', 'mobilityRadiusKm'],
        orderBy: { recordedAt: 'asc' },
      });
      const proposed = await reads.find(Proposal, { opportunity: opportunity.id, status: { $in: [...OPEN_PROPOSAL_STATUSES, ProposalStatus.HIRED] } }, { fields: ['pathway'] });
      const latest = new Map(diagnostics.map((diagnostic) => [diagnostic.pathway.id, diagnostic]));
      const excluded = new Set(proposed.map((proposal) => proposal.pathway.id));
      const inTerritory = (code: string) => this.territory.includes(code);

      const ranked: Ranked[] = pathways.flatMap((pathway) => {
        const diagnostic = latest.get(pathway.id);
        if (!diagnostic || excluded.has(pathway.id)) return [];
        const { targetJobs, contractTypes, workingTime, availableFrom, mobilityRadiusKm } = diagnostic;
        const seeker = { targetJobs, contractTypes, workingTime, availableFrom, mobilityRadiusKm, communeCode: pathway.participant.getEntity().communeCode };
        const fit = candidateFit(opportunity, seeker, inTerritory);
        return [{ pathwayId: pathway.id, referredAt: pathway.referredAt.getTime(), ...fit }];
      });
      ranked.sort(byRank);
      const start = after ? ranked.findIndex((item) => byRank(item, after) > 0) : 0;
      const slice = start < 0 ? [] : ranked.slice(start, start + first);
      const views = new Map((await pathwayViews(reads, slice.map((item) => item.pathwayId))).map((view) => [view.id, view]));
      return {
        candidates: slice.map((item) => ({ pathway: views.get(item.pathwayId)!, score: item.score, reasons: item.reasons, cursor: encodeCursor(item) })),
        hasNextPage: start >= 0 && start + first < ranked.length,
        totalCount: ranked.length,
      };
    });
  }
}

/** Best fit first; then who was referred first; then by id. */
function byRank(a: Pick<Ranked, 'score' | 'referredAt' | 'pathwayId'>, b: Pick<Ranked, 'score' | 'referredAt' | 'pathwayId'>): number {
  return b.score - a.score || a.referredAt - b.referredAt || (a.pathwayId < b.pathwayId ? -1 : a.pathwayId > b.pathwayId ? 1 : 0);
}

function encodeCursor(item: Ranked): string {
  return Buffer.from(JSON.stringify([item.score, item.referredAt, item.pathwayId])).toString('base64url');
}

/** A cursor this list gave: [score, referral instant, pathway id]. */
function decodeCursor(cursor: string): Pick<Ranked, 'score' | 'referredAt' | 'pathwayId'> {
  let value: unknown;
  try {
    value = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 3 || !Number.isSafeInteger(value[0]) || !Number.isSafeInteger(value[1]) || typeof value[2] !== 'string' || !isUuid(value[2])) {
    throw new InvalidCursorError();
  }
  return { score: value[0], referredAt: value[1], pathwayId: value[2] };
}
