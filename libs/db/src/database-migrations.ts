import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** Applies and reports the committed migrations of the configured driver. */
@Injectable()
export class DatabaseMigrations {
  private signalReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.signalReady = resolve));

  constructor(private readonly orm: MikroORM) {}

  /** Said once the process's database is migrated and bootstrapped (prepareDatabase): what waits for it may start. */
  markReady(): void {
    this.signalReady();
  }

  /** Resolves once the database is ready; never, in a process that does not prepare one (the schema's generation). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Applies every pending migration, all or nothing; returns the names applied. */
  async up(): Promise<string[]> {
    const applied = await this.orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  }

  async status(): Promise<MigrationStatus> {
    const migrator = this.orm.getMigrator();
    const [executed, pending] = await Promise.all([migrator.getExecutedMigrations(), migrator.getPendingMigrations()]);
    return { applied: executed.map((row) => row.name), pending: pending.map((row) => row.name) };
  }
}
