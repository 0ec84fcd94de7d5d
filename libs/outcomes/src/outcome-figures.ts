import { isUuid } from '@parcours/core';
import { ContractType } from '@parcours/opportunities';
import { DeclineReason, IN_WORK, OPEN_PROPOSAL_STATUSES, OutcomeCategory, ProposalStatus } from '@parcours/pathways';
import { OutcomeDimension } from './outcome-dimensions';

/**
 * The figures of DOMAIN.md's definitions table, each family one aggregate SQL statement over
 * indexed columns (the same text on SQLite and PostgreSQL but for the day difference), grouped by
 * the dimensions asked for and by every margin of them (UNION ALL), so that the report and its
 * suppression read the whole table in one statement per family.
 */

/** A count: rows (pathways, appointments…) where `when` holds, and the distinct people among them. */
export interface CountDefinition {
  name: string;
  /** SQL condition; every row when absent. */
  when?: string;
  /** What the schema says it counts. */
  description: string;
  /**
   * Never shown to anyone: the rest of a shown count once a shown part of it is taken away
   * (diagnostics that are not ready…), declared with its sum so that disclosure control protects
   * it as it protects a shown cell — "diagnostics − readyForEmployment" is a count of people too.
   */
  hidden?: true;
  /**
   * Its rows depend on the whole period, not only on their own day (a maturity rule, "open at
   * some day of the period"): a month's count is not its share of a longer period's, so a funder
   * sees it for the whole convention only.
   */
  periodDependent?: true;
  /** Its rows depend on the day the report is asked ("still unacknowledged after its due day"). */
  asOfToday?: true;
}

export interface FamilyDefinition {
  name: string;
  /** FROM and JOINs. */
  from: string;
  /** The period's condition on the family's date column, and any other. */
  where: string;
  /** The condition besides the period (a family with a day only): what the outcome model keeps, on every day. */
  filter?: string;
  /** What one of its rows belongs to, for the outcome model to recount a pathway's (or a refused attempt's) rows when they change. */
  subject: { kind: SubjectKind; column: string };
  /** The date column the period and the month are taken on; null when the family has no month. */
  day: string | null;
  /** The person counted, as an SQL expression. */
  person: string;
  /** The operator's column, for the scope. */
  operator: string;
  /** The dimensions' expressions (null: the family cannot be broken down by it). */
  dimensions: Partial<Record<OutcomeDimension, string>>;
  counts: CountDefinition[];
  /**
   * Counts adding up to another (a breakdown, or a part and its hidden rest): the relations
   * between figures that disclosure control, and the adversary of its test, work from.
   */
  sums?: { total: string; members: string[] }[];
  /** A lower median of a number of days per row, with a window function. */
  median?: { name: string; days: string; description: string };
}

/** A family's rows belong to a pathway, or to a refused referral attempt (which has none). */
export type SubjectKind = 'pathway' | 'refusal';

/** Some pathways and refused attempts, by id: families restricted to them (the outcome model's recount). */
export type Subjects = Record<SubjectKind, readonly string[]>;

/** Days from `earlier` to `later`, two YYYY-MM-DD columns. */
export function daysBetween(driver: 'sqlite' | 'postgresql', later: string, earlier: string): string {
  return driver === 'sqlite' ? `cast(julianday(${later}) - julianday(${earlier}) as integer)` : `(cast(${later} as date) - cast(${earlier} as date))`;
}

export const PATHWAY_DIMENSIONS = (day: string | null, contractType?: string): Partial<Record<OutcomeDimension, string>> => ({
  ...(day ? { [OutcomeDimension.MONTH]: `substr(${day}, 1, 7)` } : {}),
  [OutcomeDimension.PRESCRIBER]: 'p.prescriber_id',
  [OutcomeDimension.REFERENT]: 'p.referent_id',
  [OutcomeDimension.COUNSELLOR]: 'p.counsellor_id',
  [OutcomeDimension.COMMUNE]: 'p.referral_commune_code',
  ...(contractType ? { [OutcomeDimension.CONTRACT_TYPE]: contractType } : {}),
});

