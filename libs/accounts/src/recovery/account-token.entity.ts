import { Entity, Index, type EntityManager, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../users/user.entity';

/** What a link sent by e-mail lets its holder do: choose a new password, or a first one. */
export enum AccountTokenPurpose {
  PASSWORD_RESET = 'PASSWORD_RESET',
  INVITATION = 'INVITATION',
}

export enum AccountTokenEndReason {
  /** Its password was chosen. */
  USED = 'USED',
  /** A newer link, or a password chosen through another, replaced it. */
  REPLACED = 'REPLACED',
  /** The account was deactivated or its address changed: the link went to an address that no longer holds it. */
  REVOKED = 'REVOKED',
}

/**
 * One single-use link to choose a password. The link's secret is never stored: only its SHA-256
 * hash, compared when the link comes back. The relay rebuilds the link when it sends the e-mail
 * (AccountLinks derives the secret from the id with the server's key), so that neither the outbox
 * nor this table holds a usable link.
 */
@Entity({ tableName: 'account_token' })
@Index({ properties: ['user', 'endedAt'] })
export class AccountToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true })
  user: Ref<User>;

  @Property({ type: 'string', length: 20 })
  purpose: AccountTokenPurpose;

  @Property({ length: 64 })
  secretHash: string;

  @Property({ type: Date })
  expiresAt: Date;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date, nullable: true })
  endedAt: Date | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  endReason: AccountTokenEndReason | null = null;

  constructor(user: User, purpose: AccountTokenPurpose, secretHash: (id: string) => string, expiresAt: Date, at: Date) {
    this.user = ref(user);
    this.purpose = purpose;
    this.secretHash = secretHash(this.id);
    this.expiresAt = expiresAt;
    this.createdAt = at;
  }

  isUsable(at: Date): boolean {
    return this.endedAt === null && at < this.expiresAt;
  }
}

/** Ends every working link of a user (deactivation, a new address, a password chosen or changed). */
export async function endAccountLinks(em: EntityManager, userId: string, reason: AccountTokenEndReason, at: Date): Promise<void> {
  await em.nativeUpdate(AccountToken, { user: userId, endedAt: null }, { endedAt: at, endReason: reason });
}
