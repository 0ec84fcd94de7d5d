import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganisationKind, Role, type Actor } from '@parcours/accounts';
import type { ContractType, Partner, Qualification } from '@parcours/opportunities';
import { PathwaysService, PlacementsService, seesSensitiveDetails, type Contract, type ExitView, type Placement } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import type { PartnerSummary } from '../opportunities/opportunities.types';
import { PathwaysMapping } from '../pathways/pathways.mapping';
import { PathwayNode } from '../pathways/pathways.types';
import { CorrectPlacementInput, EndPlacementInput, ExitPathwayInput, ExitPayload, OutcomeNode, PlacementNode, PlacementPayload, StartPlacementInput } from './placements.types';
import { NotPersonal } from '../audit/graphql-personal-data';

const { COUNSELLOR, MANAGER } = Role;

@Resolver(() => PathwayNode)
export class PlacementsResolver {
  private readonly map: PathwaysMapping;

  constructor(
    private readonly service: PlacementsService,
    private readonly pathways: PathwaysService,
    territory: Territory,
  ) {
    this.map = new PathwaysMapping(territory);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => PlacementPayload, {
    description:
      'Starts a placement on a DIAGNOSED or IN_PLACEMENT pathway (the first running one makes it IN_PLACEMENT): a contract type, who it is with as offers define it, a start (not before the referral, at most 60 days ahead), a planned end as the contract type requires or forbids, 1–48 hours a week; optionally the HIRED proposal it comes from. The referent is told.',
  })
  async startPlacement(@Args('input') input: StartPlacementInput, @CurrentActor() actor: Actor): Promise<Partial<PlacementPayload>> {
    return this.payload(actor, await this.service.start(actor, input));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => PlacementPayload, {
    description:
      'Ends a running placement (also after the exit): an end day (on or after the start, not in the future) and a reason; PLACEMENT_ENDED if it already ended. CONVERTED_TO_CDI starts the CDI with the same employer the next day. When none is left running, an open pathway returns to DIAGNOSED. The referent is told.',
  })
  async endPlacement(@Args('input') input: EndPlacementInput, @CurrentActor() actor: Actor): Promise<Partial<PlacementPayload>> {
    const { ended, cdi } = await this.service.end(actor, { placementId: input.placementId, endedOn: input.endedOn, reason: input.reason, comment: input.comment?.trim() || null });
    return { ...(await this.payload(actor, ended)), convertedTo: cdi ? toPlacementNode(cdi, ended.pathway.getEntity().participant.id, actor) : null };
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => PlacementPayload, {
    description:
      "Corrects a placement's dates and type (who it is with stays): the follow-up calendar, and an exited pathway's outcome, are computed again, and the referent gets a report marked as a correction. INVALID_TRANSITION when it would change the pathway's status (ending a running placement, or reopening an ended one).",
  })
  async correctPlacement(@Args('input') input: CorrectPlacementInput, @CurrentActor() actor: Actor): Promise<Partial<PlacementPayload>> {
    return this.payload(actor, await this.service.correct(actor, input));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => ExitPayload, {
    description:
      'Exits a pathway from any open status: an exit day (between the referral and today), a reason, and optionally the situation found outside Parcours. The outcome category is computed (never typed in) and stored with its rule; open proposals are cancelled; the follow-up calendar goes on. The referent is told. With preview: true, the same checks and the outcome it would give, nothing written.',
  })
  async exitPathway(@Args('input') input: ExitPathwayInput, @CurrentActor() actor: Actor): Promise<Partial<ExitPayload>> {
    const command = {
      pathwayId: input.pathwayId,
      exitedOn: input.exitedOn,
      reason: input.reason,
      comment: input.comment?.trim() || null,
      situation: input.situation ? { ...input.situation, startOn: input.situation.startOn ?? null } : null,
    };
    const { pathway, outcome } = await this.service.exit(actor, command, input.preview ?? false);
    const view = await this.pathways.get(actor, pathway.id);
    if (input.preview) {
      const exit = { exitedOn: command.exitedOn, reason: command.reason, comment: command.comment, category: outcome.category, basis: outcome.basis, parameters: outcome.parameters, declaredSituation: declared(command.situation) };
      return { pathway: this.map.pathway(view, this.pathways.isWaitingTooLong(view)), outcome: toOutcomeNode(exit, view.id, view.participant.id, actor) };
    }
    return { pathway: this.map.pathway(view, this.pathways.isWaitingTooLong(view)), outcome: toOutcomeNode(view.exit!, view.id, view.participant.id, actor) };
  }

