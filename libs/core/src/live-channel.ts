import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventEmitter, on } from 'node:events';
import { Client } from 'pg';

const RECONNECT_MS = 1_000;

/** The database the API processes share: PostgreSQL carries the announcements between them. */
export interface LiveDatabase {
  driver: string;
  url?: string;
}

/**
 * What was written, announced after its transaction commits to the live-push subscribers of every
 * API process: reports issued, staff notifications. SQLite (one API process): an in-process
 * emitter. PostgreSQL: `NOTIFY` on a shared channel carrying ids only, never anything about a
 * person; each process `LISTEN`s on a connection of its own and hands what it hears to its own
 * subscribers, which re-read the row through the subscriber's scope and re-check the session. The
 * push is a convenience: an announcement lost with a dying process leaves the row where it is read.
 */
export abstract class LiveChannel<T extends object> implements OnModuleInit, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private listener?: Client;
  private announcing: Promise<void> = Promise.resolve();
  private stopped = false;

  /**
   * @param channel the PostgreSQL channel the API processes share
   * @param parse what a payload heard on it holds (null: not one of ours), ids only
   */
  protected constructor(
    private readonly database: LiveDatabase,
    private readonly channel: string,
    private readonly parse: (value: Partial<T>) => T | null,
  ) {
    this.logger = new Logger(new.target.name);
  }

  private get shared(): boolean {
    return this.database.driver === 'postgresql';
  }

  async onModuleInit(): Promise<void> {
    if (this.shared) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  publish(announced: T): void {
    if (!this.shared) {
      this.emitter.emit('announced', announced);
      return;
    }
    if (!this.listener) {
      this.logger.warn('Not listening: announced to this process only');
      this.emitter.emit('announced', announced);
      return;
    }
    const payload = JSON.stringify(this.parse(announced));
    // One query at a time on the connection (pg 9 will refuse a second one while the first runs): announcements queue.
    const listener = this.listener;
    this.announcing = this.announcing
      .then(() => listener.query('select pg_notify($1, $2)', [this.channel, payload]))
      .then(
        () => undefined,
        (error: Error) => this.logger.warn(`Could not announce: ${error.name}`),
      );
  }

  /** Everything announced from now on, until the signal aborts. */
  async *announced(signal: AbortSignal): AsyncGenerator<T> {
    try {
      for await (const [announced] of on(this.emitter, 'announced', { signal })) yield announced as T;
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.database.url });
    client.on('notification', (message) => {
      const announced = this.heard(message.payload);
      if (announced) this.emitter.emit('announced', announced);
    });
    client.on('error', (error) => this.logger.warn(`The channel failed (${error.name}): listening again`));
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listenAgain();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  /** After a second, and again each second until it works (the database restarting, say). */
  private listenAgain(): void {
    if (this.stopped) return;
    setTimeout(() => {
      this.listen().catch((error: Error) => {
        this.logger.warn(`The channel is still down (${error.name})`);
        this.listenAgain();
      });
    }, RECONNECT_MS).unref();
  }

  private heard(payload: string | undefined): T | null {
    try {
      const value: unknown = JSON.parse(payload ?? '');
      return value !== null && typeof value === 'object' ? this.parse(value as Partial<T>) : null;
    } catch {
      return null;
    }
  }
}

/** Each named field a string, or null (for LiveChannel's parse). */
export function stringFields<K extends string>(value: Partial<Record<K, unknown>>, keys: readonly K[]): Record<K, string> | null {
  const picked = {} as Record<K, string>;
  for (const key of keys) {
    const field = value[key];
    if (typeof field !== 'string') return null;
    picked[key] = field;
  }
  return picked;
}
