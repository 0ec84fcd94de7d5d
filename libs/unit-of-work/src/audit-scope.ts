import type { Actor } from '@parcours/core';
import { AsyncLocalStorage } from 'node:async_hooks';

export enum AuditAction {
  READ = 'READ',
  WRITE = 'WRITE',
  EXPORT = 'EXPORT',
  ERASE = 'ERASE',
  ANONYMISE = 'ANONYMISE',
  /** A session opened (by password or through the identity provider) or ended by its holder: about no person. */
  SIGN_IN = 'SIGN_IN',
  SIGN_OUT = 'SIGN_OUT',
}

/** Who is acting in the current request or background job, for the audit of what it reads and writes. */
export interface AuditScope {
  requestId: string | null;
  operation: string;
  actor?: Actor;
  /** Who acts without an account: the person through the link in their messages. */
  role?: 'PERSON_LINK';
  /** What writes in this scope are: WRITE unless an erasure or the retention sweep says otherwise. */
  action?: AuditAction;
  reason?: string;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** Runs work (a request, a unit of work) inside an audit scope. */
export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}
