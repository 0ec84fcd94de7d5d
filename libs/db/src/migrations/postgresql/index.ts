// Written by npm run migration:create: every migration of this folder, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126101703_accounts } from './Migration20261126101703_accounts';
import { Migration20261126103433_referrals } from './Migration20261126103433_referrals';

export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126101703_accounts', class: Migration20261126101703_accounts },
  { name: 'Migration20261126103433_referrals', class: Migration20261126103433_referrals },
];
