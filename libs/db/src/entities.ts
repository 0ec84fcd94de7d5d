import { ACCOUNTS_ENTITIES } from '@parcours/accounts';
import { AUDIT_ENTITIES } from '@parcours/audit';
import { CONVENTIONS_ENTITIES } from '@parcours/conventions';
import { IMPORTS_ENTITIES } from '@parcours/imports';
import { NOTIFICATIONS_ENTITIES } from '@parcours/notifications';
import { OPPORTUNITIES_ENTITIES } from '@parcours/opportunities';
import { OUTCOMES_ENTITIES } from '@parcours/outcomes';
import { PARTICIPANTS_ENTITIES } from '@parcours/participants';
import { PATHWAYS_ENTITIES } from '@parcours/pathways';
import { REPORTS_ENTITIES } from '@parcours/reports';

/**
 * Every entity class: each lib's own list, joined (no globs: the list is what the ORM, the
 * migrations and the drift test all see). A new entity joins its lib's `entities.ts`; a new lib with
 * entities adds its list here.
 */
export const ENTITIES = [
  ...ACCOUNTS_ENTITIES,
  ...PARTICIPANTS_ENTITIES,
  ...PATHWAYS_ENTITIES,
  ...OPPORTUNITIES_ENTITIES,
  ...REPORTS_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...CONVENTIONS_ENTITIES,
  ...OUTCOMES_ENTITIES,
  ...IMPORTS_ENTITIES,
] as const;
