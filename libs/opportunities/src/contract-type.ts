/** Contract types (DOMAIN.md, "Contract types and what each needs"). */
export enum ContractType {
  CDI = 'CDI',
  CDI_INTERIM = 'CDI_INTERIM',
  BUSINESS_CREATION = 'BUSINESS_CREATION',
  CDD = 'CDD',
  CDD_USAGE = 'CDD_USAGE',
  SEASONAL = 'SEASONAL',
  TEMP_MISSION = 'TEMP_MISSION',
  APPRENTICESHIP = 'APPRENTICESHIP',
  PROFESSIONALISATION = 'PROFESSIONALISATION',
  PEC = 'PEC',
  CUI_CIE = 'CUI_CIE',
  CDDI = 'CDDI',
  CDI_INCLUSION = 'CDI_INCLUSION',
  TRAINING = 'TRAINING',
}

/** What a job offer may be: not an entry into training, and not a business of one's own. */
export const JOB_CONTRACT_TYPES: readonly ContractType[] = Object.values(ContractType).filter((type) => type !== ContractType.TRAINING && type !== ContractType.BUSINESS_CREATION);