  @NotPersonal()
  @ResolveField(() => [PlacementNode], { description: 'Placements, in start order. End comments for the operator\'s staff and ADMIN only.' })
  async placements(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<PlacementNode[]> {
    const loader = requestLoader(context, 'pathway-placements', (ids) => this.service.placementsOf(signedIn(context), ids));
    return (await loader.load(pathway.id)).map((placement) => toPlacementNode(placement, pathway.participant.id, context.actor));
  }

  @NotPersonal()
  @ResolveField(() => OutcomeNode, { nullable: true, description: 'Once EXITED: the exit and its computed category.' })
  outcome(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): OutcomeNode | null {
    return pathway.exit ? toOutcomeNode(pathway.exit, pathway.id, pathway.participant.id, context.actor) : null;
  }

  private async payload(actor: Actor, placement: Placement): Promise<Partial<PlacementPayload>> {
    const pathway = await this.pathways.get(actor, placement.pathway.id);
    return { placement: toPlacementNode(placement, pathway.participant.id, actor), pathway: this.map.pathway(pathway, this.pathways.isWaitingTooLong(pathway)) };
  }
}

function summary(partner: Partner | null | undefined): PartnerSummary | null {
  return partner ? { id: partner.id, name: partner.name, kind: partner.organisation.getEntity().kind } : null;
}

/** The placement with its partners loaded; the end comment only for staff and ADMIN. */
export function toPlacementNode(placement: Placement, participantId: string, actor: Actor | undefined): PlacementNode {
  const partner = placement.partner?.getEntity() ?? null;
  const kind = partner?.organisation.getEntity().kind;
  return {
    id: placement.id,
    contractType: placement.contractType,
    employer: kind === OrganisationKind.EMPLOYER ? summary(partner) : null,
    tempAgency: kind === OrganisationKind.TEMP_AGENCY ? summary(partner) : null,
    client: summary(placement.client?.getEntity()),
    trainingBody: kind === OrganisationKind.TRAINING_BODY ? summary(partner) : null,
    startOn: placement.startOn,
    plannedEndOn: placement.plannedEndOn,
    endedOn: placement.endedOn,
    endReason: placement.endReason,
    endComment: seesSensitiveDetails(actor) ? placement.endComment : null,
    running: placement.isRunning,
    hoursPerWeek: placement.hoursPerWeek,
    qualification: placement.qualification,
    level: placement.level,
    proposalId: placement.proposal?.id ?? null,
    correctedAt: placement.correctedAt,
    pathwayId: placement.pathway.id,
    participantId,
  };
}

/** A situation as given to exitPathway, as the outcome keeps it. */
function declared(situation: { contractType: ContractType; startOn: string | null; plannedEndOn?: string | null; endedOn?: string | null; qualification?: Qualification | null } | null): Contract | null {
  return situation && situation.startOn
    ? { contractType: situation.contractType, startOn: situation.startOn, plannedEndOn: situation.plannedEndOn ?? null, endedOn: situation.endedOn ?? null, qualification: situation.qualification ?? null }
    : null;
}

export function toOutcomeNode(exit: ExitView, pathwayId: string, participantId: string, actor: Actor | undefined): OutcomeNode {
  const declared = exit.declaredSituation;
  return {
    category: exit.category,
    exitedOn: exit.exitedOn,
    reason: exit.reason,
    comment: seesSensitiveDetails(actor) ? exit.comment : null,
    basis: exit.basis,
    sixMonthsRule: exit.parameters.sixMonthsRule,
    tempChainGapDays: exit.parameters.tempChainGapDays,
    declaredSituation: declared
      ? { contractType: declared.contractType, startOn: declared.startOn, plannedEndOn: declared.plannedEndOn, endedOn: declared.endedOn, qualification: declared.qualification }
      : null,
    pathwayId,
    participantId,
  };
}
