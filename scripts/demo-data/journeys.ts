import type { INestApplicationContext } from '@nestjs/common';
import { OrganisationKind, type Actor } from '@parcours/accounts';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, ManualClock, parisInstant, type LocalDate } from '@parcours/core';
import { ContractType, OpportunitiesService, OpportunityKind, Qualification } from '@parcours/opportunities';
import { BarrierTheme, MessageChannel, RsaStatus } from '@parcours/participants';
import {
  Appointment,
  AppointmentChannel,
  AppointmentStatus,
  AssessmentStatus,
  AGENCY_CONTRACTS,
  Checkpoint,
  CONTRACT_RULES,
  CheckpointStatus,
  ContactKind,
  ContactReached,
  DeclineReason,
  EMPLOYER_REASONS,
  ExitReason,
  FollowUpDifficultyTheme,
  FollowUpsService,
  FollowUpSituation,
  InterviewsService,
  PARTICIPANT_REASONS,
  PlacementEndReason,
  PlacementsService,
  ProposalsService,
  ProposalStatus,
  Readiness,
  ReferralsService,
  WorkingTime,
  type Placement,
} from '@parcours/pathways';
import { ReferentReport, ReportsService } from '@parcours/reports';
import { Territory } from '@parcours/territory';
import { UnitOfWork } from '@parcours/unit-of-work';
import type { CommandMeter } from './command-meter';
import { Chance, fictionalPerson, territoryCommunes } from './fiction';
import type { Partner, World } from './world';

/** Commands of one actor run in one transaction, at most this many. */
export const BATCH = 200;

/** How a journey is meant to go, drawn at referral; where it stands on the last day depends on when it began. */
enum Fate {
  WITHDRAWN = 'WITHDRAWN',
  DECLINED = 'DECLINED',
  UNREACHABLE = 'UNREACHABLE',
  RETURNED_TO_REFERENT = 'RETURNED_TO_REFERENT',
  NO_SOLUTION = 'NO_SOLUTION',
  JOB_BY_PROPOSAL = 'JOB_BY_PROPOSAL',
  JOB_FOUND_DIRECTLY = 'JOB_FOUND_DIRECTLY',
  TRAINING = 'TRAINING',
}

interface Running {
  id: string;
  contractType: ContractType;
  agency: Partner | null;
  withEmployer: boolean;
  chain: number;
}

/**
 * What the simulation remembers of one pathway; forgotten once nothing more is planned for it. Plans
 * hold ids and plain values, never entities: an entity would keep its whole graph alive for months.
 */
interface Journey {
  fate: Fate;
  referent: Actor;
  counsellor: Actor;
  id: string;
  noShows: number;
  failuresLeft: number;
  exitPlanned: boolean;
  exited: boolean;
  running: Running[];
  plannedCheckpoints: Set<string>;
  /** An acknowledgement is planned: it will read every report that came before it. */
  acknowledging: boolean;
  /** Offers proposed to this person: an offer is proposed to a person once. */
  offers: Set<string>;
}

interface Planned {
  actor: Actor;
  /** The journey step, as the command table names it. */
  name: string;
  run: () => Promise<void>;
}

interface Offer {
  id: string;
  contractType: ContractType;
  partner: Partner;
  client: Partner | null;
  slots: number;
  /** The simulated day it was created on. */
  createdOn: number;
  qualification: Qualification | null;
}

/** Job contract types as the offers carry them, by weight; business creation is never an offer. */
const OFFERED: readonly (readonly [ContractType, number])[] = [
  [ContractType.CDI, 12],
  [ContractType.CDI_INTERIM, 2],
  [ContractType.CDD, 24],
  [ContractType.CDD_USAGE, 4],
  [ContractType.SEASONAL, 4],
  [ContractType.TEMP_MISSION, 24],
  [ContractType.APPRENTICESHIP, 3],
  [ContractType.PROFESSIONALISATION, 3],
  [ContractType.PEC, 7],
  [ContractType.CUI_CIE, 3],
  [ContractType.CDDI, 10],
  [ContractType.CDI_INCLUSION, 3],
];

