import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import type { ParticipantDetails } from '@parcours/participants';
import { ParticipantsService, PathwayOrder, PathwaysService, ReferralsService, type Pathway, type PathwayView } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { Roles, SignedIn } from '../auth/access.decorators';
import { TextArg } from '../graphql/text-field';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { PathwaysMapping } from './pathways.mapping';
import {
  AcceptReferralInput,
  AssignCounsellorInput,
  PathwaysPayload,
  ReassignCounsellorInput,
  MessageConsentInput,
  AssignReferentInput,
  Commune,
  DeclineReferralInput,
  ParticipantPayload,
  ParticipantRecord,
  PathwayConnection,
  PathwayEventNode,
  PathwayNode,
  PathwayPayload,
  PathwaysFilterInput,
  ReferParticipantInput,
  ReferralSituationNode,
  UpdateParticipantInput,
  WithdrawReferralInput,
} from './pathways.types';
import { NotPersonal, Personal } from '../audit/graphql-personal-data';

const { ADMIN, MANAGER, COUNSELLOR, REFERENT } = Role;

@Resolver(() => PathwayNode)
export class PathwaysResolver {
  private readonly map: PathwaysMapping;

  constructor(
    private readonly referrals: ReferralsService,
    private readonly reads: PathwaysService,
    private readonly participants: ParticipantsService,
    private readonly territory: Territory,
  ) {
    this.map = new PathwaysMapping(territory);
  }

  @SignedIn()
  @Query(() => [Commune], { description: 'Communes by name (prefix, accents and case ignored) or postal code, at most 20.' })
  communes(@TextArg('search', 100, 'A name (prefix) or a postal code.') search: string): Commune[] {
    return this.territory.search(search, 20);
  }

  @Roles(REFERENT)
  @Mutation(() => PathwayPayload, {
    description: 'Refers a person to an operator. Eligibility is decided at once: each unmet condition is a userError, and nothing personal is kept.',
  })
  async referParticipant(@Args('input') input: ReferParticipantInput, @CurrentActor() actor: Actor): Promise<Partial<PathwayPayload>> {
    const { person, ...rest } = input;
    return this.payload(await this.referrals.refer(actor, { ...rest, person: personDetails(person) }), actor);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => PathwayPayload, { description: 'REFERRED → ACCEPTED; the counsellor in charge is the caller unless a MANAGER names one.' })
  async acceptReferral(@Args('input') input: AcceptReferralInput, @CurrentActor() actor: Actor): Promise<Partial<PathwayPayload>> {
    return this.payload(await this.referrals.accept(actor, input.pathwayId, input.counsellorId), actor);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => PathwayPayload, { description: 'REFERRED → DECLINED, with a reason (OTHER needs a comment).' })
  async declineReferral(@Args('input') input: DeclineReferralInput, @CurrentActor() actor: Actor): Promise<Partial<PathwayPayload>> {
    return this.payload(await this.referrals.decline(actor, input.pathwayId, input.reason, input.comment ?? null), actor);
  }

  @Roles(REFERENT)
  @Mutation(() => PathwayPayload, { description: "Any open status → WITHDRAWN, by the pathway's referent." })
  async withdrawReferral(@Args('input') input: WithdrawReferralInput, @CurrentActor() actor: Actor): Promise<Partial<PathwayPayload>> {
    return this.payload(await this.referrals.withdraw(actor, input.pathwayId, input.reason ?? null), actor);
  }

  @Roles(MANAGER)
  @Mutation(() => PathwayPayload, { description: 'Puts another counsellor of the operator in charge of an accepted pathway.' })
  async assignCounsellor(@Args('input') input: AssignCounsellorInput, @CurrentActor() actor: Actor): Promise<Partial<PathwayPayload>> {
    return this.payload(await this.referrals.assignCounsellor(actor, input.pathwayId, input.counsellorId, input.reason ?? null), actor);
  }

  @Roles(MANAGER)
  @Mutation(() => PathwaysPayload, {
    description: 'Puts one counsellor of the operator in charge of several accepted, open pathways (at most 100) at once, all or nothing: the userErrors name each refused pathway by its index (field input.pathwayIds.N).',
  })
  async reassignCounsellor(@Args('input') input: ReassignCounsellorInput, @CurrentActor() actor: Actor): Promise<Partial<PathwaysPayload>> {
    const pathways = await this.referrals.reassignCounsellor(actor, input.pathwayIds, input.counsellorId, input.reason ?? null);
    const views = await this.reads.views(actor, pathways.map((pathway) => pathway.id));
    return { pathways: views.map((view) => this.node(view)) };
  }

