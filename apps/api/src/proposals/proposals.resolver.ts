import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { OrganisationKind } from '@parcours/accounts';
import { OpportunityKind } from '@parcours/opportunities';
import { CandidatesService, PathwaysService, ProposalsService, ProposalStatus, seesSensitiveDetails, type Proposal } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs } from '../graphql/connection';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { PathwaysMapping } from '../pathways/pathways.mapping';
import { PathwayNode } from '../pathways/pathways.types';
import { CandidateConnection, PlacementDraftNode, ProposalNode, ProposalPayload, ProposeOpportunityInput, RecordProposalStepInput } from './proposals.types';
import { NotPersonal } from '../audit/graphql-personal-data';

const { COUNSELLOR, MANAGER } = Role;

@Resolver(() => PathwayNode)
export class ProposalsResolver {
  private readonly map: PathwaysMapping;

  constructor(
    private readonly service: ProposalsService,
    private readonly candidatesService: CandidatesService,
    private readonly pathways: PathwaysService,
    territory: Territory,
  ) {
    this.map = new PathwaysMapping(territory);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => ProposalPayload, { description: "Proposes an open opportunity of the pathway's operator to a DIAGNOSED or IN_PLACEMENT person: one open proposal per opportunity and pathway." })
  async proposeOpportunity(@Args('input') input: ProposeOpportunityInput, @CurrentActor() actor: Actor): Promise<Partial<ProposalPayload>> {
    return this.payload(actor, await this.service.propose(actor, input.pathwayId, input.opportunityId));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => ProposalPayload, {
    description: 'Records the next step of a proposal, as the proposal table allows (INVALID_TRANSITION otherwise). Acceptance, decline and rejection are reported to the referent; HIRED takes a position (OPPORTUNITY_FILLED when none is left).',
  })
  async recordProposalStep(@Args('input') input: RecordProposalStepInput, @CurrentActor() actor: Actor): Promise<Partial<ProposalPayload>> {
    const proposal = await this.service.recordStep(actor, input.proposalId, { step: input.step, on: input.on, reason: input.reason ?? null, comment: input.comment?.trim() || null });
    return this.payload(actor, proposal);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Query(() => CandidateConnection, { description: "The operator's DIAGNOSED or IN_PLACEMENT people ranked by fit for an offer, each with why it matched." })
  async candidates(@Args('opportunityId', { type: () => ID }) opportunityId: string, @Args() page: ConnectionArgs, @CurrentActor() actor: Actor): Promise<CandidateConnection> {
    const found = await this.candidatesService.candidates(actor, opportunityId, page);
    const edges = found.candidates.map((candidate) => ({
      cursor: candidate.cursor,
      node: {
        pathway: this.map.pathway(candidate.pathway, this.pathways.isWaitingTooLong(candidate.pathway)),
        score: candidate.score,
        reasons: candidate.reasons,
        pathwayId: candidate.pathway.id,
        participantId: candidate.pathway.participant.id,
      },
    }));
    return {
      edges,
      pageInfo: { hasNextPage: found.hasNextPage, hasPreviousPage: page.after !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: Promise.resolve(found.totalCount),
    };
  }

  @NotPersonal()
  @ResolveField(() => [ProposalNode], { description: 'Offers proposed to the person, newest first. Comments for the operator\'s staff and ADMIN only.' })
  async proposals(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<ProposalNode[]> {
    const loader = requestLoader(context, 'pathway-proposals', (ids) => this.service.proposalsOf(signedIn(context), ids));
    return (await loader.load(pathway.id)).map((proposal) => toProposalNode(proposal, pathway.participant.id, context.actor));
  }

  private async payload(actor: Actor, proposal: Proposal): Promise<Partial<ProposalPayload>> {
    const pathway = await this.pathways.get(actor, proposal.pathway.id);
    return { proposal: toProposalNode(proposal, pathway.participant.id, actor), pathway: this.map.pathway(pathway, this.pathways.isWaitingTooLong(pathway)) };
  }
}

/** The proposal with its steps and its opportunity's partners loaded; comments only for staff and ADMIN. */
export function toProposalNode(proposal: Proposal, participantId: string, actor: Actor | undefined): ProposalNode {
  const opportunity = proposal.opportunity.getEntity();
  const comments = seesSensitiveDetails(actor);
  return {
    id: proposal.id,
    status: proposal.status,
    offer: { opportunityId: opportunity.id, ...proposal.offer(), communeCode: opportunity.communeCode, startOn: opportunity.startOn },
    proposedOn: proposal.proposedOn,
    lastStepOn: proposal.lastStepOn,
    reason: proposal.reason,
    steps: proposal.steps.getItems().map(({ step, on, reason, comment, at }) => ({ step, on, reason, comment: comments ? comment : null, at })),
    placementDraft: proposal.status === ProposalStatus.HIRED ? placementDraft(proposal) : null,
    pathwayId: proposal.pathway.id,
    participantId,
  };
}

/** What startPlacement will be prefilled with: who the contract is with, as offers define it. */
function placementDraft(proposal: Proposal): PlacementDraftNode {
  const opportunity = proposal.opportunity.getEntity();
  const role = opportunity.partner.getEntity().organisation.getEntity().kind;
  const training = opportunity.kind === OpportunityKind.TRAINING;
  return {
    proposalId: proposal.id,
    contractType: opportunity.contractType,
    employerPartnerId: role === OrganisationKind.EMPLOYER ? opportunity.partner.id : null,
    tempAgencyPartnerId: role === OrganisationKind.TEMP_AGENCY ? opportunity.partner.id : null,
    clientPartnerId: opportunity.client?.id ?? null,
    trainingBodyPartnerId: training ? opportunity.partner.id : null,
    qualification: opportunity.qualification,
    level: opportunity.level,
    startOn: opportunity.startOn,
    plannedEndOn: opportunity.endOn,
    hoursPerWeek: opportunity.hoursPerWeek,
  };
}
