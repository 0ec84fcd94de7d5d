import { BarrierTheme, RsaStatus } from '@parcours/participants';

export enum EligibilityReason {
  RESIDES_IN_TERRITORY = 'RESIDES_IN_TERRITORY',
  RECEIVES_RSA_SOCLE = 'RECEIVES_RSA_SOCLE',
  RECEIVES_RSA_SOCLE_ACTIVITE = 'RECEIVES_RSA_SOCLE_ACTIVITE',
  DECLARED_BARRIERS = 'DECLARED_BARRIERS',
}

export enum IneligibilityCode {
  OUTSIDE_TERRITORY = 'OUTSIDE_TERRITORY',
  NO_RSA_NOR_BARRIER = 'NO_RSA_NOR_BARRIER',
}

export interface EligibilityInput {
  residesInTerritory: boolean;
  rsaStatus: RsaStatus;
  barriers: readonly BarrierTheme[];
}

export interface Eligibility {
  eligible: boolean;
  /** Why the person is eligible: every condition met. */
  reasons: EligibilityReason[];
  /** Every condition not met, each of which refuses the referral. */
  unmet: IneligibilityCode[];
}

/** L.O.I.R.E: resides in the territory AND (RSA socle or socle + activité, OR at least one declared barrier). */
export function assessEligibility({ residesInTerritory, rsaStatus, barriers }: EligibilityInput): Eligibility {
  const reasons: EligibilityReason[] = [];
  const unmet: IneligibilityCode[] = [];
  if (residesInTerritory) reasons.push(EligibilityReason.RESIDES_IN_TERRITORY);
  else unmet.push(IneligibilityCode.OUTSIDE_TERRITORY);
  if (rsaStatus === RsaStatus.SOCLE) reasons.push(EligibilityReason.RECEIVES_RSA_SOCLE);
  if (rsaStatus === RsaStatus.SOCLE_ACTIVITE) reasons.push(EligibilityReason.RECEIVES_RSA_SOCLE_ACTIVITE);
  if (barriers.length > 0) reasons.push(EligibilityReason.DECLARED_BARRIERS);
  if (rsaStatus === RsaStatus.NONE && barriers.length === 0) unmet.push(IneligibilityCode.NO_RSA_NOR_BARRIER);
  return { eligible: unmet.length === 0, reasons, unmet };
}
