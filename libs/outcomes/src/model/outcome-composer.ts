import { type EntityManager, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Composer, COMPOSER_ORDER, type FlushComposer } from '@parcours/unit-of-work';
import type { Subjects } from '../outcome-figures';
import { addToCells, cellsOf, COUNTED_TABLES, difference } from './outcome-model';
import { driverOf, executor } from './outcome-model.service';

/**
 * Keeps the outcome model in step with the journey, in the transaction that writes it: before a
 * flush's statements, the cells of every pathway (and refused attempt) it writes a counted row of;
 * after them, the same cells again; the difference is added to the model (one upsert). Run after
 * the reports' composer, so that a report composed in the flush is counted too.
 */
@Composer()
@Injectable()
export class OutcomeComposer implements FlushComposer {
  readonly order = COMPOSER_ORDER.OUTCOMES;
  private readonly pending = new WeakMap<EntityManager, { subjects: Subjects; before: Map<string, number[]> }>();

  async compose({ em, uow }: FlushEventArgs): Promise<void> {
    this.pending.delete(em);
    const subjects = { pathway: new Set<string>(), refusal: new Set<string>() };
    for (const changeSet of uow.getChangeSets()) {
      const counted = COUNTED_TABLES[changeSet.collection];
      if (!counted) continue;
      const entity = changeSet.entity as { id: string; pathway?: { id: string } };
      subjects[counted.kind].add(counted.by === 'id' ? entity.id : entity.pathway!.id);
    }
    if (subjects.pathway.size + subjects.refusal.size === 0) return;
    const only: Subjects = { pathway: [...subjects.pathway], refusal: [...subjects.refusal] };
    this.pending.set(em, { subjects: only, before: await cellsOf(driverOf(em), executor(em), only) });
  }

  async afterFlush({ em }: FlushEventArgs): Promise<void> {
    const pending = this.pending.get(em);
    if (!pending) return;
    this.pending.delete(em);
    const after = await cellsOf(driverOf(em), executor(em), pending.subjects);
    await addToCells(executor(em), difference(pending.before, after));
  }

  afterRollback(em: EntityManager): void {
    this.pending.delete(em);
  }
}
