import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { BarrierTheme } from '@parcours/participants';
import { FollowUpsService, PathwaysService, seesSensitiveDetails, type Checkpoint, type Contact } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { PathwaysMapping } from '../pathways/pathways.mapping';
import { PathwayNode } from '../pathways/pathways.types';
import { CheckpointNode, ContactNode, ContactPayload, FollowUpDueConnection, FollowUpsDueFilter, RecordContactInput } from './follow-ups.types';
import { NotPersonal } from '../audit/graphql-personal-data';

const { COUNSELLOR, MANAGER } = Role;

@Resolver(() => PathwayNode)
export class FollowUpsResolver {
  private readonly map: PathwaysMapping;

  constructor(
    private readonly service: FollowUpsService,
    private readonly pathways: PathwaysService,
    territory: Territory,
  ) {
    this.map = new PathwaysMapping(territory);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => ContactPayload, {
    description:
      'Records a contact (interview, phone call, workshop, visit) from the acceptance of the referral to the exit and after, optionally answering a checkpoint. AT_RISK or a blocking difficulty (never JUSTICE) is reported to the referent.',
  })
  async recordContact(@Args('input') input: RecordContactInput, @CurrentActor() actor: Actor): Promise<Partial<ContactPayload>> {
    const contact = await this.service.recordContact(actor, {
      pathwayId: input.pathwayId,
      kind: input.kind,
      on: input.on,
      reached: input.reached,
      situation: input.situation ?? null,
      difficulties: (input.difficulties ?? []).map(({ theme, blocking }) => ({ theme, blocking })),
      justiceJustification: input.justiceJustification?.trim() || null,
      note: input.note?.trim() || null,
      nextStep: input.nextStep?.trim() || null,
      checkpointId: input.checkpointId ?? null,
    });
    const participantId = contact.pathway.getEntity().participant.id;
    const checkpoint = contact.checkpoint?.getEntity() ?? null;
    return { contact: toContactNode(contact, participantId, actor), checkpoint: checkpoint ? toCheckpointNode(checkpoint, participantId) : null };
  }

  @Roles(COUNSELLOR, MANAGER)
  @Query(() => FollowUpDueConnection, { description: "The checkpoints to record, soonest first: a counsellor's own pathways', a manager's operator's (or one counsellor's)." })
  async followUpsDue(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => FollowUpsDueFilter, nullable: true }) filter?: FollowUpsDueFilter,
  ): Promise<FollowUpDueConnection> {
    const { page: found, views } = await this.service.due(actor, filter ?? {}, page);
    return toConnection(found, (checkpoint) => {
      const view = views.get(checkpoint.pathway.id)!;
      return { checkpoint: toCheckpointNode(checkpoint, view.participant.id), pathway: this.map.pathway(view, this.pathways.isWaitingTooLong(view)) };
    });
  }

  @NotPersonal()
  @ResolveField(() => [ContactNode], { description: "Contacts, oldest first. Notes, JUSTICE and its justification for the operator's staff and ADMIN only." })
  async contacts(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<ContactNode[]> {
    const loader = requestLoader(context, 'pathway-contacts', (ids) => this.service.contactsOf(signedIn(context), ids));
    return (await loader.load(pathway.id)).map((contact) => toContactNode(contact, pathway.participant.id, context.actor));
  }

  @NotPersonal()
  @ResolveField(() => [CheckpointNode], { description: 'The follow-up calendar, soonest first (cancelled checkpoints included).' })
  async checkpoints(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<CheckpointNode[]> {
    const loader = requestLoader(context, 'pathway-checkpoints', (ids) => this.service.checkpointsOf(signedIn(context), ids));
    return (await loader.load(pathway.id)).map((checkpoint) => toCheckpointNode(checkpoint, pathway.participant.id));
  }
}

/** Notes and JUSTICE stay with the operator's staff and ADMIN. */
export function toContactNode(contact: Contact, participantId: string, actor: Actor | undefined): ContactNode {
  const sensitive = seesSensitiveDetails(actor);
  return {
    id: contact.id,
    kind: contact.kind,
    on: contact.on,
    reached: contact.reached,
    situation: contact.situation,
    difficulties: contact.difficulties.filter((difficulty) => sensitive || difficulty.theme !== BarrierTheme.JUSTICE),
    justiceJustification: sensitive ? contact.justiceJustification : null,
    note: sensitive ? contact.note : null,
    nextStep: contact.nextStep,
    checkpointId: contact.checkpoint?.id ?? null,
    recordedAt: contact.recordedAt,
    pathwayId: contact.pathway.id,
    participantId,
  };
}

export function toCheckpointNode(checkpoint: Checkpoint, participantId: string): CheckpointNode {
  return {
    id: checkpoint.id,
    kind: checkpoint.kind,
    offset: checkpoint.offset,
    placementId: checkpoint.placement?.id ?? null,
    dueOn: checkpoint.dueOn,
    status: checkpoint.status,
    recordedAt: checkpoint.recordedAt,
    missedAt: checkpoint.missedAt,
    pathwayId: checkpoint.pathway.id,
    participantId,
  };
}
