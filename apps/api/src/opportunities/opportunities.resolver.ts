import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { OpportunitiesService, type OpportunityInput } from '@parcours/opportunities';
import { ProposalsService } from '@parcours/pathways';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import {
  CloseOpportunityInput,
  CreateOpportunityInput,
  OpportunitiesFilter,
  OpportunityConnection,
  OpportunityNode,
  OpportunityPayload,
  OpportunityTermsFields,
  toOpportunityNode,
  UpdateOpportunityInput,
} from './opportunities.types';

const { ADMIN, MANAGER, COUNSELLOR } = Role;

@Resolver(() => OpportunityNode)
export class OpportunitiesResolver {
  constructor(
    private readonly service: OpportunitiesService,
    private readonly proposals: ProposalsService,
  ) {}

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => OpportunityPayload, { description: "A job or a training of a partner, owned by the caller's operator." })
  async createOpportunity(@Args('input') input: CreateOpportunityInput, @CurrentActor() actor: Actor): Promise<Partial<OpportunityPayload>> {
    return { opportunity: toOpportunityNode(await this.service.create(actor, { ...terms(input), kind: input.kind })) };
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => OpportunityPayload, { description: 'Replaces the terms of an open opportunity (OPPORTUNITY_CLOSED otherwise); its kind stays.' })
  async updateOpportunity(@Args('input') input: UpdateOpportunityInput, @CurrentActor() actor: Actor): Promise<Partial<OpportunityPayload>> {
    return { opportunity: toOpportunityNode(await this.service.update(actor, input.opportunityId, terms(input))) };
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => OpportunityPayload, { description: 'Closes an open opportunity (OPPORTUNITY_CLOSED otherwise) and cancels its open proposals (NO_POSITION).' })
  async closeOpportunity(@Args('input') input: CloseOpportunityInput, @CurrentActor() actor: Actor): Promise<Partial<OpportunityPayload>> {
    return { opportunity: toOpportunityNode(await this.proposals.closeOpportunity(actor, input.opportunityId)) };
  }

  @Roles(COUNSELLOR, MANAGER, ADMIN)
  @Query(() => OpportunityConnection, { description: "The operator's opportunities (ADMIN: all), newest first." })
  async opportunities(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => OpportunitiesFilter, nullable: true }) filter?: OpportunitiesFilter,
  ): Promise<OpportunityConnection> {
    return toConnection(await this.service.list(actor, filter ?? {}, page), toOpportunityNode);
  }

  @Roles(COUNSELLOR, MANAGER, ADMIN)
  @Query(() => OpportunityNode)
  async opportunity(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<OpportunityNode> {
    return toOpportunityNode(await this.service.get(actor, id));
  }
}

function terms(input: OpportunityTermsFields): Omit<OpportunityInput, 'kind'> {
  return {
    partnerId: input.partnerId,
    clientPartnerId: input.clientPartnerId ?? null,
    title: input.title,
    romeCode: input.romeCode ?? null,
    contractType: input.contractType ?? null,
    hoursPerWeek: input.hoursPerWeek ?? null,
    communeCode: input.communeCode,
    startOn: input.startOn,
    endOn: input.endOn ?? null,
    positions: input.positions ?? null,
    qualification: input.qualification ?? null,
    level: input.level ?? null,
  };
}
