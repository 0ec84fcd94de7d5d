import { EntityManager, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/**
 * A step that turns what a unit of work wrote into more rows of the same transaction (the report
 * composer turns journey events into reports; the outbox will turn reports into messages).
 */
export interface FlushComposer {
  /** Composers run in increasing order: a later one sees what an earlier one added. */
  readonly order: number;
  compose(args: FlushEventArgs): Promise<void>;
  /** After the flush's statements, still in its transaction (compose ran before them). */
  afterFlush?(args: FlushEventArgs): Promise<void>;
  /** After the transaction of that flush committed: announce what it wrote. */
  afterCommit?(em: EntityManager): void;
  afterRollback?(em: EntityManager): void;
}

/** Marks a provider as a flush composer; the pipeline finds every one at start. */
export const Composer = DiscoveryService.createDecorator<void>();

/**
 * Where each composer stands in the pipeline. The audit of writes is always last, so that it sees
 * every row the unit of work wrote, the composed ones included.
 */
export const COMPOSER_ORDER = { REPORTS: 10, NOTIFICATIONS: 15, OUTBOX: 20, OUTCOMES: 30, AUDIT: Number.MAX_SAFE_INTEGER } as const;

/**
 * The one ORM subscriber: at every flush, the composers in their fixed order (reports, the
 * outbox, the outcome model), then the audit of every personal property written in the flush, whoever wrote it.
 */
@Injectable()
export class FlushPipeline implements EventSubscriber, OnModuleInit {
  private composers: FlushComposer[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    this.composers = this.discovery
      .getProviders({ metadataKey: Composer.KEY })
      .map((wrapper) => wrapper.instance as FlushComposer)
      .sort((a, b) => a.order - b.order);
    this.em.getEventManager().registerSubscriber(this);
  }

  /** The composers in the order they run, for the tests and the README. */
  steps(): string[] {
    return this.composers.map((composer) => composer.constructor.name);
  }

  async onFlush(args: FlushEventArgs): Promise<void> {
    for (const composer of this.composers) await composer.compose(args);
  }

  async afterFlush(args: FlushEventArgs): Promise<void> {
    for (const composer of this.composers) await composer.afterFlush?.(args);
  }

  async afterTransactionCommit({ em }: TransactionEventArgs): Promise<void> {
    for (const composer of this.composers) composer.afterCommit?.(em);
  }

  async afterTransactionRollback({ em }: TransactionEventArgs): Promise<void> {
    for (const composer of this.composers) composer.afterRollback?.(em);
  }
}
