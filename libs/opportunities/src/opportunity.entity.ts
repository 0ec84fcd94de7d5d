import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Organisation, ownedByOperatorVisibleTo, User, type Actor } from '@parcours/accounts';
import { searchText, type LocalDate } from '@parcours/core';
import { randomUUID } from 'node:crypto';
import { ContractType } from './contract-type';
import { ClosedBecause, OpportunityKind, OpportunityStatus, Qualification } from './opportunity-enums';
import { OpportunitiesError } from './opportunities-error';
import { Partner } from './partner.entity';

/** An opportunity's terms, checked (opportunity-terms.ts) before they reach the entity. */
export interface OpportunityTerms {
  kind: OpportunityKind;
  /** The employer, the temp agency or the training body. */
  partner: Partner;
  /** A temp agency's client, an employer partner. */
  client: Partner | null;
  title: string;
  romeCode: string | null;
  /** TRAINING for a training. */
  contractType: ContractType;
  hoursPerWeek: number | null;
  communeCode: string;
  startOn: LocalDate;
  /** A training's planned end. */
  endOn: LocalDate | null;
  /** A job's positions; null for a training. */
  positions: number | null;
  qualification: Qualification | null;
  level: number | null;
}

/** A job or a training of a partner, owned by one operator and seen by its staff (and ADMIN). */
@Entity({ tableName: 'opportunity' })
@Index({ properties: ['operator', 'status', 'updatedAt'] })
export class Opportunity {
  static visibleTo(actor: Actor): FilterQuery<Opportunity> {
    return ownedByOperatorVisibleTo(actor);
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 10 })
  kind: OpportunityKind;

  @ManyToOne(() => Organisation, { ref: true })
  operator: Ref<Organisation>;

  @ManyToOne(() => Partner, { ref: true })
  partner: Ref<Partner>;

  @ManyToOne(() => Partner, { ref: true, nullable: true })
  client: Ref<Partner> | null = null;

  @Property({ length: 200 })
  title: string;

  /** The title as searched (searchText). */
  @Property({ length: 200 })
  searchName: string;

  @Property({ type: 'string', length: 5, nullable: true })
  romeCode: string | null = null;

  @Property({ type: 'string', length: 30 })
  contractType: ContractType;

  @Property({ type: 'integer', nullable: true })
  hoursPerWeek: number | null = null;

  @Property({ length: 5 })
  communeCode: string;

  @Property({ length: 10 })
  startOn: LocalDate;

  @Property({ type: 'string', length: 10, nullable: true })
  endOn: LocalDate | null = null;

  @Property({ type: 'integer', nullable: true })
  positions: number | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  qualification: Qualification | null = null;

  @Property({ type: 'integer', nullable: true })
  level: number | null = null;

  /** HIRED proposals so far. */
  @Property({ type: 'integer' })
  hires = 0;

  @Property({ type: 'string', length: 10 })
  @Index()
  status: OpportunityStatus = OpportunityStatus.OPEN;

  @Property({ type: 'string', length: 10, nullable: true })
  closedBecause: ClosedBecause | null = null;

  @Property({ type: Date, nullable: true })
  closedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Property({ type: Date })
  createdAt: Date;

  /** The last change by staff: the stale sweep counts from it. */
  @Property({ type: Date })
  updatedAt: Date;

  /**
   * Incremented by every change: two HIRED steps racing for the last position both write the
   * count, and the second to write is run again on the new state (UnitOfWork), where it is full.
   */
  @Property({ version: true })
  version: number;

  constructor(operatorId: string, terms: OpportunityTerms, by: User, at: Date) {
    this.operator = ref(Organisation, operatorId);
    this.kind = terms.kind;
    this.createdBy = ref(by);
    this.createdAt = at;
    this.apply(terms, at);
  }

  get isOpen(): boolean {
    return this.status === OpportunityStatus.OPEN;
  }

  /** Replaces the terms (the kind stays); positions cannot drop to what HIRED proposals already took. */
  update(terms: OpportunityTerms, at: Date): void {
    this.assertOpen();
    if (terms.positions !== null && terms.positions <= this.hires) {
      throw new OpportunitiesError('POSITIONS_TAKEN', `${this.hires} position(s) already went to people hired: keep more than that, or close the offer.`, ['input', 'positions']);
    }
    this.apply(terms, at);
  }

  close(because: ClosedBecause.BY_STAFF | ClosedBecause.STALE, at: Date): void {
    this.assertOpen();
    this.status = OpportunityStatus.CLOSED;
    this.closedBecause = because;
    this.closedAt = at;
  }

  /** OPPORTUNITY_FILLED when every position is taken, OPPORTUNITY_CLOSED when closed. */
  assertHiring(): void {
    if (this.status === OpportunityStatus.FILLED) throw new OpportunitiesError('OPPORTUNITY_FILLED', 'Every position of this offer is already filled.', ['input', 'step']);
    this.assertOpen();
  }

  /** One more person hired; a job whose positions are all taken is FILLED (true). */
  hire(at: Date): boolean {
    this.assertHiring();
    this.hires += 1;
    if (this.positions === null || this.hires < this.positions) return false;
    this.status = OpportunityStatus.FILLED;
    this.closedBecause = ClosedBecause.FILLED;
    this.closedAt = at;
    return true;
  }

  private assertOpen(): void {
    if (this.status === OpportunityStatus.FILLED) throw new OpportunitiesError('OPPORTUNITY_CLOSED', 'This offer is filled: it can no longer change.', ['input', 'opportunityId']);
    if (!this.isOpen) throw new OpportunitiesError('OPPORTUNITY_CLOSED', 'This offer is closed: it can no longer change.', ['input', 'opportunityId']);
  }

  private apply(terms: OpportunityTerms, at: Date): void {
    Object.assign(this, {
      partner: ref(terms.partner),
      client: terms.client ? ref(terms.client) : null,
      title: terms.title,
      searchName: searchText(terms.title),
      romeCode: terms.romeCode,
      contractType: terms.contractType,
      hoursPerWeek: terms.hoursPerWeek,
      communeCode: terms.communeCode,
      startOn: terms.startOn,
      endOn: terms.endOn,
      positions: terms.positions,
      qualification: terms.qualification,
      level: terms.level,
      updatedAt: at,
    });
  }
}
