import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { SignInMethod } from '../users/account-event.entity';
import { User } from '../users/user.entity';

export enum SessionEndReason {
  LOGOUT = 'LOGOUT',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  USER_DEACTIVATED = 'USER_DEACTIVATED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  PASSWORD_RESET = 'PASSWORD_RESET',
}

/**
 * One login. Its access tokens name it, and are honoured only while it has not ended; its refresh
 * token is rotated at each use, and only the hash of the current one is kept.
 */
@Entity({ tableName: 'session' })
@Index({ properties: ['user', 'endedAt'] })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true })
  user: Ref<User>;

  @Property({ length: 64 })
  refreshTokenHash: string;

  @Property({ type: Date })
  refreshExpiresAt: Date;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date })
  lastRefreshedAt: Date;

  @Property({ type: Date, nullable: true })
  endedAt: Date | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  endReason: SessionEndReason | null = null;

  /** PASSWORD or OIDC. */
  @Property({ type: 'string', length: 10, default: 'PASSWORD' })
  via: SignInMethod = 'PASSWORD';

  /**
   * The identity provider's ID token of an OIDC session, for its logout (`id_token_hint`); emptied
   * when the session ends. Never sent to the browser, never logged.
   */
  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  idToken: string | null = null;

  constructor(user: User, refreshTokenHash: string, refreshExpiresAt: Date, at: Date) {
    this.user = ref(user);
    this.refreshTokenHash = refreshTokenHash;
    this.refreshExpiresAt = refreshExpiresAt;
    this.createdAt = at;
    this.lastRefreshedAt = at;
  }

  isLive(at: Date): boolean {
    return this.endedAt === null && at < this.refreshExpiresAt;
  }

  rotate(refreshTokenHash: string, refreshExpiresAt: Date, at: Date): void {
    this.refreshTokenHash = refreshTokenHash;
    this.refreshExpiresAt = refreshExpiresAt;
    this.lastRefreshedAt = at;
  }

  end(reason: SessionEndReason, at: Date): void {
    if (this.endedAt !== null) return;
    this.endedAt = at;
    this.endReason = reason;
  }
}
