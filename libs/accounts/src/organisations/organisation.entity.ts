import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { isPartnerKind, OrganisationKind } from '@parcours/core';
import { DEFAULT_REMINDER_DELAYS, type ReminderDelay } from './reminder-delays';

/** A name as stored: without surrounding or repeated spaces. */
export function organisationName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Names compare without case or surrounding and repeated spaces. */
export function organisationNameKey(name: string): string {
  return organisationName(name).toLowerCase();
}

@Entity({ tableName: 'organisation' })
export class Organisation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 200 })
  name: string;

  /**
   * Unique: users pick operators, prescribers and funders by name. A partner's key is its name
   * followed by its id, so two establishments of one network with the same name both register
   * (partners are unique by SIRET instead); it still sorts by name.
   */
  @Property({ length: 240, unique: true })
  nameKey: string;

  @Property({ type: 'string', length: 20 })
  @Index()
  kind: OrganisationKind;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date })
  updatedAt: Date;

  /**
   * An OPERATOR's contact for referents and, later, the people it accompanies: its address, a
   * phone number and an e-mail address of the structure (not of a person), shown in reports.
   */
  @Property({ type: 'string', length: 300, nullable: true })
  contactAddress: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  contactPhone: string | null = null;

  @Property({ type: 'string', length: 254, nullable: true })
  contactEmail: string | null = null;

  /** An OPERATOR's reminders of appointments to the people it accompanies, set by its MANAGER; null: the defaults. */
  @Property({ type: 'json', nullable: true })
  reminderDelays: ReminderDelay[] | null = null;

  /**
   * Its accounts sign in through the identity provider only (OIDC_* set): their passwords are
   * refused and no reset link is sent. Never applied to ADMIN accounts.
   */
  @Property({ default: false })
  oidcRequired: boolean = false;

  constructor(name: string, kind: OrganisationKind, at: Date) {
    this.kind = kind;
    this.createdAt = at;
    this.rename(name, at);
  }

  /** An OPERATOR's contact, each part trimmed, an empty one cleared. */
  setContact(contact: { address?: string | null; phone?: string | null; email?: string | null }, at: Date): void {
    this.contactAddress = contact.address?.trim() || null;
    this.contactPhone = contact.phone?.trim() || null;
    this.contactEmail = contact.email?.trim().toLowerCase() || null;
    this.updatedAt = at;
  }

  /** The reminders its people get before an appointment (the defaults until its MANAGER sets them). */
  get reminders(): readonly ReminderDelay[] {
    return this.reminderDelays ?? DEFAULT_REMINDER_DELAYS;
  }

  rename(name: string, at: Date): void {
    this.name = organisationName(name);
    this.nameKey = isPartnerKind(this.kind) ? `${organisationNameKey(name)}#${this.id}` : organisationNameKey(name);
    this.updatedAt = at;
  }
}
