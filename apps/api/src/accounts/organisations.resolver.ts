import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { OrganisationKind, OrganisationsService, Role, type Actor } from '@parcours/accounts';
import { Roles, SignedIn } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import {
  CreateOrganisationInput,
  Operator,
  OrganisationConnection,
  OrganisationNode,
  OrganisationPayload,
  toOrganisationNode,
  UpdateOrganisationInput,
} from './accounts.types';

@Resolver()
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => OrganisationPayload)
  async createOrganisation(@Args('input') input: CreateOrganisationInput, @CurrentActor() actor: Actor): Promise<Partial<OrganisationPayload>> {
    return { organisation: toOrganisationNode(await this.service.create(actor, input.name, input.kind)) };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OrganisationPayload, { description: "Renames an organisation (its kind is fixed: its users' roles depend on it)." })
  async updateOrganisation(@Args('input') input: UpdateOrganisationInput, @CurrentActor() actor: Actor): Promise<Partial<OrganisationPayload>> {
    return { organisation: toOrganisationNode(await this.service.rename(actor, input.id, input.name)) };
  }

  @Roles(Role.ADMIN)
  @Query(() => OrganisationConnection)
  async organisations(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('kind', { type: () => OrganisationKind, nullable: true }) kind?: OrganisationKind,
  ): Promise<OrganisationConnection> {
    return toConnection(await this.service.list(actor, { kind }, page), toOrganisationNode);
  }

  @Roles(Role.ADMIN)
  @Query(() => OrganisationNode)
  async organisation(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<OrganisationNode> {
    return toOrganisationNode(await this.service.get(actor, id));
  }

  @SignedIn()
  @Query(() => [Operator], { description: 'The operators people can be referred to (names only).' })
  async operators(): Promise<Operator[]> {
    return (await this.service.operators()).map(({ id, name }) => ({ id, name }));
  }

  @Roles(Role.ADMIN, Role.MANAGER)
  @Query(() => [Operator], { description: 'The funders a convention may name (names only): for those who record conventions.' })
  async funders(): Promise<Operator[]> {
    return (await this.service.funders()).map(({ id, name }) => ({ id, name }));
  }
}
