/** A name as searched: no accents, no case, single spaces ("Hélène  Dupré" → "helene dupre"). */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A search term for a LIKE pattern: LIKE's wildcards are dropped, not escaped (escaping differs by database). */
export function likeTerm(text: string): string {
  return searchKey(text).replace(/[\\%_]/g, '');
}
