import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { EventEmitter, on } from 'node:events';
import { Client } from 'pg';

export interface IssuedReport {
  reportId: string;
  referentId: string;
  pathwayId: string;
}

/** The PostgreSQL channel the API processes share: ids only, never anything about a person. */
const CHANNEL = 'parcours_reports_issued';
const RECONNECT_MS = 1_000;

/**
 * Reports issued, announced after their transaction commits, to the live-push subscribers of
 * every API process. SQLite (one API process): an in-process emitter. PostgreSQL: `NOTIFY` on a
 * shared channel carrying the ids only; each process `LISTEN`s on a connection of its own and
 * hands what it hears to its own subscribers, which re-read the report through the subscriber's
 * scope and re-check the session (ReportsService.deliverable). The push is a convenience: a
 * notification lost with a dying process leaves the report in the inbox, and the e-mail.
 */
@Injectable()
export class ReportBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReportBus');
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private listener?: Client;
  private announcing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly config: AppConfig) {}

  private get shared(): boolean {
    return this.config.database.driver === 'postgresql';
  }

  async onModuleInit(): Promise<void> {
    if (this.shared) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  publish(report: IssuedReport): void {
    if (!this.shared) {
      this.emitter.emit('issued', report);
      return;
    }
    const payload = JSON.stringify({ reportId: report.reportId, referentId: report.referentId, pathwayId: report.pathwayId });
    if (!this.listener) {
      this.logger.warn('Not listening: a report is pushed by this process only');
      this.emitter.emit('issued', report);
      return;
    }
    // One query at a time on the connection (pg 9 will refuse a second one while the first runs): announcements queue.
    const listener = this.listener;
    this.announcing = this.announcing
      .then(() => listener.query('select pg_notify($1, $2)', [CHANNEL, payload]))
      .then(
        () => undefined,
        (error: Error) => this.logger.warn(`A report could not be announced: ${error.name}`),
      );
  }

  /** Every report issued from now on, until the signal aborts. */
  async *issued(signal: AbortSignal): AsyncGenerator<IssuedReport> {
    try {
      for await (const [report] of on(this.emitter, 'issued', { signal })) yield report as IssuedReport;
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url });
    client.on('notification', (message) => {
      const report = parse(message.payload);
      if (report) this.emitter.emit('issued', report);
    });
    client.on('error', (error) => this.logger.warn(`The report channel failed (${error.name}): listening again`));
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listenAgain();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
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
        this.logger.warn(`The report channel is still down (${error.name})`);
        this.listenAgain();
      });
    }, RECONNECT_MS).unref();
  }
}

function parse(payload: string | undefined): IssuedReport | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<IssuedReport>;
    return typeof value.reportId === 'string' && typeof value.referentId === 'string' && typeof value.pathwayId === 'string'
      ? { reportId: value.reportId, referentId: value.referentId, pathwayId: value.pathwayId }
      : null;
  } catch {
    return null;
  }
}
