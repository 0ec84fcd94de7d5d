import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { OutboxService } from '@parcours/notifications';
import { Personal } from '../audit/graphql-personal-data';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { AppointmentNode } from '../interviews/interviews.types';
import { PersonMessageNode, toPersonMessageNode } from './notifications.types';

/** An appointment's messages to the person: what was sent, or why not (the console shows them beside it). */
@Resolver(() => AppointmentNode)
export class AppointmentMessagesResolver {
  constructor(private readonly outbox: OutboxService) {}

  @Personal()
  @ResolveField(() => [PersonMessageNode], { description: 'The messages to the person about this interview, oldest first: what each said, and whether it left (or why not). None while e-mails are off (no SMTP_URL).' })
  async messages(@Parent() appointment: AppointmentNode, @Context() context: GraphqlContext): Promise<PersonMessageNode[]> {
    const loader = requestLoader(context, 'appointment-messages', (ids) => this.outbox.personMessages(signedIn(context), ids));
    return (await loader.load(appointment.id)).map(toPersonMessageNode);
  }
}
