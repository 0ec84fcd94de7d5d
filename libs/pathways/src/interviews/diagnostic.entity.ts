import { Entity, ManyToOne, OneToOne, PrimaryKey, Property, ref, type Ref, type FilterQuery } from '@mikro-orm/core';
import { pathwaysVisibleTo } from '../pathway-scope';
import { User, type Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { BarrierTheme } from '@parcours/participants';
import { randomUUID } from 'node:crypto';
import type { Pathway } from '../pathway.entity';
import { Appointment } from './appointment.entity';
import type { ContractType } from '@parcours/opportunities';
import { AssessmentStatus, Readiness, WorkingTime } from './interview-enums';

export interface BarrierAssessment {
  theme: BarrierTheme;
  status: AssessmentStatus;
  blocking: boolean;
}

export interface TargetJob {
  title: string;
  romeCode: string | null;
}

/** What a diagnostic records; also what a correction replaces. */
export interface DiagnosticFindings {
  assessments: BarrierAssessment[];
  /** Optional notes by theme; HEALTH and JUSTICE notes stay with the operator's staff. */
  notes: Partial<Record<BarrierTheme, string>>;
  targetJobs: TargetJob[];
  contractTypes: ContractType[];
  workingTime: WorkingTime;
  mobilityRadiusKm: number | null;
  availableFrom: LocalDate | null;
  strengths: string | null;
  readiness: Readiness;
  /** Written for the referent. */
  summary: string;
}

/** The diagnostic interview's findings: one per appointment held. */
@Entity({ tableName: 'diagnostic' })
export class Diagnostic {
  static visibleTo(actor: Actor): FilterQuery<Diagnostic> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed: a pathway's diagnostics are read by pathway (its first one, for the outcome model's recount). */
  @ManyToOne('Pathway', { ref: true, index: true })
  pathway: Ref<Pathway>;

  @OneToOne(() => Appointment, { owner: true, ref: true, unique: true })
  appointment: Ref<Appointment>;

  @ManyToOne(() => User, { ref: true })
  recordedBy: Ref<User>;

  @Property({ type: 'json' }) assessments: BarrierAssessment[];
  @Property({ type: 'json', nullable: true }) notes: Partial<Record<BarrierTheme, string>> | null;
  @Property({ type: 'json' }) targetJobs: TargetJob[];
  @Property({ type: 'json' }) contractTypes: ContractType[];
  @Property({ type: 'string', length: 10 }) workingTime: WorkingTime;
  @Property({ type: 'integer', nullable: true }) mobilityRadiusKm: number | null;
  @Property({ type: 'string', length: 10, nullable: true }) availableFrom: LocalDate | null;
  @Property({ type: 'text', nullable: true }) strengths: string | null;
  @Property({ type: 'string', length: 30 }) readiness: Readiness;
  @Property({ type: 'text' }) summary: string;

  @Property({ type: Date }) recordedAt: Date;
  /** The Paris calendar day of the interview's record, for figures by day and month. */
  @Property({ length: 10 }) recordedOn: LocalDate;
  @Property({ type: Date, nullable: true }) correctedAt: Date | null = null;

  constructor(pathway: Pathway, appointment: Appointment, recordedBy: User, findings: DiagnosticFindings, at: Date, on: LocalDate) {
    this.pathway = ref(pathway);
    this.appointment = ref(appointment);
    this.recordedBy = ref(recordedBy);
    this.recordedAt = at;
    this.recordedOn = on;
    this.apply(findings);
  }

  correct(findings: DiagnosticFindings, at: Date): void {
    this.apply(findings);
    this.correctedAt = at;
  }

  /** Free texts and notes go; themes, statuses, project and readiness stay for the figures. */
  forgetPersonalDetails(): void {
    this.notes = null;
    this.strengths = null;
    this.summary = '';
  }

  private apply(findings: DiagnosticFindings): void {
    Object.assign(this, {
      assessments: findings.assessments,
      notes: Object.keys(findings.notes).length > 0 ? findings.notes : null,
      targetJobs: findings.targetJobs,
      contractTypes: findings.contractTypes,
      workingTime: findings.workingTime,
      mobilityRadiusKm: findings.mobilityRadiusKm,
      availableFrom: findings.availableFrom,
      strengths: findings.strengths,
      readiness: findings.readiness,
      summary: findings.summary,
    });
  }
}
