import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock, isUuid, NotFoundError } from '@parcours/core';
import { type Page, Sweep, SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { subDays, subMonths } from 'date-fns';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';
import { OutboxSignal } from './outbox-signal';

/** How long dead letters stay for an administrator to look at. */
export const DEAD_LETTER_RETENTION_MONTHS = 12;

export interface OutboxHealth {
  /** Messages not yet sent (waiting, or held by a relay). */
  backlog: number;
  /** Age of the oldest of them, in seconds (0 when none). */
  oldestUnsentSeconds: number;
  deadLetters: number;
}

@Injectable()
export class OutboxService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly signal: OutboxSignal,
  ) {}

  /** Newest first. */
  deadLetters(actor: Actor, page: { first?: number; after?: string }): Promise<Page<OutboxMessage>> {
    return this.uow.read(actor, (reads) =>
      reads.findByCursor(OutboxMessage, { status: OutboxStatus.DEAD }, { first: page.first ?? 20, after: page.after, orderBy: { finishedAt: 'desc', id: 'desc' }, populate: ['accountToken'] as const }),
    );
  }

  /** The messages to the person about each appointment (convocation, new time, cancellation), as far as the actor sees its pathway; oldest first. */
  personMessages(actor: Actor, appointmentIds: readonly string[]): Promise<OutboxMessage[][]> {
    return this.uow.read(actor, (reads) => reads.byParent(OutboxMessage, 'appointment', appointmentIds.filter(isUuid), { orderBy: { createdAt: 'asc', nextAttemptAt: 'asc', id: 'asc' } }));
  }

  /** Sends a dead letter again, from its first attempt; anything else is NOT_DEAD_LETTER and stays as it is. */
  async retry(actor: Actor, messageId: string): Promise<OutboxMessage> {
    if (!isUuid(messageId)) throw new NotFoundError('Outbox message', ['input', 'messageId']);
    const message = await this.uow.run(actor, async ({ reads, now }) => {
      const found = await reads.findOne(OutboxMessage, { id: messageId }, { populate: ['accountToken'] });
      if (!found) throw new NotFoundError('Outbox message', ['input', 'messageId']);
      found.retry(now);
      return found;
    });
    this.signal.nudge();
    return message;
  }

  /** Sweep: SENT and SKIPPED messages after OUTBOX_RETENTION_DAYS, DEAD ones after 12 months. */
  @Sweep('outbox purge')
  async purge(): Promise<{ purged: number }> {
    const now = this.clock.now();
    const done = subDays(now, this.config.mail.retentionDays);
    const dead = subMonths(now, DEAD_LETTER_RETENTION_MONTHS);
    const purged = await this.uow.read(SYSTEM, (reads) =>
      reads.nativeDelete(OutboxMessage, {
        $or: [
          { status: { $in: [OutboxStatus.SENT, OutboxStatus.SKIPPED] }, finishedAt: { $lt: done } },
          { status: OutboxStatus.DEAD, finishedAt: { $lt: dead } },
        ],
      }),
    );
    return { purged };
  }

  health(): Promise<OutboxHealth> {
    return this.uow.read(SYSTEM, async (reads) => {
      const [backlog, deadLetters, oldest] = await Promise.all([
        reads.count(OutboxMessage, { status: OutboxStatus.PENDING }),
        reads.count(OutboxMessage, { status: OutboxStatus.DEAD }),
        reads.findOne(OutboxMessage, { status: OutboxStatus.PENDING }, { orderBy: { createdAt: 'asc' }, fields: ['createdAt'] }),
      ]);
      const oldestUnsentSeconds = oldest ? Math.max(0, Math.round((this.clock.now().getTime() - oldest.createdAt.getTime()) / 1000)) : 0;
      return { backlog, oldestUnsentSeconds, deadLetters };
    });
  }
}
