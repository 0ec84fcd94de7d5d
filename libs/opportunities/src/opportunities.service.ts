import type { FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { DomainError, isUuid, NotFoundError, searchNameContains } from '@parcours/core';
import { Territory } from '@parcours/territory';
import { UnitOfWork, type Page, type ScopedReads } from '@parcours/unit-of-work';
import { ContractType } from './contract-type';
import { OpportunityKind, OpportunityStatus } from './opportunity-enums';
import { Opportunity, type OpportunityTerms } from './opportunity.entity';
import { termsProblems, type OpportunityInput } from './opportunity-terms';
import { Partner } from './partner.entity';

export interface OpportunitiesFilter {
  kind?: OpportunityKind;
  contractType?: ContractType;
  communeCode?: string;
  open?: boolean;
  search?: string;
}

/** An opportunity as pages show it: with its partner and client, and their organisations. */
export const WITH_PARTNERS = ['partner.organisation', 'client.organisation'] as const;

/** Jobs and trainings, each owned by the operator of the staff member who creates it. */
@Injectable()
export class OpportunitiesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly territory: Territory,
  ) {}

  async create(actor: Actor, input: OpportunityInput): Promise<Opportunity> {
    return this.uow.run(actor, async ({ em, reads, now, by }) => {
      const opportunity = new Opportunity(actor.organisationId, await this.terms(reads, input), by, now);
      em.persist(opportunity);
      return opportunity;
    });
  }

  /** Replaces the terms of an open opportunity (its kind stays). */
  async update(actor: Actor, opportunityId: string, input: Omit<OpportunityInput, 'kind'>): Promise<Opportunity> {
    if (!isUuid(opportunityId)) throw new NotFoundError('Opportunity', ['input', 'opportunityId']);
    return this.uow.run(actor, async ({ reads, now }) => {
      const opportunity = await reads.findOne(Opportunity, { id: opportunityId });
      if (!opportunity) throw new NotFoundError('Opportunity', ['input', 'opportunityId']);
      opportunity.update(await this.terms(reads, { ...input, kind: opportunity.kind }), now);
      return opportunity;
    });
  }

  async get(actor: Actor, id: string): Promise<Opportunity> {
    const opportunity = isUuid(id) ? await this.uow.read(actor, (reads) => reads.findOne(Opportunity, { id }, { populate: [...WITH_PARTNERS] })) : null;
    if (!opportunity) throw new NotFoundError('Opportunity');
    return opportunity;
  }

  list(actor: Actor, filter: OpportunitiesFilter, page: { first?: number; after?: string }): Promise<Page<Opportunity, (typeof WITH_PARTNERS)[number]>> {
    const where: FilterQuery<Opportunity>[] = [];
    if (filter.kind) where.push({ kind: filter.kind });
    if (filter.contractType) where.push({ contractType: filter.contractType });
    if (filter.communeCode) where.push({ communeCode: filter.communeCode });
    if (filter.open === true) where.push({ status: OpportunityStatus.OPEN });
    if (filter.open === false) where.push({ status: { $ne: OpportunityStatus.OPEN } });
    if (filter.search?.trim()) where.push(searchNameContains(filter.search));
    return this.uow.read(actor, (reads) => reads.findByCursor(Opportunity, { $and: where }, { first: page.first ?? 20, after: page.after, orderBy: { createdAt: 'desc', id: 'desc' }, populate: [...WITH_PARTNERS] }));
  }

  /** The input checked against every rule at once, its partners found (NOT_FOUND otherwise). */
  private async terms(reads: ScopedReads, input: OpportunityInput): Promise<OpportunityTerms> {
    const partner = await findPartner(reads, input.partnerId, 'partnerId');
    const client = input.clientPartnerId ? await findPartner(reads, input.clientPartnerId, 'clientPartnerId') : null;
    const problems = termsProblems(input, {
      partnerKind: partner.organisation.getEntity().kind,
      clientKind: client ? client.organisation.getEntity().kind : null,
      communeKnown: this.territory.commune(input.communeCode) !== undefined,
    });
    if (problems.length > 0) throw DomainError.all(problems);
    const job = input.kind === OpportunityKind.JOB;
    return {
      kind: input.kind,
      partner,
      client,
      title: input.title.trim(),
      romeCode: input.romeCode ?? null,
      contractType: job ? input.contractType! : ContractType.TRAINING,
      hoursPerWeek: input.hoursPerWeek ?? null,
      communeCode: input.communeCode,
      startOn: input.startOn,
      endOn: job ? null : input.endOn!,
      positions: job ? input.positions! : null,
      qualification: job ? null : input.qualification!,
      level: job ? null : (input.level ?? null),
    };
  }
}

async function findPartner(reads: ScopedReads, id: string, field: string): Promise<Partner> {
  const partner = isUuid(id) ? await reads.findOne(Partner, { id }, { populate: ['organisation'] }) : null;
  if (!partner) throw new NotFoundError('Partner', ['input', field]);
  return partner;
}
