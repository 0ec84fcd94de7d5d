/** Text as searched: no accents, no case; hyphens, apostrophes and runs of spaces become one space. */
export function searchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();
}

/** A search term for a LIKE pattern: LIKE's wildcards are dropped, not escaped (escaping differs by database). */
export function likeTerm(text: string): string {
  return searchText(text).replace(/[\\%_]/g, '');
}
