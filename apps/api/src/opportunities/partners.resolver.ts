import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { PartnersService, type PartnerCommand } from '@parcours/opportunities';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import {
  CreatePartnerInput,
  PartnerChangeNode,
  PartnerConnection,
  PartnerFields,
  PartnerNode,
  PartnerPayload,
  PartnersFilter,
  toPartnerChangeNode,
  toPartnerNode,
  UpdatePartnerInput,
} from './opportunities.types';

const { ADMIN, MANAGER, COUNSELLOR } = Role;

@Resolver(() => PartnerNode)
export class PartnersResolver {
  constructor(private readonly service: PartnersService) {}

  @Roles(ADMIN, MANAGER)
  @Mutation(() => PartnerPayload, { description: 'Registers an employer, temp agency or training body with its organisation: unique by SIRET (SIRET_TAKEN), checked (INVALID_SIRET).' })
  async createPartner(@Args('input') input: CreatePartnerInput, @CurrentActor() actor: Actor): Promise<Partial<PartnerPayload>> {
    return { partner: toPartnerNode(await this.service.create(actor, input.kind, command(input))) };
  }

  @Roles(ADMIN, MANAGER)
  @Mutation(() => PartnerPayload, { description: "Replaces a partner's details: an ADMIN, or a MANAGER of the operator that registered it (FORBIDDEN to others)." })
  async updatePartner(@Args('input') input: UpdatePartnerInput, @CurrentActor() actor: Actor): Promise<Partial<PartnerPayload>> {
    return { partner: toPartnerNode(await this.service.update(actor, input.partnerId, command(input))) };
  }

  @Roles(ADMIN, MANAGER, COUNSELLOR)
  @Query(() => PartnerConnection, { description: 'The partners of the network, newest first.' })
  async partners(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => PartnersFilter, nullable: true }) filter?: PartnersFilter,
  ): Promise<PartnerConnection> {
    return toConnection(await this.service.list(actor, filter ?? {}, page), toPartnerNode);
  }

  @Roles(ADMIN, MANAGER, COUNSELLOR)
  @Query(() => PartnerNode)
  async partner(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<PartnerNode> {
    return toPartnerNode(await this.service.get(actor, id));
  }

  @ResolveField(() => [PartnerChangeNode], { description: 'Every change, oldest first.' })
  async history(@Parent() partner: PartnerNode, @Context() context: GraphqlContext): Promise<PartnerChangeNode[]> {
    const loader = requestLoader(context, 'partner-history', (ids) => this.service.histories(signedIn(context), ids));
    return (await loader.load(partner.id)).map(toPartnerChangeNode);
  }
}

function command(input: PartnerFields): PartnerCommand {
  return {
    name: input.name,
    siret: input.siret,
    communeCode: input.communeCode,
    contact: input.contact ? { name: input.contact.name, phone: input.contact.phone ?? null, email: input.contact.email ?? null } : null,
  };
}
