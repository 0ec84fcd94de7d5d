/**
 * Group commit: items handed in while a write is in progress wait, together, for the next one.
 * Each `add` resolves once the write that holds its items has succeeded (and rejects if it
 * failed), so a caller that awaits it knows its items are stored; concurrent callers share one
 * write instead of each paying for its own. There is never more than one write in flight.
 */
export class GroupCommit<T> {
  private next: { items: T[]; done: Deferred } | null = null;
  private writing = false;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    this.next ??= { items: [], done: deferred() };
    this.next.items.push(...items);
    const { promise } = this.next.done;
    this.drain();
    return promise;
  }

  private drain(): void {
    if (this.writing || !this.next) return;
    const batch = this.next;
    this.next = null;
    this.writing = true;
    this.write(batch.items).then(batch.done.resolve, batch.done.reject).finally(() => {
      this.writing = false;
      this.drain();
    });
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}
