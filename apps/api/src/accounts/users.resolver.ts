import { TextArg } from '../graphql/text-field';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, UsersService, type Actor } from '@parcours/accounts';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { GraphqlContext } from '../graphql/graphql-context';
import { signedIn } from '../graphql/request-loaders';
import {
  AccountEventNode,
  CreateUserInput,
  DeactivateUserInput,
  DeactivateUserPayload,
  OpenWorkNode,
  ReactivateUserInput,
  toAccountEventNode,
  UnlinkIdentityProviderInput,
  UpdateUserInput,
  ReferentSummary,
  toUserNode,
  UserConnection,
  UserNode,
  UserPayload,
  UsersFilter,
} from './accounts.types';

const MANAGERS_TOO = 'ADMIN: any account; MANAGER: the COUNSELLORs of their own operator only (anything else FORBIDDEN).';

@Resolver(() => UserNode)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Roles(Role.ADMIN, Role.MANAGER)
  @Mutation(() => UserPayload, {
    description: `Creates an account, with an initial password or, without one, an invitation e-mail whose link (valid INVITATION_DAYS) chooses it; the role must fit the organisation kind. ${MANAGERS_TOO}`,
  })
  async createUser(@Args('input') input: CreateUserInput, @CurrentActor() actor: Actor): Promise<Partial<UserPayload>> {
    return { user: toUserNode(await this.service.create(actor, input)) };
  }

  @Roles(Role.ADMIN, Role.MANAGER)
  @Mutation(() => UserPayload, { description: `Changes a name, an e-mail address or a role (within the organisation's kind), audited. ${MANAGERS_TOO}` })
  async updateUser(@Args('input') input: UpdateUserInput, @CurrentActor() actor: Actor): Promise<Partial<UserPayload>> {
    return { user: toUserNode(await this.service.update(actor, input)) };
  }

  @Roles(Role.ADMIN, Role.MANAGER)
  @Mutation(() => DeactivateUserPayload, {
    description: `Deactivates an account: its sessions and links end at once. Whatever it holds (openWork) moves to successorId in the same transaction, as assignCounsellor and assignReferent would move it; without a successor it is HAS_OPEN_WORK with the counts. ${MANAGERS_TOO}`,
  })
  async deactivateUser(@Args('input') input: DeactivateUserInput, @CurrentActor() actor: Actor): Promise<Partial<DeactivateUserPayload>> {
    return { user: toUserNode(await this.service.deactivate(actor, input.userId, input.successorId)) };
  }

  @Roles(Role.ADMIN, Role.MANAGER)
  @Mutation(() => UserPayload, { description: `Lets a deactivated account sign in again (with its password, or a reset link); what it handed over stays with its successor. ${MANAGERS_TOO}` })
  async reactivateUser(@Args('input') input: ReactivateUserInput, @CurrentActor() actor: Actor): Promise<Partial<UserPayload>> {
    return { user: toUserNode(await this.service.reactivate(actor, input.userId)) };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserPayload, { description: 'Unlinks an account from the identity provider (ProConnect): its next sign-in through it links it again by the e-mail vouched for. OIDC_NOT_LINKED when it was not linked. In the account\'s history.' })
  async unlinkIdentityProvider(@Args('input') input: UnlinkIdentityProviderInput, @CurrentActor() actor: Actor): Promise<Partial<UserPayload>> {
    return { user: toUserNode(await this.service.unlinkIdentityProvider(actor, input.userId)) };
  }

  @ResolveField(() => OpenWorkNode, { description: 'What the user holds that would need a successor on deactivation.' })
  async openWork(@Parent() user: UserNode, @Context() context: GraphqlContext): Promise<OpenWorkNode> {
    return this.service.openWork(signedIn(context), user.id);
  }

  @ResolveField(() => [AccountEventNode], { description: 'Every change of the account, newest first.' })
  async history(@Parent() user: UserNode, @Context() context: GraphqlContext): Promise<AccountEventNode[]> {
    return (await this.service.history(signedIn(context), user.id)).map(toAccountEventNode);
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
