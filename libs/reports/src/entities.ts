import { ReferentReport } from './referent-report.entity';

/** The entities of libs/reports (reports to the referent): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const REPORTS_ENTITIES = [ReferentReport] as const;
