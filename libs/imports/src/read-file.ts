import { parse } from 'csv-parse/sync';
import { Workbook, type CellValue } from 'exceljs';
import { ImportsError } from './imports-error';

/** What one import takes: a file of at most 5 MB and 5,000 lines under its headers. */
export const IMPORT_LIMITS = {
  bytes: 5 * 1024 * 1024,
  lines: 5_000,
  columns: 60,
  /** A workbook unpacked may not grow beyond this (a "zip bomb" is refused before it is opened). */
  unpackedBytes: 100 * 1024 * 1024,
  cellCharacters: 1_000,
} as const;

export type ImportFormat = 'CSV' | 'XLSX';

/** A file read: its headers and its lines, every cell as text (trimmed; a formula is never evaluated). */
export interface ImportTable {
  format: ImportFormat;
  headers: string[];
  /** The lines under the headers, each as long as the headers; wholly empty lines dropped, their numbers kept. */
  rows: { line: number; cells: string[] }[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** An OLE compound file: a workbook encrypted by a password, or the old binary .xls. */
const COMPOUND = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Reads an uploaded file as a table, or says in French what is wrong with it (nothing else is done). */
export async function readImportFile(bytes: Buffer): Promise<ImportTable> {
  if (bytes.length > IMPORT_LIMITS.bytes) {
    throw new ImportsError('FILE_TOO_LARGE', `Le fichier pèse plus de ${megabytes(IMPORT_LIMITS.bytes)} Mo : un import prend au plus ${megabytes(IMPORT_LIMITS.bytes)} Mo. Découpez-le en plusieurs fichiers.`);
  }
  if (bytes.length === 0) throw new ImportsError('FILE_EMPTY', 'Le fichier est vide.');
  let table: ImportTable;
  if (bytes.subarray(0, 4).equals(ZIP)) table = await readWorkbook(bytes);
  else if (bytes.subarray(0, 8).equals(COMPOUND)) {
    throw new ImportsError('FILE_PROTECTED', 'Ce classeur est protégé par un mot de passe, ou au format .xls ancien : enregistrez-le au format .xlsx sans mot de passe, ou en CSV.');
  } else table = readCsv(bytes);
  if (table.rows.length === 0) throw new ImportsError('FILE_EMPTY', 'Le fichier ne contient aucune ligne sous ses en-têtes.');
  if (table.rows.length > IMPORT_LIMITS.lines) {
    throw new ImportsError('TOO_MANY_LINES', `Le fichier contient ${table.rows.length.toLocaleString('fr-FR')} lignes : un import en prend au plus ${IMPORT_LIMITS.lines.toLocaleString('fr-FR')}. Découpez-le en plusieurs fichiers.`);
  }
  return table;
}

function readCsv(bytes: Buffer): ImportTable {
  const text = decode(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // The separator is the one the header line uses most: ";" (Excel in French), "," or a tab.
  const delimiter = [';', ',', '\t'].map((candidate) => ({ candidate, count: firstLine.split(candidate).length })).sort((a, b) => b.count - a.count)[0].candidate;
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false, trim: true, max_record_size: 100_000 });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportsError('FILE_CORRUPT', `Ce fichier CSV ne se lit pas${line ? ` (vers la ligne ${line})` : ''} : un guillemet n’est peut-être pas refermé. Enregistrez-le de nouveau depuis votre tableur, au format CSV.`);
  }
  return table('CSV', records.map((cells, index) => ({ line: index + 1, cells })));
}

/** UTF-8 (with or without its mark) or, failing that, Windows-1252 — what French spreadsheets save. */
function decode(bytes: Buffer): string {
  if (bytes.includes(0)) {
    throw new ImportsError('FILE_NOT_SUPPORTED', 'Ce fichier n’est ni un fichier CSV ni un classeur Excel (.xlsx) : enregistrez la liste depuis votre tableur au format CSV ou .xlsx.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  // Control characters (but tab and line ends) are not text: another encoding, or not a list at all.
  if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/.test(text)) {
    throw new ImportsError('UNREADABLE_ENCODING', 'Les caractères de ce fichier ne se lisent pas : enregistrez-le au format « CSV UTF-8 » (ou CSV Windows) depuis votre tableur.');
  }
  return text;
}

async function readWorkbook(bytes: Buffer): Promise<ImportTable> {
  checkArchive(bytes);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportsError('FILE_CORRUPT', 'Ce classeur ne s’ouvre pas : il est peut-être abîmé, ou n’est pas un classeur Excel. Enregistrez-le de nouveau au format .xlsx, ou en CSV.');
  }
  // The first sheet that holds something.
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) throw new ImportsError('FILE_EMPTY', 'Le classeur ne contient aucune ligne.');
  if (sheet.rowCount > IMPORT_LIMITS.lines + 1 && sheet.actualRowCount > IMPORT_LIMITS.lines + 1) {
    throw new ImportsError('TOO_MANY_LINES', `La feuille contient ${(sheet.actualRowCount - 1).toLocaleString('fr-FR')} lignes : un import en prend au plus ${IMPORT_LIMITS.lines.toLocaleString('fr-FR')}. Découpez-la en plusieurs fichiers.`);
  }
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ line, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return table('XLSX', rows);
}

/** A cell as the person saw it: text as typed, a day as YYYY-MM-DD, a formula's last computed value (never computed here). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as CellValue) : '';
  if ('text' in value) return String(value.text).trim();
  return '';
}

/** Refuses an archive that would unpack beyond IMPORT_LIMITS.unpackedBytes, reading only its central directory. */
function checkArchive(bytes: Buffer): void {
  const corrupt = () => new ImportsError('FILE_CORRUPT', 'Ce classeur ne s’ouvre pas : il est peut-être abîmé, ou n’est pas un classeur Excel. Enregistrez-le de nouveau au format .xlsx, ou en CSV.');
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > bytes.length) throw corrupt();
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  let unpacked = 0;
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) throw corrupt();
    const size = bytes.readUInt32LE(offset + 24);
    // 0xFFFFFFFF: a size only ZIP64 can say — far beyond any list of people.
    unpacked += size === 0xffffffff ? Infinity : size;
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  if (unpacked > IMPORT_LIMITS.unpackedBytes) {
    throw new ImportsError('FILE_TOO_LARGE', `Décompressé, ce classeur dépasserait ${megabytes(IMPORT_LIMITS.unpackedBytes)} Mo : ce n’est pas une liste de personnes. Il n’a pas été ouvert.`);
  }
}

/** Headers from the first line that holds something; every line as long as the headers; empty lines dropped. */
function table(format: ImportFormat, records: { line: number; cells: string[] }[]): ImportTable {
  const nonEmpty = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) throw new ImportsError('FILE_EMPTY', 'Le fichier est vide.');
  const width = Math.min(Math.max(head.cells.length, ...rest.map((row) => row.cells.length)), IMPORT_LIMITS.columns);
  const headers = Array.from({ length: width }, (_, index) => clean(head.cells[index] ?? ''));
  const rows = rest.map((row) => ({ line: row.line, cells: Array.from({ length: width }, (_, index) => clean(row.cells[index] ?? '')) }));
  return { format, headers, rows };
}

/** A cell's text, trimmed, without control characters, cut at IMPORT_LIMITS.cellCharacters. */
function clean(cell: string): string {
  return cell.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, IMPORT_LIMITS.cellCharacters);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}
