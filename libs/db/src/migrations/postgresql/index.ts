import type { MigrationObject } from '@mikro-orm/core';

export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [];