  @Roles(ADMIN, MANAGER, REFERENT)
  @Mutation(() => PathwayPayload, { description: 'Hands an open pathway to another referent; the previous one loses access at once.' })
  async assignReferent(@Args('input') input: AssignReferentInput, @CurrentActor() actor: Actor): Promise<Partial<PathwayPayload>> {
    const pathway = await this.referrals.assignReferent(actor, input.pathwayId, input.referentId, input.reason);
    // The caller may have just handed away their own access: answer with what they may still see.
    return actor.role === REFERENT ? {} : this.payload(pathway, actor);
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Mutation(() => ParticipantPayload, { description: "Corrects a person's identity and contact details, through an open pathway; recorded in its history." })
  async updateParticipant(@Args('input') input: UpdateParticipantInput, @CurrentActor() actor: Actor): Promise<Partial<ParticipantPayload>> {
    const { participantId, ...patch } = input;
    return { participant: this.map.participant(await this.participants.update(actor, participantId, patch as Partial<ParticipantDetails>)) };
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => ParticipantPayload, { description: "Records the person's consent to messages by a channel (SMS needs a mobile, EMAIL an address), through a pathway of theirs; in its history." })
  async recordMessageConsent(@Args('input') input: MessageConsentInput, @CurrentActor() actor: Actor): Promise<Partial<ParticipantPayload>> {
    return { participant: this.map.participant(await this.participants.setMessageConsent(actor, input.participantId, input.channel, true)) };
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Mutation(() => ParticipantPayload, { description: "Withdraws the person's consent to messages by a channel: nothing more is sent by it. In the pathway's history." })
  async withdrawMessageConsent(@Args('input') input: MessageConsentInput, @CurrentActor() actor: Actor): Promise<Partial<ParticipantPayload>> {
    return { participant: this.map.participant(await this.participants.setMessageConsent(actor, input.participantId, input.channel, false)) };
  }

  @Roles(ADMIN, MANAGER, COUNSELLOR, REFERENT)
  @Query(() => PathwayNode)
  async pathway(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<PathwayNode> {
    return this.node(await this.reads.get(actor, id));
  }

  @Roles(ADMIN, MANAGER, COUNSELLOR, REFERENT)
  @Query(() => PathwayConnection, { description: 'The pathways the caller may see, newest referral first unless order says otherwise.' })
  async pathways(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => PathwaysFilterInput, nullable: true }) filter?: PathwaysFilterInput,
    @Args('order', { type: () => PathwayOrder, nullable: true, description: 'Default REFERRAL_NEWEST; a cursor belongs to the order it was given in.' }) order?: PathwayOrder,
  ): Promise<PathwayConnection> {
    const { page: found, views } = await this.reads.list(actor, filter ?? {}, page, order ?? undefined);
    return toConnection(found, (pathway) => this.node(views.get(pathway.id)!));
  }

  @Roles(ADMIN, MANAGER, COUNSELLOR, REFERENT)
  @Query(() => ParticipantRecord, { description: 'A person, with the pathways of theirs the caller may see.' })
  async participant(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<ParticipantRecord> {
    const { participant, pathways } = await this.participants.get(actor, id);
    return { participant: this.map.participant(participant), pathways: pathways.map((pathway) => this.node(pathway)) };
  }

  @NotPersonal()
  @ResolveField(() => [PathwayEventNode], { description: 'Every transition, handover and correction, oldest first.' })
  async history(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<PathwayEventNode[]> {
    const loader = requestLoader(context, 'pathway-history', (ids) => this.reads.histories(signedIn(context), ids));
    return (await loader.load(pathway.id)).map((event) => this.map.event(event, pathway.participant.id));
  }

  private node(pathway: PathwayView): PathwayNode {
    return this.map.pathway(pathway, this.reads.isWaitingTooLong(pathway));
  }

  private async payload(pathway: Pathway, actor: Actor): Promise<Partial<PathwayPayload>> {
    return { pathway: this.node(await this.reads.get(actor, pathway.id)) };
  }
}

@Resolver(() => ReferralSituationNode)
export class ReferralSituationResolver {
  constructor(private readonly pathways: PathwaysService) {}

  @Personal()
  @ResolveField(() => String, { nullable: true, description: "Why JUSTICE was declared: the operator's counsellors and managers, and ADMIN, only; null for anyone else." })
  async justiceJustification(@Parent() situation: ReferralSituationNode, @Context() context: GraphqlContext): Promise<string | null> {
    const actor = context.actor;
    if (!actor) return null;
    return requestLoader(context, 'justice-justification', (ids) => this.pathways.justiceJustifications(actor, ids)).load(situation.pathwayId);
  }
}

function personDetails(person: ReferParticipantInput['person']): ParticipantDetails {
  return {
    ...person,
    sex: person.sex ?? null,
    phone: person.phone ?? null,
    email: person.email ?? null,
    franceTravailId: person.franceTravailId ?? null,
    franceTravailMissingReason: person.franceTravailMissingReason ?? null,
  };
}
