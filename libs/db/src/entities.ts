/**
 * Every entity class, listed by hand (no globs: the list is what the ORM, the migrations and the
 * drift test all see). A new entity is added here and in a migration for each driver.
 */
export const ENTITIES = [] as const;
