import type { Cursor, EntityClass, EntityManager, FilterQuery, FindByCursorOptions, FindOneOptions, FindOptions, CountOptions, Loaded } from '@mikro-orm/core';
import type { Actor } from '@parcours/accounts';
import { LockMode, Utils } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { checkCursor } from './cursor';

/** A page of a list, and its total over all pages, counted on demand. */
export type Page<T extends object, P extends string = never> = Cursor<T, P, '*', never, false> & { count(): Promise<number> };

/** Background work and the shared mechanisms (composers, data protection after its own check) see every row. */
export const SYSTEM = 'SYSTEM' as const;
export type Viewer = Actor | typeof SYSTEM;

/** An aggregate's entity names its own visibility rule: `static visibleTo(actor): FilterQuery<Self>`. */
export interface ScopedEntity<T extends object> extends EntityClass<T> {
  visibleTo(actor: Actor): FilterQuery<T>;
}

function isScoped<T extends object>(entity: EntityClass<T>): entity is ScopedEntity<T> {
  return typeof (entity as Partial<ScopedEntity<T>>).visibleTo === 'function';
}

/**
 * The only way libs/ read journey entities (a lint rule refuses any other): every query starts
 * from the entity's `visibleTo(viewer)` rule, batch loaders included, so that out of scope and
 * missing are the same nothing. SYSTEM sees all, and says so where it is used.
 */
export class ScopedReads {
  constructor(
    readonly em: EntityManager,
    readonly viewer: Viewer,
  ) {}

  /** The same reads as the system, for the mechanisms that work across every scope. */
  system(): ScopedReads {
    return new ScopedReads(this.em, SYSTEM);
  }

  where<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>): FilterQuery<T> {
    if (this.viewer === SYSTEM || !isScoped(entity)) return where;
    return { $and: [where, entity.visibleTo(this.viewer)] } as FilterQuery<T>;
  }

  find<T extends object, P extends string = never, F extends string = '*'>(entity: EntityClass<T>, where: FilterQuery<T>, options?: FindOptions<T, P, F>): Promise<Loaded<T, P, F>[]> {
    return this.em.find(entity, this.where(entity, where), options);
  }

  findOne<T extends object, P extends string = never, F extends string = '*'>(entity: EntityClass<T>, where: FilterQuery<T>, options?: FindOneOptions<T, P, F>): Promise<Loaded<T, P, F> | null> {
    return this.em.findOne(entity, this.where(entity, where), options);
  }

  /**
   * One row the viewer may see, locked until the command ends (PostgreSQL: FOR UPDATE; SQLite runs
   * one writer at a time), and read afresh: of two commands on one aggregate, the second waits for
   * the first and sees what it wrote. Lock the aggregate first, then load what hangs from it
   * (`em.populate`): FOR UPDATE does not go through outer joins.
   */
  findOneForUpdate<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>): Promise<Loaded<T> | null> {
    const postgres = !(this.em.getPlatform() instanceof BaseSqlitePlatform);
    return this.findOne(entity, where, postgres ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true });
  }

  count<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options?: CountOptions<T>): Promise<number> {
    return this.em.count(entity, this.where(entity, where), options);
  }

  /**
   * A page of a list; a cursor it did not give is INVALID_CURSOR, before any SQL. The total is
   * counted only when asked for (`count()`), by one COUNT on the list's own conditions, without
   * the joins of what the page populates.
   */
  async findByCursor<T extends object, P extends string = never, F extends string = '*'>(entity: EntityClass<T>, where: FilterQuery<T>, options: FindByCursorOptions<T, P, F>): Promise<Page<T, P>> {
    if (typeof options.after === 'string') checkCursor(this.em.getMetadata().get(entity.name), options.orderBy ?? {}, options.after);
    if (typeof options.before === 'string') checkCursor(this.em.getMetadata().get(entity.name), options.orderBy ?? {}, options.before);
    const scoped = this.where(entity, where);
    // MikroORM rewrites the conditions it is given: the count gets its own copy.
    const forCount = Utils.copy(scoped);
    // eslint-disable-next-line no-restricted-syntax -- the one place that pages, once the cursor is checked
    const cursor = (await this.em.findByCursor(entity, scoped, { ...options, includeCount: false } as unknown as FindByCursorOptions<T, P, '*', never, false>)) as Cursor<T, P, '*', never, false>;
    let counted: Promise<number> | undefined;
    return Object.assign(cursor, { count: () => (counted ??= this.em.count(entity, forCount)) });
  }

  /** Rows of several pathways (or any parent) at once, in key order: one statement for a whole page. */
  async byParent<T extends object, P extends string = never>(entity: EntityClass<T>, parent: keyof T & string, ids: readonly string[], options?: FindOptions<T, P>): Promise<T[][]> {
    const rows = (await this.find<T, P>(entity, { [parent]: { $in: [...ids] } } as FilterQuery<T>, options)) as T[];
    const parentId = (row: T) => (row[parent] as { id: string }).id;
    return ids.map((id) => rows.filter((row) => parentId(row) === id));
  }
}
