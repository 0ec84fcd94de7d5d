import { ref } from '@mikro-orm/core';
import type { User } from '@parcours/accounts';
import { parisDay, type LocalDate } from '@parcours/core';
import { PathwayStatus } from '../pathway-status';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import type { ApplyChange } from '../stage-change';
import { Appointment } from './appointment.entity';
import { Diagnostic, type DiagnosticFindings } from './diagnostic.entity';
import { AppointmentAnswer, AppointmentChannel, AppointmentStatus, READY } from './interview-enums';

/**
 * Steps 2 and 3 of the journey on one pathway: the diagnostic interview and its findings. Owns the
 * pathway's `appointments` and `diagnostics`; the moves of status it returns to the pathway
 * (StageChange).
 */
export class InterviewStage {
  constructor(
    private readonly pathway: Pathway,
    private readonly apply: ApplyChange,
  ) {}

  /** ACCEPTED → DIAGNOSTIC_SCHEDULED: books the diagnostic interview. */
  schedule(counsellor: User, startsAt: Date, channel: AppointmentChannel, place: string | null, by: User, at: Date): Appointment {
    this.checkAfterReferral(startsAt);
    const appointment = new Appointment(this.pathway, counsellor, startsAt, channel, place, at);
    this.apply({ event: { type: 'DiagnosticScheduled', appointment }, to: PathwayStatus.DIAGNOSTIC_SCHEDULED }, by, at);
    this.pathway.appointments.add(appointment);
    return appointment;
  }

  reschedule(appointment: Appointment, startsAt: Date, channel: AppointmentChannel, place: string | null, by: User, at: Date): void {
    this.checkAfterReferral(startsAt);
    appointment.reschedule(startsAt, channel, place);
    this.apply({ event: { type: 'AppointmentRescheduled', appointment } }, by, at);
  }

  /** DIAGNOSTIC_SCHEDULED → ACCEPTED: the interview did not take place (a no-show is reported). */
  close(appointment: Appointment, outcome: AppointmentStatus.NO_SHOW | AppointmentStatus.EXCUSED | AppointmentStatus.CANCELLED, by: User, at: Date): void {
    appointment.close(outcome, at);
    const type = ({ NO_SHOW: 'NoShowRecorded', EXCUSED: 'AbsenceExcused', CANCELLED: 'AppointmentCancelled' } as const)[outcome];
    this.apply({ event: { type, appointment }, to: PathwayStatus.ACCEPTED }, by, at);
  }

  /**
   * The person's answer through their link (no status moves: the counsellor reschedules or records
   * the outcome); they may change it until the appointment. In the history, by nobody on the staff.
   */
  answer(appointment: Appointment, answer: AppointmentAnswer, reason: string | null, callBack: boolean, at: Date): void {
    appointment.recordAnswer(answer, reason, callBack, at);
    this.apply({ event: { type: 'AppointmentAnswered', appointment } }, null, at);
  }

  /** DIAGNOSTIC_SCHEDULED → DIAGNOSED (ready) or RETURNED_TO_REFERENT; the referent is told. */
  record(appointment: Appointment, findings: DiagnosticFindings, by: User, at: Date, on: LocalDate): Diagnostic {
    if (appointment.startsAt > at) {
      throw new PathwaysError('APPOINTMENT_NOT_DUE', 'A diagnostic is recorded once its appointment has begun.', ['input', 'appointmentId']);
    }
    appointment.close(AppointmentStatus.HELD, at);
    const diagnostic = new Diagnostic(this.pathway, appointment, by, findings, at, on);
    this.pathway.diagnostics.add(diagnostic);
    const ready = READY.includes(findings.readiness);
    this.apply({ event: { type: 'DiagnosticRecorded', diagnostic }, to: ready ? PathwayStatus.DIAGNOSED : PathwayStatus.RETURNED_TO_REFERENT }, by, at);
    return diagnostic;
  }

  /** Corrects a recorded diagnostic; the referent gets a new report, marked as a correction. */
  correct(diagnostic: Diagnostic, findings: DiagnosticFindings, by: User, at: Date): void {
    if (READY.includes(diagnostic.readiness) !== READY.includes(findings.readiness)) {
      throw new PathwaysError('INVALID_TRANSITION', `A ${this.pathway.status} pathway cannot change its readiness to ${findings.readiness}: that would change its status.`, ['input', 'readiness']);
    }
    diagnostic.correct(findings, at);
    this.apply({ event: { type: 'DiagnosticCorrected', diagnostic } }, by, at);
  }

  /**
   * An interview takes place on or after the day of the referral it answers (BEFORE_REFERRAL), by
   * the day in Paris, as the contacts, contracts and exits are checked.
   */
  private checkAfterReferral(startsAt: Date): void {
    if (parisDay(startsAt) < this.pathway.referredOn) {
      throw new PathwaysError('BEFORE_REFERRAL', `An interview takes place on or after the referral (${this.pathway.referredOn}).`, ['input', 'startsAt']);
    }
  }

  /** A counsellor leaves: the interviews still planned with them go to their successor (the pathway records the handover). */
  handOver(leaving: User, successor: User): void {
    for (const appointment of this.pathway.appointments) {
      if (appointment.status === AppointmentStatus.PLANNED && appointment.counsellor.id === leaving.id) appointment.counsellor = ref(successor);
    }
  }
}
