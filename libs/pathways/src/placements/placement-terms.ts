import { OrganisationKind } from '@parcours/accounts';
import { addCalendarDays, type LocalDate, type Problem } from '@parcours/core';
import { ContractType, Qualification } from '@parcours/opportunities';
import type { PathwaysErrorCode } from '../pathways-error';
import { AGENCY_CONTRACTS, CONTRACT_RULES } from './contract-rules';

/** A contract as staff describe it: a placement's, a correction's, or a situation declared at exit. */
export interface ContractInput {
  contractType: ContractType;
  /** Required: a missing start is answered as FIELD_REQUIRED, like any other broken rule. */
  startOn: LocalDate | null;
  plannedEndOn?: LocalDate | null;
  hoursPerWeek?: number | null;
  /** A training's. */
  qualification?: Qualification | null;
  level?: number | null;
}

/** Who a placement is with, as offers define it (partner ids, not yet checked). */
export interface PlacementParties {
  employerPartnerId?: string | null;
  tempAgencyPartnerId?: string | null;
  clientPartnerId?: string | null;
  trainingBodyPartnerId?: string | null;
}

export type PartyField = keyof PlacementParties;

/** The kind of each partner named, as found. */
export type PartyKinds = Partial<Record<PartyField, OrganisationKind>>;

/** The days a contract may start on: not before the referral, not more than START_AHEAD_DAYS after today. */
export interface StartWindow {
  earliest: LocalDate;
  latest: LocalDate;
}

/** A placement starts at most this many days ahead. */
export const START_AHEAD_DAYS = 60;
const MAX_HOURS = 48;
const PARTY_KINDS: Record<PartyField, OrganisationKind> = {
  employerPartnerId: OrganisationKind.EMPLOYER,
  tempAgencyPartnerId: OrganisationKind.TEMP_AGENCY,
  clientPartnerId: OrganisationKind.EMPLOYER,
  trainingBodyPartnerId: OrganisationKind.TRAINING_BODY,
};

/** From the referral to START_AHEAD_DAYS after `from` (today, or the exit day for a situation declared at exit). */
export function startWindow(referredOn: LocalDate, from: LocalDate): StartWindow {
  return { earliest: referredOn, latest: addCalendarDays(from, START_AHEAD_DAYS) };
}

type Report = (code: PathwaysErrorCode, field: string, message: string) => void;

function reporter(problems: Problem[], path: string[]): Report {
  return (code, field, message) => problems.push({ code, field: [...path, field], message });
}

/**
 * Every broken rule of a contract's terms, each naming its field under `path`: a start in the
 * window, a planned end as the contract type requires or forbids (DOMAIN.md's table) and not
 * before the start, 1–48 hours a week (a job's are required), and for a training its
 * qualification and optional level 3–8 (refused for anything else).
 */
