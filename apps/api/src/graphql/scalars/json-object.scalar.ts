import { GraphQLError, GraphQLScalarType } from 'graphql';

/** A JSON document, answered as is (the right-of-access export). Never accepted as input. */
export const JsonObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object.',
  serialize: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('JSONObject cannot serialize this value');
    return JSON.parse(JSON.stringify(value)) as unknown;
  },
  parseValue: () => {
    throw new GraphQLError('JSONObject is an output type only.', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral: () => {
    throw new GraphQLError('JSONObject is an output type only.', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
