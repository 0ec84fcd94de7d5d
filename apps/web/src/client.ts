import { createClient as createWsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { accessToken, sessionLost } from './session';

/** The console's one GraphQL client: queries and mutations over HTTP, the live inbox over graphql-ws. */
export function createClient(): Client {
  const ws = createWsClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    retryAttempts: 20,
    connectionParams: async () => {
      const token = await accessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((graphqlError) => graphqlError.extensions?.code === 'UNAUTHENTICATED')) sessionLost();
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
    ],
    fetch: async (input, init) => {
      const token = await accessToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
}
