import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, UsersService, type Actor } from '@parcours/accounts';
import { DomainError } from '@parcours/core';
import { NotificationDelivery, OutboxService, REPORT_SETTING, settingProblems, settingsOf } from '@parcours/notifications';
import { toUserNode, UserNode } from '../accounts/accounts.types';
import { AppConfig } from '@parcours/config';
import { MessageChannel } from '@parcours/participants';
import { Roles, SignedIn } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import {
  NotificationEmailSettingNode,
  NotificationSettingsInput,
  NotificationSettingsPayload,
  OutboxMessageConnection,
  OutboxMessagePayload,
  RetryOutboxMessageInput,
  toOutboxMessageNode,
} from './notifications.types';

/** How each kind of notice reaches a user by e-mail (libs/notifications' notification-settings.ts). */
@Resolver(() => UserNode)
export class NotificationEmailsResolver {
  @ResolveField(() => [NotificationEmailSettingNode], { description: "Each kind of notice the user's role is told of, and how it reaches them besides the console (their choice, or the default)." })
  notificationEmails(@Parent() user: UserNode): NotificationEmailSettingNode[] {
    return settingsOf({ role: user.role, notificationEmails: user.emailChoices });
  }
}

@Resolver()
export class NotificationsResolver {
  constructor(
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Roles(Role.REFERENT, Role.COUNSELLOR, Role.MANAGER)
  @Mutation(() => NotificationSettingsPayload, { description: "The signed-in member of staff's own choices: how each kind of notice reaches them by e-mail (at once, in the morning's digest, or only in the console)." })
  async updateMyNotificationSettings(@Args('input') input: NotificationSettingsInput, @CurrentActor() actor: Actor): Promise<Partial<NotificationSettingsPayload>> {
    const choices = [...(input.emails ?? [])];
    const problems = settingProblems(actor.role, choices, ['input', 'emails']);
    if (problems.length > 0) throw DomainError.all(problems);
    const settings = Object.fromEntries(choices.map((choice) => [choice.kind, choice.delivery]));
    if (input.reportEmails !== undefined) settings[REPORT_SETTING] = input.reportEmails ? NotificationDelivery.AT_ONCE : NotificationDelivery.CONSOLE_ONLY;
    return { user: toUserNode(await this.users.updateNotificationSettings(actor, settings)) };
  }

  @SignedIn()
  @Query(() => [MessageChannel], { description: 'The channels this server can write to people by: EMAIL with SMTP_URL, SMS with the SMS settings. A consent to another one sends nothing.' })
  messageChannels(): MessageChannel[] {
    return [...(this.config.mail.smtpUrl ? [MessageChannel.EMAIL] : []), ...(this.config.sms.provider ? [MessageChannel.SMS] : [])];
  }

  @Roles(Role.ADMIN)
  @Query(() => OutboxMessageConnection, { description: 'E-mails the relay gave up on (an SMTP 5xx, or every attempt failed), newest first.' })
  async outboxDeadLetters(@Args() page: ConnectionArgs, @CurrentActor() actor: Actor): Promise<OutboxMessageConnection> {
    return toConnection(await this.outbox.deadLetters(actor, page), toOutboxMessageNode);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OutboxMessagePayload, { description: 'Sends a dead e-mail again from its first attempt. Anything not DEAD is NOT_DEAD_LETTER and stays as it is.' })
  async retryOutboxMessage(@Args('input') input: RetryOutboxMessageInput, @CurrentActor() actor: Actor): Promise<Partial<OutboxMessagePayload>> {
    return { message: toOutboxMessageNode(await this.outbox.retry(actor, input.messageId)) };
  }
}
