import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** How many counts a cell holds: its rows, then each count its family keeps (outcome-model.ts checks that they fit). */
export const CELL_COUNTS = 16;

/**
 * The outcome read model (outcome-model.ts): for one family of figures, one operator and one day,
 * the rows of that day by prescriber, commune and contract type ('' where there is none), and each
 * count the family keeps; a median's family also keeps its rows by number of days (`days`; -1 for
 * the counts). Written by raw SQL only (the flush composer adds each write's difference, the
 * rebuild recounts); no person in it, no id but organisations'.
 */
@Entity({ tableName: 'outcome_cell' })
export class OutcomeCell {
  @PrimaryKey({ length: 40 })
  operatorId!: string;

  @PrimaryKey({ length: 10 })
  day!: string;

  @PrimaryKey({ length: 40 })
  family!: string;

  @PrimaryKey({ length: 40 })
  prescriberId!: string;

  @PrimaryKey({ length: 10 })
  communeCode!: string;

  @PrimaryKey({ length: 40 })
  contractType!: string;

  @PrimaryKey({ type: 'integer' })
  days!: number;

  [count: `c${number}`]: number;
}

for (let index = 0; index < CELL_COUNTS; index++) Property({ type: 'integer', default: 0 })(OutcomeCell.prototype, `c${index}`);

/** The definitions the cells were counted with (a hash of the model's SQL): the cells are recounted at start when they changed. */
@Entity({ tableName: 'outcome_model' })
export class OutcomeModelVersion {
  @PrimaryKey({ length: 40 })
  name!: string;

  @Property({ length: 64 })
  version!: string;
}
