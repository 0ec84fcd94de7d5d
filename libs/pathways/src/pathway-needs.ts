import type { FilterQuery } from '@mikro-orm/core';
import { addCalendarDays, parisDay, type LocalDate } from '@parcours/core';
import { getISODay, parse } from 'date-fns';
import { AppointmentAnswer, AppointmentStatus } from './interviews/interview-enums';
import type { Pathway } from './pathway.entity';
import { OPEN_PROPOSAL_STATUSES, ProposalStatus } from './proposals/proposal-status';

/**
 * What a pathway may be waiting for, as the caseload counts it and the list filters it: one
 * condition each, so that a caseload line and the list it opens count the same pathways.
 */
export enum PathwayNeed {
  /** A diagnostic appointment still PLANNED whose time has passed. */
  APPOINTMENT_TO_UPDATE = 'APPOINTMENT_TO_UPDATE',
  /** A diagnostic appointment to come that the person said (through their link) they cannot come to: to call them, and reschedule or excuse. */
  PERSON_CANNOT_COME = 'PERSON_CANNOT_COME',
  /** A diagnostic appointment (not cancelled) this week, Monday to Sunday in Paris. */
  APPOINTMENT_THIS_WEEK = 'APPOINTMENT_THIS_WEEK',
  /** A running placement past its planned end, to end or correct. */
  PLACEMENT_PAST_PLANNED_END = 'PLACEMENT_PAST_PLANNED_END',
  /** A running placement whose planned end is within CONTRACT_ENDING_DAYS (today included): the moment a pathway most often breaks. */
  CONTRACT_ENDING_SOON = 'CONTRACT_ENDING_SOON',
  /** An open proposal. */
  PROPOSAL_OPEN = 'PROPOSAL_OPEN',
  /** A proposal the sweep marked STALE. */
  PROPOSAL_STALE = 'PROPOSAL_STALE',
}

/** A contract whose planned end is from today to today + 15 days is "ending soon": listed, counted and announced (a staff notification). */
export const CONTRACT_ENDING_DAYS = 15;

/** Monday and Sunday of the week of `today`, in Paris. */
export function weekOf(today: LocalDate): { monday: LocalDate; sunday: LocalDate } {
  const monday = addCalendarDays(today, 1 - getISODay(parse(today, 'yyyy-MM-dd', new Date(2000, 0, 1))));
  return { monday, sunday: addCalendarDays(monday, 6) };
}

/** The pathways with that need at `now`: a condition on their own rows (a subquery, never a join that repeats them). */
export function needFilter(need: PathwayNeed, now: Date): FilterQuery<Pathway> {
  const today = parisDay(now);
  switch (need) {
    case PathwayNeed.APPOINTMENT_TO_UPDATE:
      return { appointments: { $some: { status: AppointmentStatus.PLANNED, startsAt: { $lt: now } } } };
    case PathwayNeed.PERSON_CANNOT_COME:
      return { appointments: { $some: { status: AppointmentStatus.PLANNED, answer: AppointmentAnswer.CANNOT_COME, startsAt: { $gte: now } } } };
    case PathwayNeed.APPOINTMENT_THIS_WEEK: {
      const { monday, sunday } = weekOf(today);
      return { appointments: { $some: { status: { $ne: AppointmentStatus.CANCELLED }, startsOn: { $gte: monday, $lte: sunday } } } };
    }
    case PathwayNeed.PLACEMENT_PAST_PLANNED_END:
      return { placements: { $some: { endedOn: null, plannedEndOn: { $lt: today } } } };
    case PathwayNeed.CONTRACT_ENDING_SOON:
      return { placements: { $some: { endedOn: null, plannedEndOn: { $gte: today, $lte: addCalendarDays(today, CONTRACT_ENDING_DAYS) } } } };
    case PathwayNeed.PROPOSAL_OPEN:
      return { proposals: { $some: { status: { $in: [...OPEN_PROPOSAL_STATUSES] } } } };
    case PathwayNeed.PROPOSAL_STALE:
      return { proposals: { $some: { status: ProposalStatus.STALE } } };
  }
}
