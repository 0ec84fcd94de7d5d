import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthService, PasswordRecovery, UsersService, type Actor } from '@parcours/accounts';
import { Public, SignedIn } from '../auth/access.decorators';
import { ClientIp, CurrentActor } from '../auth/current-actor.decorator';
import {
  ChangePasswordInput,
  LoginInput,
  LogoutInput,
  LogoutPayload,
  RefreshSessionInput,
  RequestPasswordResetInput,
  RequestPasswordResetPayload,
  ResetPasswordInput,
  ResetPasswordPayload,
  SessionPayload,
  toUserNode,
  UserNode,
  UserPayload,
} from './accounts.types';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly recovery: PasswordRecovery,
  ) {}

  @Public()
  @Mutation(() => RequestPasswordResetPayload, {
    description:
      'Sends a single-use link (valid PASSWORD_RESET_MINUTES) to choose a new password, if an active account has this address; answers the same either way. Throttled like logins (TOO_MANY_ATTEMPTS). Needs SMTP_URL.',
  })
  async requestPasswordReset(@Args('input') input: RequestPasswordResetInput, @ClientIp() ip: string): Promise<Partial<RequestPasswordResetPayload>> {
    await this.recovery.requestReset(input.email, ip);
    return { requested: true };
  }

  @Public()
  @Mutation(() => ResetPasswordPayload, {
    description:
      "Chooses a password with the token of a reset or invitation link: the password rule applies (WEAK_PASSWORD), every session of the user ends, the link is used up. Expired, used, replaced or forged: INVALID_RESET_TOKEN.",
  })
  async resetPassword(@Args('input') input: ResetPasswordInput, @ClientIp() ip: string): Promise<Partial<ResetPasswordPayload>> {
    await this.recovery.reset(input.token, input.newPassword, ip);
    return { passwordSet: true };
  }

  @Public()
  @Mutation(() => SessionPayload, { description: 'Wrong credentials get one generic INVALID_CREDENTIALS; repeated failures TOO_MANY_ATTEMPTS.' })
  async login(@Args('input') input: LoginInput, @ClientIp() ip: string): Promise<Partial<SessionPayload>> {
    return { tokens: await this.auth.login(input.email, input.password, ip) };
  }

  @Public()
  @Mutation(() => SessionPayload, { description: 'Trades a refresh token for new tokens. A refresh token used twice ends its session.' })
  async refreshSession(@Args('input') input: RefreshSessionInput): Promise<Partial<SessionPayload>> {
    return { tokens: await this.auth.refresh(input.refreshToken) };
  }

  @SignedIn()
  @Mutation(() => LogoutPayload, { description: "Ends this session (or all the user's): its tokens stop working at once." })
  async logout(@Args('input', { type: () => LogoutInput, nullable: true }) input: LogoutInput | undefined, @CurrentActor() actor: Actor): Promise<Partial<LogoutPayload>> {
    await this.auth.logout(actor, input?.everywhere ?? false);
    return { loggedOut: true };
  }

  @SignedIn()
  @Mutation(() => UserPayload, { description: "Changes the caller's password and ends their other sessions." })
  async changePassword(
    @Args('input') input: ChangePasswordInput,
    @CurrentActor() actor: Actor,
    @ClientIp() ip: string,
  ): Promise<Partial<UserPayload>> {
    await this.auth.changePassword(actor, input.currentPassword, input.newPassword, ip);
    return { user: toUserNode(await this.users.get(actor, actor.userId)) };
  }

  @SignedIn()
  @Query(() => UserNode, { description: 'The signed-in user, with role and organisation.' })
  async me(@CurrentActor() actor: Actor): Promise<UserNode> {
    return toUserNode(await this.users.get(actor, actor.userId));
  }
}
