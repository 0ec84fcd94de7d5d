import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

export const SCHEMA_FILE = 'schema.gql';

/** schema.gql as committed: generated from the code, sorted, so that a diff shows every API change. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `# Generated from the code by \`npm run schema\`: do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
