import { TextArg } from '../graphql/text-field';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, UsersService, type Actor } from '@parcours/accounts';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import {
  CreateUserInput,
  DeactivateUserInput,
  ReferentSummary,
  toUserNode,
  UserConnection,
  UserNode,
  UserPayload,
  UsersFilter,
} from './accounts.types';

@Resolver()
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => UserPayload, { description: 'Creates an account with an initial password; the role must fit the organisation kind.' })
  async createUser(@Args('input') input: CreateUserInput, @CurrentActor() actor: Actor): Promise<Partial<UserPayload>> {
    return { user: toUserNode(await this.service.create(actor, input)) };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserPayload, { description: 'Deactivates an account: its sessions end and its tokens stop working at once.' })
  async deactivateUser(@Args('input') input: DeactivateUserInput, @CurrentActor() actor: Actor): Promise<Partial<UserPayload>> {
    return { user: toUserNode(await this.service.deactivate(actor, input.userId)) };
  }

  @Roles(Role.ADMIN, Role.MANAGER)
  @Query(() => UserConnection, { description: 'ADMIN: every account; MANAGER: the accounts of their own operator.' })
  async users(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => UsersFilter, nullable: true }) filter?: UsersFilter,
  ): Promise<UserConnection> {
    return toConnection(await this.service.list(actor, filter ?? {}, page), toUserNode);
  }

  @Roles(Role.ADMIN, Role.MANAGER)
  @Query(() => UserNode)
  async user(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<UserNode> {
    return toUserNode(await this.service.get(actor, id));
  }

  @Roles(Role.REFERENT, Role.MANAGER, Role.ADMIN)
  @Query(() => [ReferentSummary], { description: 'Active referents whose name contains the search (accents and case ignored).' })
  async referents(
    @TextArg('search', 100, 'Part of the name.') search: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<ReferentSummary[]> {
    const referents = await this.service.referents(search, Math.min(Math.max(first, 1), 50));
    return referents.map((user) => ({ id: user.id, fullName: user.fullName, organisationName: user.organisation.getEntity().name }));
  }
}
