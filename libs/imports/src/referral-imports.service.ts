import { Injectable } from '@nestjs/common';
import { Organisation, OrganisationKind, Role, User, type Actor } from '@parcours/accounts';
import { AuditService } from '@parcours/audit';
import { Clock, DomainError, isLocalDate, isUuid, NotFoundError, parisDay, spreadsheetSafe, type LocalDate } from '@parcours/core';
import { identityKey, Participant } from '@parcours/participants';
import { judgeReferral, Pathway, RefusedReferral } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { Sweep, SYSTEM, UnitOfWork, type ScopedReads } from '@parcours/unit-of-work';
import { stringify } from 'csv-stringify/sync';
import { subDays } from 'date-fns';
import { createHash } from 'node:crypto';
import { FIELD_LABELS, readLine, DEFAULT_CHOICES, type ImportChoices, type LineProblem } from './import-line';
import { guessMapping, ImportField, missingFields, rememberedMapping, type ImportMapping } from './import-columns';
import { ImportsError } from './imports-error';
import { referralMessage } from './line-messages';
import { readImportFile } from './read-file';
import { LineVerdict, ReferralImportLine } from './referral-import-line.entity';
import { ImportStatus, ReferralImport, ReferralImportMapping, type ImportCounts } from './referral-import.entity';

/** One line as judged: what the preview shows and what a confirmed import records. */
export interface JudgedLine {
  line: number;
  verdict: LineVerdict;
  /** As written in the file ("Nom Prénoms"): shown to the uploader only, never kept after the import. */
  name: string;
  problems: LineProblem[];
  knownBefore: boolean;
  /** The referent's own open pathway found for the line (another's is never named). */
  pathwayId: string | null;
  /** The known person the line matched (its lookup is in the access log); never shown. */
  matched: string | null;
}

export interface ImportPreview {
  /** The fields the mapping still lacks (the import waits for them). */
  missing: ImportField[];
  /** The choices the import still waits for (operator, the day people were informed). */
  missingChoices: ('operatorId' | 'informedOn')[];
  counts: ImportCounts;
  lines: JudgedLine[];
}

/** The verdicts as the console and the result file say them. */
export const VERDICT_LABELS: Record<LineVerdict, string> = {
  TO_REFER: 'À orienter',
  REFERRED: 'Orienté(e)',
  ALREADY_IN_PATHWAY: 'Déjà dans un parcours',
  NOT_ELIGIBLE: 'Non éligible',
  IN_ERROR: 'En erreur',
  DUPLICATE_IN_FILE: 'En double dans le fichier',
};

/** How long an unconfirmed preview keeps the file's cells, and an ended import its result. */
export const PREVIEW_RETENTION_DAYS = 7;
export const RESULT_RETENTION_DAYS = 30;

/**
 * Referrals from the lists referents already hold (docs/imports.md): upload a file, match its
 * columns, see every line judged exactly as the referral form would judge it (nothing written),
 * then confirm: each line to refer becomes a referral through ReferralsService, in its own unit of
 * work (ImportRunner). Only the uploader and ADMIN see an import.
 */
