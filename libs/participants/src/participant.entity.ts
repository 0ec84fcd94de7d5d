import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { User } from '@parcours/accounts';
import { searchText, type LocalDate } from '@parcours/core';
import { randomUUID } from 'node:crypto';
import { identityKey } from './identity-key';
import { EducationLevel, MessageChannel, RsaStatus, Sex } from './participant-enums';

/** Who the person is and how to reach them, as known now (the situation at referral stays with the pathway). */
export interface ParticipantDetails {
  lastName: string;
  firstNames: string;
  birthDate: LocalDate;
  sex: Sex | null;
  phone: string | null;
  email: string | null;
  addressLine: string;
  postalCode: string;
  communeCode: string;
  rsaStatus: RsaStatus;
  franceTravailRegistered: boolean;
  franceTravailId: string | null;
  franceTravailMissingReason: string | null;
  educationLevel: EducationLevel;
  informedOn: LocalDate;
}

export const PARTICIPANT_DETAIL_FIELDS: (keyof ParticipantDetails)[] = [
  'lastName',
  'firstNames',
  'birthDate',
  'sex',
  'phone',
  'email',
  'addressLine',
  'postalCode',
  'communeCode',
  'rsaStatus',
  'franceTravailRegistered',
  'franceTravailId',
  'franceTravailMissingReason',
  'educationLevel',
  'informedOn',
];

/** A person referred to Parcours. One per identity: same names and birth date is the same person. */
@Entity({ tableName: 'participant' })
export class Participant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 100 }) lastName: string;
  @Property({ length: 200 }) firstNames: string;
  /** Null once anonymised. */
  @Property({ type: 'string', length: 10, nullable: true }) birthDate: LocalDate | null;

  /** Names and birth date compared without accents, case, hyphens, apostrophes or spaces. */
  @Property({ length: 320, unique: true })
  identityKey: string;

  @Property({ length: 300 })
  @Index()
  searchName: string;

  @Property({ type: 'string', length: 10, nullable: true }) sex: Sex | null = null;
  @Property({ type: 'string', length: 30, nullable: true }) phone: string | null = null;
  @Property({ type: 'string', length: 254, nullable: true }) email: string | null = null;
  @Property({ length: 300 }) addressLine: string;
  @Property({ length: 5 }) postalCode: string;
  @Property({ length: 5 }) @Index() communeCode: string;
  @Property({ type: 'string', length: 20 }) rsaStatus: RsaStatus;
  @Property() franceTravailRegistered: boolean;
  @Property({ type: 'string', length: 20, nullable: true, unique: true }) franceTravailId: string | null = null;
  @Property({ type: 'string', length: 500, nullable: true }) franceTravailMissingReason: string | null = null;
  @Property({ type: 'string', length: 10 }) educationLevel: EducationLevel;
  /** The day the person was told how Parcours processes their data. */
  @Property({ length: 10 }) informedOn: LocalDate;

  @Property({ type: Date }) createdAt: Date;
  @Property({ type: Date }) updatedAt: Date;

  /**
   * The person's consent to messages by SMS (to a mobile) and by e-mail: when, and who recorded it.
   * Withdrawn, or gone with the number or address it was given for, both are null again.
   */
  @Property({ type: Date, nullable: true }) smsConsentAt: Date | null = null;
  @ManyToOne(() => User, { ref: true, nullable: true }) smsConsentBy: Ref<User> | null = null;
  @Property({ type: Date, nullable: true }) emailConsentAt: Date | null = null;
  @ManyToOne(() => User, { ref: true, nullable: true }) emailConsentBy: Ref<User> | null = null;

  /** Set when the person's identity was erased (on request, or by the retention sweep). */
  @Property({ type: Date, nullable: true }) anonymisedAt: Date | null = null;

  constructor(details: ParticipantDetails, at: Date) {
    this.createdAt = at;
    this.apply(details, at);
  }

  /**
   * Applies new details; answers the names of the fields that changed (never their values). A new
   * phone number or e-mail address ends the consent given for the old one (named among the changes).
   */
  apply(details: ParticipantDetails, at: Date): string[] {
    const changed: string[] = PARTICIPANT_DETAIL_FIELDS.filter((field) => (this as Record<string, unknown>)[field] !== details[field]);
    if (changed.includes('phone') && this.withdrawConsent(MessageChannel.SMS)) changed.push('smsConsent');
    if (changed.includes('email') && this.withdrawConsent(MessageChannel.EMAIL)) changed.push('emailConsent');
    Object.assign(this, Object.fromEntries(PARTICIPANT_DETAIL_FIELDS.map((field) => [field, details[field]])));
    this.identityKey = identityKey(details.lastName, details.firstNames, details.birthDate);
    this.searchName = searchText(`${details.lastName} ${details.firstNames}`);
    this.updatedAt = at;
    return changed;
  }

  /** The consent to messages by a channel, recorded by a member of staff (the rules are the caller's: pathways' person-input). */
  giveConsent(channel: MessageChannel, by: User, at: Date): void {
    if (channel === MessageChannel.SMS) Object.assign(this, { smsConsentAt: at, smsConsentBy: ref(by) });
    else Object.assign(this, { emailConsentAt: at, emailConsentBy: ref(by) });
  }

  /** Ends the consent by a channel; whether there was one. */
  withdrawConsent(channel: MessageChannel): boolean {
    const had = this.consentAt(channel) !== null;
    if (channel === MessageChannel.SMS) Object.assign(this, { smsConsentAt: null, smsConsentBy: null });
    else Object.assign(this, { emailConsentAt: null, emailConsentBy: null });
    return had;
  }

  consentAt(channel: MessageChannel): Date | null {
    return channel === MessageChannel.SMS ? this.smsConsentAt : this.emailConsentAt;
  }

  /**
   * Irreversibly replaces what identifies the person; keeps what the figures need (sex, commune,
   * RSA status, registration, education level, dates). PERSONAL_DATA lists which is which.
   */
  anonymise(at: Date): void {
    if (this.anonymisedAt) return;
    Object.assign(this, {
      lastName: '',
      firstNames: '',
      birthDate: null,
      phone: null,
      email: null,
      addressLine: '',
      postalCode: '',
      franceTravailId: null,
      franceTravailMissingReason: null,
      smsConsentAt: null,
      smsConsentBy: null,
      emailConsentAt: null,
      emailConsentBy: null,
      identityKey: `anonymised:${this.id}`,
      searchName: '',
      anonymisedAt: at,
      updatedAt: at,
    });
  }

  details(): ParticipantDetails {
    return Object.fromEntries(PARTICIPANT_DETAIL_FIELDS.map((field) => [field, this[field]])) as unknown as ParticipantDetails;
  }
}
