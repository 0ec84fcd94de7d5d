import type { FamilyDefinition } from '../outcome-figures';
import { OutcomeDimension } from '../outcome-dimensions';
import type { DisclosureCell, Relation } from './joint-suppression';

/** What a funder may break the convention's figures down by, one at a time, besides the month. */
export const FUNDER_BREAKDOWNS = [OutcomeDimension.PRESCRIBER, OutcomeDimension.COMMUNE, OutcomeDimension.CONTRACT_TYPE] as const;
export type FunderBreakdown = (typeof FUNDER_BREAKDOWNS)[number];

/** The whole convention, or every value of a breakdown. */
export const WHOLE = '*';
const NONE = '∅';

/**
 * One cell of a convention's publication to its funder: one count, for one month of the
 * convention (clipped to it) or the whole convention, and for the whole convention one value of a
 * breakdown.
 */
export interface PublicationCell extends DisclosureCell {
  figure: string;
  month: string;
  breakdown: FunderBreakdown | typeof WHOLE;
  /** The breakdown's value (null: not attributable); WHOLE without a breakdown. */
  value: string | null;
}

export function publicationCellId(figure: string, month: string, breakdown: string, value: string | null): string {
  return `${figure}|${month}|${breakdown}|${value ?? NONE}`;
}

type Row = Record<string, unknown>;

/** What one family's statements answered over the whole convention: by month, and by each breakdown (each with its total level). */
export interface FamilyRows {
  byMonth: Row[] | null;
  byBreakdown: Record<FunderBreakdown, Row[]>;
}

/**
 * The publication's cells from countsSql's rows (level 0: grouped, level 1: the total). A count
 * that depends on the whole period (periodDependent) has no month cells: a funder sees it for the
 * whole convention only. A hidden count's cells are never published.
 */
export function publicationCells(definitions: readonly FamilyDefinition[], rows: readonly FamilyRows[]): PublicationCell[] {
  const cells = new Map<string, PublicationCell>();
  const add = (figure: string, month: string, breakdown: FunderBreakdown | typeof WHOLE, value: string | null, row: Row, published: boolean) => {
    const id = publicationCellId(figure, month, breakdown, value);
    cells.set(id, { id, figure, month, breakdown, value, count: Number(row[figure] ?? 0), people: Number(row[`${figure}__people`] ?? 0), published });
  };
  definitions.forEach((family, index) => {
    const { byMonth, byBreakdown } = rows[index];
    for (const count of family.counts) {
      const published = !count.hidden;
      for (const row of byMonth ?? []) {
        if (Number(row.lvl) === 0 && !count.periodDependent) add(count.name, String(row.d0), WHOLE, WHOLE, row, published);
      }
      for (const breakdown of FUNDER_BREAKDOWNS) {
        for (const row of byBreakdown[breakdown]) {
          if (Number(row.lvl) === 0) add(count.name, WHOLE, breakdown, (row.d0 as string | null) ?? null, row, published);
          else add(count.name, WHOLE, WHOLE, WHOLE, row, published);
        }
      }
    }
  });
  return [...cells.values()];
}

/**
 * Every relation between the publication's cells a reader knows, from the figures' declarations:
 * the months add up to the convention (but for period-dependent counts), each breakdown adds up
 * to the convention, and each declared sum holds at every coordinate where all its counts have a
 * cell (a coordinate without rows of the family counts zero, and is known).
 */
export function publicationRelations(definitions: readonly FamilyDefinition[], cells: readonly PublicationCell[]): Relation[] {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  const relations: Relation[] = [];
  const coordinates = new Map<string, Set<string>>();
  for (const cell of cells) {
    const key = `${cell.month}|${cell.breakdown}|${cell.value ?? NONE}`;
    coordinates.set(cell.figure, (coordinates.get(cell.figure) ?? new Set()).add(key));
  }
  // The cells of each figure at each month and breakdown, indexed once.
  const at = new Map<string, string[]>();
  for (const cell of cells) {
    const key = `${cell.figure}|${cell.month === WHOLE ? WHOLE : 'month'}|${cell.breakdown}`;
    at.set(key, [...(at.get(key) ?? []), cell.id]);
  }
  for (const family of definitions) {
    for (const count of family.counts) {
      const total = publicationCellId(count.name, WHOLE, WHOLE, WHOLE);
      if (!byId.has(total)) continue;
      const months = at.get(`${count.name}|month|${WHOLE}`) ?? [];
      if (months.length > 0) relations.push({ total, members: months });
      for (const breakdown of FUNDER_BREAKDOWNS) {
        const members = at.get(`${count.name}|${WHOLE}|${breakdown}`) ?? [];
        if (members.length > 0) relations.push({ total, members });
      }
    }
    for (const sum of family.sums ?? []) {
      for (const key of coordinates.get(sum.total) ?? []) {
        const [month, breakdown, value] = key.split('|');
        const id = (figure: string) => publicationCellId(figure, month, breakdown, value === NONE ? null : value);
        if (!sum.members.every((member) => byId.has(id(member)))) continue;
        relations.push({ total: id(sum.total), members: sum.members.map(id) });
      }
    }
  }
  return relations;
}
