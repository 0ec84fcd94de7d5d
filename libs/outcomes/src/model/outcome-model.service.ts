import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { driverOf, UnitOfWork } from '@parcours/unit-of-work';
import { cellsVersion, modelVersion, rebuildCells, type Execute } from './outcome-model';

/** The outcome model's upkeep outside the flush: its recount, at start when its definitions changed, or asked for. */
@Injectable()
export class OutcomeModel {
  constructor(private readonly uow: UnitOfWork) {}

  /** Recounts the cells when they were counted with other definitions, or never (a new or upgraded database); says whether it did. */
  async ensureCurrent(): Promise<boolean> {
    const version = await this.uow.longRead((run) => cellsVersion(run));
    if (version === modelVersion(this.uow.driver())) return false;
    await this.rebuild();
    return true;
  }

  /** Marks the cells as not counted: the next start recounts them, unless a rebuild comes first (a generator killed before its recount). */
  async invalidate(): Promise<void> {
    await this.uow.run(null, (work) => executor(work.em)(`delete from outcome_model where name = 'cells'`));
  }

  /** Recounts every cell from the journey tables, in one transaction (readers see the old cells or the new ones). */
  async rebuild(): Promise<void> {
    await this.uow.run(null, (work) => rebuildCells(driverOf(work.em), executor(work.em)));
  }
}

/** Raw statements on `em`, in its transaction when it has one. */
export function executor(em: EntityManager): Execute {
  return (sql, params = []) => em.getConnection().execute<Record<string, unknown>[]>(sql, params, 'all', em.getTransactionContext());
}
