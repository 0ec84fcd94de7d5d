import { Args, Query, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import type { ContractType } from '@parcours/opportunities';
import { figureDefinitions, OutcomeDimension, OutcomeReportService, type OutcomeReport, type OutcomeRow } from '@parcours/outcomes';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { toConventionNode } from '../conventions/conventions.types';
import { OutcomeFiguresNode, OutcomeReportInput, OutcomeReportNode, type OutcomeRowNode } from './outcomes.types';

const { ADMIN, MANAGER, FUNDER } = Role;

@Resolver(() => OutcomeReportNode)
export class OutcomesResolver {
  constructor(private readonly service: OutcomeReportService) {}

  @Roles(ADMIN, MANAGER, FUNDER)
  @Query(() => OutcomeReportNode, {
    description:
      "The outcome figures over a period (from, to) or a convention, grouped by up to two dimensions. A MANAGER: their operator's, unsuppressed; ADMIN: every operator's (or a convention's); a FUNDER: a convention it funds only, whole months or the whole convention, never by referent or counsellor, with every cell of fewer than 5 people (and its complements) suppressed.",
  })
  async outcomeReport(@Args('input') input: OutcomeReportInput, @CurrentActor() actor: Actor): Promise<OutcomeReportNode> {
    return toReportNode(await this.service.report(actor, input));
  }
}

export function toReportNode(report: OutcomeReport): OutcomeReportNode {
  const named = (id: string | null | undefined) => (id ? { id, name: report.names.get(id) ?? id } : null);
  const row = (source: OutcomeRow): OutcomeRowNode => {
    const figures = new OutcomeFiguresNode();
    for (const { name, kind } of figureDefinitions()) figures[name] = source.figures[name] ?? { value: kind === 'count' && name !== 'targetParticipants' ? 0 : null, suppressed: false };
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
