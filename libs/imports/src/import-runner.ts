import { Injectable, Logger } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { Clock, DomainError, parisDay } from '@parcours/core';
import { identityKey } from '@parcours/participants';
import { IneligibilityCode, ReferralsService } from '@parcours/pathways';
import { StaffNotificationsService } from '@parcours/notifications';
import { safeError } from '@parcours/lifecycle';
import { Territory } from '@parcours/territory';
import { runInAuditScope, SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { randomUUID } from 'node:crypto';
import { readLine, type LineProblem } from './import-line';
import { referralMessage } from './line-messages';
import { LineVerdict, ReferralImportLine } from './referral-import-line.entity';
import { ImportStatus, ReferralImport, type ImportCounts } from './referral-import.entity';
import { ReferralImportsService } from './referral-imports.service';

/** How long a process holds an import it refers (renewed at each batch): after a crash, another takes over when it lapses. */
const IMPORT_LEASE_MS = 10_000;
const BATCH = 50;
/** Lines referred at once by one process. */
const CONCURRENT_LINES = 3;
/** How the access log names the import's own work. */
export const IMPORT_OPERATION = 'referral import';

/**
 * Refers the lines of confirmed imports, one unit of work each (one bad line never undoes the
 * others), through ReferralsService.refer — the form's command, history, audit and notifications.
 * A line referred is marked done in the referral's own transaction, so that an import stopped
 * anywhere (a restart) resumes where it was and refers nobody twice; a refusal is counted once
 * (its key). One process at a time holds an import (a lease in its row).
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger('Imports');
  private readonly holder = randomUUID();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly territory: Territory,
    private readonly referrals: ReferralsService,
    private readonly notifications: StaffNotificationsService,
  ) {}

  /** Starts an import in the background, unless this process already runs it; returns at once. */
  start(importId: string): void {
    if (this.running.has(importId) || this.stopped) return;
    // Its writes are the import's, in the access log, whichever request or timer started it.
    const run = runInAuditScope({ requestId: null, operation: IMPORT_OPERATION }, () => this.run(importId))
      // The error by its type, code and frames only: a driver's message quotes the SQL with its values.
      .catch((error: unknown) => this.logger.error({ importId, err: safeError(error) }, 'Import stopped; it resumes at the next check'))
      .finally(() => this.running.delete(importId));
    this.running.set(importId, run);
  }

  /** Every import being imported whose holder let go (or never held it): resumed here. */
  async resume(): Promise<number> {
    const now = this.clock.now();
    const waiting = await this.uow.read(SYSTEM, (reads) => reads.find(ReferralImport, { status: ImportStatus.IMPORTING, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] }, { fields: ['id'] }));
    for (const imported of waiting) this.start(imported.id);
    return waiting.length;
  }

  /** Waits for the imports this process runs (the tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops after the line in hand (a shutdown): the lease lapses and the next process resumes. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /**
   * Refers the import's lines not yet done while this process holds it (the lease renewed every
   * BATCH lines), then ends it. The file's cells and the lines to do are read once.
   */
  async run(importId: string): Promise<void> {
    if (!(await this.claim(importId))) return;
    const found = await this.uow.read(SYSTEM, async (reads) => {
      const imported = await reads.findOne(ReferralImport, { id: importId, status: ImportStatus.IMPORTING }, { populate: ['cells', 'referent.organisation'] });
      const lines = imported ? await reads.find(ReferralImportLine, { referralImport: importId, done: false }, { orderBy: { line: 'asc' } }) : [];
      return imported ? { imported, lines } : null;
    });
    if (!found) return;
    const cells = new Map((found.imported.cells ?? []).map((row) => [row.line, row.cells]));
    // A few lines at a time: while one line's transaction holds the database, the next is read and judged.
    let next = 0;
    let held = true;
    const worker = async () => {
      while (held && !this.stopped && next < found.lines.length) {
        const index = next++;
        if (index > 0 && index % BATCH === 0) held = await this.claim(importId);
        if (held) await this.referLine(found.imported, found.lines[index], cells.get(found.lines[index].line));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_LINES }, worker));
    if (held && !this.stopped && (await this.claim(importId))) await this.finish(importId);
  }

  private async referLine(imported: ReferralImport, line: ReferralImportLine, row: string[] | undefined): Promise<void> {
    const referent = imported.referent.getEntity();
    const actor: Actor = { userId: referent.id, role: Role.REFERENT, organisationId: referent.organisation.id, organisationKind: referent.organisation.getEntity().kind, sessionId: null };
    const asked = row ? readLine(row, imported.mapping, imported.choices, this.territory, parisDay(this.clock.now())).asked : null;
    let outcome: { verdict: LineVerdict; problems: LineProblem[] };
    if (!asked) outcome = { verdict: LineVerdict.IN_ERROR, problems: [{ code: 'UNREADABLE_VALUE', message: 'La ligne ne se lit plus.', field: null }] };
    else {
      const identity = identityKey(asked.person.lastName, asked.person.firstNames, asked.person.birthDate);
      try {
        await this.referrals.refer(actor, {
          ...asked,
          operatorId: imported.choices.operatorId!,
          source: { importId: imported.id, fileName: imported.fileName },
          refusalKey: line.verdict === LineVerdict.NOT_ELIGIBLE ? ReferralImportsService.refusalKey(identity, imported.choices.operatorId!) : null,
          // Done in the referral's own transaction: a restart after it never refers the line again.
          alongside: async ({ reads }, pathway) => {
            await reads.system().nativeUpdate(ReferralImportLine, { id: line.id }, { verdict: LineVerdict.REFERRED, pathwayId: pathway.id, done: true });
          },
        });
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const codes = error.problems.map((problem) => problem.code);
        const unmet = codes.every((code) => (Object.values(IneligibilityCode) as string[]).includes(code));
        const verdict = codes.includes('OPEN_PATHWAY_EXISTS') ? LineVerdict.ALREADY_IN_PATHWAY : unmet ? LineVerdict.NOT_ELIGIBLE : LineVerdict.IN_ERROR;
        outcome = { verdict, problems: error.problems.map((problem) => referralMessage(problem)) };
      }
    }
    await this.uow.run(null, async ({ reads }) => {
      const same = await reads.findOneOrFail(ReferralImportLine, { id: line.id });
      same.verdict = outcome.verdict;
      same.problems = outcome.problems;
      same.done = true;
    });
  }

  /** Holds the import for IMPORT_LEASE_MS more, if nobody else holds it; false when another process does, or it ended. */
  private async claim(importId: string): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await this.uow.read(SYSTEM, (reads) =>
      reads.nativeUpdate(
        ReferralImport,
        { id: importId, status: ImportStatus.IMPORTING, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }, { leasedBy: this.holder }] },
        { leaseUntil: new Date(now.getTime() + IMPORT_LEASE_MS), leasedBy: this.holder },
      ),
    );
    return claimed > 0;
  }

  /** Every line done: the counts as they ended, the file's cells dropped, the operator's staff told once. */
  private async finish(importId: string): Promise<void> {
    const told = await this.uow.run(null, async (work) => {
      const { reads, now } = work;
      const imported = await reads.findOne(ReferralImport, { id: importId, status: ImportStatus.IMPORTING }, { populate: ['cells'] });
      if (!imported) return [];
      const lines = await reads.find(ReferralImportLine, { referralImport: importId }, { fields: ['verdict', 'pathwayId'], orderBy: { line: 'asc' } });
      const count = (verdict: LineVerdict) => lines.filter((line) => line.verdict === verdict).length;
      const counts: ImportCounts = {
        toRefer: imported.counts?.toRefer ?? 0,
        alreadyInPathway: count(LineVerdict.ALREADY_IN_PATHWAY),
        notEligible: count(LineVerdict.NOT_ELIGIBLE),
        inError: count(LineVerdict.IN_ERROR),
        duplicates: count(LineVerdict.DUPLICATE_IN_FILE),
        referred: count(LineVerdict.REFERRED),
      };
      imported.counts = counts;
      imported.end(ImportStatus.DONE, now);
      const first = lines.find((line) => line.verdict === LineVerdict.REFERRED)?.pathwayId;
      return first ? this.notifications.announceImportedReferrals(work, { operatorId: imported.choices.operatorId!, firstPathwayId: first, importId }) : [];
    });
    this.notifications.published(told);
    this.logger.log(`Import ${importId} done.`);
  }
}
