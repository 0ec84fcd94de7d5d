import type { MikroORM } from '@mikro-orm/core';
import { logStatements, type StatementLog } from '@parcours/db';

interface Tally {
  runs: number;
  statements: number;
  cpuMicros: number;
  wallMicros: number;
}

/**
 * What each kind of journey command costs the generator: how many ran, and per run the SQL
 * statements (every connection, the flush and its composers included), the process's CPU time and
 * the wall time. The generator runs one command at a time, so a delta is one command's.
 */
export class CommandMeter {
  private readonly tallies = new Map<string, Tally>();
  private readonly log: StatementLog;

  constructor(orm: MikroORM) {
    this.log = logStatements(orm);
  }

  async measure<T>(kind: string, work: () => Promise<T>): Promise<T> {
    const statements = this.log.sql.length;
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      const spent = process.cpuUsage(cpu);
      const tally = this.tallies.get(kind) ?? { runs: 0, statements: 0, cpuMicros: 0, wallMicros: 0 };
      tally.runs += 1;
      tally.statements += this.log.sql.length - statements;
      tally.cpuMicros += spent.user + spent.system;
      tally.wallMicros += Number(process.hrtime.bigint() - wall) / 1000;
      this.tallies.set(kind, tally);
      // The statements themselves are not kept: only their count matters here.
      if (this.log.sql.length > 10_000) this.log.sql.length = 0;
    }
  }

  stop(): void {
    this.log.stop();
  }

  /** A Markdown table, the dearest kind first (by total CPU). */
  table(): string {
    const rows = [...this.tallies].sort((a, b) => b[1].cpuMicros - a[1].cpuMicros);
    const total = rows.reduce((sum, [, tally]) => sum + tally.cpuMicros, 0);
    const lines = ['| Command | runs | statements / run | CPU ms / run | wall ms / run | share of CPU |', '|---|---|---|---|---|---|'];
    for (const [kind, tally] of rows) {
      lines.push(
        `| ${kind} | ${tally.runs} | ${(tally.statements / tally.runs).toFixed(1)} | ${(tally.cpuMicros / tally.runs / 1000).toFixed(2)} | ${(tally.wallMicros / tally.runs / 1000).toFixed(2)} | ${((100 * tally.cpuMicros) / total).toFixed(1)} % |`,
      );
    }
    return lines.join('\n');
  }
}
