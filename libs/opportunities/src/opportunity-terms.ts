import { OrganisationKind } from '@parcours/accounts';
import type { LocalDate, Problem } from '@parcours/core';
import { ContractType, JOB_CONTRACT_TYPES } from './contract-type';
import { OpportunityKind, Qualification } from './opportunity-enums';
import type { OpportunitiesErrorCode } from './opportunities-error';

/** An opportunity as staff describe it: ids of partners, not yet checked. */
export interface OpportunityInput {
  kind: OpportunityKind;
  partnerId: string;
  clientPartnerId?: string | null;
  title: string;
  romeCode?: string | null;
  contractType?: ContractType | null;
  hoursPerWeek?: number | null;
  communeCode: string;
  startOn: LocalDate;
  endOn?: LocalDate | null;
  positions?: number | null;
  qualification?: Qualification | null;
  level?: number | null;
}

/** What the rules need to know beyond the input: the partners' kinds, and whether the commune exists. */
export interface TermsContext {
  partnerKind: OrganisationKind;
  clientKind: OrganisationKind | null;
  communeKnown: boolean;
}

const MAX_HOURS = 48;
const MAX_POSITIONS = 999;

/** Contract types that only a temp agency offers. */
const AGENCY_CONTRACTS: readonly ContractType[] = [ContractType.TEMP_MISSION, ContractType.CDI_INTERIM];

/**
 * Every broken rule of an opportunity's terms, each naming its input field (empty: the terms
 * hold). A JOB: an employer, or a temp agency and optionally its client (an employer); a contract
 * type other than TRAINING and BUSINESS_CREATION (temp missions and CDI intérimaire from an
 * agency); 1–48 hours a week; at least one position. A TRAINING: a training body, a
 * qualification, an optional level 3–8, a start and a planned end not before it.
 */
export function termsProblems(input: OpportunityInput, context: TermsContext): Problem[] {
  const problems: Problem[] = [];
  const problem = (code: OpportunitiesErrorCode, field: string, message: string) => problems.push({ code, field: ['input', field], message });
  const absent = (field: keyof OpportunityInput, what: string) => {
    if (input[field] !== null && input[field] !== undefined) problem('FIELD_NOT_ALLOWED', field, `A ${input.kind === OpportunityKind.JOB ? 'job' : 'training'} has no ${what}.`);
  };
  if (!context.communeKnown) problem('UNKNOWN_COMMUNE', 'communeCode', 'No commune has this INSEE code.');

  if (input.kind === OpportunityKind.JOB) {
    const agency = context.partnerKind === OrganisationKind.TEMP_AGENCY;
    if (context.partnerKind !== OrganisationKind.EMPLOYER && !agency) problem('WRONG_PARTNER_KIND', 'partnerId', 'A job is offered by an employer or a temp agency.');
    if (context.clientKind !== null && !agency) problem('FIELD_NOT_ALLOWED', 'clientPartnerId', "Only a temp agency's job has a client.");
    else if (context.clientKind !== null && context.clientKind !== OrganisationKind.EMPLOYER) problem('WRONG_PARTNER_KIND', 'clientPartnerId', "A temp agency's client is an employer.");
    if (!input.contractType) problem('FIELD_REQUIRED', 'contractType', 'A job needs a contract type.');
    else if (!JOB_CONTRACT_TYPES.includes(input.contractType)) problem('INVALID_CONTRACT_TYPE', 'contractType', `A job cannot be ${input.contractType}: training and business creation are not job offers.`);
    else if (AGENCY_CONTRACTS.includes(input.contractType) && !agency && context.partnerKind === OrganisationKind.EMPLOYER) {
      problem('WRONG_PARTNER_KIND', 'partnerId', `A ${input.contractType} job is offered by a temp agency.`);
    }
    if (input.hoursPerWeek === null || input.hoursPerWeek === undefined) problem('FIELD_REQUIRED', 'hoursPerWeek', 'A job needs its hours a week.');
    else if (!Number.isInteger(input.hoursPerWeek) || input.hoursPerWeek < 1 || input.hoursPerWeek > MAX_HOURS) problem('INVALID_HOURS', 'hoursPerWeek', `A job has 1 to ${MAX_HOURS} hours a week.`);
    if (input.positions === null || input.positions === undefined) problem('FIELD_REQUIRED', 'positions', 'A job needs its number of positions.');
    else if (!Number.isInteger(input.positions) || input.positions < 1 || input.positions > MAX_POSITIONS) problem('INVALID_POSITIONS', 'positions', `A job has 1 to ${MAX_POSITIONS} positions.`);
    absent('qualification', 'qualification');
    absent('level', 'level');
    absent('endOn', 'planned end (contracts are dated when the placement starts)');
  } else {
    if (context.partnerKind !== OrganisationKind.TRAINING_BODY) problem('WRONG_PARTNER_KIND', 'partnerId', 'A training is given by a training body.');
    if (context.clientKind !== null) problem('FIELD_NOT_ALLOWED', 'clientPartnerId', "Only a temp agency's job has a client.");
    if (input.contractType && input.contractType !== ContractType.TRAINING) problem('FIELD_NOT_ALLOWED', 'contractType', 'A training has no contract type.');
    if (input.hoursPerWeek !== null && input.hoursPerWeek !== undefined && (!Number.isInteger(input.hoursPerWeek) || input.hoursPerWeek < 1 || input.hoursPerWeek > MAX_HOURS)) {
      problem('INVALID_HOURS', 'hoursPerWeek', `A training has 1 to ${MAX_HOURS} hours a week.`);
    }
    absent('positions', 'positions');
    if (!input.qualification) problem('FIELD_REQUIRED', 'qualification', 'A training is qualifying, pre-qualifying or not qualifying.');
    if (input.level !== null && input.level !== undefined && (!Number.isInteger(input.level) || input.level < 3 || input.level > 8)) problem('INVALID_LEVEL', 'level', 'A level is 3 to 8 (the national framework of qualifications).');
    if (!input.endOn) problem('FIELD_REQUIRED', 'endOn', 'A training needs its planned end.');
    else if (input.endOn < input.startOn) problem('INVALID_PERIOD', 'endOn', 'A training ends on or after its start.');
  }
  return problems;
}
