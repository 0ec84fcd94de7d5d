import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parse(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new GraphQLError(`Cents must be a whole, non-negative number of euro cents, at most ${Number.MAX_SAFE_INTEGER} (got ${JSON.stringify(value)}).`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** Money as integer cents: 1 250 000,00 € is 125000000. Never a float, never negative. */
export const CentsScalar = new GraphQLScalarType({
  name: 'Cents',
  description: 'An amount of money in whole euro cents (12 500,00 € is 1250000): a non-negative integer up to 2^53 − 1.',
  serialize: (value) => parse(typeof value === 'string' ? Number(value) : value),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => parse(ast.kind === Kind.INT ? Number(ast.value) : undefined),
});
