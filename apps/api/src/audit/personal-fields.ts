/**
 * WHERE A NEW GRAPHQL FIELD ABOUT A PERSON IS DECLARED: beside its types, in the feature's
 * `<feature>.personal-fields.ts`, registered below (one line per feature). Every object type of the
 * schema is either listed with each of its fields said to be personal or not, or named as carrying
 * nothing personal. Reading a personal field writes an audit entry (audit-reads.ts). A test walks
 * the generated schema and fails on any type or field left out.
 */
import { ACCOUNTS_PERSONAL_FIELDS } from '../accounts/accounts.personal-fields';
import { DATA_PROTECTION_PERSONAL_FIELDS } from '../data-protection/data-protection.personal-fields';
import { NOTIFICATIONS_PERSONAL_FIELDS } from '../notifications/notifications.personal-fields';
import { INTERVIEWS_PERSONAL_FIELDS } from '../interviews/interviews.personal-fields';
import { OPPORTUNITIES_PERSONAL_FIELDS } from '../opportunities/opportunities.personal-fields';
import { PATHWAYS_PERSONAL_FIELDS } from '../pathways/pathways.personal-fields';
import { PROPOSALS_PERSONAL_FIELDS } from '../proposals/proposals.personal-fields';
import { PLACEMENTS_PERSONAL_FIELDS } from '../placements/placements.personal-fields';
import { FOLLOW_UPS_PERSONAL_FIELDS } from '../follow-ups/follow-ups.personal-fields';
import { CONVENTIONS_PERSONAL_FIELDS } from '../conventions/conventions.personal-fields';
import { REPORTS_PERSONAL_FIELDS } from '../reports/reports.personal-fields';
import type { GraphqlPersonalData, PersonalType } from './graphql-personal-data';

export type { GraphqlPersonalData, PersonalType } from './graphql-personal-data';

/** The root types and the platform's own, which carry nothing about a participant. */
const PLATFORM: GraphqlPersonalData = { personal: {}, none: ['Query', 'Mutation', 'Subscription', 'ServerInfo', 'PageInfo', 'UserError'] };

const FEATURES: readonly GraphqlPersonalData[] = [
  PLATFORM,
  ACCOUNTS_PERSONAL_FIELDS,
  PATHWAYS_PERSONAL_FIELDS,
  INTERVIEWS_PERSONAL_FIELDS,
  OPPORTUNITIES_PERSONAL_FIELDS,
  PROPOSALS_PERSONAL_FIELDS,
  PLACEMENTS_PERSONAL_FIELDS,
  FOLLOW_UPS_PERSONAL_FIELDS,
  CONVENTIONS_PERSONAL_FIELDS,
  REPORTS_PERSONAL_FIELDS,
  DATA_PROTECTION_PERSONAL_FIELDS,
  NOTIFICATIONS_PERSONAL_FIELDS,
];

export const PERSONAL_FIELDS: Record<string, PersonalType> = Object.assign({}, ...FEATURES.map((feature) => feature.personal));

/** Types that carry nothing about a participant (staff accounts are not participants' data). */
export const NO_PERSONAL_DATA: readonly string[] = FEATURES.flatMap((feature) => feature.none);
