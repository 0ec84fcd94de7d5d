import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { ConversationBus, ConversationService } from '@parcours/pathways';
import { NotPersonal } from '../audit/graphql-personal-data';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GraphqlContext } from '../graphql/graphql-context';
import { liveSubscription } from '../graphql/live-subscription';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { ConversationReadPayload, PathwayMessageNode, PathwayMessagePayload, PostPathwayMessageInput, ReadPathwayConversationInput, toPathwayMessageNode } from './conversation.types';
import { PathwayNode } from './pathways.types';

const { REFERENT, COUNSELLOR, MANAGER, ADMIN } = Role;

/** The conversation of a pathway between its referent and the operator's staff (ConversationService). */
@Resolver(() => PathwayNode)
export class ConversationResolver {
  constructor(
    private readonly messages: ConversationService,
    private readonly bus: ConversationBus,
  ) {}

  @NotPersonal()
  @ResolveField(() => [PathwayMessageNode], { description: "The pathway's conversation between its referent and the operator's staff, oldest first (every read in the access log)." })
  async conversation(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<PathwayMessageNode[]> {
    const actor = signedIn(context);
    const loader = requestLoader(context, 'pathway-conversation', (ids) => this.messages.of(actor, ids));
    return (await loader.load(pathway.id)).map((view) => toPathwayMessageNode(view, actor.userId));
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Mutation(() => PathwayMessagePayload, { description: "Writes a message (1 to 2,000 characters, never edited) in the conversation of a pathway the writer sees; the other side is notified. INVALID_MESSAGE when empty." })
  async postPathwayMessage(@Args('input') input: PostPathwayMessageInput, @CurrentActor() actor: Actor): Promise<Partial<PathwayMessagePayload>> {
    const view = await this.messages.post(actor, input.pathwayId, input.text);
    return { message: toPathwayMessageNode(view, actor.userId) };
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Mutation(() => ConversationReadPayload, { description: "Marks the pathway's conversation read by the signed-in member of staff (and its NEW_MESSAGE notifications)." })
  async readPathwayConversation(@Args('input') input: ReadPathwayConversationInput, @CurrentActor() actor: Actor): Promise<Partial<ConversationReadPayload>> {
    await this.messages.read(actor, input.pathwayId);
    return { read: true };
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER, ADMIN)
  @Subscription(() => PathwayMessageNode, {
    description: "Each message written in this pathway's conversation from now on, as the subscriber may see it (checked at each message: session live, pathway still theirs). Each one pushed is an audited read.",
    resolve: (node: PathwayMessageNode) => node,
  })
  pathwayMessagePosted(@Args('pathwayId', { type: () => ID }) pathwayId: string, @CurrentActor() actor: Actor): AsyncIterableIterator<PathwayMessageNode> {
    return liveSubscription(
      (signal) => this.bus.announced(signal),
      async (posted) => {
        const view = posted.pathwayId === pathwayId ? await this.messages.deliverable(actor, posted) : null;
        return view ? toPathwayMessageNode(view, actor.userId) : null;
      },
    );
  }
}
