import type { MigrationObject } from '@mikro-orm/core';

export const SQLITE_MIGRATIONS: MigrationObject[] = [];
