/** La Poste's SIREN: its establishments are numbered outside the Luhn rule (INSEE's one exception). */
const LA_POSTE_SIREN = '356000000';

/**
 * Whether a SIRET is well formed: 14 digits passing the Luhn check, or, for an establishment of
 * La Poste (SIREN 356000000), digits whose sum is a multiple of 5. La Poste's head office
 * (35600000000048) passes Luhn like any other.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  const digits = [...siret].map(Number);
  if (luhn(digits)) return true;
  return siret.startsWith(LA_POSTE_SIREN) && digits.reduce((sum, digit) => sum + digit, 0) % 5 === 0;
}

/** SIRETs are typed with spaces (732 829 320 00074): those are dropped. */
export function normaliseSiret(input: string): string {
  return input.replace(/[\s\u00a0]/g, '');
}

function luhn(digits: number[]): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    // From the right, every second digit is doubled (the rightmost, the check digit, is not).
    const fromRight = digits.length - 1 - index;
    let value = digits[index];
    if (fromRight % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return sum % 10 === 0;
}
