import { Opportunity } from './opportunity.entity';
import { Partner, PartnerChange } from './partner.entity';

/** The entities of libs/opportunities (partners and their history, jobs and trainings): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const OPPORTUNITIES_ENTITIES = [Partner, PartnerChange, Opportunity] as const;
