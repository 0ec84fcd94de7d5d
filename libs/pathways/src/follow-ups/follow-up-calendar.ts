import { addCalendarDays, addCalendarMonths, type LocalDate } from '@parcours/core';
import { ContractType } from '@parcours/opportunities';
import { isFixedTerm } from '../placements/contract-rules';
import { tempChains, type Contract } from '../placements/outcome';

export enum CheckpointKind {
  /** +15 days, +1 month… from the first placement's start (FOLLOW_UP_OFFSETS). */
  OFFSET = 'OFFSET',
  /** The planned end of a fixed-term placement, or of a temp-mission chain. */
  PLANNED_END = 'PLANNED_END',
}

export enum CheckpointStatus {
  PENDING = 'PENDING',
  RECORDED = 'RECORDED',
  MISSED = 'MISSED',
  /** Recorded after it was MISSED: it counts. */
  RECORDED_LATE = 'RECORDED_LATE',
  /** Its placement ended before the planned end, or the pathway was withdrawn or erased. */
  CANCELLED = 'CANCELLED',
}

/** Checkpoints still waiting for a contact: due, or missed and still recordable (late). */
export const OPEN_CHECKPOINTS: readonly CheckpointStatus[] = [CheckpointStatus.PENDING, CheckpointStatus.MISSED];

/** Recorded checkpoints are never moved, cancelled or removed. */
export const RECORDED_CHECKPOINTS: readonly CheckpointStatus[] = [CheckpointStatus.RECORDED, CheckpointStatus.RECORDED_LATE];

/** A checkpoint the calendar calls for. `key` names it across recomputations. */
export interface PlannedCheckpoint {
  key: string;
  kind: CheckpointKind;
  /** The offset of an OFFSET checkpoint, as configured ("15d", "1m"…). */
  offset: string | null;
  /** The placement of a PLANNED_END checkpoint (a chain's first mission). */
  placementId: string | null;
  dueOn: LocalDate;
}

export type CalendarPlacement = Contract & { id: string };

/** An offset as FOLLOW_UP_OFFSETS gives it (checked by the configuration): days ("15d") or calendar months ("1m"). */
const OFFSET = /^(\d+)([dm])$/;

/** The day an offset falls on, in calendar days or calendar months (31 January + 1 month = 28 February). */
export function afterOffset(day: LocalDate, offset: string): LocalDate {
  const [, amount, unit] = OFFSET.exec(offset) ?? [];
  if (!unit) throw new Error(`Not a follow-up offset: ${offset}`);
  return unit === 'd' ? addCalendarDays(day, Number(amount)) : addCalendarMonths(day, Number(amount));
}

/**
 * A pathway's follow-up calendar (DOMAIN.md, "In-job follow-up"): from the start of its first
 * placement, one checkpoint per offset, kept whatever happens to the contract; plus one at the
 * planned end of each fixed-term placement and one at the current planned end of each temp-mission
 * chain, none when that placement (the chain's last mission) ended before it.
 */
export function followUpCalendar(placements: readonly CalendarPlacement[], offsets: readonly string[], tempChainGapDays: number): PlannedCheckpoint[] {
  if (placements.length === 0) return [];
  const first = placements.map((placement) => placement.startOn).sort()[0];
  const calendar: PlannedCheckpoint[] = offsets.map((offset) => ({ key: `OFFSET:${offset}`, kind: CheckpointKind.OFFSET, offset, placementId: null, dueOn: afterOffset(first, offset) }));
  const plannedEnd = (key: string, placementId: string, last: CalendarPlacement) => {
    if (!last.plannedEndOn || (last.endedOn !== null && last.endedOn < last.plannedEndOn)) return;
    calendar.push({ key, kind: CheckpointKind.PLANNED_END, offset: null, placementId, dueOn: last.plannedEndOn });
  };
  for (const placement of placements) {
    if (placement.contractType !== ContractType.TEMP_MISSION && isFixedTerm(placement.contractType)) plannedEnd(`END:${placement.id}`, placement.id, placement);
  }
  for (const chain of tempChains(placements, tempChainGapDays)) {
    const last = chain.missions.reduce((latest, mission) => (mission.startOn >= latest.startOn ? mission : latest));
    plannedEnd(`CHAIN:${chain.missions[0].id}`, chain.missions[0].id, last);
  }
  return calendar.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

/** A checkpoint as stored. */
export interface StoredCheckpoint {
  key: string;
  status: CheckpointStatus;
  dueOn: LocalDate;
}

/** What to do to the stored checkpoints so that they follow the calendar. */
export interface CalendarChanges {
  create: PlannedCheckpoint[];
  /** Pending (or missed, or cancelled) checkpoints the calendar keeps, at their (new) day: PENDING again. */
  move: { key: string; dueOn: LocalDate }[];
  /** Pending or missed checkpoints the calendar no longer calls for. */
  cancel: string[];
}

/** The changes that bring the stored checkpoints to the calendar; recorded ones are never touched. */
export function reconcileCalendar(stored: readonly StoredCheckpoint[], calendar: readonly PlannedCheckpoint[]): CalendarChanges {
  const byKey = new Map(stored.map((checkpoint) => [checkpoint.key, checkpoint]));
  const planned = new Set(calendar.map((checkpoint) => checkpoint.key));
  const changes: CalendarChanges = { create: [], move: [], cancel: [] };
  for (const checkpoint of calendar) {
    const existing = byKey.get(checkpoint.key);
    if (!existing) changes.create.push(checkpoint);
    else if (RECORDED_CHECKPOINTS.includes(existing.status)) continue;
    else if (existing.status === CheckpointStatus.CANCELLED || existing.dueOn !== checkpoint.dueOn) changes.move.push({ key: checkpoint.key, dueOn: checkpoint.dueOn });
  }
  for (const checkpoint of stored) {
    if (!planned.has(checkpoint.key) && OPEN_CHECKPOINTS.includes(checkpoint.status)) changes.cancel.push(checkpoint.key);
  }
  return changes;
}

/** A pending checkpoint is MISSED `afterDays` days after its day. */
export function isMissed(dueOn: LocalDate, today: LocalDate, afterDays: number): boolean {
  return today >= addCalendarDays(dueOn, afterDays);
}
