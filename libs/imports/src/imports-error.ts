import { DomainError } from '@parcours/core';

/** Every expected failure of imports, by its stable code. The file's are said before anything is kept. */
export const ImportsErrorCode = {
  /** Neither a CSV text file nor an .xlsx workbook. */
  FILE_NOT_SUPPORTED: 'FILE_NOT_SUPPORTED',
  /** A workbook protected by a password (or the old .xls format, which Parcours does not read). */
  FILE_PROTECTED: 'FILE_PROTECTED',
  /** A workbook or CSV that cannot be read as one (broken archive, unclosed quote…). */
  FILE_CORRUPT: 'FILE_CORRUPT',
  /** Over the size limit, or a workbook that would grow too large once unpacked. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** More lines than one import takes. */
  TOO_MANY_LINES: 'TOO_MANY_LINES',
  /** No line under the headers. */
  FILE_EMPTY: 'FILE_EMPTY',
  /** Text in neither UTF-8 nor Windows-1252. */
  UNREADABLE_ENCODING: 'UNREADABLE_ENCODING',
  /** A column the referral needs is matched by no header (the mapping names it). */
  MISSING_COLUMN: 'MISSING_COLUMN',
  /** A mapping naming a column the file does not have, or one column for two fields. */
  INVALID_MAPPING: 'INVALID_MAPPING',
  /** A value chosen for the whole import that cannot be (a day in the future, no operator…). */
  INVALID_IMPORT_CHOICE: 'INVALID_IMPORT_CHOICE',
  /** The import is not in the state the command needs (confirmed already, ended, cancelled). */
  IMPORT_NOT_OPEN: 'IMPORT_NOT_OPEN',
  /** A line's value cannot be read as its field (a date, a postal code, a situation). */
  UNREADABLE_VALUE: 'UNREADABLE_VALUE',
  /** A value the referral needs is empty on the line. */
  VALUE_REQUIRED: 'VALUE_REQUIRED',
  /** The person of the line is already in the file, higher up. */
  DUPLICATE_IN_FILE: 'DUPLICATE_IN_FILE',
} as const;
export type ImportsErrorCode = (typeof ImportsErrorCode)[keyof typeof ImportsErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<ImportsErrorCode, true> {}
}

export class ImportsError extends DomainError {
  constructor(code: ImportsErrorCode, message: string, field?: string[]) {
    super(code, message, field);
  }
}
