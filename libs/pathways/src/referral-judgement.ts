import type { LocalDate, Problem } from '@parcours/core';
import { MessageChannel, type BarrierTheme, type ParticipantDetails } from '@parcours/participants';
import type { Territory } from '@parcours/territory';
import { assessEligibility, IneligibilityCode, type Eligibility } from './eligibility';
import { barrierProblems, checkBarriers, consentProblems, normalisedPerson, personProblems } from './person-input';

/** Where a referral came from when not the form: a file imported (libs/imports), named in the pathway's history. */
export interface ReferralSource {
  importId: string;
  fileName: string;
}

/** What a referral asks, as far as judging it goes. */
export interface ReferralAsked {
  person: ParticipantDetails;
  barriers: BarrierTheme[];
  justiceJustification?: string | null;
  messageConsent?: MessageChannel[];
}

/** A referral judged before anything is read or written: the form and the import (its preview and its lines) judge alike. */
export interface ReferralJudgement {
  /** The fields' problems: while there are any, it is not yet a referral (no refused attempt is counted). */
  fieldProblems: Problem[];
  /** Each unmet condition of eligibility, as a problem (judged as far as the fields allow). */
  unmet: Problem[];
  eligibility: Eligibility;
  /** The person as kept (trimmed, normalised). */
  person: ParticipantDetails;
  situation: { barriers: BarrierTheme[]; justiceJustification: string | null; communeCode: string; rsaStatus: ParticipantDetails['rsaStatus'] };
  consent: MessageChannel[];
}

const INELIGIBLE_MESSAGES: Record<IneligibilityCode, { message: string; field: string[] }> = {
  OUTSIDE_TERRITORY: { message: 'The person does not reside in the programme territory.', field: ['input', 'person', 'communeCode'] },
  NO_RSA_NOR_BARRIER: {
    message: 'The person receives neither RSA socle nor RSA socle + activité, and no barrier is declared.',
    field: ['input', 'barriers'],
  },
};

/** Every problem of a referral at once: the fields', and the unmet conditions as far as the fields allow judging them. */
export function judgeReferral(asked: ReferralAsked, today: LocalDate, territory: Territory): ReferralJudgement {
  const consent = [...new Set(asked.messageConsent ?? [])];
  const fieldProblems = [
    ...personProblems(asked.person, today, territory, ['input', 'person']),
    ...barrierProblems(asked.barriers, asked.justiceJustification, ['input']),
    ...consentProblems(consent, asked.person, ['input', 'messageConsent']),
  ];
  const communeKnown = !fieldProblems.some((problem) => problem.code === 'UNKNOWN_COMMUNE');
  const person = normalisedPerson(asked.person);
  const barriers = [...new Set(asked.barriers)];
  const justiceJustification = fieldProblems.length === 0 ? checkBarriers(asked.barriers, asked.justiceJustification, ['input']).justiceJustification : null;
  // An unknown commune leaves the territory unjudged (its own error says enough); the other conditions are judged.
  const eligibility = assessEligibility({ residesInTerritory: !communeKnown || territory.includes(person.communeCode), barriers, rsaStatus: person.rsaStatus });
  return {
    fieldProblems,
    unmet: eligibility.unmet.map((code) => ({ code, ...INELIGIBLE_MESSAGES[code] })),
    eligibility,
    person,
    situation: { barriers, justiceJustification, communeCode: person.communeCode, rsaStatus: person.rsaStatus },
    consent,
  };
}
