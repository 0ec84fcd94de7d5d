import type { Cursor, EntityClass, EntityData, EntityManager, FilterQuery, FindByCursorOptions, FindOneOptions, FindOptions, CountOptions, Loaded } from '@mikro-orm/core';
import type { Actor } from '@parcours/core';
import { Cursor as MikroCursor, LockMode, Utils, type QueryOrderMap } from '@mikro-orm/core';
import { BaseSqlitePlatform, type SqlEntityManager } from '@mikro-orm/knex';
import { checkCursor } from './cursor';
import { UNSCOPED_ENTITIES } from './unscoped-entities';

/** A page of a list, and its total over all pages, counted on demand. */
export type Page<T extends object, P extends string = never> = Cursor<T, P, '*', never, false> & { count(): Promise<number> };

/** Background work and the shared mechanisms (composers, data protection after its own check) see every row. */
export const SYSTEM = 'SYSTEM' as const;
export type Viewer = Actor | typeof SYSTEM;

/** An aggregate's entity names its own visibility rule: `static visibleTo(actor): FilterQuery<Self>`. */
export interface ScopedEntity<T extends object> extends EntityClass<T> {
  visibleTo(actor: Actor): FilterQuery<T>;
}

export function isScoped<T extends object>(entity: EntityClass<T>): entity is ScopedEntity<T> {
  return typeof (entity as Partial<ScopedEntity<T>>).visibleTo === 'function';
}

/** Thrown on the first read of an entity that has no visibleTo rule and is not a registered unscoped entity. */
export class UnscopedEntityError extends Error {
  constructor(name: string) {
    super(`${name} has no static visibleTo(actor) and is not in UNSCOPED_ENTITIES (libs/unit-of-work/src/unscoped-entities.ts): give it a rule, or register it with the reason it needs none.`);
  }
}

/** An entity's rule, or nothing for a registered unscoped one; any other entity is refused. */
function ruleOf<T extends object>(entity: EntityClass<T>): ScopedEntity<T> | null {
  if (isScoped(entity)) return entity;
  if (Object.hasOwn(UNSCOPED_ENTITIES, entity.name)) return null;
  throw new UnscopedEntityError(entity.name);
}

/**
 * The only way libs/ read (a lint rule refuses reads of scoped entities through anything else):
 * every query starts from the entity's `visibleTo(viewer)` rule, batch loaders and raw views
 * included, so that out of scope and missing are the same nothing. An entity with no rule must be
 * registered in UNSCOPED_ENTITIES with its reason, or its first read throws (and the server does
 * not start: `assertEveryEntityScoped`). SYSTEM sees all, and says so where it is used. The entity
 * manager itself is reached only through `unscoped(reason)`, a named escape a test lists.
 */
export class ScopedReads {
  readonly #em: EntityManager;

  constructor(
    em: EntityManager,
    readonly viewer: Viewer,
  ) {
    this.#em = em;
  }

  /** The same reads as the system, for the mechanisms that work across every scope. */
  system(): ScopedReads {
    return new ScopedReads(this.#em, SYSTEM);
  }

  /**
   * The entity manager with no scope at all: for writes outside a command's entities (the audit's
   * inserts, purges), raw statements, and reads of registered unscoped entities that need the
   * manager itself. `reason` says why, where it is used; test/architecture lists every use.
   */
  unscoped(reason: string): EntityManager {
    if (reason.trim().length === 0) throw new Error('An unscoped read says why.');
    return this.#em;
  }

  where<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>): FilterQuery<T> {
    const rule = ruleOf(entity);
    if (this.viewer === SYSTEM || !rule) return where;
    return { $and: [where, rule.visibleTo(this.viewer)] } as FilterQuery<T>;
  }

