import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A phone number as Parcours keeps it: E.164 (+33612345678), and whether it can receive an SMS. */
export interface Phone {
  e164: string;
  mobile: boolean;
}

/**
 * A number as people type it (06 12 34 56 78, +33 6…, 0033 6…), French unless it says its country;
 * null when it is no valid number. A mobile is what the numbering plan says (MOBILE, or a country
 * whose plan cannot tell: FIXED_LINE_OR_MOBILE).
 */
export function readPhone(text: string): Phone | null {
  const parsed = parsePhoneNumberFromString(text.trim(), 'FR');
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  return { e164: parsed.number, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
}

/** A stored value that is not a number in E.164: kept as typed before numbers were checked, to be checked by staff ("à vérifier"). */
export function phoneToCheck(stored: string | null): boolean {
  return stored !== null && readPhone(stored)?.e164 !== stored;
}
