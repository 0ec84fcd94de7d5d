import { BigIntType, Entity, Index, ManyToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Organisation, Role, User, type Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { randomUUID } from 'node:crypto';

/** A convention's terms, checked (convention-terms.ts) and its organisations found. */
export interface ConventionTerms {
  operator: Organisation;
  funder: Organisation;
  title: string;
  budgetLine: string;
  startOn: LocalDate;
  endOn: LocalDate;
  targetParticipants: number;
  /** Integer cents (euros × 100). */
  amountCents: number;
}

/**
 * A funding convention between an operator and a funder (DOMAIN.md): what the money is for, over
 * which period, for how many people. A pathway counts for it when it was open at some day of its
 * period.
 */
@Entity({ tableName: 'convention' })
@Index({ properties: ['operator'] })
@Index({ properties: ['funder'] })
export class Convention {
  /** The operator's staff see their own; a FUNDER those it funds; ADMIN all. */
  static visibleTo(actor: Actor): FilterQuery<Convention> {
    if (actor.role === Role.ADMIN) return {};
    if (actor.role === Role.FUNDER) return { funder: actor.organisationId };
    if (actor.role === Role.MANAGER || actor.role === Role.COUNSELLOR) return { operator: actor.organisationId };
    return { id: { $in: [] } };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organisation, { ref: true })
  operator: Ref<Organisation>;

  @ManyToOne(() => Organisation, { ref: true })
  funder: Ref<Organisation>;

  @Property({ length: 200 })
  title: string;

  /** As the funder's accounts name it, e.g. "SERV / chap 65 / SUECO". */
  @Property({ length: 100 })
  budgetLine: string;

  @Property({ length: 10 })
  startOn: LocalDate;

  @Property({ length: 10 })
  endOn: LocalDate;

  @Property({ type: 'integer' })
  targetParticipants: number;

  @Property({ type: new BigIntType('number') })
  amountCents: number;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date })
  updatedAt: Date;

  @Property({ version: true })
  version: number;

  constructor(terms: ConventionTerms, by: User, at: Date) {
    this.createdBy = ref(by);
    this.createdAt = at;
    this.apply(terms, at);
  }

  update(terms: ConventionTerms, at: Date): void {
    this.apply(terms, at);
  }

  private apply(terms: ConventionTerms, at: Date): void {
    Object.assign(this, {
      operator: ref(terms.operator),
      funder: ref(terms.funder),
      title: terms.title,
      budgetLine: terms.budgetLine,
      startOn: terms.startOn,
      endOn: terms.endOn,
      targetParticipants: terms.targetParticipants,
      amountCents: terms.amountCents,
      updatedAt: at,
    });
  }
}
