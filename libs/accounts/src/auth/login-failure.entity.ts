import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * One failed login, counted against a key: an account (a hash of its e-mail key, so that mistyped
 * addresses are not stored) or a client address. Kept in the database so every process counts the
 * same; rows older than the throttle window are deleted as new ones come.
 */
@Entity({ tableName: 'login_failure' })
@Index({ properties: ['key', 'failedAt'] })
export class LoginFailure {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 100 })
  key: string;

  @Property({ type: Date })
  failedAt: Date;

  constructor(key: string, failedAt: Date) {
    this.key = key;
    this.failedAt = failedAt;
  }
}
