import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { AuditAction } from '@parcours/unit-of-work';

export { AuditAction };

/**
 * One access to a person's data: who (user, role, organisation), what (operation, object, the
 * fields by name), when, and the request id. Never the data itself. Written by the audit
 * mechanisms only; no operation changes or deletes one (the purge sweep drops the oldest).
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['participantId', 'at'] })
@Index({ properties: ['userId', 'at'] })
export class AuditEntry {
  @PrimaryKey({ autoincrement: true })
  id: number;

  @Property({ type: Date })
  @Index()
  at: Date;

  /** Null for background work (the retention sweep). */
  @Property({ type: 'string', length: 36, nullable: true })
  userId: string | null;

  @Property({ type: 'string', length: 20 })
  role: string;

  @Property({ type: 'string', length: 36, nullable: true })
  organisationId: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  requestId: string | null;

  /** The GraphQL operation (as "query pathways") or the background job. */
  @Property({ length: 200 })
  operation: string;

  @Property({ type: 'string', length: 20 })
  action: AuditAction;

  /** The person whose data it is; null for an export of aggregate figures, which is about nobody. */
  @Property({ type: 'string', length: 36, nullable: true })
  participantId: string | null;

  @Property({ length: 50 })
  objectType: string;

  /** The object's id; for an export of figures, what was asked (a convention's id, or from/to). */
  @Property({ length: 60 })
  objectId: string;

  /** The fields read or changed, by name, comma-separated. */
  @Property({ type: 'text' })
  fields: string;

  /** Why, when the action was asked for with a reason (an erasure). */
  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  constructor(values: Omit<AuditEntry, 'id'>) {
    Object.assign(this, values);
  }
}
