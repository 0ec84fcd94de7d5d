import { isLocalDate, type LocalDate } from '@parcours/core';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parse(value: unknown): LocalDate {
  if (!isLocalDate(value)) {
    throw new GraphQLError(`LocalDate must be a real calendar day written YYYY-MM-DD (got ${JSON.stringify(value)}).`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar day in Europe/Paris, written YYYY-MM-DD (for example 2026-03-15).',
  serialize: (value) => parse(value),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
