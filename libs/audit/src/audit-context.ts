import type { Actor } from '@parcours/accounts';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditAction } from './audit-entry.entity';

/** Who is acting in the current request, for the audit of writes made anywhere below it. */
export interface AuditScope {
  requestId: string | null;
  operation: string;
  actor?: Actor;
  /** What writes in this scope are: WRITE unless an erasure or the retention sweep says otherwise. */
  action?: AuditAction;
  reason?: string;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** Runs work (a request, a sweep) inside an audit scope. */
export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}
