import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, Unique, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Organisation, Role, User, type Actor } from '@parcours/accounts';
import { randomUUID } from 'node:crypto';
import type { ImportMapping, ImportField } from './import-columns';
import type { ImportChoices } from './import-line';
import type { ImportFormat, ImportTable } from './read-file';

export enum ImportStatus {
  /** Uploaded: mapping and choices may change, the preview judges every line, nothing is referred. */
  PREVIEW = 'PREVIEW',
  /** Confirmed: its lines are being referred, each in its own unit of work. */
  IMPORTING = 'IMPORTING',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

/** What each verdict counted, at confirmation and then as the lines are done. */
export interface ImportCounts {
  toRefer: number;
  alreadyInPathway: number;
  notEligible: number;
  inError: number;
  duplicates: number;
  /** Once imported: the lines referred. */
  referred: number;
}

/**
 * A file of people to refer, uploaded by a referent (or by an ADMIN for a named referent, who
 * becomes each pathway's referent). Its cells are kept while it is previewed or imported
 * and dropped when it ends or is cancelled — an unconfirmed preview at most
 * PREVIEW_RETENTION_DAYS; its result per line (ReferralImportLine) RESULT_RETENTION_DAYS after it ends.
 * Seen by its uploader and ADMIN only.
 */
@Entity({ tableName: 'referral_import' })
@Index({ properties: ['uploadedBy', 'createdAt'] })
@Index({ properties: ['status'] })
export class ReferralImport {
  static visibleTo(actor: Actor): FilterQuery<ReferralImport> {
    return actor.role === Role.ADMIN ? {} : { uploadedBy: actor.userId };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true })
  uploadedBy: Ref<User>;

  /** The referent of every pathway it makes. */
  @ManyToOne(() => User, { ref: true })
  referent: Ref<User>;

  /** The referent's organisation: its mapping is remembered for the next file. */
  @ManyToOne(() => Organisation, { ref: true })
  organisation: Ref<Organisation>;

  @Property({ length: 200 })
  fileName: string;

  @Property({ type: 'string', length: 10 })
  format: ImportFormat;

  @Property({ type: 'string', length: 20 })
  status: ImportStatus = ImportStatus.PREVIEW;

  @Property({ type: 'json' })
  headers: string[];

  /** The file's lines, cell by cell: personal data, emptied when the import ends (never loaded unless asked). */
  @Property({ type: 'json', nullable: true, lazy: true })
  cells: ImportTable['rows'] | null;

  @Property()
  lineCount: number;

  @Property({ type: 'json' })
  mapping: ImportMapping;

  @Property({ type: 'json' })
  choices: ImportChoices;

  @Property({ type: 'json', nullable: true })
  counts: ImportCounts | null = null;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date, nullable: true })
  confirmedAt: Date | null = null;

  @Property({ type: Date, nullable: true })
  endedAt: Date | null = null;

  /** While a process refers its lines: until when it holds them (another takes over after, e.g. after a restart). */
  @Property({ type: Date, nullable: true })
  leaseUntil: Date | null = null;

  /** The process holding the lease. */
  @Property({ type: 'string', length: 36, nullable: true })
  leasedBy: string | null = null;

  constructor(values: { uploadedBy: string; referent: User; fileName: string; table: ImportTable; mapping: ImportMapping; choices: ImportChoices; at: Date }) {
    this.uploadedBy = ref(User, values.uploadedBy);
    this.referent = ref(values.referent);
    this.organisation = ref(Organisation, values.referent.organisation.id);
    this.fileName = values.fileName;
    this.format = values.table.format;
    this.headers = values.table.headers;
    this.cells = values.table.rows;
    this.lineCount = values.table.rows.length;
    this.mapping = values.mapping;
    this.choices = values.choices;
    this.createdAt = values.at;
  }

  get open(): boolean {
    return this.status === ImportStatus.PREVIEW;
  }

  /** Ended or cancelled: the file's cells go, its result stays (the lines' verdicts). */
  end(status: ImportStatus.DONE | ImportStatus.CANCELLED, at: Date): void {
    this.status = status;
    this.endedAt = at;
    this.cells = null;
    this.leaseUntil = null;
    this.leasedBy = null;
  }
}

/** Where the last file of an organisation had each field: the next file's mapping starts from it. */
@Entity({ tableName: 'referral_import_mapping' })
@Unique({ properties: ['organisation'] })
export class ReferralImportMapping {
  static visibleTo(actor: Actor): FilterQuery<ReferralImportMapping> {
    return actor.role === Role.ADMIN ? {} : { organisation: actor.organisationId };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organisation, { ref: true })
  organisation: Ref<Organisation>;

  /** Field → the header key of its column ("date de naissance"). */
  @Property({ type: 'json' })
  columns: Partial<Record<ImportField, string>>;

  @Property({ type: Date })
  updatedAt: Date;

  constructor(organisationId: string, columns: Partial<Record<ImportField, string>>, at: Date) {
    this.organisation = ref(Organisation, organisationId);
    this.columns = columns;
    this.updatedAt = at;
  }
}
