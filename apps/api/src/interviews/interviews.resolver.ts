import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { Clock } from '@parcours/core';
import { AppointmentStatus, diagnosticSeenBy, InterviewsService, PathwaysService, type Appointment, type Diagnostic, type DiagnosticFindings } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { PathwaysMapping } from '../pathways/pathways.mapping';
import { PathwayNode } from '../pathways/pathways.types';
import {
  AppointmentNode,
  AppointmentOutcomeInput,
  AppointmentPayload,
  CorrectDiagnosticInput,
  DiagnosticFindingsInput,
  DiagnosticNode,
  DiagnosticPayload,
  RecordDiagnosticInput,
  RescheduleAppointmentInput,
  ScheduleDiagnosticInput,
} from './interviews.types';
import { NotPersonal } from '../audit/graphql-personal-data';

const { COUNSELLOR, MANAGER } = Role;

@Resolver(() => PathwayNode)
export class InterviewsResolver {
  private readonly map: PathwaysMapping;

  constructor(
    private readonly interviews: InterviewsService,
    private readonly pathways: PathwaysService,
    private readonly clock: Clock,
    territory: Territory,
  ) {
    this.map = new PathwaysMapping(territory);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => AppointmentPayload, { description: 'ACCEPTED → DIAGNOSTIC_SCHEDULED: books the diagnostic interview.' })
  async scheduleDiagnostic(@Args('input') input: ScheduleDiagnosticInput, @CurrentActor() actor: Actor): Promise<Partial<AppointmentPayload>> {
    const appointment = await this.interviews.schedule(actor, input.pathwayId, input.counsellorId ?? null, slot(input));
    return this.appointmentPayload(actor, appointment);
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => AppointmentPayload, { description: 'Moves a planned appointment; the pathway stays DIAGNOSTIC_SCHEDULED.' })
  async rescheduleAppointment(@Args('input') input: RescheduleAppointmentInput, @CurrentActor() actor: Actor): Promise<Partial<AppointmentPayload>> {
    return this.appointmentPayload(actor, await this.interviews.reschedule(actor, input.appointmentId, slot(input)));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => AppointmentPayload, { description: 'The appointment is cancelled: back to ACCEPTED.' })
  async cancelAppointment(@Args('input') input: AppointmentOutcomeInput, @CurrentActor() actor: Actor): Promise<Partial<AppointmentPayload>> {
    return this.appointmentPayload(actor, await this.interviews.close(actor, input.appointmentId, AppointmentStatus.CANCELLED));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => AppointmentPayload, { description: 'The person did not come: back to ACCEPTED, and a NO_SHOW report to the referent.' })
  async recordNoShow(@Args('input') input: AppointmentOutcomeInput, @CurrentActor() actor: Actor): Promise<Partial<AppointmentPayload>> {
    return this.appointmentPayload(actor, await this.interviews.close(actor, input.appointmentId, AppointmentStatus.NO_SHOW));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => AppointmentPayload, { description: 'The person excused themselves: back to ACCEPTED.' })
  async recordExcused(@Args('input') input: AppointmentOutcomeInput, @CurrentActor() actor: Actor): Promise<Partial<AppointmentPayload>> {
    return this.appointmentPayload(actor, await this.interviews.close(actor, input.appointmentId, AppointmentStatus.EXCUSED));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => DiagnosticPayload, {
    description: 'Records the interview of a planned appointment whose time has come: DIAGNOSED or RETURNED_TO_REFERENT, and the report to the referent in the same transaction.',
  })
  async recordDiagnostic(@Args('input') input: RecordDiagnosticInput, @CurrentActor() actor: Actor): Promise<Partial<DiagnosticPayload>> {
    return this.diagnosticPayload(actor, await this.interviews.record(actor, input.appointmentId, findings(input)));
  }

  @Roles(COUNSELLOR, MANAGER)
  @Mutation(() => DiagnosticPayload, { description: 'Corrects a recorded diagnostic (audited); the referent gets a new report marked as a correction.' })
  async correctDiagnostic(@Args('input') input: CorrectDiagnosticInput, @CurrentActor() actor: Actor): Promise<Partial<DiagnosticPayload>> {
    return this.diagnosticPayload(actor, await this.interviews.correct(actor, input.diagnosticId, findings(input)));
  }

