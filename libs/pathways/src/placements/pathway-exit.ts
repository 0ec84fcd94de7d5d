import { Embeddable, Property } from '@mikro-orm/core';
import type { LocalDate } from '@parcours/core';
import { ContractType } from '@parcours/opportunities';
import { OutcomeCategory, type Contract, type Outcome, type OutcomeBasis, type OutcomeParameters } from './outcome';
import { ExitReason } from './placement-enums';

/** An exit as staff record it; the category is computed, never given. */
export interface ExitRecord {
  on: LocalDate;
  reason: ExitReason;
  comment: string | null;
  /** A situation found outside Parcours, declared at exit. */
  declared: Contract | null;
}

/**
 * The exit of a pathway (EXITED) with its outcome: computed at exit (outcome.ts), never typed in,
 * changed only by a placement's correction. Columns of the pathway's own table (no prefix). The
 * comment, a free text anonymisation erases, stays a property of the pathway itself, where the
 * personal-data policy names it.
 */
@Embeddable()
export class PathwayExit {
  /** The Paris day of the exit (the figures count exits on it). */
  @Property({ fieldName: 'exited_on', type: 'string', length: 10, index: true })
  on: LocalDate;

  @Property({ fieldName: 'exit_reason', type: 'string', length: 30 })
  reason: ExitReason;

  @Property({ fieldName: 'outcome_category', type: 'string', length: 30 })
  category: OutcomeCategory;

  /** What the category was decided on. */
  @Property({ fieldName: 'outcome_basis', type: 'json', nullable: true })
  basis: OutcomeBasis | null;

  /** The basis's contract type, as a column the figures group on. */
  @Property({ fieldName: 'outcome_contract_type', type: 'string', length: 30, nullable: true })
  contractType: ContractType | null;

  /** The rule and parameters that produced the category. */
  @Property({ fieldName: 'outcome_parameters', type: 'json' })
  parameters: OutcomeParameters;

  /** The situation declared at exit, if any. */
  @Property({ fieldName: 'declared_situation', type: 'json', nullable: true })
  declared: Contract | null;

  constructor(record: ExitRecord, outcome: Outcome) {
    this.on = record.on;
    this.reason = record.reason;
    this.declared = record.declared;
    this.category = outcome.category;
    this.basis = outcome.basis;
    this.contractType = outcome.basis?.contractType ?? null;
    this.parameters = outcome.parameters;
  }

  /** The outcome computed again (a placement's correction): the record stays as staff made it. */
  recompute(outcome: Outcome): void {
    this.category = outcome.category;
    this.basis = outcome.basis;
    this.contractType = outcome.basis?.contractType ?? null;
    this.parameters = outcome.parameters;
  }
}
