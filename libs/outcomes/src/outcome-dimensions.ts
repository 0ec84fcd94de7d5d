/** What the outcome report may be grouped by (up to two at once). */
export enum OutcomeDimension {
  MONTH = 'MONTH',
  PRESCRIBER = 'PRESCRIBER',
  REFERENT = 'REFERENT',
  COUNSELLOR = 'COUNSELLOR',
  COMMUNE = 'COMMUNE',
  CONTRACT_TYPE = 'CONTRACT_TYPE',
}

/** A funder never sees figures by person: not by referent, not by counsellor. */
export const FUNDER_DIMENSIONS: readonly OutcomeDimension[] = [OutcomeDimension.MONTH, OutcomeDimension.PRESCRIBER, OutcomeDimension.COMMUNE, OutcomeDimension.CONTRACT_TYPE];
