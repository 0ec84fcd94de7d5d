import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { ConventionsService } from '@parcours/conventions';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConventionNode, ConventionPayload, CreateConventionInput, toConventionNode, UpdateConventionInput } from './conventions.types';

const { ADMIN, MANAGER, COUNSELLOR, FUNDER } = Role;

@Resolver(() => ConventionNode)
export class ConventionsResolver {
  constructor(private readonly service: ConventionsService) {}

  @Roles(ADMIN, MANAGER)
  @Mutation(() => ConventionPayload, { description: "Records a funding convention: ADMIN for any operator, a MANAGER for their own (FORBIDDEN otherwise)." })
  async createConvention(@Args('input') input: CreateConventionInput, @CurrentActor() actor: Actor): Promise<Partial<ConventionPayload>> {
    return { convention: toConventionNode(await this.service.create(actor, input)) };
  }

  @Roles(ADMIN, MANAGER)
  @Mutation(() => ConventionPayload, { description: 'Replaces the terms of a convention the caller may see.' })
  async updateConvention(@Args('input') input: UpdateConventionInput, @CurrentActor() actor: Actor): Promise<Partial<ConventionPayload>> {
    const { conventionId, ...terms } = input;
    return { convention: toConventionNode(await this.service.update(actor, conventionId, terms)) };
  }

  @Roles(ADMIN, MANAGER, COUNSELLOR, FUNDER)
  @Query(() => [ConventionNode], { description: "The operator's staff see their own operator's conventions; a FUNDER those it funds; ADMIN all. Newest first." })
  async conventions(@CurrentActor() actor: Actor): Promise<ConventionNode[]> {
    return (await this.service.list(actor)).map(toConventionNode);
  }
}