  /**
   * The SQL of the ids of `entity` the viewer may see among `where`, for a raw view to select
   * from (`… where p.id in (${sql})`): a view never takes bare ids.
   */
  idsQuery<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>): { sql: string; params: readonly unknown[] } {
    // knex's own SQL, with `?` placeholders on every driver, as the raw statements around it (getQuery() is the driver's native $1 on PostgreSQL).
    const query = (this.#em as SqlEntityManager).createQueryBuilder(entity, 'scoped').select('id').where(this.where(entity, where)).getKnexQuery().toSQL();
    return { sql: query.sql, params: query.bindings };
  }

  /**
   * The read side without entities: plain rows of a hand-written statement over the ids of
   * `entity` the viewer may see among `where` (`select(ids)` selects from that SQL: `… where p.id
   * in (${ids})`), so that no such statement takes bare ids. No entity is built, no identity map
   * or change set kept: about a tenth of the CPU of the ORM's find for the same SQL. Inside a
   * command, on its transaction (it sees its own writes); otherwise on a reader.
   */
  rows<R extends object, T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, select: (ids: string) => string): Promise<R[]> {
    const scoped = this.idsQuery(entity, where);
    const transaction = this.#em.getTransactionContext();
    return this.#em.getConnection(transaction ? 'write' : 'read').execute<R[]>(select(scoped.sql), [...scoped.params], 'all', transaction);
  }

  /** The database's own dialect, for the few expressions the rows' statements write differently. */
  get dialect(): 'sqlite' | 'postgresql' {
    return this.#em.getPlatform() instanceof BaseSqlitePlatform ? 'sqlite' : 'postgresql';
  }

  /** An instant as a row answers it: SQLite stores milliseconds, PostgreSQL answers text its platform parses. */
  instant(value: unknown): Date | null {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value;
    return typeof value === 'number' || /^\d+$/.test(String(value)) ? new Date(Number(value)) : this.#em.getPlatform().parseDate(String(value));
  }

  /** A boolean as a row answers it: SQLite 0 or 1, PostgreSQL a boolean. */
  boolean(value: unknown): boolean {
    return Boolean(Number(value));
  }

  /** A JSON column as a row answers it: SQLite text, PostgreSQL the parsed value. */
  json<T>(value: unknown): T | null {
    if (value === null || value === undefined) return null;
    return (typeof value === 'string' ? JSON.parse(value) : value) as T;
  }

  /** Deletes the rows the viewer may see among `where` without loading them (the purges, as SYSTEM); how many went. */
  nativeDelete<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>): Promise<number> {
    return this.#em.nativeDelete(entity, this.where(entity, where));
  }

  /** Updates the rows the viewer may see among `where` without loading them (a lease taken by one conditional statement, a purge), as SYSTEM; how many changed. */
  nativeUpdate<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, values: EntityData<T>): Promise<number> {
    return this.#em.nativeUpdate(entity, this.where(entity, where), values);
  }

  /** Loads relations of entities already read in scope (what hangs from an aggregate follows it). */
  async populate<T extends object>(entities: T | T[], populate: readonly string[]): Promise<void> {
    if (populate.length > 0) await this.#em.populate(entities, populate as never[]);
  }

  find<T extends object, P extends string = never, F extends string = '*'>(entity: EntityClass<T>, where: FilterQuery<T>, options?: FindOptions<T, P, F>): Promise<Loaded<T, P, F>[]> {
    return this.#em.find(entity, this.where(entity, where), options);
  }

  findOne<T extends object, P extends string = never, F extends string = '*'>(entity: EntityClass<T>, where: FilterQuery<T>, options?: FindOneOptions<T, P, F>): Promise<Loaded<T, P, F> | null> {
    return this.#em.findOne(entity, this.where(entity, where), options);
  }

  findOneOrFail<T extends object, P extends string = never, F extends string = '*'>(entity: EntityClass<T>, where: FilterQuery<T>, options?: FindOneOptions<T, P, F>): Promise<Loaded<T, P, F>> {
    return this.#em.findOneOrFail(entity, this.where(entity, where), options);
  }

  /**
   * One row the viewer may see, locked until the command ends (PostgreSQL: FOR UPDATE; SQLite runs
   * one writer at a time), and read afresh: of two commands on one aggregate, the second waits for
   * the first and sees what it wrote. Lock the aggregate first, then load what hangs from it
   * (`em.populate`): FOR UPDATE does not go through outer joins.
   */
  findOneForUpdate<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>): Promise<Loaded<T> | null> {
    const postgres = !(this.#em.getPlatform() instanceof BaseSqlitePlatform);
    return this.findOne(entity, where, postgres ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true });
  }

  count<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options?: CountOptions<T>): Promise<number> {
    return this.#em.count(entity, this.where(entity, where), options);
  }

  /**
   * A page of a list; a cursor it did not give is INVALID_CURSOR, before any SQL. The total is
   * counted only when asked for (`count()`), by one COUNT on the list's own conditions, without
   * the joins of what the page populates.
   */
  async findByCursor<T extends object, P extends string = never, F extends string = '*'>(entity: EntityClass<T>, where: FilterQuery<T>, options: FindByCursorOptions<T, P, F>): Promise<Page<T, P>> {
    if (typeof options.after === 'string') checkCursor(this.#em.getMetadata().get(entity.name), options.orderBy ?? {}, options.after);
    if (typeof options.before === 'string') checkCursor(this.#em.getMetadata().get(entity.name), options.orderBy ?? {}, options.before);
    const scoped = this.where(entity, where);
    const count = this.countOnDemand(entity, scoped);
    // eslint-disable-next-line no-restricted-syntax -- the one place that pages, once the cursor is checked
    const cursor = (await this.#em.findByCursor(entity, scoped, { ...options, includeCount: false } as unknown as FindByCursorOptions<T, P, '*', never, false>)) as Cursor<T, P, '*', never, false>;
    return Object.assign(cursor, { count });
  }

  /**
   * A page of a list as its keys only (the ordered properties, the id among them), no entity: for a
   * list whose rows are then read as views (`rows`). The same cursors as `findByCursor`, the same
   * INVALID_CURSOR before any SQL, the same total on demand. Building a page of 50 partial
   * entities (with their collections) cost more CPU than its statement (a profile of the pathways list).
   */
  async keysByCursor<T extends object, K extends keyof T & string>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    options: { first: number; after?: string | null; orderBy: Record<K, 'asc' | 'desc'> },
  ): Promise<Page<Pick<T, K>>> {
    const meta = this.#em.getMetadata().get<T>(entity.name);
    if (typeof options.after === 'string') checkCursor(meta, options.orderBy, options.after);
    const scoped = this.where(entity, where);
    const count = this.countOnDemand(entity, scoped);
    const cursorOptions: { first: number; after?: string; orderBy: Record<K, 'asc' | 'desc'>; overfetch: true; limit?: number } = { first: options.first, after: options.after ?? undefined, orderBy: options.orderBy, overfetch: true };
    const driver = this.#em.getDriver() as unknown as { processCursorOptions(meta: unknown, options: object, orderBy: object): { where: FilterQuery<T>; orderBy: QueryOrderMap<T>[] } };
    const page = driver.processCursorOptions(meta, cursorOptions, options.orderBy);
    const keys = Object.keys(options.orderBy) as K[];
    const rows = await (this.#em as SqlEntityManager)
      .createQueryBuilder(entity, 'keys')
      .select(keys)
      .where({ $and: [scoped, page.where] } as FilterQuery<T>)
      .orderBy(page.orderBy)
      .limit(cursorOptions.limit!)
      .execute<Pick<T, K>[]>('all');
    const cursor = new MikroCursor<Pick<T, K>, never, '*', never, false>(rows as never, undefined as never, cursorOptions as never, meta as never);
    return Object.assign(cursor, { count }) as unknown as Page<Pick<T, K>>;
  }

  /** A list's total, counted once and only when asked for, on its own conditions (MikroORM rewrites the conditions it is given: the count gets its own copy). */
  private countOnDemand<T extends object>(entity: EntityClass<T>, scoped: FilterQuery<T>): () => Promise<number> {
    const forCount = Utils.copy(scoped);
    let counted: Promise<number> | undefined;
    return () => (counted ??= this.#em.count(entity, forCount));
  }

  /** Rows of several pathways (or any parent) at once, in key order: one statement for a whole page. */
  async byParent<T extends object, P extends string = never>(entity: EntityClass<T>, parent: keyof T & string, ids: readonly string[], options?: FindOptions<T, P>): Promise<T[][]> {
    const rows = (await this.find<T, P>(entity, { [parent]: { $in: [...ids] } } as FilterQuery<T>, options)) as T[];
    const parentId = (row: T) => (row[parent] as { id: string }).id;
    return ids.map((id) => rows.filter((row) => parentId(row) === id));
  }
}
