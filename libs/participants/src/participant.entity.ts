import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { searchText, type LocalDate } from '@parcours/core';
import { randomUUID } from 'node:crypto';
import { identityKey } from './identity-key';
import { EducationLevel, RsaStatus, Sex } from './participant-enums';

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

  /** Set when the person's identity was erased (on request, or by the retention sweep). */
  @Property({ type: Date, nullable: true }) anonymisedAt: Date | null = null;

  constructor(details: ParticipantDetails, at: Date) {
    this.createdAt = at;
    this.apply(details, at);
  }

  /** Applies new details; answers the names of the fields that changed (never their values). */
  apply(details: ParticipantDetails, at: Date): (keyof ParticipantDetails)[] {
    const changed = PARTICIPANT_DETAIL_FIELDS.filter((field) => (this as Record<string, unknown>)[field] !== details[field]);
    Object.assign(this, Object.fromEntries(PARTICIPANT_DETAIL_FIELDS.map((field) => [field, details[field]])));
    this.identityKey = identityKey(details.lastName, details.firstNames, details.birthDate);
    this.searchName = searchText(`${details.lastName} ${details.firstNames}`);
    this.updatedAt = at;
    return changed;
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
