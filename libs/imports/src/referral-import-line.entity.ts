import { Entity, ManyToOne, PrimaryKey, Property, ref, Unique, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Role, type Actor } from '@parcours/accounts';
import { randomUUID } from 'node:crypto';
import type { LineProblem } from './import-line';
import { ReferralImport } from './referral-import.entity';

/** What became of a line, as the preview judges it and then as the import did. */
export enum LineVerdict {
  /** Eligible and unknown (or known with every pathway closed): referred at import. */
  TO_REFER = 'TO_REFER',
  REFERRED = 'REFERRED',
  /** The person has an open pathway, anyone's: nothing is done, their details are untouched. */
  ALREADY_IN_PATHWAY = 'ALREADY_IN_PATHWAY',
  /** An unmet condition of eligibility: at import, one anonymous refused-referral trace. */
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  /** A value missing or unreadable, or refused by the referral's rules. */
  IN_ERROR = 'IN_ERROR',
  /** The same person is higher up in the file. */
  DUPLICATE_IN_FILE = 'DUPLICATE_IN_FILE',
}

/**
 * A line of a confirmed import: its verdict, the problems' codes, the pathway it made — what the
 * result file says, RESULT_RETENTION_DAYS after the import ends. No name: the pathway says who.
 */
@Entity({ tableName: 'referral_import_line' })
@Unique({ properties: ['referralImport', 'line'] })
export class ReferralImportLine {
  static visibleTo(actor: Actor): FilterQuery<ReferralImportLine> {
    return actor.role === Role.ADMIN ? {} : { referralImport: { uploadedBy: actor.userId } };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ReferralImport, { ref: true, deleteRule: 'cascade' })
  referralImport: Ref<ReferralImport>;

  /** The line's number in the file (the headers are line 1). */
  @Property()
  line: number;

  @Property({ type: 'string', length: 30 })
  verdict: LineVerdict;

  /** Its problems: code, French sentence (naming the column, and quoting its cell), field. */
  @Property({ type: 'json' })
  problems: LineProblem[] = [];

  /** The person was known, every pathway of theirs closed: referred again ("déjà accompagné(e)"). */
  @Property()
  knownBefore: boolean = false;

  /** The pathway it made, or the referent's own open pathway it found (an id: the line stays if the pathway goes). */
  @Property({ type: 'string', length: 36, nullable: true })
  pathwayId: string | null = null;

  /** Done at import (referred, refused or left as judged). */
  @Property()
  done: boolean = false;

  constructor(values: { referralImport: ReferralImport; line: number; verdict: LineVerdict; problems: LineProblem[]; knownBefore: boolean; pathwayId: string | null }) {
    this.referralImport = ref(values.referralImport);
    this.line = values.line;
    this.verdict = values.verdict;
    this.problems = values.problems;
    this.knownBefore = values.knownBefore;
    this.pathwayId = values.pathwayId;
    this.done = ![LineVerdict.TO_REFER, LineVerdict.NOT_ELIGIBLE].includes(values.verdict);
  }
}
