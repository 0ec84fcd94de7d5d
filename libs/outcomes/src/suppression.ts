/** Fewer distinct people than this in a cell, and the cell is not shown to a funder. */
export const MIN_PEOPLE = 5;

/** The margin of a dimension: every value of it together. */
export const ALL = '*';

/** One cell of a table of counts: its coordinates (a value, or ALL, per dimension), what it counts, and how many distinct people. */
export interface CountCell {
  key: Record<string, string>;
  value: number;
  people: number;
}

export function cellId(key: Record<string, string>, dimensions: readonly string[]): string {
  return dimensions.map((dimension) => `${dimension}=${key[dimension]}`).join('|');
}

/**
 * The cells a funder may not see (their ids), in a table of counts with its margins (row, column
 * and grand totals, each itself a cell with ALL on the dimensions it adds up): every cell of 1 to
 * MIN_PEOPLE − 1 people (primary suppression), then, until none is left, whenever a line (the
 * cells of one dimension and the margin they add up to) has exactly one hidden member, the
 * smallest other one (a non-zero cell first) is hidden too (complementary suppression), so that no
 * hidden cell is the difference between a shown total and shown cells. What it does not protect
 * against: differences between two separate queries (January–March minus January–February),
 * which is why funders get whole months only.
 */
export function suppressedCells(cells: readonly CountCell[], dimensions: readonly string[], minPeople = MIN_PEOPLE): Set<string> {
  const byId = new Map(cells.map((cell) => [cellId(cell.key, dimensions), cell]));
  const hidden = new Set([...byId].filter(([, cell]) => cell.people > 0 && cell.people < minPeople).map(([id]) => id));
  const lines = tableLines(cells, dimensions);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const members = [...line.members, line.total];
      if (members.filter((id) => hidden.has(id)).length !== 1) continue;
      const shown = members.filter((id) => !hidden.has(id)).map((id) => ({ id, cell: byId.get(id)! }));
      shown.sort((a, b) => Number(a.cell.value === 0) - Number(b.cell.value === 0) || a.cell.value - b.cell.value || a.id.localeCompare(b.id));
      if (shown.length === 0) continue;
      hidden.add(shown[0].id);
      changed = true;
    }
  }
  return hidden;
}

/** Every line of the table: for each margin cell and each dimension it adds up, the cells it adds. */
export function tableLines(cells: readonly CountCell[], dimensions: readonly string[]): { total: string; members: string[] }[] {
  const lines: { total: string; members: string[] }[] = [];
  for (const total of cells) {
    for (const dimension of dimensions) {
      if (total.key[dimension] !== ALL) continue;
      const members = cells.filter((cell) => cell.key[dimension] !== ALL && dimensions.every((other) => other === dimension || cell.key[other] === total.key[other]));
      if (members.length > 0) lines.push({ total: cellId(total.key, dimensions), members: members.map((cell) => cellId(cell.key, dimensions)) });
    }
  }
  return lines;
}
