import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { User } from './user.entity';

/** Every change of an account, in its history. */
export enum AccountEventType {
  CREATED = 'CREATED',
  INVITED = 'INVITED',
  UPDATED = 'UPDATED',
  DEACTIVATED = 'DEACTIVATED',
  REACTIVATED = 'REACTIVATED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  PASSWORD_RESET_REQUESTED = 'PASSWORD_RESET_REQUESTED',
  PASSWORD_RESET = 'PASSWORD_RESET',
  INVITATION_ACCEPTED = 'INVITATION_ACCEPTED',
  /** Linked to an identity provider's subject, by the e-mail it vouched for. */
  OIDC_LINKED = 'OIDC_LINKED',
  OIDC_UNLINKED = 'OIDC_UNLINKED',
  /** A session opened (`detail.via`: PASSWORD or OIDC). */
  SIGNED_IN = 'SIGNED_IN',
  /** A session ended by its holder. */
  SIGNED_OUT = 'SIGNED_OUT',
}

/** How a session was opened. */
export type SignInMethod = 'PASSWORD' | 'OIDC';

/** What an account event records beside its type: the fields changed by name, a role's change, a hand-over. */
export interface AccountEventDetail {
  /** The properties an update changed, by name (never their values, but the role's). */
  fields?: string[];
  role?: { from: string; to: string };
  /** A deactivation that handed work over: to whom, and how much. */
  successorId?: string;
  handedOver?: Record<string, number>;
  /** SIGNED_IN, INVITATION_ACCEPTED: by password or through the identity provider. */
  via?: SignInMethod;
}

/**
 * The audit of staff accounts: who changed which account, when, and what (by name). Written in
 * the transaction of the change; never changed afterwards.
 */
@Entity({ tableName: 'account_event' })
@Index({ properties: ['user', 'at'] })
export class AccountEvent {
  /** In the order written: the history's order when several changes share an instant. */
  @PrimaryKey({ autoincrement: true })
  id: number;

  @ManyToOne(() => User, { ref: true })
  user: Ref<User>;

  @Property({ type: 'string', length: 30 })
  type: AccountEventType;

  @Property({ type: Date })
  at: Date;

  /** Who made the change; null when nobody signed in made it (a reset link, the bootstrap). */
  @Property({ type: 'string', length: 36, nullable: true })
  byUserId: string | null;

  @Property({ type: 'json', nullable: true })
  detail: AccountEventDetail | null;

  constructor(user: User, type: AccountEventType, byUserId: string | null, at: Date, detail: AccountEventDetail | null = null) {
    this.user = ref(user);
    this.type = type;
    this.byUserId = byUserId;
    this.at = at;
    this.detail = detail;
  }
}
