/** The margin of a dimension: every value of it together. */
export const ALL = '*';

export function cellId(key: Record<string, string>, dimensions: readonly string[]): string {
  return dimensions.map((dimension) => `${dimension}=${key[dimension]}`).join('|');
}
