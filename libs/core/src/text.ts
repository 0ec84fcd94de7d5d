import { raw } from '@mikro-orm/core';

// C0 and C1 control characters but tab, line feed and carriage return; and lone UTF-16 surrogates.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What makes a string unfit to enter Parcours (it ends SQL text on SQLite, breaks URI encoding), or null. */
export function unfitText(text: string): string | null {
  if (CONTROL.test(text)) return 'a control character (only tab, line feed and carriage return are allowed)';
  if (LONE_SURROGATE.test(text)) return 'an unpaired surrogate (not valid Unicode text)';
  return null;
}

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

/**
 * What a spreadsheet may read as the start of a formula or a command: = + - @ and their full-width
 * forms (＝ ＋ － ＠, which some spreadsheets fold to ASCII), | and ｜ (DDE in older Excel), % , tab,
 * carriage return and line feed — also after leading spaces, which some spreadsheets skip.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@|%\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\uFF05\u2212]|^[\t\r\n]/;

/** A text cell of a CSV or spreadsheet file, written so that no spreadsheet runs it: a leading apostrophe. */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
