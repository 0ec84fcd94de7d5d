import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { isUuid, NotFoundError } from '@parcours/core';
import { BarrierTheme } from '@parcours/participants';
import { UnitOfWork, type Work } from '@parcours/unit-of-work';
import { operatorStaff } from '../pathway-scope';
import { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { Appointment } from './appointment.entity';
import { Diagnostic, type DiagnosticFindings } from './diagnostic.entity';
import { AppointmentChannel, AppointmentStatus, AssessmentStatus } from './interview-enums';

export interface AppointmentSlot {
  startsAt: Date;
  channel: AppointmentChannel;
  place: string | null;
}

/** The diagnostic stage: appointments, and the interview's findings. Each call is one unit of work. */
@Injectable()
export class InterviewsService {
  constructor(private readonly uow: UnitOfWork) {}

  async schedule(actor: Actor, pathwayId: string, counsellorId: string | null, slot: AppointmentSlot): Promise<Appointment> {
    if (!isUuid(pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    return this.uow.run(actor, async ({ em, reads, now, by }) => {
      const pathway = await reads.findOne(Pathway, { id: pathwayId });
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      const counsellor = await operatorStaff(em, pathway, counsellorId ?? actor.userId, 'counsellorId');
      return pathway.interviewStage.schedule(counsellor, slot.startsAt, slot.channel, slot.place, by, now);
    });
  }

  async reschedule(actor: Actor, appointmentId: string, slot: AppointmentSlot): Promise<Appointment> {
    return this.withAppointment(actor, appointmentId, (pathway, appointment, { by, now }) => {
      pathway.interviewStage.reschedule(appointment, slot.startsAt, slot.channel, slot.place, by, now);
      return appointment;
    });
  }

  async close(actor: Actor, appointmentId: string, outcome: AppointmentStatus.NO_SHOW | AppointmentStatus.EXCUSED | AppointmentStatus.CANCELLED): Promise<Appointment> {
    return this.withAppointment(actor, appointmentId, (pathway, appointment, { by, now }) => {
      pathway.interviewStage.close(appointment, outcome, by, now);
      return appointment;
    });
  }

  async record(actor: Actor, appointmentId: string, findings: DiagnosticFindings): Promise<Diagnostic> {
    checkFindings(findings);
    return this.withAppointment(actor, appointmentId, (pathway, appointment, { by, now, today }) => pathway.interviewStage.record(appointment, findings, by, now, today));
  }

  async correct(actor: Actor, diagnosticId: string, findings: DiagnosticFindings): Promise<Diagnostic> {
    checkFindings(findings);
    if (!isUuid(diagnosticId)) throw new NotFoundError('Diagnostic', ['input', 'diagnosticId']);
    return this.uow.run(actor, async ({ reads, by, now }) => {
      const diagnostic = await reads.findOne(Diagnostic, { id: diagnosticId }, { populate: ['pathway'] });
      if (!diagnostic) throw new NotFoundError('Diagnostic', ['input', 'diagnosticId']);
      diagnostic.pathway.getEntity().interviewStage.correct(diagnostic, findings, by, now);
      return diagnostic;
    });
  }

  async diagnosticsOf(actor: Actor, pathwayIds: readonly string[]): Promise<(Diagnostic | null)[]> {
    const byPathway = await this.uow.read(actor, (reads) => reads.byParent(Diagnostic, 'pathway', pathwayIds, { orderBy: { recordedAt: 'desc' } }));
    return byPathway.map((diagnostics) => diagnostics[0] ?? null);
  }

  appointmentsOf(actor: Actor, pathwayIds: readonly string[]): Promise<Appointment[][]> {
    return this.uow.read(actor, (reads) => reads.byParent(Appointment, 'pathway', pathwayIds, { orderBy: { startsAt: 'asc' }, populate: ['counsellor'] }));
  }

  private async withAppointment<T>(actor: Actor, appointmentId: string, apply: (pathway: Pathway, appointment: Appointment, work: Work) => T): Promise<T> {
    if (!isUuid(appointmentId)) throw new NotFoundError('Appointment', ['input', 'appointmentId']);
    return this.uow.run(actor, async (work) => {
      const appointment = await work.reads.findOne(Appointment, { id: appointmentId }, { populate: ['pathway', 'counsellor'] });
      if (!appointment) throw new NotFoundError('Appointment', ['input', 'appointmentId']);
      return apply(appointment.pathway.getEntity(), appointment, work);
    });
  }
}

/**
 * Each theme assessed at most once; a note only with an assessment of its theme; JUSTICE, when
 * discussed (PRESENT or LIFTED), only with its note as the written justification (DOMAIN.md:
 * criminal-offence data is recorded only with one), refused on that assessment's note.
 */
function checkFindings(findings: DiagnosticFindings): void {
  const themes = findings.assessments.map((assessment) => assessment.theme);
  if (new Set(themes).size !== themes.length) {
    throw new PathwaysError('INVALID_ASSESSMENT', 'Each barrier theme is assessed at most once.', ['input', 'assessments']);
  }
  for (const theme of Object.keys(findings.notes) as BarrierTheme[]) {
    if (!themes.includes(theme)) throw new PathwaysError('INVALID_ASSESSMENT', `A note on ${theme} needs an assessment of ${theme}.`, ['input', 'assessments']);
  }
  const justice = themes.indexOf(BarrierTheme.JUSTICE);
  if (justice >= 0 && findings.assessments[justice].status !== AssessmentStatus.NOT_DISCUSSED && !findings.notes.JUSTICE?.trim()) {
    throw new PathwaysError('JUSTIFICATION_REQUIRED', 'Assessing the JUSTICE barrier needs a written justification in its note.', ['input', 'assessments', String(justice), 'note']);
  }
}
