import { Collection, Entity, Index, ManyToOne, OneToMany, OneToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Organisation, organisationName, Role, User, type Actor } from '@parcours/accounts';
import { searchText } from '@parcours/core';
import { randomUUID } from 'node:crypto';

/** The person to call at a partner: personal data of that person (see the module's policy). */
export interface PartnerContact {
  name: string;
  phone: string | null;
  email: string | null;
}

/** What a partner is registered with, and what an update replaces. */
export interface PartnerDetails {
  name: string;
  siret: string;
  communeCode: string;
  contact: PartnerContact | null;
}

export enum PartnerChangeKind {
  REGISTERED = 'REGISTERED',
  UPDATED = 'UPDATED',
  CONTACT_FORGOTTEN = 'CONTACT_FORGOTTEN',
}

/**
 * An employer, temp agency or training body of the associations' network: one-to-one with its
 * organisation, shared by every operator, unique by SIRET. Registered by an ADMIN or a MANAGER;
 * changed by an ADMIN or a MANAGER of the operator that registered it.
 */
@Entity({ tableName: 'partner' })
export class Partner {
  /** Operator staff and ADMIN read every partner (partners are shared); nobody else any. */
  static visibleTo(actor: Actor): FilterQuery<Partner> {
    return [Role.ADMIN, Role.MANAGER, Role.COUNSELLOR].includes(actor.role) ? {} : { id: { $in: [] } };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @OneToOne(() => Organisation, { owner: true, ref: true, unique: true })
  organisation: Ref<Organisation>;

  @Property({ length: 14, unique: true })
  siret: string;

  /** The name and SIRET as searched (searchText). */
  @Property({ length: 260 })
  searchName: string;

  /** INSEE code; outside the programme territory is allowed. */
  @Property({ length: 5 })
  communeCode: string;

  @Property({ type: 'string', length: 200, nullable: true })
  contactName: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  contactPhone: string | null = null;

  @Property({ type: 'string', length: 254, nullable: true })
  contactEmail: string | null = null;

  /** The operator whose MANAGERs may change it (the registering user's organisation). */
  @ManyToOne(() => Organisation, { ref: true })
  registeredBy: Ref<Organisation>;

  @Property({ type: Date })
  createdAt: Date;

  /** The last change by a person: the contact's retention counts from it. */
  @Property({ type: Date })
  @Index()
  updatedAt: Date;

  @OneToMany(() => PartnerChange, (change) => change.partner)
  history = new Collection<PartnerChange>(this);

  constructor(organisation: Organisation, details: PartnerDetails, registeredBy: string, by: User, at: Date) {
    this.organisation = ref(organisation);
    this.registeredBy = ref(Organisation, registeredBy);
    this.createdAt = at;
    this.siret = details.siret;
    this.communeCode = details.communeCode;
    this.searchName = searchText(`${organisation.name} ${details.siret}`);
    this.setContact(details.contact);
    this.updatedAt = at;
    this.history.add(new PartnerChange(this, PartnerChangeKind.REGISTERED, [], by, at));
  }

  get name(): string {
    return this.organisation.getEntity().name;
  }

  get contact(): PartnerContact | null {
    return this.contactName ? { name: this.contactName, phone: this.contactPhone, email: this.contactEmail } : null;
  }

  /** Replaces the details; the history names the fields that changed (never their values). */
  update(details: PartnerDetails, by: User, at: Date): void {
    const organisation = this.organisation.getEntity();
    const changed: string[] = [];
    if (organisation.name !== organisationName(details.name)) changed.push('name');
    if (this.siret !== details.siret) changed.push('siret');
    if (this.communeCode !== details.communeCode) changed.push('communeCode');
    if (JSON.stringify(this.contact) !== JSON.stringify(details.contact)) changed.push('contact');
    if (changed.length === 0) return;
    if (changed.includes('name')) organisation.rename(details.name, at);
    this.siret = details.siret;
    this.communeCode = details.communeCode;
    this.searchName = searchText(`${organisation.name} ${details.siret}`);
    this.setContact(details.contact);
    this.updatedAt = at;
    this.history.add(new PartnerChange(this, PartnerChangeKind.UPDATED, changed, by, at));
  }

  /** The retention sweep: the contact person's details go; the history says so, by nobody. */
  forgetContact(at: Date): void {
    if (!this.contactName) return;
    this.setContact(null);
    this.history.add(new PartnerChange(this, PartnerChangeKind.CONTACT_FORGOTTEN, ['contact'], null, at));
  }

  private setContact(contact: PartnerContact | null): void {
    this.contactName = contact?.name ?? null;
    this.contactPhone = contact?.phone ?? null;
    this.contactEmail = contact?.email ?? null;
  }
}

/** One line of a partner's history: who changed which fields, when. */
@Entity({ tableName: 'partner_change' })
@Index({ properties: ['partner', 'at'] })
export class PartnerChange {
  static visibleTo(actor: Actor): FilterQuery<PartnerChange> {
    return { partner: Partner.visibleTo(actor) };
  }

  @PrimaryKey({ autoincrement: true })
  id: number;

  @ManyToOne(() => Partner, { ref: true })
  partner: Ref<Partner>;

  @Property({ type: 'string', length: 20 })
  kind: PartnerChangeKind;

  /** The names of the fields changed, comma-separated. */
  @Property({ length: 200 })
  fields: string;

  /** Null for the retention sweep. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  by: Ref<User> | null;

  @Property({ type: Date })
  at: Date;

  constructor(partner: Partner, kind: PartnerChangeKind, fields: string[], by: User | null, at: Date) {
    this.partner = ref(partner);
    this.kind = kind;
    this.fields = fields.join(',');
    this.by = by ? ref(by) : null;
    this.at = at;
  }
}
