import { AuditEntry } from './audit-entry.entity';

/** The entities of libs/audit (the access log): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const AUDIT_ENTITIES = [AuditEntry] as const;
