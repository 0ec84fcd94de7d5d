import { OrganisationKind } from '@parcours/accounts';
import type { LocalDate, Problem } from '@parcours/core';
import type { ConventionsErrorCode } from './conventions-error';

/** A convention as an administrator or a manager describes it: ids of organisations, not yet checked. */
export interface ConventionInput {
  operatorId: string;
  funderId: string;
  title: string;
  budgetLine: string;
  startOn: LocalDate;
  endOn: LocalDate;
  targetParticipants: number;
  amountCents: number;
}

/**
 * Every broken rule of a convention's terms, each naming its field: an operator of kind OPERATOR,
 * a funder of kind FUNDER, a title, at least one participant targeted, and an end on or after the
 * start (both dates named when it is not).
 */
export function conventionProblems(input: ConventionInput, kinds: { operator: OrganisationKind; funder: OrganisationKind }): Problem[] {
  const problems: Problem[] = [];
  const problem = (code: ConventionsErrorCode, field: string, message: string) => problems.push({ code, field: ['input', field], message });
  if (kinds.operator !== OrganisationKind.OPERATOR) problem('WRONG_ORGANISATION_KIND', 'operatorId', 'A convention is signed by an operator.');
  if (kinds.funder !== OrganisationKind.FUNDER) problem('WRONG_ORGANISATION_KIND', 'funderId', 'A convention is signed with a funder.');
  if (!input.title.trim()) problem('TITLE_REQUIRED', 'title', 'A convention needs a title.');
  if (!Number.isInteger(input.targetParticipants) || input.targetParticipants < 1) problem('INVALID_TARGET', 'targetParticipants', 'A convention targets at least one participant.');
  if (input.endOn < input.startOn) {
    problem('INVALID_PERIOD', 'startOn', `The start (${input.startOn}) is after the end (${input.endOn}).`);
    problem('INVALID_PERIOD', 'endOn', `The end (${input.endOn}) is before the start (${input.startOn}).`);
  }
  return problems;
}
