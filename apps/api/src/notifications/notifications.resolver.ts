import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, UsersService, type Actor } from '@parcours/accounts';
import { OutboxService } from '@parcours/notifications';
import { toUserNode } from '../accounts/accounts.types';
import { AppConfig } from '@parcours/config';
import { MessageChannel } from '@parcours/participants';
import { Roles, SignedIn } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import {
  NotificationSettingsInput,
  NotificationSettingsPayload,
  OutboxMessageConnection,
  OutboxMessagePayload,
  RetryOutboxMessageInput,
  toOutboxMessageNode,
} from './notifications.types';

@Resolver()
export class NotificationsResolver {
  constructor(
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Roles(Role.REFERENT)
  @Mutation(() => NotificationSettingsPayload, { description: "The signed-in referent's own choice: an e-mail for each new report, or none." })
  async updateMyNotificationSettings(@Args('input') input: NotificationSettingsInput, @CurrentActor() actor: Actor): Promise<Partial<NotificationSettingsPayload>> {
    return { user: toUserNode(await this.users.updateNotificationSettings(actor, input)) };
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
