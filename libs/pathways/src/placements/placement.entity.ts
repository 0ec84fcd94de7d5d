import { Entity, Index, ManyToOne, OneToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { OrganisationKind, User, type Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { ContractType, Partner, Qualification } from '@parcours/opportunities';
import { randomUUID } from 'node:crypto';
import { pathwaysVisibleTo } from '../pathway-scope';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { Proposal } from '../proposals/proposal.entity';
import type { CalendarPlacement } from '../follow-ups/follow-up-calendar';
import { PlacementEndReason } from './placement-enums';

/** A placement's terms, checked (placement-terms.ts) and its partners found. */
export interface PlacementTerms {
  contractType: ContractType;
  /** The employer, the temp agency or the training body; null for a business creation. */
  partner: Partner | null;
  /** A temp agency's client. */
  client: Partner | null;
  startOn: LocalDate;
  plannedEndOn: LocalDate | null;
  hoursPerWeek: number | null;
  qualification: Qualification | null;
  level: number | null;
}

/** What a correction may change: dates and type (who it is with stays). */
export interface PlacementCorrection {
  contractType: ContractType;
  startOn: LocalDate;
  plannedEndOn: LocalDate | null;
  /** Only for an ended placement: its corrected end. */
  endedOn: LocalDate | null;
  hoursPerWeek: number | null;
  qualification: Qualification | null;
  level: number | null;
}

export interface PlacementEnd {
  on: LocalDate;
  reason: PlacementEndReason;
  comment: string | null;
}

/** What the referent is told of a placement: never the end comment. */
export interface PlacementSummary {
  contractType: ContractType;
  partnerName: string | null;
  clientName: string | null;
  startOn: LocalDate;
  plannedEndOn: LocalDate | null;
  endedOn: LocalDate | null;
  endReason: PlacementEndReason | null;
  hoursPerWeek: number | null;
  qualification: Qualification | null;
}

/**
 * A work placement (mise en situation de travail): an employment contract or an entry into
 * training, with whom (as offers define it), its dates, and how it ended. Running until its end is
 * recorded.
 */
@Entity({ tableName: 'placement' })
@Index({ properties: ['pathway'] })
@Index({ properties: ['startOn'] })
export class Placement {
  static visibleTo(actor: Actor): FilterQuery<Placement> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @Property({ type: 'string', length: 30 })
  contractType: ContractType;

  @ManyToOne(() => Partner, { ref: true, nullable: true })
  partner: Ref<Partner> | null = null;

  @ManyToOne(() => Partner, { ref: true, nullable: true })
  client: Ref<Partner> | null = null;

  @Property({ length: 10 })
  startOn: LocalDate;

  @Property({ type: 'string', length: 10, nullable: true })
  plannedEndOn: LocalDate | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  endedOn: LocalDate | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  endReason: PlacementEndReason | null = null;

  /** Only the operator's staff and ADMIN read it; never in a report. */
  @Property({ type: 'text', nullable: true })
  endComment: string | null = null;

  @Property({ type: 'integer', nullable: true })
  hoursPerWeek: number | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  qualification: Qualification | null = null;

  @Property({ type: 'integer', nullable: true })
  level: number | null = null;

  /** The HIRED proposal it comes from: each is used once (the unique index). */
  @OneToOne(() => Proposal, { owner: true, ref: true, nullable: true, unique: true })
  proposal: Ref<Proposal> | null = null;

  @ManyToOne(() => User, { ref: true })
  startedBy: Ref<User>;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date, nullable: true })
  endedAt: Date | null = null;

  @Property({ type: Date, nullable: true })
  correctedAt: Date | null = null;

  constructor(pathway: Pathway, terms: PlacementTerms, proposal: Proposal | null, by: User, at: Date) {
    this.pathway = ref(pathway);
    this.proposal = proposal ? ref(proposal) : null;
    this.startedBy = ref(by);
    this.createdAt = at;
    this.apply(terms);
  }

  get isRunning(): boolean {
    return this.endedOn === null;
  }

  /** The employer a conversion to CDI hires with: the employer, or a temp agency's client. */
  get employer(): Partner | null {
    const partner = this.partner?.getEntity() ?? null;
    if (partner?.organisation.getEntity().kind === OrganisationKind.EMPLOYER) return partner;
    return this.client?.getEntity() ?? null;
  }

  assertRunning(): void {
    if (!this.isRunning) throw new PathwaysError('PLACEMENT_ENDED', `This placement already ended on ${this.endedOn}.`, ['input', 'placementId']);
  }

  end(end: PlacementEnd, at: Date): void {
    this.assertRunning();
    if (end.on < this.startOn) throw new PathwaysError('END_BEFORE_START', `A placement ends on or after its start (${this.startOn}).`, ['input', 'endedOn']);
    this.endedOn = end.on;
    this.endReason = end.reason;
    this.endComment = end.comment;
    this.endedAt = at;
  }

  correct(correction: PlacementCorrection, at: Date): void {
    this.apply({ ...correction, partner: this.partner?.getEntity() ?? null, client: this.client?.getEntity() ?? null });
    if (!this.isRunning) this.endedOn = correction.endedOn;
    this.correctedAt = at;
  }

  asContract(): CalendarPlacement {
    return { id: this.id, contractType: this.contractType, startOn: this.startOn, plannedEndOn: this.plannedEndOn, endedOn: this.endedOn, qualification: this.qualification };
  }

  /** The placement as the referent's report names it (its partners loaded). */
  summary(): PlacementSummary {
    return {
      contractType: this.contractType,
      partnerName: this.partner?.getEntity().name ?? null,
      clientName: this.client?.getEntity().name ?? null,
      startOn: this.startOn,
      plannedEndOn: this.plannedEndOn,
      endedOn: this.endedOn,
      endReason: this.endReason,
      hoursPerWeek: this.hoursPerWeek,
      qualification: this.qualification,
    };
  }

  /** Free texts may name people: the end comment goes; dates, types and codes stay for the figures. */
  forgetPersonalDetails(): void {
    this.endComment = null;
  }

  private apply(terms: PlacementTerms): void {
    Object.assign(this, {
      contractType: terms.contractType,
      partner: terms.partner ? ref(terms.partner) : null,
      client: terms.client ? ref(terms.client) : null,
      startOn: terms.startOn,
      plannedEndOn: terms.plannedEndOn,
      hoursPerWeek: terms.hoursPerWeek,
      qualification: terms.qualification,
      level: terms.level,
    });
  }
}
