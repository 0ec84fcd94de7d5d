import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * The framework floor of `npm run bench:journey`: a bare `@apollo/server` answering `{ hello }`,
 * from the project's own node_modules. Prints its URL on stdout, then serves until killed.
 */
async function main(): Promise<void> {
  const server = new ApolloServer({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(process.argv[2] ?? 0), host: '127.0.0.1' } });
  process.stdout.write(`${url}\n`);
}

void main();
