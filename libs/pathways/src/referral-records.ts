import type { ReferralSource } from './referral-judgement';
import { Embeddable, Property } from '@mikro-orm/core';
import type { Organisation, User } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { BarrierTheme, RsaStatus, type Participant } from '@parcours/participants';
import { differenceInYears } from 'date-fns';
import type { EligibilityReason } from './eligibility';

/** The situation the eligibility was decided on, kept as it was at referral. */
export interface ReferralSituation {
  communeCode: string;
  rsaStatus: RsaStatus;
  barriers: BarrierTheme[];
  /** Required when JUSTICE is declared; only the operator's staff may read it. */
  justiceJustification: string | null;
}

/** A referral as the referent makes it, the eligibility decided. */
export interface NewReferral {
  participant: Participant;
  operator: Organisation;
  referent: User;
  /** The referent's organisation. */
  prescriber: Organisation;
  situation: ReferralSituation;
  eligibilityReasons: EligibilityReason[];
  at: Date;
  on: LocalDate;
  /** A file imported, when the referral came from one. */
  source?: ReferralSource;
}

/**
 * What the figures keep of the person as they were at referral: it never changes after, and
 * survives anonymisation. Columns of the pathway's own table (no prefix: the names are the columns').
 */
@Embeddable()
export class ReferralSnapshot {
  @Property({ fieldName: 'referral_commune_code', length: 5 })
  communeCode: string;

  /** Whole years at referral: what the figures keep of the birth date once the person is anonymised. */
  @Property({ fieldName: 'age_at_referral', type: 'integer' })
  age: number;

  @Property({ fieldName: 'referral_rsa_status', type: 'string', length: 20 })
  rsaStatus: RsaStatus;

  /** Why the person was eligible, comma-separated EligibilityReason values. */
  @Property({ fieldName: 'eligibility_reasons', length: 200 })
  eligibilityReasons: string;

  constructor(participant: Participant, situation: ReferralSituation, reasons: readonly EligibilityReason[], on: LocalDate) {
    this.communeCode = situation.communeCode;
    this.age = differenceInYears(on, participant.birthDate as LocalDate);
    this.rsaStatus = situation.rsaStatus;
    this.eligibilityReasons = reasons.join(',');
  }
}
