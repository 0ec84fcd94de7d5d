import { EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { cellsVersion, modelVersion, rebuildCells, type Driver, type Execute } from './outcome-model';

/** The outcome model's upkeep outside the flush: its recount, at start when its definitions changed, or asked for. */
@Injectable()
export class OutcomeModel {
  constructor(private readonly em: EntityManager) {}

  /** Recounts the cells when they were counted with other definitions, or never (a new or upgraded database); says whether it did. */
  async ensureCurrent(): Promise<boolean> {
    const em = this.em.fork();
    if ((await cellsVersion(executor(em))) === modelVersion(driverOf(em))) return false;
    await this.rebuild();
    return true;
  }

  /** Recounts every cell from the journey tables, in one transaction (readers see the old cells or the new ones). */
  async rebuild(): Promise<void> {
    await this.em.fork().transactional((em) => rebuildCells(driverOf(em), executor(em)));
  }
}

export function driverOf(em: EntityManager): Driver {
  return em.getPlatform() instanceof BaseSqlitePlatform ? 'sqlite' : 'postgresql';
}

/** Raw statements on `em`, in its transaction when it has one. */
export function executor(em: EntityManager): Execute {
  return (sql, params = []) => em.getConnection().execute<Record<string, unknown>[]>(sql, params, 'all', em.getTransactionContext());
}