const breakdown = (prefix: string, column: string, values: readonly string[], what: string): CountDefinition[] =>
  values.map((value) => ({ name: `${prefix}${value}`, when: `${column} = '${value}'`, description: `${what} ${value}.` }));

/** An appointment that is the first booked on its pathway (the earliest written; the id breaks a tie). */
const FIRST = '(not exists (select 1 from appointment a0 where a0.pathway_id = a.pathway_id and (a0.created_at < a.created_at or (a0.created_at = a.created_at and a0.id < a.id))))';
/** A reminder of it reached the person. */
const REMINDED = '(a.reminded_at is not null)';

const DECLINE_REASONS = Object.values(DeclineReason);
const FINAL_PROPOSAL_STATUSES = Object.values(ProposalStatus).filter((status) => !OPEN_PROPOSAL_STATUSES.includes(status));
const CONTRACT_TYPES = Object.values(ContractType);
const OUTCOME_CATEGORIES = Object.values(OutcomeCategory);

/** The days a report is computed for, each checked as YYYY-MM-DD before it is written into the SQL. */
export interface ReportDays {
  from: string;
  to: string;
  /** The last referral day counted in the 30-day share: 30 days before `to`. */
  matureBy: string;
  today: string;
}

/** A checked day as an SQL literal (the days are validated LocalDates: nothing else reaches here). */
export function dayLiteral(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a day: ${day}`);
  return `'${day}'`;
}

/** Every family of figures over the days given. */
export function families(driver: 'sqlite' | 'postgresql', days: ReportDays, only?: Subjects): FamilyDefinition[] {
  const [from, to, matureBy, today] = [days.from, days.to, days.matureBy, days.today].map(dayLiteral);
  const period = (column: string) => `${column} between ${from} and ${to}`;
  // Restricted to some pathways, a first-of subquery reads only theirs.
  const ofOnly = only ? ` where pathway_id in (${idList(only.pathway)})` : '';
  const firstDiagnostic = `(select pathway_id, min(recorded_on) as first_on from diagnostic${ofOnly} group by pathway_id)`;
  const firstPlacement = `(select pathway_id, min(start_on) as first_on from placement${ofOnly} group by pathway_id)`;
  const PATHWAY = { kind: 'pathway', column: 'p.id' } as const;
  /** A family counted on a day: the period on that day, and its filter. */
  const onDay = (family: Omit<FamilyDefinition, 'where' | 'subject'> & { day: string; subject?: FamilyDefinition['subject'] }): FamilyDefinition => ({
    subject: PATHWAY,
    ...family,
    where: [period(family.day), ...(family.filter ? [family.filter] : [])].join(' and '),
  });
  const LATE = `(r.acknowledged_on > r.due_on or (r.acknowledged_on is null and r.due_on < ${today}))`;
  return [
    onDay({
      name: 'referrals',
      from: 'pathway p',
      day: 'p.referred_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('p.referred_on'),
      counts: [{ name: 'referrals', description: 'Pathways referred in the period (referredOn).' }],
    }),
    onDay({
      name: 'refusals',
      from: 'refused_referral r',
      subject: { kind: 'refusal', column: 'r.id' },
      day: 'r.refused_on',
      // A refused attempt keeps no person: each counts as one.
      person: 'r.id',
      operator: 'r.operator_id',
      dimensions: {
        [OutcomeDimension.MONTH]: 'substr(r.refused_on, 1, 7)',
        [OutcomeDimension.PRESCRIBER]: 'r.prescriber_id',
        [OutcomeDimension.REFERENT]: 'r.referent_id',
        [OutcomeDimension.COMMUNE]: 'r.commune_code',
      },
      counts: [
        { name: 'refusedReferrals', description: 'Referral attempts refused at once for eligibility, in the period (the day of the attempt).' },
        { name: 'refusedOutsideTerritory', when: "r.unmet_codes like '%OUTSIDE_TERRITORY%'", description: 'Refused attempts for residence outside the territory.' },
        { name: 'refusedNoRsaNorBarrier', when: "r.unmet_codes like '%NO_RSA_NOR_BARRIER%'", description: 'Refused attempts for neither RSA nor a declared barrier.' },
      ],
    }),
    onDay({
      name: 'accepted',
      from: 'pathway p',
      day: 'p.accepted_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('p.accepted_on'),
      counts: [{ name: 'accepted', description: 'Referrals accepted in the period (the day of the decision).' }],
    }),
    onDay({
      name: 'declined',
      from: 'pathway p',
      filter: `p.status = 'DECLINED'`,
      day: 'p.closed_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('p.closed_on'),
      counts: [{ name: 'declined', description: 'Referrals declined in the period (the day of the decision).' }, ...breakdown('declined_', 'p.decline_reason', DECLINE_REASONS, 'Declined for')],
      sums: [{ total: 'declined', members: DECLINE_REASONS.map((reason) => `declined_${reason}`) }],
    }),
    onDay({
      name: 'diagnosed',
      from: `pathway p join ${firstDiagnostic} d on d.pathway_id = p.id`,
      day: 'd.first_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('d.first_on'),
      counts: [
        { name: 'diagnosed', description: 'Pathways whose first diagnostic was recorded in the period (diagnosedOn).' },
        { name: 'diagnosedMature', when: `p.referred_on <= ${matureBy}`, periodDependent: true, description: 'Of those, the pathways referred at least 30 days before the period ends (the "mature" rule): the base of the 30-day share.' },
        { name: 'diagnosedNotMature', when: `p.referred_on > ${matureBy}`, hidden: true, periodDependent: true, description: 'Of those, the pathways referred less than 30 days before the period ends.' },
        {
          name: 'diagnosedWithin30Days',
          when: `p.referred_on <= ${matureBy} and ${daysBetween(driver, 'd.first_on', 'p.referred_on')} <= 30`,
          periodDependent: true,
          description: 'Of the mature ones, those diagnosed at most 30 days after their referral.',
        },
        {
          name: 'diagnosedAfter30Days',
          when: `p.referred_on <= ${matureBy} and ${daysBetween(driver, 'd.first_on', 'p.referred_on')} > 30`,
          hidden: true,
          periodDependent: true,
          description: 'Of the mature ones, those diagnosed more than 30 days after their referral.',
        },
      ],
      sums: [
        { total: 'diagnosed', members: ['diagnosedMature', 'diagnosedNotMature'] },
        { total: 'diagnosedMature', members: ['diagnosedWithin30Days', 'diagnosedAfter30Days'] },
      ],
      median: { name: 'daysToDiagnosticMedian', days: daysBetween(driver, 'd.first_on', 'p.referred_on'), description: 'Lower median of the days from referral (referredOn) to the first diagnostic (diagnosedOn), over the pathways diagnosed in the period.' },
    }),
    onDay({
      name: 'appointments',
      from: 'appointment a join pathway p on p.id = a.pathway_id',
      filter: `a.status in ('HELD', 'NO_SHOW')`,
      day: 'a.starts_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('a.starts_on'),
      counts: [
        { name: 'appointmentsWithOutcome', description: 'Diagnostic appointments held or missed in the period (the appointment day).' },
        { name: 'noShows', when: "a.status = 'NO_SHOW'", description: 'Of those, the ones the person missed (NO_SHOW).' },
        { name: 'appointmentsHeld', when: "a.status = 'HELD'", hidden: true, description: 'Of those, the ones held.' },
      ],
      sums: [{ total: 'appointmentsWithOutcome', members: ['noShows', 'appointmentsHeld'] }],
    }),
    // Do reminders work? The first appointment booked on each pathway, held or missed, split by whether a reminder reached the person.
    onDay({
      name: 'firstAppointments',
      from: 'appointment a join pathway p on p.id = a.pathway_id',
      filter: `a.status in ('HELD', 'NO_SHOW') and ${FIRST}`,
      day: 'a.starts_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('a.starts_on'),
      counts: [
        { name: 'firstAppointments', description: 'First diagnostic appointments (the first booked on their pathway) held or missed in the period (the appointment day).' },
        { name: 'firstAppointmentsReminded', when: REMINDED, description: 'Of those, the ones of which a reminder reached the person (SMS or e-mail accepted).' },
        { name: 'firstAppointmentsRemindedHeld', when: `${REMINDED} and a.status = 'HELD'`, description: 'Of those, the ones held.' },
        { name: 'firstAppointmentsRemindedMissed', when: `${REMINDED} and a.status = 'NO_SHOW'`, hidden: true, description: 'Of those, the ones missed.' },
        { name: 'firstAppointmentsNotReminded', when: `not ${REMINDED}`, description: 'First appointments of which no reminder reached the person.' },
        { name: 'firstAppointmentsNotRemindedHeld', when: `not ${REMINDED} and a.status = 'HELD'`, description: 'Of those, the ones held.' },
        { name: 'firstAppointmentsNotRemindedMissed', when: `not ${REMINDED} and a.status = 'NO_SHOW'`, hidden: true, description: 'Of those, the ones missed.' },
      ],
      sums: [
        { total: 'firstAppointments', members: ['firstAppointmentsReminded', 'firstAppointmentsNotReminded'] },
        { total: 'firstAppointmentsReminded', members: ['firstAppointmentsRemindedHeld', 'firstAppointmentsRemindedMissed'] },
        { total: 'firstAppointmentsNotReminded', members: ['firstAppointmentsNotRemindedHeld', 'firstAppointmentsNotRemindedMissed'] },
      ],
    }),
    onDay({
      name: 'diagnostics',
      from: 'diagnostic dg join pathway p on p.id = dg.pathway_id',
      day: 'dg.recorded_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('dg.recorded_on'),
      counts: [
        { name: 'diagnostics', description: 'Diagnostics recorded in the period (diagnosedOn).' },
        { name: 'readyForEmployment', when: "dg.readiness in ('READY_FOR_EMPLOYMENT', 'READY_WITH_SUPPORT')", description: 'Of those, READY_FOR_EMPLOYMENT or READY_WITH_SUPPORT.' },
        { name: 'notReady', when: "dg.readiness not in ('READY_FOR_EMPLOYMENT', 'READY_WITH_SUPPORT')", hidden: true, description: 'Of those, NOT_READY or REORIENTATION_SUGGESTED.' },
      ],
      sums: [{ total: 'diagnostics', members: ['readyForEmployment', 'notReady'] }],
    }),
    onDay({
      name: 'proposals',
      from: 'proposal pr join pathway p on p.id = pr.pathway_id join opportunity o on o.id = pr.opportunity_id',
      filter: `pr.status in (${FINAL_PROPOSAL_STATUSES.map((status) => `'${status}'`).join(', ')})`,
      day: 'pr.last_step_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('pr.last_step_on', 'o.contract_type'),
      counts: [{ name: 'proposalsEnded', description: 'Proposals whose final step was recorded in the period (the step day).' }, ...breakdown('proposals_', 'pr.status', FINAL_PROPOSAL_STATUSES, 'Ending')],
      sums: [{ total: 'proposalsEnded', members: FINAL_PROPOSAL_STATUSES.map((status) => `proposals_${status}`) }],
    }),
    onDay({
      name: 'placements',
      from: 'placement pl join pathway p on p.id = pl.pathway_id',
      day: 'pl.start_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('pl.start_on', 'pl.contract_type'),
      counts: [{ name: 'placements', description: 'Placements started in the period (their start).' }, ...breakdown('placements_', 'pl.contract_type', CONTRACT_TYPES, 'Of contract type')],
      sums: [{ total: 'placements', members: CONTRACT_TYPES.map((type) => `placements_${type}`) }],
    }),
    onDay({
      name: 'exits',
      from: 'pathway p',
      filter: `p.status = 'EXITED'`,
      day: 'p.exited_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('p.exited_on', 'p.outcome_contract_type'),
      counts: [{ name: 'exits', description: 'Pathways exited in the period (exitedOn).' }, ...breakdown('exits_', 'p.outcome_category', OUTCOME_CATEGORIES, 'With the outcome category')],
      sums: [{ total: 'exits', members: OUTCOME_CATEGORIES.map((category) => `exits_${category}`) }],
    }),
    onDay({
      name: 'firstPlacements',
      from: `pathway p join ${firstPlacement} f on f.pathway_id = p.id`,
      day: 'f.first_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('f.first_on'),
      counts: [{ name: 'firstPlacements', description: 'Pathways whose first placement started in the period.' }],
      median: { name: 'daysToFirstPlacementMedian', days: daysBetween(driver, 'f.first_on', 'p.referred_on'), description: 'Lower median of the days from referral to the first placement\'s start, over those pathways.' },
    }),
    onDay({
      name: 'sixMonths',
      from: 'checkpoint c join pathway p on p.id = c.pathway_id left join follow_up_contact fc on fc.checkpoint_id = c.id',
      filter: `c.offset = '6m'`,
      day: 'c.due_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('c.due_on'),
      counts: [
        { name: 'sixMonthCheckpoints', when: "c.status <> 'CANCELLED'", description: '+6-month checkpoints due in the period (the checkpoint day), cancelled ones aside.' },
        { name: 'sixMonthRecorded', when: "c.status in ('RECORDED', 'RECORDED_LATE')", description: 'Of those, recorded (late ones included).' },
        { name: 'stillInWork', when: `c.status in ('RECORDED', 'RECORDED_LATE') and fc.situation in (${IN_WORK.map((situation) => `'${situation}'`).join(', ')})`, description: 'Recorded as still in work, anywhere: IN_POST, IN_OTHER_WORK or IN_TRAINING.' },
        { name: 'sixMonthUnknown', when: "c.status in ('RECORDED', 'RECORDED_LATE') and (fc.situation is null or fc.situation = 'UNKNOWN')", description: 'Recorded without a known situation (UNKNOWN), shown apart.' },
        { name: 'sixMonthMissed', when: "c.status = 'MISSED'", description: 'MISSED, shown apart.' },
        { name: 'sixMonthPending', when: "c.status not in ('RECORDED', 'RECORDED_LATE', 'MISSED', 'CANCELLED')", hidden: true, description: 'Neither recorded nor missed yet.' },
        {
          name: 'sixMonthOtherSituation',
          when: `c.status in ('RECORDED', 'RECORDED_LATE') and fc.situation is not null and fc.situation <> 'UNKNOWN' and fc.situation not in (${IN_WORK.map((situation) => `'${situation}'`).join(', ')})`,
          hidden: true,
          description: 'Recorded, and no longer in work.',
        },
      ],
      sums: [
        { total: 'sixMonthCheckpoints', members: ['sixMonthRecorded', 'sixMonthMissed', 'sixMonthPending'] },
        { total: 'sixMonthRecorded', members: ['stillInWork', 'sixMonthUnknown', 'sixMonthOtherSituation'] },
      ],
    }),
    onDay({
      name: 'reports',
      from: 'referent_report r join pathway p on p.id = r.pathway_id',
      day: 'r.due_on',
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS('r.due_on'),
      counts: [
        { name: 'reportsDue', description: 'Reports to referents due for acknowledgement in the period (dueOn).' },
        { name: 'reportsLate', when: LATE, asOfToday: true, description: 'Of those, acknowledged after their due day, or still unacknowledged after it (OVERDUE).' },
        { name: 'reportsNotLate', when: `not ${LATE}`, hidden: true, asOfToday: true, description: 'Of those, acknowledged in time or not yet due.' },
      ],
      sums: [{ total: 'reportsDue', members: ['reportsLate', 'reportsNotLate'] }],
    }),
    {
      name: 'progress',
      from: 'pathway p',
      where: `p.referred_on <= ${to} and coalesce(p.exited_on, p.closed_on, ${to}) >= ${from}`,
      day: null,
      subject: PATHWAY,
      person: 'p.participant_id',
      operator: 'p.operator_id',
      dimensions: PATHWAY_DIMENSIONS(null),
      counts: [{ name: 'participantsOpen', periodDependent: true, description: 'Distinct people with a pathway open at some day of the period (referred by its end, not closed before its start): progress against a convention\'s target.' }],
    },
  ];
}

/** Ids as an SQL list; each checked as a uuid before it is written into the SQL. */
export function idList(ids: readonly string[]): string {
  if (ids.length === 0) return 'null';
  return ids.map((id) => {
    if (!isUuid(id)) throw new Error(`Not an id: ${id}`);
    return `'${id}'`;
  }).join(', ');
}