export function contractProblems(input: ContractInput, window: StartWindow, path: string[] = ['input']): Problem[] {
  const problems: Problem[] = [];
  const problem = reporter(problems, path);
  const type = input.contractType;
  const training = type === ContractType.TRAINING;
  if (!input.startOn) problem('FIELD_REQUIRED', 'startOn', 'A contract needs its start.');
  else if (input.startOn < window.earliest) problem('BEFORE_REFERRAL', 'startOn', `A contract starts on or after the referral (${window.earliest}).`);
  else if (input.startOn > window.latest) problem('TOO_FAR_AHEAD', 'startOn', `A contract starts at most ${START_AHEAD_DAYS} days ahead (${window.latest}).`);
  if (CONTRACT_RULES[type].plannedEnd) {
    if (!input.plannedEndOn) problem('PLANNED_END_REQUIRED', 'plannedEndOn', `A ${type} needs its planned end.`);
    else if (input.startOn && input.plannedEndOn < input.startOn) problem('END_BEFORE_START', 'plannedEndOn', 'The planned end is on or after the start.');
  } else if (input.plannedEndOn) {
    problem('PLANNED_END_NOT_ALLOWED', 'plannedEndOn', `A ${type} has no planned end.`);
  }
  const hours = input.hoursPerWeek;
  if (hours === null || hours === undefined) {
    if (!training && type !== ContractType.BUSINESS_CREATION) problem('FIELD_REQUIRED', 'hoursPerWeek', 'A job needs its hours a week.');
  } else if (!Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) {
    problem('INVALID_HOURS', 'hoursPerWeek', `A placement has 1 to ${MAX_HOURS} hours a week.`);
  }
  if (training) {
    if (!input.qualification) problem('FIELD_REQUIRED', 'qualification', 'A training is qualifying, pre-qualifying or not qualifying.');
    if (input.level !== null && input.level !== undefined && (!Number.isInteger(input.level) || input.level < 3 || input.level > 8)) {
      problem('INVALID_LEVEL', 'level', 'A level is 3 to 8 (the national framework of qualifications).');
    }
  } else {
    if (input.qualification) problem('FIELD_NOT_ALLOWED', 'qualification', 'Only a training has a qualification.');
    if (input.level !== null && input.level !== undefined) problem('FIELD_NOT_ALLOWED', 'level', 'Only a training has a level.');
  }
  return problems;
}

/**
 * Every broken rule of who a placement is with, as offers define it: a training with a training
 * body; a business creation with nobody; a temp mission or CDI intérimaire with a temp agency and
 * optionally its client (an employer); any other job with an employer, or a temp agency and
 * optionally its client. `kinds` holds the kind of each partner found.
 */
export function partiesProblems(type: ContractType, parties: PlacementParties, kinds: PartyKinds, path: string[] = ['input']): Problem[] {
  const problems: Problem[] = [];
  const problem = reporter(problems, path);
  const given = (field: PartyField) => Boolean(parties[field]);
  const notAllowed = (field: PartyField, why: string) => {
    if (given(field)) problem('FIELD_NOT_ALLOWED', field, why);
  };
  if (type === ContractType.TRAINING) {
    if (!given('trainingBodyPartnerId')) problem('FIELD_REQUIRED', 'trainingBodyPartnerId', 'A training is given by a training body.');
    for (const field of ['employerPartnerId', 'tempAgencyPartnerId', 'clientPartnerId'] as const) notAllowed(field, 'A training is with its training body only.');
  } else if (type === ContractType.BUSINESS_CREATION) {
    for (const field of Object.keys(PARTY_KINDS) as PartyField[]) notAllowed(field, 'A business of one\'s own is with nobody.');
  } else {
    notAllowed('trainingBodyPartnerId', 'Only a training has a training body.');
    const agencyOnly = AGENCY_CONTRACTS.includes(type);
    if (agencyOnly) {
      if (!given('tempAgencyPartnerId')) problem('FIELD_REQUIRED', 'tempAgencyPartnerId', `A ${type} is with a temp agency.`);
      notAllowed('employerPartnerId', `A ${type} is with a temp agency (its client names the employer).`);
    } else if (given('employerPartnerId') === given('tempAgencyPartnerId')) {
      if (given('employerPartnerId')) problem('FIELD_NOT_ALLOWED', 'tempAgencyPartnerId', 'A job is with an employer or with a temp agency, not both.');
      else problem('FIELD_REQUIRED', 'employerPartnerId', 'A job is with an employer, or with a temp agency.');
    }
    if (given('clientPartnerId') && !given('tempAgencyPartnerId')) problem('FIELD_NOT_ALLOWED', 'clientPartnerId', "Only a temp agency's placement has a client.");
  }
  for (const field of Object.keys(PARTY_KINDS) as PartyField[]) {
    const kind = kinds[field];
    if (given(field) && kind && kind !== PARTY_KINDS[field]) problem('WRONG_PARTNER_KIND', field, `This partner is ${kind}, not ${PARTY_KINDS[field]}.`);
  }
  return problems;
}
