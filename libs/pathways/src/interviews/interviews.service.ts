import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User, type Actor } from '@parcours/accounts';
import { Clock, isUuid, NotFoundError, parisDay } from '@parcours/core';
import { BarrierTheme } from '@parcours/participants';
import { operatorStaff, pathwaysVisibleTo } from '../pathway-scope';
import { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { Appointment } from './appointment.entity';
import { Diagnostic, type DiagnosticFindings } from './diagnostic.entity';
import { AppointmentChannel, AppointmentStatus } from './interview-enums';

export interface AppointmentSlot {
  startsAt: Date;
  channel: AppointmentChannel;
  place: string | null;
}

/** The diagnostic stage: appointments, and the interview's findings. Each call is one transaction. */
@Injectable()
export class InterviewsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async schedule(actor: Actor, pathwayId: string, counsellorId: string | null, slot: AppointmentSlot): Promise<Appointment> {
    if (!isUuid(pathwayId)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    return this.inTransaction(actor, async (tx, now, by) => {
      const pathway = await tx.findOne(Pathway, { $and: [{ id: pathwayId }, pathwaysVisibleTo(actor)] });
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      const counsellor = await operatorStaff(tx, pathway, counsellorId ?? actor.userId, 'counsellorId');
      return pathway.scheduleDiagnostic(counsellor, slot.startsAt, slot.channel, slot.place, by, now);
    });
  }

  async reschedule(actor: Actor, appointmentId: string, slot: AppointmentSlot): Promise<Appointment> {
    return this.withAppointment(actor, appointmentId, (pathway, appointment, by, now) => {
      pathway.rescheduleAppointment(appointment, slot.startsAt, slot.channel, slot.place, by, now);
      return appointment;
    });
  }

  async close(actor: Actor, appointmentId: string, outcome: AppointmentStatus.NO_SHOW | AppointmentStatus.EXCUSED | AppointmentStatus.CANCELLED): Promise<Appointment> {
    return this.withAppointment(actor, appointmentId, (pathway, appointment, by, now) => {
      pathway.closeAppointment(appointment, outcome, by, now);
      return appointment;
    });
  }

  async record(actor: Actor, appointmentId: string, findings: DiagnosticFindings): Promise<Diagnostic> {
    checkFindings(findings);
    return this.withAppointment(actor, appointmentId, (pathway, appointment, by, now) => pathway.recordDiagnostic(appointment, findings, by, now, parisDay(now)));
  }

  async correct(actor: Actor, diagnosticId: string, findings: DiagnosticFindings): Promise<Diagnostic> {
    checkFindings(findings);
    if (!isUuid(diagnosticId)) throw new NotFoundError('Diagnostic', ['input', 'diagnosticId']);
    return this.inTransaction(actor, async (tx, now, by) => {
      const diagnostic = await tx.findOne(Diagnostic, { id: diagnosticId, pathway: pathwaysVisibleTo(actor) }, { populate: ['pathway'] });
      if (!diagnostic) throw new NotFoundError('Diagnostic', ['input', 'diagnosticId']);
      diagnostic.pathway.getEntity().correctDiagnostic(diagnostic, findings, by, now);
      return diagnostic;
    });
  }

  async diagnosticsOf(pathwayIds: readonly string[]): Promise<(Diagnostic | null)[]> {
    const diagnostics = await this.em.fork().find(Diagnostic, { pathway: { $in: [...pathwayIds] } }, { orderBy: { recordedAt: 'desc' } });
    return pathwayIds.map((id) => diagnostics.find((diagnostic) => diagnostic.pathway.id === id) ?? null);
  }

  async appointmentsOf(pathwayIds: readonly string[]): Promise<Appointment[][]> {
    const appointments = await this.em.fork().find(Appointment, { pathway: { $in: [...pathwayIds] } }, { orderBy: { startsAt: 'asc' }, populate: ['counsellor'] });
    return pathwayIds.map((id) => appointments.filter((appointment) => appointment.pathway.id === id));
  }

  private async withAppointment<T>(actor: Actor, appointmentId: string, apply: (pathway: Pathway, appointment: Appointment, by: User, now: Date) => T): Promise<T> {
    if (!isUuid(appointmentId)) throw new NotFoundError('Appointment', ['input', 'appointmentId']);
    return this.inTransaction(actor, async (tx, now, by) => {
      const appointment = await tx.findOne(Appointment, { id: appointmentId, pathway: pathwaysVisibleTo(actor) }, { populate: ['pathway', 'counsellor'] });
      if (!appointment) throw new NotFoundError('Appointment', ['input', 'appointmentId']);
      return apply(appointment.pathway.getEntity(), appointment, by, now);
    });
  }

  private inTransaction<T>(actor: Actor, work: (tx: EntityManager, now: Date, by: User) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    return this.em.fork().transactional((tx) => work(tx, now, tx.getReference(User, actor.userId)));
  }
}

/** Each theme assessed at most once; a note only with an assessment of its theme. */
function checkFindings(findings: DiagnosticFindings): void {
  const themes = findings.assessments.map((assessment) => assessment.theme);
  if (new Set(themes).size !== themes.length) {
    throw new PathwaysError('INVALID_ASSESSMENT', 'Each barrier theme is assessed at most once.', ['input', 'assessments']);
  }
  for (const theme of Object.keys(findings.notes) as BarrierTheme[]) {
    if (!themes.includes(theme)) throw new PathwaysError('INVALID_ASSESSMENT', `A note on ${theme} needs an assessment of ${theme}.`, ['input', 'assessments']);
  }
}
