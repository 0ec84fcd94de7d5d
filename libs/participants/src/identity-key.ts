/** A name part compared without accents, case, hyphens, apostrophes or extra spaces. */
export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’‘`´\s]+/g, '');
}

/** Same last name, first names and birth date is the same person. */
export function identityKey(lastName: string, firstNames: string, birthDate: string): string {
  return `${nameKey(lastName)}|${nameKey(firstNames)}|${birthDate}`;
}
