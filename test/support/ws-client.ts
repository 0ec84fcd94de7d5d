import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A real graphql-ws client (Node 20 has no global WebSocket) that collects what a subscription sends. */
export class SubscriptionProbe<T = Record<string, unknown>> {
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private waiters: (() => void)[] = [];
  private unsubscribe?: () => void;
  closed?: { code: number; reason: string };

  constructor(baseUrl: string, token: string) {
    this.client = createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: (error) => this.errors.push(error),
      on: { closed: (event) => (this.closed = { code: (event as { code: number }).code, reason: (event as { reason: string }).reason }) },
    });
  }

  /** Subscribes, and resolves once the server has taken the subscription. */
  async subscribe(query: string, variables?: Record<string, unknown>): Promise<void> {
    this.unsubscribe = this.client.subscribe<T>(
      { query, variables },
      {
        next: (message) => {
          if (message.errors) this.errors.push(message.errors);
          if (message.data) this.received.push(message.data);
          this.waiters.splice(0).forEach((wake) => wake());
        },
        error: (error) => {
          this.errors.push(error);
          this.waiters.splice(0).forEach((wake) => wake());
        },
        complete: () => undefined,
      },
    );
    // The subscribe message is processed before any later event: a round-trip on the same socket proves it.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Waits until the `count`th message has arrived (or fails after a while), and answers it. */
  async next(count: number, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (this.errors.length > 0) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
      if (Date.now() > deadline) throw new Error(`no message ${count} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.received[count - 1];
  }

  /** The codes of the errors the server answered (a refused operation), once some came. */
  async errorCodes(timeoutMs = 5000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.errors.length === 0 && this.received.length === 0 && !this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.errors.flatMap((error) => (Array.isArray(error) ? error : [error])).map((error) => (error as { extensions?: { code?: string } }).extensions?.code ?? 'NONE');
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.client.dispose();
  }
}
