import { raw } from '@mikro-orm/core';

/** Text as searched: no accents, no case; hyphens, apostrophes and runs of spaces become one space. */
export function searchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();
}

/**
 * The condition "its search_name contains this text", for an entity with a `searchName` column:
 * compared as searched (searchText), LIKE's wildcards escaped so that `%` and `_` are themselves;
 * the same SQL on SQLite and PostgreSQL (`escape '\\'`).
 */
export function searchNameContains(text: string): Record<string, never[]> {
  const pattern = `%${searchText(text).replace(/[\\%_]/g, (wildcard) => `\\${wildcard}`)}%`;
  return { [raw((alias: string) => `${alias}.search_name like ? escape '\\'`, [pattern])]: [] };
}
