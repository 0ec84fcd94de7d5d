import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BarrierTheme } from '@parcours/participants';
import { ContractType } from '@parcours/opportunities';
import { AppointmentAnswer, AppointmentChannel, AppointmentStatus, AssessmentStatus, Readiness, WorkingTime } from '@parcours/pathways';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Payload } from '../graphql/user-error';
import { PathwayNode, PersonInCharge } from '../pathways/pathways.types';
import { Text } from '../graphql/text-field';
import { RomeCode } from '../graphql/rome-code';
import { AboutParticipant, NotPersonal, Personal, of } from '../audit/graphql-personal-data';

registerEnumType(AppointmentChannel, { name: 'AppointmentChannel' });
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus' });
registerEnumType(AppointmentAnswer, { name: 'AppointmentAnswer', description: 'The person\'s answer through their link: COMING, or CANNOT_COME.' });
registerEnumType(AssessmentStatus, { name: 'AssessmentStatus' });
registerEnumType(Readiness, { name: 'Readiness' });
registerEnumType(WorkingTime, { name: 'WorkingTime' });
registerEnumType(ContractType, { name: 'ContractType' });

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('Appointment')
export class AppointmentNode {
  @NotPersonal() @Field(() => ID) id: string;
  @Personal() @Field() startsAt: Date;
  @NotPersonal() @Field(() => AppointmentChannel) channel: AppointmentChannel;
  @Personal() @Field(() => String, { nullable: true }) place: string | null;
  @NotPersonal() @Field(() => AppointmentStatus) status: AppointmentStatus;
  @NotPersonal() @Field(() => PersonInCharge, { description: 'The counsellor who runs the interview.' }) counsellor: PersonInCharge;
  @NotPersonal() @Field({ description: 'PLANNED, and its time has passed without an outcome.' }) needsUpdate: boolean;
  @Personal() @Field(() => AppointmentAnswer, { nullable: true, description: 'What the person answered through the link in their messages (it changes no status); null: no answer, or the time changed since.' })
  answer: AppointmentAnswer | null;
  @Personal() @Field(() => String, { nullable: true, description: 'Why they cannot come, in their words (optional).' }) answerReason: string | null;
  @Personal() @Field({ description: 'They asked to be called back.' }) answerCallBack: boolean;
  @NotPersonal() @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('AppointmentAtLink', { description: 'The person\'s page for their appointment, opened by the link in their messages: the appointment and whom to call, nothing else of theirs.' })
export class AppointmentAtLinkNode {
  @Personal() @Field() startsAt: Date;
  @NotPersonal() @Field(() => AppointmentChannel) channel: AppointmentChannel;
  @Personal() @Field(() => String, { nullable: true, description: 'Where, on site: the appointment\'s place, else the operator\'s address.' }) place: string | null;
  @NotPersonal() @Field() counsellorName: string;
  @NotPersonal() @Field() operatorName: string;
  @NotPersonal() @Field(() => String, { nullable: true }) operatorPhone: string | null;
  @Personal() @Field(() => AppointmentAnswer, { nullable: true }) answer: AppointmentAnswer | null;
  @Personal() @Field(() => String, { nullable: true }) answerReason: string | null;
  @Personal() @Field() answerCallBack: boolean;
  @Personal() @Field({ description: 'Whether they still receive messages (by any channel).' }) receivesMessages: boolean;
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@InputType()
export class AppointmentLinkInput {
  @Text(100, { description: 'The token after # in the link of a message (never in a URL the server sees).' }) token: string;
}

@InputType()
export class AnswerAppointmentInput {
  @Text(100) token: string;
  @Field(() => AppointmentAnswer) @IsEnum(AppointmentAnswer) answer: AppointmentAnswer;
  @Text(300, { nullable: true, description: 'Why they cannot come (CANNOT_COME only).' }) @IsOptional() reason?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Call me back (CANNOT_COME only).' }) @IsOptional() @IsBoolean() callBack?: boolean | null;
}

@ObjectType()
export class AppointmentAtLinkPayload extends Payload {
  @Field(() => AppointmentAtLinkNode, { nullable: true }) appointment?: AppointmentAtLinkNode;
}

@ObjectType('BarrierAssessment')
export class BarrierAssessmentNode {
  @Field(() => BarrierTheme) theme: BarrierTheme;
  @Field(() => AssessmentStatus) status: AssessmentStatus;
  @Field() blocking: boolean;
  @Field(() => String, { nullable: true, description: "The operator's staff and ADMIN only; null for anyone else." }) note: string | null;
}

@ObjectType('TargetJob')
export class TargetJobNode {
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'ROME code, as K2204.' }) romeCode: string | null;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Diagnostic', objectId: of(source, 'id') }))
@ObjectType('Diagnostic')
export class DiagnosticNode {
  @NotPersonal() @Field(() => ID) id: string;
  @Personal() @Field(() => Readiness) readiness: Readiness;
  @Personal() @Field(() => [BarrierAssessmentNode], { description: 'JUSTICE is shown to the operator\'s staff and ADMIN only.' }) assessments: BarrierAssessmentNode[];
  @Personal() @Field(() => [TargetJobNode]) targetJobs: TargetJobNode[];
  @Personal() @Field(() => [ContractType]) contractTypes: ContractType[];
  @Personal() @Field(() => WorkingTime) workingTime: WorkingTime;
  @Personal() @Field(() => Int, { nullable: true }) mobilityRadiusKm: number | null;
  @Personal() @Field(() => LocalDateScalar, { nullable: true }) availableFrom: string | null;
  @Personal() @Field(() => String, { nullable: true }) strengths: string | null;
  @Personal() @Field({ description: 'Written for the referent.' }) summary: string;
  @NotPersonal() @Field() recordedAt: Date;
  @NotPersonal() @Field(() => Date, { nullable: true }) correctedAt: Date | null;
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@ObjectType()
export class AppointmentPayload extends Payload {
  @Field(() => AppointmentNode, { nullable: true }) appointment?: AppointmentNode;
  @Field(() => PathwayNode, { nullable: true }) pathway?: PathwayNode;
}

@ObjectType()
export class DiagnosticPayload extends Payload {
  @Field(() => DiagnosticNode, { nullable: true }) diagnostic?: DiagnosticNode;
  @Field(() => PathwayNode, { nullable: true }) pathway?: PathwayNode;
}

@InputType()
export class AppointmentSlotFields {
  @Field() startsAt: Date;
  @Field(() => AppointmentChannel) @IsEnum(AppointmentChannel) channel: AppointmentChannel;
  @Text(300, { nullable: true }) @IsOptional() place?: string | null;
}

@InputType()
export class ScheduleDiagnosticInput extends AppointmentSlotFields {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => ID, { nullable: true, description: 'The counsellor who will run it; by default the caller.' }) @IsOptional() @IsString() counsellorId?: string | null;
}

@InputType()
export class RescheduleAppointmentInput extends AppointmentSlotFields {
  @Field(() => ID) @IsString() appointmentId: string;
}

@InputType()
export class AppointmentOutcomeInput {
  @Field(() => ID) @IsString() appointmentId: string;
}

@InputType()
export class BarrierAssessmentInput {
  @Field(() => BarrierTheme) @IsEnum(BarrierTheme) theme: BarrierTheme;
  @Field(() => AssessmentStatus) @IsEnum(AssessmentStatus) status: AssessmentStatus;
  @Field() @IsBoolean() blocking: boolean;
  @Text(2000, { nullable: true }) @IsOptional() note?: string | null;
}

@InputType()
export class TargetJobInput {
  @Text(200, { min: 1 }) title: string;
  @RomeCode() romeCode?: string | null;
}

@InputType()
export class DiagnosticFindingsInput {
  @Field(() => [BarrierAssessmentInput]) @ValidateNested({ each: true }) @Type(() => BarrierAssessmentInput) assessments: BarrierAssessmentInput[];
  @Field(() => [TargetJobInput], { defaultValue: [] }) @ValidateNested({ each: true }) @Type(() => TargetJobInput) targetJobs: TargetJobInput[];
  @Field(() => [ContractType], { defaultValue: [] }) @IsEnum(ContractType, { each: true }) contractTypes: ContractType[];
  @Field(() => WorkingTime) @IsEnum(WorkingTime) workingTime: WorkingTime;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(500) mobilityRadiusKm?: number | null;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() availableFrom?: string | null;
  @Text(4000, { nullable: true }) @IsOptional() strengths?: string | null;
  @Field(() => Readiness) @IsEnum(Readiness) readiness: Readiness;
  @Text(4000, { min: 1, description: 'Written for the referent.' }) summary: string;
}

@InputType()
export class RecordDiagnosticInput extends DiagnosticFindingsInput {
  @Field(() => ID) @IsString() appointmentId: string;
}

@InputType()
export class CorrectDiagnosticInput extends DiagnosticFindingsInput {
  @Field(() => ID) @IsString() diagnosticId: string;
}