  @NotPersonal()
  @ResolveField(() => [AppointmentNode], { description: 'The diagnostic appointments, oldest first.' })
  async appointments(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<AppointmentNode[]> {
    const loader = requestLoader(context, 'pathway-appointments', (ids) => this.interviews.appointmentsOf(signedIn(context), ids));
    return (await loader.load(pathway.id)).map((appointment) => this.appointmentNode(appointment, pathway.participant.id, pathway.operator.name));
  }

  @NotPersonal()
  @ResolveField(() => DiagnosticNode, { nullable: true, description: 'The latest diagnostic, once recorded.' })
  async diagnostic(@Parent() pathway: PathwayNode, @Context() context: GraphqlContext): Promise<DiagnosticNode | null> {
    const loader = requestLoader(context, 'pathway-diagnostic', (ids) => this.interviews.diagnosticsOf(signedIn(context), ids));
    const diagnostic = await loader.load(pathway.id);
    return diagnostic && this.diagnosticNode(diagnostic, pathway.participant.id, context.actor);
  }

  private async appointmentPayload(actor: Actor, appointment: Appointment): Promise<Partial<AppointmentPayload>> {
    const pathway = await this.pathways.get(actor, appointment.pathway.id);
    return {
      appointment: this.appointmentNode(appointment, pathway.participant.id, pathway.operator.name),
      pathway: this.map.pathway(pathway, this.pathways.isWaitingTooLong(pathway)),
    };
  }

  private async diagnosticPayload(actor: Actor, diagnostic: Diagnostic): Promise<Partial<DiagnosticPayload>> {
    const pathway = await this.pathways.get(actor, diagnostic.pathway.id);
    return {
      diagnostic: this.diagnosticNode(diagnostic, pathway.participant.id, actor),
      pathway: this.map.pathway(pathway, this.pathways.isWaitingTooLong(pathway)),
    };
  }

  /** The appointment's counsellor works for the pathway's operator. */
  private appointmentNode(appointment: Appointment, participantId: string, operatorName: string): AppointmentNode {
    const counsellor = appointment.counsellor.getEntity();
    return {
      id: appointment.id,
      startsAt: appointment.startsAt,
      channel: appointment.channel,
      place: appointment.place,
      status: appointment.status,
      counsellor: { id: counsellor.id, fullName: counsellor.fullName, organisationName: operatorName, email: counsellor.email },
      needsUpdate: appointment.needsUpdate(this.clock.now()),
      answer: appointment.answer,
      answerReason: appointment.answerReason,
      answerCallBack: appointment.answerCallBack,
      answeredAt: appointment.answeredAt,
      pathwayId: appointment.pathway.id,
      participantId,
    };
  }

  /** Notes and JUSTICE stay with the operator's staff and ADMIN (the view is the export's too). */
  private diagnosticNode(diagnostic: Diagnostic, participantId: string, actor?: Actor): DiagnosticNode {
    const view = diagnosticSeenBy(diagnostic, actor);
    return {
      id: view.id,
      readiness: view.readiness,
      assessments: view.assessments,
      targetJobs: view.targetJobs,
      contractTypes: view.contractTypes,
      workingTime: view.workingTime,
      mobilityRadiusKm: view.mobilityRadiusKm,
      availableFrom: view.availableFrom,
      strengths: view.strengths,
      summary: view.summary,
      recordedAt: view.recordedAt,
      correctedAt: view.correctedAt,
      pathwayId: diagnostic.pathway.id,
      participantId,
    };
  }
}

function slot(input: { startsAt: Date; channel: AppointmentNode['channel']; place?: string | null }) {
  return { startsAt: input.startsAt, channel: input.channel, place: input.place?.trim() || null };
}

function findings(input: DiagnosticFindingsInput): DiagnosticFindings {
  const notes: DiagnosticFindings['notes'] = {};
  for (const assessment of input.assessments) if (assessment.note?.trim()) notes[assessment.theme] = assessment.note.trim();
  return {
    assessments: input.assessments.map(({ theme, status, blocking }) => ({ theme, status, blocking })),
    notes,
    targetJobs: input.targetJobs.map(({ title, romeCode }) => ({ title: title.trim(), romeCode: romeCode ?? null })),
    contractTypes: [...new Set(input.contractTypes)],
    workingTime: input.workingTime,
    mobilityRadiusKm: input.mobilityRadiusKm ?? null,
    availableFrom: input.availableFrom ?? null,
    strengths: input.strengths?.trim() || null,
    readiness: input.readiness,
    summary: input.summary.trim(),
  };
}
