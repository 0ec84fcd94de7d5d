import type { Actor } from '@parcours/accounts';
import DataLoader from 'dataloader';
import type { GraphqlContext } from './graphql-context';

const LOADERS = Symbol('loaders');
type WithLoaders = GraphqlContext & { [LOADERS]?: Map<string, DataLoader<string, unknown>> };

/**
 * A DataLoader living as long as one request: the field resolvers of a whole page ask it, and it
 * answers them with one batched call. A subscription's context outlives its events: each event
 * is a request of its own, and forgets the loaders of the one before (websocket.ts).
 */
export function requestLoader<V>(context: GraphqlContext, name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  const holder = context as WithLoaders;
  const loaders = (holder[LOADERS] ??= new Map());
  let loader = loaders.get(name) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V>(batch);
    loaders.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}

/** The signed-in actor of a request, for the scoped reads of its loaders (the access guard has set it). */
export function signedIn(context: GraphqlContext): Actor {
  if (!context.actor) throw new Error('A field of a signed-in operation was resolved without an actor.');
  return context.actor;
}

/** Forgets a context's loaders and what they hold: the next event of a subscription reads afresh. */
export function forgetLoaders(context: GraphqlContext): void {
  (context as WithLoaders)[LOADERS]?.clear();
}
