import { ALL, cellId, suppressedCells, type CountCell } from './suppression';

/** A table by month (rows) and prescriber (columns), with its margins, from a grid of counts (each person counted once). */
function table(grid: Record<string, Record<string, number>>): CountCell[] {
  const cells: CountCell[] = [];
  const months = Object.keys(grid);
  const prescribers = [...new Set(months.flatMap((month) => Object.keys(grid[month])))];
  const add = (month: string, prescriber: string, value: number) => cells.push({ key: { month, prescriber }, value, people: value });
  let total = 0;
  for (const month of months) {
    let row = 0;
    for (const prescriber of prescribers) {
      const value = grid[month][prescriber] ?? 0;
      add(month, prescriber, value);
      row += value;
    }
    add(month, ALL, row);
    total += row;
  }
  for (const prescriber of prescribers) add(ALL, prescriber, months.reduce((sum, month) => sum + (grid[month][prescriber] ?? 0), 0));
  add(ALL, ALL, total);
  return cells;
}
const DIMENSIONS = ['month', 'prescriber'];
const id = (month: string, prescriber: string) => cellId({ month, prescriber }, DIMENSIONS);

/** What an attacker learns: a hidden cell is recovered when a line of its has it as the only hidden member. */
function recoverable(cells: CountCell[], hidden: Set<string>): string[] {
  const found: string[] = [];
  for (const cell of cells) {
    const cellKey = cellId(cell.key, DIMENSIONS);
    if (!hidden.has(cellKey)) continue;
    for (const dimension of DIMENSIONS) {
      // The line through this cell along the dimension, with the margin it adds up to.
      const line = cells.filter((other) => DIMENSIONS.every((d) => d === dimension || other.key[d] === cell.key[d]));
      const unknown = line.filter((other) => hidden.has(cellId(other.key, DIMENSIONS)));
      if (unknown.length === 1) found.push(cellKey);
    }
  }
  return found;
}

describe('suppressedCells', () => {
  it('hides a cell of 4 people and shows one of 5', () => {
    expect(suppressedCells([{ key: { month: ALL }, value: 4, people: 4 }], ['month'])).toEqual(new Set(['month=*']));
    expect(suppressedCells([{ key: { month: ALL }, value: 5, people: 5 }], ['month'])).toEqual(new Set());
  });

  it('shows a zero: it counts nobody', () => {
    expect(suppressedCells(table({ '2026-01': { a: 0, b: 9 }, '2026-02': { a: 7, b: 8 } }), DIMENSIONS)).toEqual(new Set());
  });

  it('counts distinct people, not what the cell counts', () => {
    expect(suppressedCells([{ key: { month: ALL }, value: 6, people: 3 }], ['month'])).toEqual(new Set(['month=*']));
  });

  it('hides a second cell in the row and in the column of a small one, so that no total gives it away', () => {
    const cells = table({ '2026-01': { a: 3, b: 9, c: 12 }, '2026-02': { a: 7, b: 8, c: 10 }, '2026-03': { a: 6, b: 11, c: 6 } });
    const hidden = suppressedCells(cells, DIMENSIONS);
    expect(hidden.has(id('2026-01', 'a'))).toBe(true);
    expect(hidden.size).toBeGreaterThanOrEqual(4); // its row, its column, and the corner they force
    expect(recoverable(cells, hidden)).toEqual([]);
  });

  it('hides a small margin and one of its neighbours', () => {
    const cells = table({ '2026-01': { a: 1, b: 2 }, '2026-02': { a: 9, b: 8 }, '2026-03': { a: 6, b: 7 } });
    const hidden = suppressedCells(cells, DIMENSIONS);
    expect(hidden.has(id('2026-01', ALL))).toBe(true);
    expect(recoverable(cells, hidden)).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('leaves nothing recoverable from row, column or grand totals (seeded table %i)', (seed) => {
    let state = seed * 7919;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    const grid: Record<string, Record<string, number>> = {};
    for (let month = 1; month <= 4; month++) {
      grid[`2026-0${month}`] = {};
      for (const prescriber of ['a', 'b', 'c', 'd']) grid[`2026-0${month}`][prescriber] = Math.floor(random() * 12);
    }
    const cells = table(grid);
    const hidden = suppressedCells(cells, DIMENSIONS);
    for (const cell of cells) if (cell.people > 0 && cell.people < 5) expect(hidden.has(cellId(cell.key, DIMENSIONS))).toBe(true);
    expect(recoverable(cells, hidden)).toEqual([]);
  });
});
