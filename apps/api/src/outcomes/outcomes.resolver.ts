import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthService, Role, type Actor } from '@parcours/accounts';
import type { ContractType } from '@parcours/opportunities';
import { CaseloadService, FIGURES, OutcomeDimension, OutcomeReportService, type OutcomeReport, type OutcomeRow } from '@parcours/outcomes';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { toConventionNode } from '../conventions/conventions.types';
import { linkParameters } from '../auth/access.guard';
import { EXPORT_LINK_MINUTES, exportQuery, OUTCOMES_CSV_LINK, OUTCOMES_CSV_PATH } from './outcomes-export';
import { CaseloadNode, ExportLinkPayload, OutcomeFiguresNode, OutcomeReportInput, OutcomeReportNode, type OutcomeRowNode } from './outcomes.types';

const { ADMIN, MANAGER, FUNDER, COUNSELLOR, REFERENT } = Role;

@Resolver(() => OutcomeReportNode)
export class OutcomesResolver {
  constructor(
    private readonly service: OutcomeReportService,
    private readonly auth: AuthService,
    private readonly caseloads: CaseloadService,
  ) {}

  @Roles(COUNSELLOR, MANAGER, REFERENT, ADMIN)
  @Query(() => CaseloadNode, {
    description: "A COUNSELLOR's own pathways (another's counsellorId is FORBIDDEN), a MANAGER's operator's or one counsellor's, a REFERENT's pathways, ADMIN's all or one counsellor's: what needs doing, counted.",
  })
  async caseload(@CurrentActor() actor: Actor, @Args('counsellorId', { type: () => ID, nullable: true }) counsellorId?: string): Promise<CaseloadNode> {
    return this.caseloads.caseload(actor, counsellorId ?? null) as Promise<CaseloadNode>;
  }

  @Roles(ADMIN, MANAGER, FUNDER)
  @Query(() => OutcomeReportNode, {
    description:
      "The outcome figures over a period (from, to) or a convention, grouped by up to two dimensions. A MANAGER: their operator's, unsuppressed; ADMIN: every operator's (or a convention's); a FUNDER: a convention it funds only, whole months or the whole convention, never by referent or counsellor, with every cell of fewer than 5 people (and its complements) suppressed.",
  })
  async outcomeReport(@Args('input') input: OutcomeReportInput, @CurrentActor() actor: Actor): Promise<OutcomeReportNode> {
    return toReportNode(await this.service.report(actor, input));
  }

  @Roles(ADMIN, MANAGER, FUNDER)
  @Mutation(() => ExportLinkPayload, {
    description: `A link to GET ${OUTCOMES_CSV_PATH} with these parameters, valid ${EXPORT_LINK_MINUTES} minutes, for the caller and this session only (a browser download carries no access token). The download applies the report's rules.`,
  })
  async createOutcomeExportLink(@Args('input') input: OutcomeReportInput, @CurrentActor() actor: Actor): Promise<Partial<ExportLinkPayload>> {
    const parameters = linkParameters(exportQuery(input));
    const { token, expiresAt } = await this.auth.signLink(actor, OUTCOMES_CSV_LINK, parameters, EXPORT_LINK_MINUTES);
    return { link: { path: `${OUTCOMES_CSV_PATH}?${parameters ? `${parameters}&` : ''}link=${encodeURIComponent(token)}`, expiresAt } };
  }
}

export function toReportNode(report: OutcomeReport): OutcomeReportNode {
  const named = (id: string | null | undefined) => (id ? { id, name: report.names.get(id) ?? id } : null);
  const row = (source: OutcomeRow): OutcomeRowNode => {
    const figures = new OutcomeFiguresNode();
    for (const { name } of FIGURES) figures[name] = source.figures[name];
    const key = source.key;
    return {
      month: key[OutcomeDimension.MONTH],
      prescriber: named(key[OutcomeDimension.PRESCRIBER]),
      referent: named(key[OutcomeDimension.REFERENT]),
      counsellor: named(key[OutcomeDimension.COUNSELLOR]),
      communeCode: key[OutcomeDimension.COMMUNE],
      contractType: key[OutcomeDimension.CONTRACT_TYPE] as ContractType | null | undefined,
      figures,
    };
  };
  return {
    from: report.from,
    to: report.to,
    convention: report.convention ? toConventionNode(report.convention) : null,
    groupBy: report.groupBy,
    suppressionApplied: report.suppressionApplied,
    rows: report.rows.map(row),
    total: row(report.total),
  };
}