@Injectable()
export class ReferralImportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly territory: Territory,
    private readonly audit: AuditService,
  ) {}

  /** Reads the file (or says what is wrong with it, keeping nothing) and keeps it as a preview for its referent. */
  async upload(actor: Actor, file: { bytes: Buffer; fileName: string; referentId?: string | null }): Promise<ReferralImport> {
    const table = await readImportFile(file.bytes);
    return this.uow.run(actor, async ({ em, reads, now }) => {
      const referentId = actor.role === Role.ADMIN ? file.referentId : actor.userId;
      const referent = referentId && isUuid(referentId) ? await reads.system().findOne(User, { id: referentId, role: Role.REFERENT, deactivatedAt: null }, { populate: ['organisation'] }) : null;
      if (!referent) throw new NotFoundError('Referent', ['referentId']);
      const remembered = await reads.system().findOne(ReferralImportMapping, { organisation: referent.organisation.id });
      const operators = await reads.system().find(Organisation, { kind: OrganisationKind.OPERATOR }, { fields: ['id'], limit: 2 });
      const fileName = file.fileName.replace(/[\\/]/g, '_').trim().slice(0, 200) || 'liste';
      const imported = new ReferralImport({
        uploadedBy: actor.userId,
        referent,
        fileName,
        table,
        mapping: guessMapping(table.headers, remembered?.columns),
        // With a single operator, it is the one; the day people were informed is the referent's to say.
        choices: { ...DEFAULT_CHOICES, operatorId: operators.length === 1 ? operators[0].id : null },
        at: now,
      });
      em.persist(imported);
      return imported;
    });
  }

  async find(actor: Actor, importId: string): Promise<ReferralImport> {
    const found = isUuid(importId) ? await this.uow.read(actor, (reads) => reads.findOne(ReferralImport, { id: importId }, { populate: ['referent', 'uploadedBy'] })) : null;
    if (!found) throw new NotFoundError('ReferralImport', ['input', 'importId']);
    return found;
  }

  /** The caller's imports, the latest first (ADMIN: everyone's). */
  async list(actor: Actor, first = 20): Promise<ReferralImport[]> {
    return this.uow.read(actor, (reads) => reads.find(ReferralImport, {}, { populate: ['referent', 'uploadedBy'], orderBy: { createdAt: 'desc', id: 'desc' }, limit: Math.min(Math.max(first, 1), 100) }));
  }

  /** Changes the mapping or the choices of a preview; the mapping is remembered for the referent's organisation. */
  async update(actor: Actor, importId: string, change: { mapping?: Partial<ImportMapping> | null; choices?: Partial<ImportChoices> | null }): Promise<ReferralImport> {
    return this.uow.run(actor, async ({ em, reads, now, today }) => {
      const imported = await this.openPreview(reads, importId);
      if (change.mapping) {
        const mapping = { ...imported.mapping, ...Object.fromEntries(Object.entries(change.mapping).filter(([, value]) => value !== undefined)) };
        const used = new Set<number>();
        for (const [field, column] of Object.entries(mapping) as [ImportField, number | null][]) {
          if (column === null) continue;
          if (!Number.isInteger(column) || column < 0 || column >= imported.headers.length) {
            throw new ImportsError('INVALID_MAPPING', `${FIELD_LABELS[field]} : le fichier n’a pas de colonne ${column + 1}.`, ['input', 'mapping']);
          }
          if (used.has(column)) throw new ImportsError('INVALID_MAPPING', `La colonne « ${imported.headers[column]} » est choisie pour deux champs.`, ['input', 'mapping']);
          used.add(column);
        }
        imported.mapping = mapping;
        const columns = rememberedMapping(mapping, imported.headers);
        const remembered = await reads.system().findOne(ReferralImportMapping, { organisation: imported.organisation.id });
        if (remembered) {
          remembered.columns = columns;
          remembered.updatedAt = now;
        } else em.persist(new ReferralImportMapping(imported.organisation.id, columns, now));
      }
      if (change.choices) {
        const given = Object.fromEntries(Object.entries(change.choices).filter(([, value]) => value !== undefined));
        const choices = { ...imported.choices, ...given };
        if (choices.operatorId && !(isUuid(choices.operatorId) && (await reads.system().count(Organisation, { id: choices.operatorId, kind: OrganisationKind.OPERATOR })) > 0)) {
          throw new NotFoundError('Operator', ['input', 'choices', 'operatorId']);
        }
        if (choices.informedOn !== null && (!isLocalDate(choices.informedOn) || choices.informedOn > today)) {
          throw new ImportsError('INVALID_IMPORT_CHOICE', 'Le jour où les personnes ont été informées doit être une vraie date, pas dans le futur.', ['input', 'choices', 'informedOn']);
        }
        choices.franceTravailMissingReason = choices.franceTravailMissingReason?.trim().slice(0, 500) || null;
        if (!choices.franceTravailRegistered && !choices.franceTravailMissingReason) {
          throw new ImportsError('INVALID_IMPORT_CHOICE', 'Pour les personnes sans identifiant France Travail, dites pourquoi elles ne sont pas inscrites (ou qu’elles le sont).', ['input', 'choices', 'franceTravailMissingReason']);
        }
        imported.choices = choices;
      }
      return imported;
    });
  }

  /** Every line judged as the referral form would judge it; nothing is written but the access log (each line matched to a known person). */
  async preview(actor: Actor, importId: string, requestId: string | null): Promise<ImportPreview> {
    const imported = await this.find(actor, importId);
    if (imported.status !== ImportStatus.PREVIEW) throw new ImportsError('IMPORT_NOT_OPEN', 'Cet import est déjà confirmé, terminé ou annulé : son résultat est disponible.', ['input', 'importId']);
    const preview = await this.uow.read(actor, async (reads) => this.judge(reads, (await reads.findOne(ReferralImport, { id: imported.id }, { populate: ['cells', 'referent'] }))!, parisDay(this.clock.now())));
    const known = preview.lines.flatMap((line) => (line.matched ? [line.matched] : []));
    if (known.length > 0) {
      await this.audit.recordReads(actor, requestId, 'query referralImport', known.map((participantId) => ({ participantId, objectType: 'Participant', objectId: participantId, fields: new Set(['identity']) })));
    }
    return preview;
  }

  /**
   * Confirms a preview: the lines are judged once more and recorded, and the import starts (the
   * runner refers them one by one). Refused while a column or a choice is missing.
   */
  async confirm(actor: Actor, importId: string, requestId: string | null): Promise<ReferralImport> {
    const confirmed = await this.uow.run(actor, async ({ em, reads, now, today }) => {
      const imported = await this.openPreview(reads, importId);
      const preview = await this.judge(reads, imported, today);
      if (preview.missing.length > 0) {
        throw DomainError.all(preview.missing.map((field) => ({ code: 'MISSING_COLUMN' as const, message: `Aucune colonne n’est choisie pour « ${FIELD_LABELS[field]} ».`, field: ['input', 'mapping', field] })));
      }
      if (preview.missingChoices.length > 0) {
        throw DomainError.all(preview.missingChoices.map((choice) => ({ code: 'INVALID_IMPORT_CHOICE' as const, message: choice === 'operatorId' ? 'Choisissez la structure d’accompagnement.' : 'Indiquez le jour où les personnes ont été informées.', field: ['input', 'choices', choice] })));
      }
      for (const line of preview.lines) {
        em.persist(new ReferralImportLine({ referralImport: imported, line: line.line, verdict: line.verdict, problems: line.problems, knownBefore: line.knownBefore, pathwayId: line.pathwayId }));
      }
      imported.status = ImportStatus.IMPORTING;
      imported.confirmedAt = now;
      imported.counts = preview.counts;
      return { imported, known: preview.lines.flatMap((line) => (line.matched ? [line.matched] : [])) };
    });
    await this.audit.recordExport(actor, requestId, 'mutation confirmReferralImport', 'ReferralImport', confirmed.imported.id, Object.entries(confirmed.imported.counts ?? {}).map(([name, count]) => `${name}=${count}`));
    return confirmed.imported;
  }

  /** Cancels a preview: the file's cells go at once, nothing was referred. */
  async cancel(actor: Actor, importId: string): Promise<ReferralImport> {
    return this.uow.run(actor, async ({ reads, now }) => {
      const imported = await this.openPreview(reads, importId);
      imported.end(ImportStatus.CANCELLED, now);
      return imported;
    });
  }

  /**
   * The result of an import, line by line, as a CSV file (French headers, ";" for French
   * spreadsheets, every cell neutralised): the line, its verdict, its problems, the pathway's link
   * when it is the referent's.
   */
  async resultCsv(actor: Actor, importId: string, publicUrl: string | null): Promise<string> {
    const imported = await this.find(actor, importId);
    const lines = await this.lines(actor, imported.id);
    const ids = lines.flatMap((line) => (line.pathwayId ? [line.pathwayId] : []));
    const own = new Set<string>();
    for (const batch of chunks(ids, 500)) {
      for (const pathway of await this.uow.read(SYSTEM, (reads) => reads.find(Pathway, { id: { $in: batch }, referent: imported.referent.id }, { fields: ['id'] }))) own.add(pathway.id);
    }
    const rows = lines.map((line) => [
      String(line.line),
      VERDICT_LABELS[line.verdict],
      line.knownBefore ? 'oui' : '',
      line.problems.map((problem) => problem.message).join(' '),
      line.pathwayId && own.has(line.pathwayId) ? `${publicUrl ?? ''}/parcours/${line.pathwayId}` : '',
    ]);
    return `\ufeff${stringify([['Ligne', 'Résultat', 'Déjà accompagné(e)', 'Problèmes', 'Parcours'], ...rows.map((row) => row.map(spreadsheetSafe))], { delimiter: ';', record_delimiter: '\r\n' })}`;
  }

  /**
   * Sweep: a preview never confirmed loses its file after PREVIEW_RETENTION_DAYS (cancelled); an
   * ended import goes with its result after RESULT_RETENTION_DAYS; so do the refusals' keys.
   */
  @Sweep('referral imports purge')
  async purge(): Promise<{ expired: number; purged: number; refusalKeys: number }> {
    const now = this.clock.now();
    return this.uow.read(SYSTEM, async (reads) => {
      const expired = await reads.nativeUpdate(ReferralImport, { status: ImportStatus.PREVIEW, createdAt: { $lt: subDays(now, PREVIEW_RETENTION_DAYS) } }, { status: ImportStatus.CANCELLED, cells: null, endedAt: now });
      const old = { endedAt: { $lt: subDays(now, RESULT_RETENTION_DAYS) } };
      await reads.nativeDelete(ReferralImportLine, { referralImport: old });
      const purged = await reads.nativeDelete(ReferralImport, old);
      const refusalKeys = await reads.nativeUpdate(RefusedReferral, { dedupeKey: { $ne: null }, at: { $lt: subDays(now, RESULT_RETENTION_DAYS) } }, { dedupeKey: null });
      return { expired, purged, refusalKeys };
    });
  }

  /** How many lines of a confirmed import are done (its progress). */
  async doneCount(actor: Actor, importId: string): Promise<number> {
    return this.uow.read(actor, (reads) => reads.count(ReferralImportLine, { referralImport: importId, done: true }));
  }

  /** The recorded lines of a confirmed import, in file order. */
  async lines(actor: Actor, importId: string): Promise<ReferralImportLine[]> {
    return this.uow.read(actor, (reads) => reads.find(ReferralImportLine, { referralImport: importId }, { orderBy: { line: 'asc' } }));
  }

  private async openPreview(reads: ScopedReads, importId: string): Promise<ReferralImport> {
    const imported = isUuid(importId) ? await reads.findOne(ReferralImport, { id: importId }, { populate: ['cells'] }) : null;
    if (!imported) throw new NotFoundError('ReferralImport', ['input', 'importId']);
    if (!imported.open) throw new ImportsError('IMPORT_NOT_OPEN', 'Cet import est déjà confirmé, terminé ou annulé.', ['input', 'importId']);
    return imported;
  }

  /**
   * Judges every line: its values read, then the referral's own judgement (judgeReferral: fields
   * and eligibility), a person twice in the file, the identity rule across every scope (names and
   * birth date, or a France Travail identifier held by someone else), an open pathway anyone's.
   */
  async judge(reads: ScopedReads, imported: ReferralImport, today: LocalDate): Promise<ImportPreview> {
    const read = (imported.cells ?? []).map((row) => {
      const line = readLine(row.cells, imported.mapping, imported.choices, this.territory, today);
      const judged = line.asked ? judgeReferral(line.asked, today, this.territory) : null;
      const identity = judged ? identityKey(judged.person.lastName, judged.person.firstNames, judged.person.birthDate) : null;
      return { row, line, judged, identity, franceTravailId: judged?.person.franceTravailId ?? null };
    });
    const identities = [...new Set(read.flatMap((item) => (item.identity ? [item.identity] : [])))];
    const franceTravailIds = [...new Set(read.flatMap((item) => (item.franceTravailId ? [item.franceTravailId] : [])))];
    // The identity rule looks across every scope (DOMAIN.md: one person, one open pathway), in batches.
    const people = new Map<string, { id: string; identityKey: string }>();
    const holders = new Map<string, string>();
    for (const batch of chunks(identities, 500)) {
      for (const person of await reads.system().find(Participant, { identityKey: { $in: batch } }, { fields: ['id', 'identityKey'] })) people.set(person.identityKey, person);
    }
    for (const batch of chunks(franceTravailIds, 500)) {
      for (const person of await reads.system().find(Participant, { franceTravailId: { $in: batch } }, { fields: ['id', 'identityKey', 'franceTravailId'] })) holders.set(person.franceTravailId!, person.identityKey);
    }
    const open = new Map<string, { id: string; referentId: string }>();
    for (const batch of chunks([...people.values()].map((person) => person.id), 500)) {
      for (const pathway of await reads.system().find(Pathway, { openKey: { $in: batch } }, { fields: ['id', 'openKey', 'referent'] })) open.set(pathway.openKey!, { id: pathway.id, referentId: pathway.referent.id });
    }

    const seen = new Set<string>();
    const counts: ImportCounts = { toRefer: 0, alreadyInPathway: 0, notEligible: 0, inError: 0, duplicates: 0, referred: 0 };
    const lines = read.map(({ row, line, judged, identity, franceTravailId }) => {
      const base = { line: row.line, name: line.name, knownBefore: false, pathwayId: null as string | null, matched: null as string | null };
      const problems: LineProblem[] = [...line.problems, ...(judged?.fieldProblems ?? []).map((problem) => referralMessage(problem))];
      const verdict = (value: LineVerdict, extra: Partial<JudgedLine> = {}) => ({ ...base, ...extra, verdict: value, problems });
      if (!judged || problems.length > 0) return verdict(LineVerdict.IN_ERROR);
      const keys = [identity!, ...(franceTravailId ? [`ft:${franceTravailId}`] : [])];
      if (keys.some((key) => seen.has(key))) {
        problems.push({ code: 'DUPLICATE_IN_FILE', message: 'Cette personne figure déjà plus haut dans le fichier.', field: null });
        return verdict(LineVerdict.DUPLICATE_IN_FILE);
      }
      keys.forEach((key) => seen.add(key));
      if (judged.unmet.length > 0) {
        problems.push(...judged.unmet.map((problem) => referralMessage(problem)));
        return verdict(LineVerdict.NOT_ELIGIBLE);
      }
      const holder = franceTravailId ? holders.get(franceTravailId) : undefined;
      if (holder !== undefined && holder !== identity) {
        problems.push(referralMessage({ code: 'IDENTITY_CONFLICT', message: '' }));
        return verdict(LineVerdict.IN_ERROR);
      }
      const person = people.get(identity!);
      const pathway = person ? open.get(person.id) : undefined;
      // "Already in a pathway": the referent's own is named; anyone else's, nothing identifying.
      if (pathway) return verdict(LineVerdict.ALREADY_IN_PATHWAY, { pathwayId: pathway.referentId === imported.referent.id ? pathway.id : null, matched: person!.id });
      return verdict(LineVerdict.TO_REFER, { knownBefore: Boolean(person), matched: person?.id ?? null });
    });
    for (const line of lines) {
      if (line.verdict === LineVerdict.TO_REFER) counts.toRefer++;
      else if (line.verdict === LineVerdict.ALREADY_IN_PATHWAY) counts.alreadyInPathway++;
      else if (line.verdict === LineVerdict.NOT_ELIGIBLE) counts.notEligible++;
      else if (line.verdict === LineVerdict.DUPLICATE_IN_FILE) counts.duplicates++;
      else counts.inError++;
    }
    const missingChoices = [...(imported.choices.operatorId ? [] : (['operatorId'] as const)), ...(imported.choices.informedOn ? [] : (['informedOn'] as const))];
    return { missing: missingFields(imported.mapping), missingChoices, counts, lines };
  }

  /** The key that makes a line's refusal counted once, whatever file and however often: the person and the operator, digested. */
  static refusalKey(identity: string, operatorId: string): string {
    return createHash('sha256').update(`refusal|${identity}|${operatorId}`).digest('hex');
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
