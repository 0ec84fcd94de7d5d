/**
 * A subscription's iterator over what a live channel announces (LiveChannel.announced): each
 * announcement turned into what the subscriber may see, re-read through their scope (null: nothing
 * for them), until the client unsubscribes. What each event's selection reads is written to the
 * access log by the WebSocket pipeline (websocket.ts).
 */
export function liveSubscription<A, T>(announced: (signal: AbortSignal) => AsyncGenerator<A>, deliver: (announced: A) => Promise<T | null>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  async function* stream(): AsyncGenerator<T> {
    for await (const each of announced(controller.signal)) {
      const delivered = await deliver(each);
      if (delivered !== null) yield delivered;
    }
  }
  const inner = stream();
  return {
    next: () => inner.next(),
    return: (value?: unknown) => {
      controller.abort();
      return inner.return(value as T);
    },
    throw: (error?: unknown) => inner.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
