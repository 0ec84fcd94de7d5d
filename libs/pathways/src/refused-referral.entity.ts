import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type Ref } from '@mikro-orm/core';
import { Organisation, User } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { randomUUID } from 'node:crypto';

/**
 * A referral refused as ineligible, kept without any personal data for the outcome figures: who
 * referred (referent, prescriber), to which operator, the commune, the day and the unmet conditions.
 */
@Entity({ tableName: 'refused_referral' })
export class RefusedReferral {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true })
  referent: Ref<User>;

  @ManyToOne(() => Organisation, { ref: true })
  prescriber: Ref<Organisation>;

  @ManyToOne(() => Organisation, { ref: true })
  operator: Ref<Organisation>;

  @Property({ length: 5 })
  communeCode: string;

  @Property({ length: 10 })
  @Index()
  refusedOn: LocalDate;

  /** The unmet conditions, comma-separated (OUTSIDE_TERRITORY, NO_RSA_NOR_BARRIER). */
  @Property({ length: 100 })
  unmetCodes: string;

  @Property({ type: Date })
  at: Date;

  /**
   * Set when an import refused the line: a digest of the person's identity and the operator, so
   * that a file imported again counts the refusal once. Pseudonymous: emptied
   * REFUSAL_KEY_RETENTION_DAYS after the refusal (the imports' purge sweep).
   */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  dedupeKey: string | null;

  constructor(values: { referent: User; prescriber: Organisation; operator: Organisation; communeCode: string; refusedOn: LocalDate; unmet: string[]; at: Date; dedupeKey?: string | null }) {
    this.referent = ref(values.referent);
    this.prescriber = ref(values.prescriber);
    this.operator = ref(values.operator);
    this.communeCode = values.communeCode;
    this.refusedOn = values.refusedOn;
    this.unmetCodes = values.unmet.join(',');
    this.at = values.at;
    this.dedupeKey = values.dedupeKey ?? null;
  }
}
