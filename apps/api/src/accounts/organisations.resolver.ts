import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganisationKind, OrganisationsService, Role, type Actor } from '@parcours/accounts';
import { Roles, SignedIn } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader } from '../graphql/request-loaders';
import {
  CreateOrganisationInput,
  Operator,
  OrganisationConnection,
  OrganisationContactNode,
  OrganisationNode,
  OrganisationPayload,
  toContactNode,
  toOrganisationNode,
  ReminderDelayNode,
  ReminderDelaysPayload,
  SetReminderDelaysInput,
  UpdateOrganisationInput,
} from './accounts.types';

/** An operator's contact, wherever an organisation is answered (one statement per request). */
@Resolver(() => OrganisationNode)
export class OrganisationContactResolver {
  constructor(private readonly service: OrganisationsService) {}

  @ResolveField(() => OrganisationContactNode, { nullable: true, description: "An OPERATOR's contact for referents; null for other kinds." })
  async contact(@Parent() organisation: OrganisationNode, @Context() context: GraphqlContext): Promise<OrganisationContactNode | null> {
    if (organisation.kind !== OrganisationKind.OPERATOR) return null;
    const found = await requestLoader(context, 'operators', (ids) => this.service.operatorsById(ids)).load(organisation.id);
    return found ? toContactNode(found) : null;
  }
}

@Resolver()
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => OrganisationPayload)
  async createOrganisation(@Args('input') input: CreateOrganisationInput, @CurrentActor() actor: Actor): Promise<Partial<OrganisationPayload>> {
    return { organisation: toOrganisationNode(await this.service.create(actor, input.name, input.kind)) };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OrganisationPayload, { description: "Renames an organisation (its kind is fixed: its users' roles depend on it); sets an operator's contact, and whether its accounts sign in through the identity provider only." })
  async updateOrganisation(@Args('input') input: UpdateOrganisationInput, @CurrentActor() actor: Actor): Promise<Partial<OrganisationPayload>> {
    return { organisation: toOrganisationNode(await this.service.rename(actor, input.id, input.name, input.contact ?? undefined, input.oidcRequired ?? undefined)) };
  }

  @Roles(Role.COUNSELLOR, Role.MANAGER)
  @Query(() => [ReminderDelayNode], { description: "Your operator's reminders of appointments to the people it accompanies (two days before and the morning of, until its MANAGER sets others)." })
  async reminderDelays(@CurrentActor() actor: Actor): Promise<ReminderDelayNode[]> {
    return [...(await this.service.reminderDelays(actor))];
  }

  @Roles(Role.MANAGER)
  @Mutation(() => ReminderDelaysPayload, { description: "Sets your operator's reminder delays (INVALID_REMINDER_DELAYS); the appointments booked or moved from then on follow them." })
  async setReminderDelays(@Args('input') input: SetReminderDelaysInput, @CurrentActor() actor: Actor): Promise<Partial<ReminderDelaysPayload>> {
    return { reminders: [...(await this.service.setReminderDelays(actor, input.reminders.map(({ daysBefore, time }) => ({ daysBefore, time: time ?? null }))))] };
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