/** Planned lengths of the contracts that have a planned end (CONTRACT_RULES), in days. */
const LENGTH: Partial<Record<ContractType, readonly [number, number]>> = {
  [ContractType.CDD]: [30, 365],
  [ContractType.CDD_USAGE]: [7, 90],
  [ContractType.SEASONAL]: [45, 120],
  [ContractType.TEMP_MISSION]: [5, 60],
  [ContractType.APPRENTICESHIP]: [365, 730],
  [ContractType.PROFESSIONALISATION]: [180, 365],
  [ContractType.PEC]: [180, 365],
  [ContractType.CUI_CIE]: [180, 365],
  [ContractType.CDDI]: [120, 730],
  [ContractType.TRAINING]: [60, 270],
};

const TARGET_JOBS = [
  { title: 'Agent de propreté', romeCode: 'K2204' },
  { title: 'Préparateur de commandes', romeCode: 'N1103' },
  { title: 'Aide à domicile', romeCode: 'K1304' },
  { title: 'Employé polyvalent de restauration', romeCode: 'G1603' },
  { title: 'Agent d’entretien des espaces verts', romeCode: 'A1203' },
  { title: 'Manutentionnaire', romeCode: 'N1105' },
  { title: 'Employé de libre-service', romeCode: 'D1507' },
  { title: 'Ouvrier du BTP', romeCode: 'F1704' },
];

const TRAININGS = ['Titre professionnel agent de propreté', 'CACES R489', 'Remise à niveau savoirs de base', 'Titre professionnel assistant de vie aux familles', 'Permis B – parcours accompagné'];

/**
 * The journeys, simulated day by day from `from` to the day before `until`: every referral,
 * decision, appointment, diagnostic, proposal step, placement, contact and exit goes through the
 * domain services, the day's commands of each actor in one transaction (BATCH at most), so that
 * the report composer and the audit run as in the API. The clock stands on each simulated day
 * (17:00 Paris and after, a second per transaction); the sweeps the server runs hourly run each
 * evening. `onBatch` is told of each committed batch.
 */
