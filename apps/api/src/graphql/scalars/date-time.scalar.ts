import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// An instant with its offset: a time without one would be read in the server's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Date {
  const instant = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : undefined;
  // Years 1000 to 9999 in UTC: PostgreSQL has no year 0, and a four-digit year is what every column and day holds.
  if (!instant || Number.isNaN(instant.getTime()) || instant.getUTCFullYear() < 1000 || instant.getUTCFullYear() > 9999) {
    throw new GraphQLError(
      `DateTime must be an ISO 8601 instant with its offset, between the years 1000 and 9999, as 2026-03-15T09:30:00Z (got ${JSON.stringify(value)}).`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return instant;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, written in ISO 8601 with its offset; Parcours answers in UTC (2026-03-15T08:30:00.000Z).',
  serialize: (value) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError('DateTime cannot serialize this value');
    return value.toISOString();
  },
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
