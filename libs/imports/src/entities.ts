import { ReferralImportLine } from './referral-import-line.entity';
import { ReferralImport, ReferralImportMapping } from './referral-import.entity';

/** The entities of libs/imports (files of people to refer): libs/db gives the ORM every lib's list. */
export const IMPORTS_ENTITIES = [ReferralImport, ReferralImportLine, ReferralImportMapping] as const;
