/**
 * WHERE A NEW GRAPHQL TYPE IS CLASSIFIED. A type about a participant says so on itself:
 * `@AboutParticipant(locate)`, and `@Personal()` or `@NotPersonal()` on each of its fields
 * (graphql-personal-data.ts; the server refuses to start on a field that says neither). Reading a
 * personal field writes an audit entry (audit-reads.ts). A type that carries nothing about a
 * participant is named in its feature's `<feature>.personal-fields.ts`, joined below; a test walks
 * the served schema and fails on a type in neither place.
 */
import { ACCOUNTS_NO_PERSONAL_DATA } from '../accounts/accounts.personal-fields';
import { CONVENTIONS_NO_PERSONAL_DATA } from '../conventions/conventions.personal-fields';
import { DATA_PROTECTION_NO_PERSONAL_DATA } from '../data-protection/data-protection.personal-fields';
import { FOLLOW_UPS_NO_PERSONAL_DATA } from '../follow-ups/follow-ups.personal-fields';
import { IMPORTS_NO_PERSONAL_DATA } from '../imports/imports.personal-fields';
import { INTERVIEWS_NO_PERSONAL_DATA } from '../interviews/interviews.personal-fields';
import { NOTIFICATIONS_NO_PERSONAL_DATA } from '../notifications/notifications.personal-fields';
import { OPPORTUNITIES_NO_PERSONAL_DATA } from '../opportunities/opportunities.personal-fields';
import { PATHWAYS_NO_PERSONAL_DATA } from '../pathways/pathways.personal-fields';
import { PLACEMENTS_NO_PERSONAL_DATA } from '../placements/placements.personal-fields';
import { PROPOSALS_NO_PERSONAL_DATA } from '../proposals/proposals.personal-fields';
import { REPORTS_NO_PERSONAL_DATA } from '../reports/reports.personal-fields';

export { personalTypes, type PersonalType } from './graphql-personal-data';

/** The root types and the platform's own, which carry nothing about a participant. */
const PLATFORM = ['Query', 'Mutation', 'Subscription', 'ServerInfo', 'PageInfo', 'UserError'];

/** Types that carry nothing about a participant (staff accounts are not participants' data). */
export const NO_PERSONAL_DATA: readonly string[] = [
  ...PLATFORM,
  ...ACCOUNTS_NO_PERSONAL_DATA,
  ...PATHWAYS_NO_PERSONAL_DATA,
  ...INTERVIEWS_NO_PERSONAL_DATA,
  ...OPPORTUNITIES_NO_PERSONAL_DATA,
  ...PROPOSALS_NO_PERSONAL_DATA,
  ...PLACEMENTS_NO_PERSONAL_DATA,
  ...FOLLOW_UPS_NO_PERSONAL_DATA,
  ...CONVENTIONS_NO_PERSONAL_DATA,
  ...REPORTS_NO_PERSONAL_DATA,
  ...DATA_PROTECTION_NO_PERSONAL_DATA,
  ...NOTIFICATIONS_NO_PERSONAL_DATA,
  ...IMPORTS_NO_PERSONAL_DATA,
];
