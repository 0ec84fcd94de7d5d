import { Entity, Index, Unique, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AccountsError } from '../accounts-error';
import { Organisation } from '../organisations/organisation.entity';
import { Role, roleFits, searchText } from '@parcours/core';

/** E-mail addresses compare without case: the key is what is unique. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

@Entity({ tableName: 'app_user' })
@Unique({ properties: ['oidcIssuer', 'oidcSubject'] })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organisation, { ref: true })
  organisation: Ref<Organisation>;

  @Property({ type: 'string', length: 20 })
  @Index()
  role: Role;

  @Property({ length: 254 })
  email: string;

  @Property({ length: 254, unique: true })
  emailKey: string;

  @Property({ length: 200 })
  fullName: string;

  /** fullName without accents or case, for search. */
  @Property({ length: 200 })
  @Index()
  searchName: string;

  @Property({ length: 200, lazy: true, hidden: true })
  passwordHash: string;

  @Property({ type: Date, nullable: true })
  deactivatedAt: Date | null = null;

  @Property({ type: Date })
  passwordChangedAt: Date;

  /** False while an invitation waits: the account has no password anyone could sign in with. */
  @Property({ default: true })
  passwordSet: boolean = true;

  /**
   * The OpenID Connect provider's identifier of this person (its `sub`), recorded at the first sign-in
   * through it (linked by the e-mail it vouches for) and used alone thereafter; null: not linked.
   */
  @Property({ type: 'string', length: 255, nullable: true })
  oidcSubject: string | null = null;

  /** The issuer `oidcSubject` was given by: a subject means something only at its issuer. */
  @Property({ type: 'string', length: 255, nullable: true })
  oidcIssuer: string | null = null;

  /**
   * The user's own choices of how each kind of notice reaches them by e-mail, where they differ from
   * the defaults: kind → AT_ONCE, DIGEST, CONSOLE_ONLY or OFF (libs/notifications'
   * notification-settings.ts holds the kinds, what each allows, and the defaults). The REPORT
   * kind is the referent's reports (what was `reportEmails`).
   */
  @Property({ type: 'json', nullable: true })
  notificationEmails: Record<string, string> | null = null;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date })
  updatedAt: Date;

  /** `passwordHash` null: an invitation, whose link chooses the first password. */
  constructor(organisation: Organisation, role: Role, email: string, fullName: string, passwordHash: string | null, at: Date) {
    assertRoleFits(role, organisation);
    this.organisation = ref(organisation);
    this.role = role;
    this.email = email.trim();
    this.emailKey = emailKey(email);
    this.fullName = fullName.trim();
    this.searchName = searchText(fullName);
    this.passwordHash = passwordHash ?? '';
    this.passwordSet = passwordHash !== null;
    this.passwordChangedAt = at;
    this.createdAt = at;
    this.updatedAt = at;
  }

  get active(): boolean {
    return this.deactivatedAt === null;
  }

  deactivate(at: Date): void {
    if (!this.active) throw new AccountsError('ALREADY_DEACTIVATED', 'This account is already deactivated.', ['input', 'userId']);
    this.deactivatedAt = at;
    this.updatedAt = at;
  }

  reactivate(at: Date): void {
    if (this.active) throw new AccountsError('ALREADY_ACTIVE', 'This account is already active.', ['input', 'userId']);
    this.deactivatedAt = null;
    this.updatedAt = at;
  }

  /** Name, address and role; the names of the properties that changed. */
  update(changes: { fullName?: string; email?: string; role?: Role }, at: Date): string[] {
    const changed: string[] = [];
    if (changes.fullName !== undefined && changes.fullName.trim() !== this.fullName) {
      this.fullName = changes.fullName.trim();
      this.searchName = searchText(this.fullName);
      changed.push('fullName');
    }
    if (changes.email !== undefined && changes.email.trim() !== this.email) {
      this.email = changes.email.trim();
      this.emailKey = emailKey(this.email);
      changed.push('email');
    }
    if (changes.role !== undefined && changes.role !== this.role) {
      assertRoleFits(changes.role, this.organisation.getEntity());
      this.role = changes.role;
      changed.push('role');
    }
    if (changed.length > 0) this.updatedAt = at;
    return changed;
  }

  /** Sets the kinds named (checked by the caller), keeping the others. */
  updateNotificationSettings(settings: Record<string, string>, at: Date): void {
    this.notificationEmails = { ...this.notificationEmails, ...settings };
    this.updatedAt = at;
  }

  /** Links the account to this issuer's subject (its first sign-in through the provider). */
  linkOidc(issuer: string, subject: string, at: Date): void {
    this.oidcIssuer = issuer;
    this.oidcSubject = subject;
    this.updatedAt = at;
  }

  unlinkOidc(at: Date): void {
    if (this.oidcSubject === null) throw new AccountsError('OIDC_NOT_LINKED', 'This account is not linked to an identity provider.', ['input', 'userId']);
    this.oidcIssuer = null;
    this.oidcSubject = null;
    this.updatedAt = at;
  }

  changePassword(passwordHash: string, at: Date): void {
    this.passwordHash = passwordHash;
    this.passwordSet = true;
    this.passwordChangedAt = at;
    this.updatedAt = at;
  }
}

function assertRoleFits(role: Role, organisation: Organisation): void {
  if (!roleFits(role, organisation.kind)) {
    throw new AccountsError(
      'ROLE_DOES_NOT_FIT_ORGANISATION',
      `A ${role} must belong to an organisation of the kind that fits the role, not ${organisation.kind}.`,
      ['input', 'role'],
    );
  }
}

declare module '@parcours/unit-of-work' {
  /** The acting user of a command is an account: `work.by` is a reference to its User. */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the augmentation only names what the unit of work's ActingUser is
  interface ActingUser extends User {}
}