export class JourneySimulation {
  private readonly agenda = new Map<number, Planned[]>();
  private readonly offers: Offer[] = [];
  private readonly identities = new Set<string>();
  private readonly communes;
  private today!: LocalDate;
  private referred = 0;
  private origin = 0;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly clock: ManualClock,
    private readonly chance: Chance,
    private readonly world: World,
    private readonly meter: CommandMeter,
  ) {
    this.communes = territoryCommunes(app.get(Territory));
  }

  async run(pathways: number, from: LocalDate, until: LocalDate, onBatch: (referred: number) => void): Promise<void> {
    this.origin = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
    const days = calendarDaysBetween(from, until);
    // Referrals on working days, spread evenly over the period, in order.
    const referralDays = Array.from({ length: pathways }, () => this.workingDay(this.chance.int(0, days - 1), days)).sort((a, b) => a - b);
    for (const day of referralDays) this.plan(day, this.newJourney(), 'referent', this.refer);
    const uow = this.app.get(UnitOfWork);
    for (let day = 0; day < days; day++) {
      this.today = addCalendarDays(from, day);
      this.clock.set(parisInstant(this.today, 17));
      const planned = this.agenda.get(day) ?? [];
      this.agenda.delete(day);
      const byActor = new Map<string, Planned[]>();
      for (const item of planned) {
        const items = byActor.get(item.actor.userId);
        if (items) items.push(item);
        else byActor.set(item.actor.userId, [item]);
      }
      for (const items of byActor.values()) {
        for (let start = 0; start < items.length; start += BATCH) {
          const batch = items.slice(start, start + BATCH);
          await uow.run(batch[0].actor, async ({ em }) => {
            // One command at a time, as the API would run them: the entity manager holds one command's entities.
            for (const item of batch) {
              await this.meter.measure(item.name, async () => {
                await item.run();
                await em.flush();
                em.clear();
              });
            }
          });
          this.clock.advance(1000);
          onBatch(this.referred);
        }
      }
      this.clock.set(parisInstant(this.today, 23, 30));
      await this.meter.measure('(evening sweeps)', () => this.sweep());
    }
  }

  /** The referral day `index`, moved to the next Monday when it falls on a weekend (back to Friday at the very end). */
  private workingDay(index: number, days: number): number {
    const weekday = new Date(this.origin + index * 86_400_000).getUTCDay();
    const monday = weekday === 6 ? index + 2 : weekday === 0 ? index + 1 : index;
    return monday < days ? monday : index - (weekday === 6 ? 1 : 2);
  }

  private newJourney(): Journey {
    const fate = this.chance.weighted([
      [Fate.WITHDRAWN, 3],
      [Fate.DECLINED, 7],
      [Fate.UNREACHABLE, 5],
      [Fate.RETURNED_TO_REFERENT, 5],
      [Fate.NO_SOLUTION, 20],
      [Fate.JOB_BY_PROPOSAL, 40],
      [Fate.JOB_FOUND_DIRECTLY, 8],
      [Fate.TRAINING, 12],
    ]);
    return {
      fate,
      referent: this.chance.pick(this.world.referents),
      counsellor: this.chance.pick(this.world.counsellors),
      id: '',
      noShows: 0,
      failuresLeft: this.chance.weighted([
        [0, 5],
        [1, 3],
        [2, 2],
      ]),
      exitPlanned: false,
      exited: false,
      running: [],
      plannedCheckpoints: new Set(),
      offers: new Set(),
      acknowledging: false,
    };
  }

  /** Plans a step on a day; `name` is the step's in the generator's command table (a named step's own by default). */
  private plan(day: number, journey: Journey, who: 'referent' | 'counsellor', step: (journey: Journey) => Promise<void>, name = step.name): void {
    const planned = this.agenda.get(day) ?? [];
    planned.push({ actor: journey[who], name, run: () => step(journey) });
    this.agenda.set(day, planned);
  }

  /** Plans a step `days` after today (at least one: a pathway moves at most once a day). */
  private later(days: number, journey: Journey, who: 'referent' | 'counsellor', step: (journey: Journey) => Promise<void>, name = step.name): void {
    this.plan(this.dayIndex(this.today) + Math.max(1, days), journey, who, step, name);
  }

  /** Days since the first simulated day (UTC arithmetic on the written day: no time zone can move it). */
  private dayIndex(day: LocalDate): number {
    return (Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - this.origin) / 86_400_000;
  }

  // The steps, in the order a journey meets them.

  private refer = async (journey: Journey): Promise<void> => {
    const person = fictionalPerson(this.chance, this.communes, this.today, this.identities);
    // Without RSA, a declared barrier is what makes the person eligible.
    const barriers = this.chance.some(Object.values(BarrierTheme).filter((theme) => theme !== BarrierTheme.JUSTICE), person.rsaStatus === RsaStatus.NONE ? 1 : 0, 3);
    const justice = this.chance.chance(0.03);
    // Most people agree to their convocations and reminders by the means they gave.
    const messageConsent = [...(person.phone && this.chance.chance(0.7) ? [MessageChannel.SMS] : []), ...(person.email && this.chance.chance(0.7) ? [MessageChannel.EMAIL] : [])];
    const pathway = await this.app.get(ReferralsService).refer(journey.referent, {
      operatorId: this.world.operatorId,
      person,
      messageConsent,
      barriers: justice ? [...barriers, BarrierTheme.JUSTICE] : barriers,
      justiceJustification: justice ? 'Suivi SPIP en cours, horaires à aménager.' : null,
    });
    journey.id = pathway.id;
    this.referred += 1;
    if (journey.fate === Fate.WITHDRAWN) this.later(this.chance.int(1, 6), journey, 'referent', this.withdraw);
    else this.later(this.chance.int(1, 9), journey, 'counsellor', this.decide);
  };

  private withdraw = async (journey: Journey): Promise<void> => {
    await this.app.get(ReferralsService).withdraw(journey.referent, journey.id, 'La personne a déménagé hors du territoire.');
  };

  private decide = async (journey: Journey): Promise<void> => {
    const referrals = this.app.get(ReferralsService);
    if (journey.fate === Fate.DECLINED) {
      const reason = this.chance.pick(Object.values(DeclineReason));
      await referrals.decline(journey.counsellor, journey.id, reason, reason === DeclineReason.OTHER ? 'Déjà accompagnée par une autre structure.' : null);
      this.acknowledgeLater(journey);
      return;
    }
    await referrals.accept(journey.counsellor, journey.id);
    this.later(this.chance.int(1, 4), journey, 'counsellor', this.schedule);
  };

  private schedule = async (journey: Journey): Promise<void> => {
    const on = addCalendarDays(this.today, this.chance.int(2, 10));
    const startsAt = parisInstant(on, this.chance.int(9, 15), this.chance.pick([0, 30]));
    const channel = this.chance.weighted([
      [AppointmentChannel.ON_SITE, 7],
      [AppointmentChannel.PHONE, 2],
      [AppointmentChannel.VIDEO, 1],
    ]);
    const appointment = await this.app.get(InterviewsService).schedule(journey.counsellor, journey.id, null, {
      startsAt,
      channel,
      place: channel === AppointmentChannel.ON_SITE ? 'Antenne de Saint-Étienne, 2 rue Balay' : null,
    });
    const appointmentId = appointment.id; // the plan keeps the id, never the entity (and its graph)
    this.plan(this.dayIndex(on), journey, 'counsellor', (j) => this.attend(j, appointmentId), 'attend');
  };

  private attend = async (journey: Journey, appointmentId: string): Promise<void> => {
    const interviews = this.app.get(InterviewsService);
    // A reminder reaches about two people in three (those who agreed to messages, with SMS or e-mail
    // on); as rdv-insertion measured, fewer of them miss their interview. The relay marks it when it
    // sends one; the generator runs no relay, so it marks it on the day (within the batch's command).
    const reminded = this.chance.chance(0.65);
    if (reminded) await this.app.get(UnitOfWork).run(journey.counsellor, async ({ reads, now }) => (await reads.findOneOrFail(Appointment, { id: appointmentId })).markReminded(now));
    const absent = journey.fate === Fate.UNREACHABLE ? true : this.chance.chance(reminded ? 0.05 : 0.18);
    if (absent) {
      journey.noShows += 1;
      await interviews.close(journey.counsellor, appointmentId, this.chance.chance(0.8) ? AppointmentStatus.NO_SHOW : AppointmentStatus.EXCUSED);
      if (journey.fate === Fate.UNREACHABLE && journey.noShows >= 2) {
        this.later(this.chance.int(10, 30), journey, 'counsellor', (j) => this.exit(j, ExitReason.UNREACHABLE), 'exit');
      } else {
        this.later(this.chance.int(2, 8), journey, 'counsellor', this.schedule);
      }
      return;
    }
    const themes = Object.values(BarrierTheme).filter((theme) => theme !== BarrierTheme.JUSTICE);
    const present = this.chance.some(themes, 1, 3);
    await interviews.record(journey.counsellor, appointmentId, {
      assessments: themes.map((theme) => ({
        theme,
        status: present.includes(theme) ? AssessmentStatus.PRESENT : this.chance.chance(0.15) ? AssessmentStatus.LIFTED : AssessmentStatus.NOT_DISCUSSED,
        blocking: present.includes(theme) && this.chance.chance(0.3),
      })),
      notes: {},
      targetJobs: this.chance.some(TARGET_JOBS, 1, 2),
      contractTypes: this.chance.some([ContractType.CDI, ContractType.CDD, ContractType.TEMP_MISSION, ContractType.CDDI], 1, 3),
      workingTime: this.chance.pick(Object.values(WorkingTime)),
      mobilityRadiusKm: this.chance.pick([null, 10, 20, 30]),
      availableFrom: null,
      strengths: this.chance.chance(0.5) ? 'Ponctuelle, expérience en équipe.' : null,
      readiness:
        journey.fate === Fate.RETURNED_TO_REFERENT
          ? this.chance.pick([Readiness.NOT_READY, Readiness.REORIENTATION_SUGGESTED])
          : this.chance.pick([Readiness.READY_FOR_EMPLOYMENT, Readiness.READY_WITH_SUPPORT]),
      summary: 'Entretien de diagnostic réalisé ; projet professionnel et freins à lever précisés.',
    });
    this.acknowledgeLater(journey);
    switch (journey.fate) {
      case Fate.RETURNED_TO_REFERENT:
        break;
      case Fate.NO_SOLUTION:
        if (this.chance.chance(0.5)) this.later(this.chance.int(7, 30), journey, 'counsellor', this.propose);
        this.planExit(journey, this.chance.int(120, 360), this.chance.weighted([
          [ExitReason.NO_SOLUTION, 4],
          [ExitReason.GAVE_UP, 2],
          [ExitReason.MOVED_AWAY, 1],
          [ExitReason.UNREACHABLE, 2],
          [ExitReason.OTHER, 1],
          [ExitReason.FOUND_WORK_OR_TRAINING, 2],
        ]));
        break;
      case Fate.JOB_FOUND_DIRECTLY:
        this.later(this.chance.int(10, 60), journey, 'counsellor', this.startDirectly);
        break;
      default:
        this.later(this.chance.int(5, 25), journey, 'counsellor', this.propose);
    }
  };

  private propose = async (journey: Journey): Promise<void> => {
    if (journey.exited) return;
    const offer = await this.offerFor(journey);
    const proposal = await this.app.get(ProposalsService).propose(journey.counsellor, journey.id, offer.id);
    const succeeds = journey.fate !== Fate.NO_SOLUTION && journey.failuresLeft === 0;
    if (!succeeds && journey.fate !== Fate.NO_SOLUTION) journey.failuresLeft -= 1;
    let steps: ProposalStatus[];
    if (succeeds) steps = [ProposalStatus.ACCEPTED_BY_PARTICIPANT, ProposalStatus.SENT_TO_EMPLOYER, ...(this.chance.chance(0.6) ? [ProposalStatus.INTERVIEW] : []), ProposalStatus.HIRED];
    else if (this.chance.chance(0.08)) steps = []; // left without a step: the sweep marks it STALE
    else if (this.chance.chance(0.4)) steps = [ProposalStatus.DECLINED_BY_PARTICIPANT];
    else steps = [ProposalStatus.ACCEPTED_BY_PARTICIPANT, ProposalStatus.SENT_TO_EMPLOYER, ...(this.chance.chance(0.5) ? [ProposalStatus.INTERVIEW] : []), ProposalStatus.REJECTED_BY_EMPLOYER];
    const proposalId = proposal.id;
    if (steps.length > 0) this.later(this.chance.int(1, 6), journey, 'counsellor', (j) => this.step(j, proposalId, offer, steps), 'step');
    else if (journey.fate !== Fate.NO_SOLUTION) this.later(this.chance.int(10, 30), journey, 'counsellor', this.propose);
  };

  private step = async (journey: Journey, proposalId: string, offer: Offer, steps: ProposalStatus[]): Promise<void> => {
    if (journey.exited) return;
    const [step, ...rest] = steps;
    const reason =
      step === ProposalStatus.DECLINED_BY_PARTICIPANT ? this.chance.pick(PARTICIPANT_REASONS) : step === ProposalStatus.REJECTED_BY_EMPLOYER ? this.chance.pick(EMPLOYER_REASONS) : null;
    await this.app.get(ProposalsService).recordStep(journey.counsellor, proposalId, {
      step,
      on: this.today,
      reason,
      comment: reason === 'OTHER' ? 'Précisé lors de l’échange téléphonique.' : null,
    });
    if (rest.length > 0) this.later(this.chance.int(2, 9), journey, 'counsellor', (j) => this.step(j, proposalId, offer, rest), 'step');
    else if (step === ProposalStatus.HIRED) await this.start(journey, offer.contractType, offer.partner, offer.client, proposalId, offer.qualification, 0);
    else if (journey.fate !== Fate.NO_SOLUTION) this.later(this.chance.int(3, 20), journey, 'counsellor', this.propose);
  };

  /** A job or a training the person found without an offer of Parcours: any contract, business creation included. */
  private startDirectly = async (journey: Journey): Promise<void> => {
    if (journey.exited) return;
    const type = this.chance.weighted([...OFFERED, [ContractType.BUSINESS_CREATION, 8]]);
    const { partner, client } = this.partiesFor(type);
    await this.start(journey, type, partner, client, null, null, 0);
  };

  /** Who a contract of this type is with: a training body, a temp agency (most often with a client), an employer, or nobody (business creation). */
  private partiesFor(type: ContractType): { partner: Partner | null; client: Partner | null } {
    const agency = AGENCY_CONTRACTS.includes(type);
    const partner =
      type === ContractType.BUSINESS_CREATION
        ? null
        : this.chance.pick(type === ContractType.TRAINING ? this.world.trainingBodies : agency ? this.world.agencies : this.world.employers);
    return { partner, client: agency && this.chance.chance(0.8) ? this.chance.pick(this.world.employers) : null };
  }

  private start = async (journey: Journey, type: ContractType, partner: Partner | null, client: Partner | null, proposalId: string | null, qualification: Qualification | null, chain: number): Promise<void> => {
    const startOn = addCalendarDays(this.today, this.chance.int(1, 14));
    const [shortest, longest] = LENGTH[type] ?? [30, 180];
    const plannedEndOn = CONTRACT_RULES[type].plannedEnd ? addCalendarDays(startOn, this.chance.int(shortest, longest)) : null;
    const training = type === ContractType.TRAINING;
    const placement = await this.app.get(PlacementsService).start(journey.counsellor, {
      pathwayId: journey.id,
      proposalId,
      contractType: type,
      startOn,
      plannedEndOn,
      hoursPerWeek: training ? null : this.chance.pick([20, 24, 26, 30, 35, 35, 35]),
      qualification: training ? (qualification ?? Qualification.QUALIFYING) : null,
      level: training ? this.chance.pick([3, 3, 4]) : null,
      employerPartnerId: partner?.kind === OrganisationKind.EMPLOYER ? partner.id : null,
      tempAgencyPartnerId: partner?.kind === OrganisationKind.TEMP_AGENCY ? partner.id : null,
      clientPartnerId: client?.id ?? null,
      trainingBodyPartnerId: partner?.kind === OrganisationKind.TRAINING_BODY ? partner.id : null,
    });
    const agency = partner?.kind === OrganisationKind.TEMP_AGENCY ? partner : null;
    const running: Running = { id: placement.id, contractType: type, agency, withEmployer: partner?.kind === OrganisationKind.EMPLOYER || (agency !== null && client !== null), chain };
    journey.running.push(running);
    this.followCheckpoints(journey, placement);
    this.acknowledgeLater(journey);
    // How it ends: on its term, early, converted to a CDI, or not before the last day.
    if (plannedEndOn) {
      const early = this.chance.chance(0.12);
      const endOn = early ? addCalendarDays(startOn, Math.max(1, Math.floor(calendarDaysBetween(startOn, plannedEndOn) / 3))) : plannedEndOn;
      const reason = early
        ? this.chance.pick([PlacementEndReason.END_OF_TRIAL_PERIOD, PlacementEndReason.RESIGNATION, PlacementEndReason.MUTUAL_AGREEMENT, PlacementEndReason.DISMISSAL])
        : running.withEmployer && !training && this.chance.chance(0.1)
          ? PlacementEndReason.CONVERTED_TO_CDI
          : PlacementEndReason.END_OF_TERM;
      this.plan(this.dayIndex(endOn), journey, 'counsellor', (j) => this.end(j, running, endOn, reason), 'end');
    } else if (this.chance.chance(0.12)) {
      const endOn = addCalendarDays(startOn, this.chance.int(20, 150));
      this.plan(this.dayIndex(endOn), journey, 'counsellor', (j) => this.end(j, running, endOn, this.chance.pick([PlacementEndReason.END_OF_TRIAL_PERIOD, PlacementEndReason.RESIGNATION])), 'end');
    }
    if (!journey.exitPlanned && this.chance.chance(0.85)) this.planExit(journey, calendarDaysBetween(this.today, addCalendarMonths(startOn, 6)) + this.chance.int(0, 60), ExitReason.FOUND_WORK_OR_TRAINING);
  };

  private end = async (journey: Journey, running: Running, endedOn: LocalDate, reason: PlacementEndReason): Promise<void> => {
    const { cdi } = await this.app.get(PlacementsService).end(journey.counsellor, { placementId: running.id, endedOn, reason, comment: null });
    journey.running = journey.running.filter((item) => item !== running);
    if (cdi) {
      journey.running.push({ id: cdi.id, contractType: ContractType.CDI, agency: null, withEmployer: true, chain: 0 });
      this.followCheckpoints(journey, cdi);
    }
    this.acknowledgeLater(journey);
    // Temp missions follow one another, a few days apart, as long as the pathway is open.
    if (running.contractType === ContractType.TEMP_MISSION && reason === PlacementEndReason.END_OF_TERM && !journey.exited && running.chain < 4 && this.chance.chance(0.6)) {
      const agency = running.agency ?? this.chance.pick(this.world.agencies);
      this.later(this.chance.int(1, 6), journey, 'counsellor', (j) => (j.exited ? Promise.resolve() : this.start(j, ContractType.TEMP_MISSION, agency, this.chance.pick(this.world.employers), null, null, running.chain + 1)), 'start');
    }
  };

  /** Plans a contact at each new pending checkpoint, on its day or up to five days after; one in twelve is let go (the sweep marks it MISSED). */
  private followCheckpoints(journey: Journey, placement: Placement): void {
    const checkpoints = placement.pathway.getEntity().checkpoints.getItems();
    for (const checkpoint of [...checkpoints].sort((a, b) => a.key.localeCompare(b.key))) {
      if (checkpoint.status !== CheckpointStatus.PENDING || journey.plannedCheckpoints.has(checkpoint.key)) continue;
      journey.plannedCheckpoints.add(checkpoint.key);
      if (this.chance.chance(1 / 12)) continue;
      const on = addCalendarDays(checkpoint.dueOn, this.chance.int(0, 5));
      if (this.dayIndex(on) <= this.dayIndex(this.today)) continue;
      const key = checkpoint.key;
      this.plan(this.dayIndex(on), journey, 'counsellor', (j) => this.contact(j, key), 'contact');
    }
  }

  private contact = async (journey: Journey, key: string): Promise<void> => {
    const checkpoint = await this.app.get(UnitOfWork).read(journey.counsellor, (reads) => reads.findOne(Checkpoint, { pathway: journey.id, key }));
    if (!checkpoint || checkpoint.status !== CheckpointStatus.PENDING) return;
    const inWork = journey.running.length > 0;
    const atRisk = inWork && this.chance.chance(0.08);
    await this.app.get(FollowUpsService).recordContact(journey.counsellor, {
      pathwayId: journey.id,
      checkpointId: checkpoint.id,
      kind: this.chance.weighted([
        [ContactKind.PHONE_CALL, 6],
        [ContactKind.INTERVIEW, 2],
        [ContactKind.VISIT, 1],
      ]),
      on: this.today,
      reached: inWork ? this.chance.pick([ContactReached.PARTICIPANT, ContactReached.BOTH, ContactReached.EMPLOYER]) : ContactReached.PARTICIPANT,
      situation: atRisk ? FollowUpSituation.AT_RISK : inWork ? FollowUpSituation.IN_POST : this.chance.pick([FollowUpSituation.NOT_IN_WORK, FollowUpSituation.IN_OTHER_WORK, FollowUpSituation.UNKNOWN]),
      difficulties: atRisk ? [{ theme: this.chance.pick([FollowUpDifficultyTheme.SCHEDULE, FollowUpDifficultyTheme.MOBILITY, FollowUpDifficultyTheme.RELATIONS_AT_WORK, FollowUpDifficultyTheme.FAMILY_CONSTRAINTS]), blocking: this.chance.chance(0.5) }] : [],
      justiceJustification: null,
      note: atRisk ? 'Point à refaire dans quinze jours.' : null,
      nextStep: null,
    });
    if (atRisk) this.acknowledgeLater(journey);
  };

  private planExit(journey: Journey, days: number, reason: ExitReason): void {
    journey.exitPlanned = true;
    this.later(days, journey, 'counsellor', (j) => this.exit(j, reason), 'exit');
  }

  private exit = async (journey: Journey, reason: ExitReason): Promise<void> => {
    if (journey.exited) return;
    // Found outside Parcours: the situation is declared at the exit.
    const declared = reason === ExitReason.FOUND_WORK_OR_TRAINING && journey.running.length === 0;
    const type = this.chance.pick([ContractType.CDD, ContractType.CDI, ContractType.TRAINING, ContractType.TEMP_MISSION]);
    const startOn = addCalendarDays(this.today, -this.chance.int(0, 20));
    await this.app.get(PlacementsService).exit(journey.counsellor, {
      pathwayId: journey.id,
      exitedOn: this.today,
      reason,
      comment: reason === ExitReason.OTHER ? 'Entrée en soins de longue durée.' : null,
      situation: declared
        ? {
            contractType: type,
            startOn,
            plannedEndOn: CONTRACT_RULES[type].plannedEnd ? addCalendarMonths(startOn, this.chance.int(1, 9)) : null,
            hoursPerWeek: type === ContractType.TRAINING ? null : 35,
            qualification: type === ContractType.TRAINING ? Qualification.QUALIFYING : null,
          }
        : null,
    });
    journey.exited = true;
    this.acknowledgeLater(journey);
  };

  /**
   * Most referents read their reports within days (all those of the pathway waiting then); some
   * reports are never read (they stay UNACKNOWLEDGED, then OVERDUE).
   */
  private acknowledgeLater(journey: Journey): void {
    if (journey.acknowledging || !this.chance.chance(0.85)) return;
    journey.acknowledging = true;
    this.later(this.chance.int(1, 8), journey, 'referent', this.acknowledge);
  }

  private acknowledge = async (journey: Journey): Promise<void> => {
    journey.acknowledging = false;
    const reports = await this.app.get(UnitOfWork).read(journey.referent, (reads) => reads.find(ReferentReport, { pathway: journey.id, acknowledgedAt: null }, { orderBy: { eventAt: 'asc' } }));
    for (const report of reports) await this.app.get(ReportsService).acknowledge(journey.referent, report.id);
  };

  /** An open offer of the right kind with a slot left, from the last month; else a new one from a partner. */
  private async offerFor(journey: Journey): Promise<Offer> {
    const training = journey.fate === Fate.TRAINING;
    const type = training ? ContractType.TRAINING : this.chance.weighted(OFFERED);
    const today = this.dayIndex(this.today);
    // Offers older than a month are no longer proposed (the stale sweep closes them at 90 days); the rest are newer.
    while (this.offers.length > 0 && today - this.offers[0].createdOn > 30) this.offers.shift();
    const found = this.offers.find((offer) => offer.slots > 0 && offer.contractType === type && !journey.offers.has(offer.id));
    if (found) {
      found.slots -= 1;
      journey.offers.add(found.id);
      return found;
    }
    const parties = this.partiesFor(type);
    const partner = parties.partner!; // an offer is never a business creation
    const client = parties.client;
    const startOn = addCalendarDays(this.today, this.chance.int(7, 30));
    const positions = training ? 8 : this.chance.int(1, 3);
    const qualification = training ? this.chance.pick(Object.values(Qualification)) : null;
    const job = this.chance.pick(TARGET_JOBS);
    const opportunity = await this.app.get(OpportunitiesService).create(journey.counsellor, {
      kind: training ? OpportunityKind.TRAINING : OpportunityKind.JOB,
      partnerId: partner.id,
      clientPartnerId: client?.id ?? null,
      title: training ? this.chance.pick(TRAININGS) : job.title,
      romeCode: training ? null : job.romeCode,
      contractType: training ? null : type,
      hoursPerWeek: training ? null : this.chance.pick([20, 24, 30, 35]),
      communeCode: this.chance.pick(this.communes)[0].code,
      startOn,
      endOn: training ? addCalendarDays(startOn, this.chance.int(60, 270)) : null,
      positions: training ? null : positions,
      qualification,
      level: training ? this.chance.pick([3, 4, null]) : null,
    });
    const offer: Offer = { id: opportunity.id, contractType: type, partner, client, slots: positions - 1, createdOn: today, qualification };
    this.offers.push(offer);
    journey.offers.add(offer.id);
    return offer;
  }

  private async sweep(): Promise<void> {
    const proposals = this.app.get(ProposalsService);
    await proposals.sweepStaleOpportunities();
    await proposals.sweepStaleProposals();
    await this.app.get(FollowUpsService).sweepMissedCheckpoints();
  }
}
