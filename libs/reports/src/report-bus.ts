import { Injectable } from '@nestjs/common';
import { EventEmitter, on } from 'node:events';

export interface IssuedReport {
  reportId: string;
  referentId: string;
  pathwayId: string;
}

/**
 * Reports issued, announced after their transaction commits. In-process for now: one API process
 * per database (a shared bus over PostgreSQL LISTEN/NOTIFY is the multi-process step).
 */
@Injectable()
export class ReportBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(report: IssuedReport): void {
    this.emitter.emit('issued', report);
  }

  /** Every report issued from now on, until the signal aborts. */
  async *issued(signal: AbortSignal): AsyncGenerator<IssuedReport> {
    try {
      for await (const [report] of on(this.emitter, 'issued', { signal })) yield report as IssuedReport;
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }
}
