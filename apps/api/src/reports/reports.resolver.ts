import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { OrganisationsService, Role, type Actor } from '@parcours/accounts';
import { PathwaysService, type PathwayView } from '@parcours/pathways';
import { OrganisationNode, toOrganisationNode } from '../accounts/accounts.types';
import { NotPersonal } from '../audit/graphql-personal-data';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { PersonInCharge } from '../pathways/pathways.types';
import { ReferentReport, ReportBus, ReportsService, reportState, reportView, type ReportView } from '@parcours/reports';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import { liveSubscription } from '../graphql/live-subscription';
import { AcknowledgeReportInput, ReferentReportConnection, ReferentReportNode, ReferentReportsFilter, ReportPayload } from './reports.types';

const { REFERENT, MANAGER, ADMIN } = Role;

@Resolver()
export class ReportsResolver {
  constructor(
    private readonly reports: ReportsService,
    private readonly bus: ReportBus,
  ) {}

  @Roles(REFERENT, MANAGER, ADMIN)
  @Query(() => ReferentReportConnection, { description: "Newest first. A REFERENT's own reports; a MANAGER's operator's, per referent with filter.referentId." })
  async referentReports(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ReferentReportsFilter, nullable: true }) filter?: ReferentReportsFilter,
  ): Promise<ReferentReportConnection> {
    const today = this.reports.today();
    const { page: found, views } = await this.reports.inbox(actor, filter ?? {}, page);
    return toConnection(found, (report) => toReportNode(views.get(report.id)!, today));
  }

  @Roles(REFERENT, MANAGER, ADMIN)
  @Query(() => ReferentReportNode, { description: "One report, scoped like referentReports (NOT_FOUND otherwise): what the e-mail's link PUBLIC_URL/reports/{id} opens." })
  async referentReport(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<ReferentReportNode> {
    return toReportNode(await this.reports.get(actor, id), this.reports.today());
  }

  @Roles(REFERENT)
  @Mutation(() => ReportPayload, { description: 'By the referent the report is addressed to.' })
  async acknowledgeReport(@Args('input') input: AcknowledgeReportInput, @CurrentActor() actor: Actor): Promise<Partial<ReportPayload>> {
    return { report: toReportNode(await this.reports.acknowledge(actor, input.reportId), this.reports.today()) };
  }

  @Roles(REFERENT)
  @Subscription(() => ReferentReportNode, {
    description: 'Each report issued to the signed-in referent, as it is written. Checked at each event: session live, account active, still the referent.',
    resolve: (node: ReferentReportNode) => node,
  })
  referentReportIssued(@CurrentActor() actor: Actor): AsyncIterableIterator<ReferentReportNode> {
    return liveSubscription(
      (signal) => this.bus.announced(signal),
      async (issued) => {
        const report = await this.reports.deliverable(actor, issued);
        return report ? toReportNode(report, this.reports.today()) : null;
      },
    );
  }
}

/** A report as the API answers it: from its view (reads), or from the entity a command or the live push has. */
export function toReportNode(from: ReferentReport | ReportView, today: string): ReferentReportNode {
  const report = from instanceof ReferentReport ? reportView(from) : from;
  const participant = report.participant;
  return {
    id: report.id,
    kind: report.kind,
    correction: report.correction,
    pathwayId: report.pathwayId,
    participantId: participant.id,
    participantName: `${participant.firstNames} ${participant.lastName}`.trim(),
    readiness: report.summary.readiness ?? null,
    barriers: report.summary.barriers ?? [],
    declineReason: report.summary.declineReason ?? null,
    proposal: report.summary.proposal ?? null,
    placement: report.summary.placement ?? null,
    followUp: report.summary.followUp ?? null,
    exit: report.summary.exit ?? null,
    nextStep: report.summary.nextStep,
    counsellorSummary: report.counsellorSummary,
    eventAt: report.eventAt,
    dueOn: report.dueOn,
    state: reportState(report, today),
    acknowledgedAt: report.acknowledgedAt,
    referentId: report.referentId,
  };
}

/**
 * Whom a referent calls about a report: the counsellor now in charge of its pathway and the
 * operator with its contact, read through the pathway the reader may see (null once handed away).
 */
@Resolver(() => ReferentReportNode)
export class ReportContactsResolver {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly organisations: OrganisationsService,
  ) {}

  private pathway(report: ReferentReportNode, context: GraphqlContext): Promise<PathwayView | null> {
    return requestLoader(context, 'report-pathways', async (ids) => {
      const views = await this.pathways.views(signedIn(context), ids);
      return ids.map((id) => views.find((view) => view.id === id) ?? null);
    }).load(report.pathwayId);
  }

  @NotPersonal()
  @ResolveField(() => PersonInCharge, { nullable: true, description: 'The counsellor now in charge of the pathway, to call about it; null before acceptance or once the pathway is no longer the reader\'s.' })
  async counsellor(@Parent() report: ReferentReportNode, @Context() context: GraphqlContext): Promise<PersonInCharge | null> {
    const pathway = await this.pathway(report, context);
    return pathway?.counsellor ? { ...pathway.counsellor, organisationName: pathway.operator.name } : null;
  }

  @NotPersonal()
  @ResolveField(() => OrganisationNode, { nullable: true, description: 'The operator of the pathway, with its contact; null once the pathway is no longer the reader\'s.' })
  async operator(@Parent() report: ReferentReportNode, @Context() context: GraphqlContext): Promise<OrganisationNode | null> {
    const pathway = await this.pathway(report, context);
    if (!pathway) return null;
    const operator = await requestLoader(context, 'operators', (ids) => this.organisations.operatorsById(ids)).load(pathway.operator.id);
    return operator ? toOrganisationNode(operator) : null;
  }
}
