/** The margin of a dimension: every value of it together. */
export const ALL = '*';

export function cellId(key: Record<string, string>, dimensions: readonly string[]): string {
  return dimensions.map((dimension) => `${dimension}=${key[dimension]}`).join('|');
}

/** The grouping levels of a report by `dimensions`: every subset, the full one first (its column types lead the UNION). */
export function levels<T>(dimensions: T[]): T[][] {
  const subsets: T[][] = [[]];
  for (const dimension of dimensions) for (const subset of [...subsets]) subsets.push([...subset, dimension]);
  return subsets.sort((a, b) => b.length - a.length);
}
