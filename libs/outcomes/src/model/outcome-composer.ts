import { ChangeSetType, type EntityManager, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Composer, COMPOSER_ORDER, driverOf, type FlushComposer } from '@parcours/unit-of-work';
import type { Subjects } from '../outcome-figures';
import { addToCells, cellsOf, COUNTED_TABLES, difference, familiesReading } from './outcome-model';
import { executor } from './outcome-model.service';

/**
 * Keeps the outcome model in step with the journey, in the transaction that writes it: before a
 * flush's statements, the cells of every pathway (and refused attempt) it writes a counted row of,
 * in the families that row's table and changed columns concern (familiesReading); after them, the
 * same cells again; the difference is added to the model (one upsert). Run after
 * the reports' composer, so that a report composed in the flush is counted too.
 */
@Composer()
@Injectable()
export class OutcomeComposer implements FlushComposer {
  readonly order = COMPOSER_ORDER.OUTCOMES;
  private readonly pending = new WeakMap<EntityManager, { subjects: Subjects; families: Set<string>; before: Map<string, number[]> }>();

  private suspended = false;

  /**
   * For a process that recounts the model itself once it is done (the generator), never for a
   * server: until the recount, the figures lag the journey.
   */
  suspend(): void {
    this.suspended = true;
  }

  async compose({ em, uow }: FlushEventArgs): Promise<void> {
    this.pending.delete(em);
    if (this.suspended) return;
    const driver = driverOf(em);
    const subjects = { pathway: new Set<string>(), refusal: new Set<string>() };
    const families = new Set<string>();
    for (const changeSet of uow.getChangeSets()) {
      const counted = COUNTED_TABLES[changeSet.collection];
      if (!counted) continue;
      // A changed row: only the families reading one of its changed columns (a pathway's version or counsellor changes no cell).
      const changed = changeSet.type === ChangeSetType.UPDATE ? Object.keys(changeSet.payload).flatMap((property) => changeSet.meta.properties[property as never]?.fieldNames ?? [property]) : null;
      const reading = familiesReading(driver, changeSet.collection, changed);
      if (reading.length === 0) continue;
      for (const name of reading) families.add(name);
      const entity = changeSet.entity as { id: string; pathway?: { id: string } };
      subjects[counted.kind].add(counted.by === 'id' ? entity.id : entity.pathway!.id);
    }
    if (families.size === 0) return;
    const only: Subjects = { pathway: [...subjects.pathway], refusal: [...subjects.refusal] };
    this.pending.set(em, { subjects: only, families, before: await cellsOf(driver, executor(em), only, families) });
  }

  async afterFlush({ em }: FlushEventArgs): Promise<void> {
    const pending = this.pending.get(em);
    if (!pending) return;
    this.pending.delete(em);
    const after = await cellsOf(driverOf(em), executor(em), pending.subjects, pending.families);
    await addToCells(executor(em), difference(pending.before, after));
  }

  afterRollback(em: EntityManager): void {
    this.pending.delete(em);
  }
}
