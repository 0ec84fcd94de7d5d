export enum OrganisationKind {
  OPERATOR = 'OPERATOR',
  PRESCRIBER = 'PRESCRIBER',
  EMPLOYER = 'EMPLOYER',
  TEMP_AGENCY = 'TEMP_AGENCY',
  TRAINING_BODY = 'TRAINING_BODY',
  FUNDER = 'FUNDER',
}

/** Employers, temp agencies and training bodies: the operators' partners, which have no users. */
export const PARTNER_KINDS: readonly OrganisationKind[] = [OrganisationKind.EMPLOYER, OrganisationKind.TEMP_AGENCY, OrganisationKind.TRAINING_BODY];

export function isPartnerKind(kind: OrganisationKind): boolean {
  return PARTNER_KINDS.includes(kind);
}
