import { Field, ID, InputType, ObjectType, PartialType, registerEnumType } from '@nestjs/graphql';
import { BarrierTheme, EducationLevel, MessageChannel, RsaStatus, Sex } from '@parcours/participants';
import { DeclineReason, EligibilityReason, JOURNEY_EVENT_TYPES, PathwayNeed, PathwayOrder, PathwayStatus, type ExitView, type JourneyEventType } from '@parcours/pathways';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { Operator } from '../accounts/accounts.types';
import { Connection } from '../graphql/connection';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Payload } from '../graphql/user-error';
import { Text } from '../graphql/text-field';
import { AboutParticipant, NotPersonal, Personal, of } from '../audit/graphql-personal-data';

registerEnumType(PathwayStatus, { name: 'PathwayStatus' });
registerEnumType(DeclineReason, { name: 'DeclineReason' });
registerEnumType(RsaStatus, { name: 'RsaStatus', description: 'RSA socle, socle + activité, or none.' });
registerEnumType(Sex, { name: 'Sex' });
registerEnumType(PathwayNeed, { name: 'PathwayNeed', description: 'What a pathway waits for, as a caseload line counts it.' });
registerEnumType(PathwayOrder, {
  name: 'PathwayOrder',
  description: 'By referral (newest first, the default), by last contact, or by next appointment.',
  valuesMap: {
    REFERRAL_NEWEST: { description: 'The newest referral first.' },
    REFERRAL_OLDEST: { description: 'The oldest referral first.' },
    LAST_CONTACT_OLDEST: { description: 'The longest without contact first: those never contacted, then the oldest lastContactOn.' },
    LAST_CONTACT_NEWEST: { description: 'The most recent lastContactOn first; those never contacted last.' },
    NEXT_APPOINTMENT_SOONEST: { description: 'The soonest nextAppointmentAt first (one past its time, still to update, comes before the coming ones); those with none last.' },
  },
});
registerEnumType(EducationLevel, { name: 'EducationLevel', description: 'Level of the national qualifications framework (3 to 8), none, or unknown.' });
registerEnumType(BarrierTheme, { name: 'BarrierTheme' });
registerEnumType(MessageChannel, { name: 'MessageChannel', description: 'A way Parcours may write to the person, only with their consent.' });
registerEnumType(EligibilityReason, { name: 'EligibilityReason' });
/** The history's coarse kinds, as the API has always shown them: a status transition, or what else happened. */
export enum PathwayEventKind {
  TRANSITION = 'TRANSITION',
  COUNSELLOR_ASSIGNED = 'COUNSELLOR_ASSIGNED',
  REFERENT_ASSIGNED = 'REFERENT_ASSIGNED',
  PARTICIPANT_UPDATED = 'PARTICIPANT_UPDATED',
  APPOINTMENT_RESCHEDULED = 'APPOINTMENT_RESCHEDULED',
  DIAGNOSTIC_CORRECTED = 'DIAGNOSTIC_CORRECTED',
  /** An offer proposed, or a step of a proposal. */
  PROPOSAL = 'PROPOSAL',
  /** A placement started, ended or corrected, without a change of status. */
  PLACEMENT = 'PLACEMENT',
  /** A follow-up contact, or a checkpoint missed. */
  FOLLOW_UP = 'FOLLOW_UP',
}
registerEnumType(PathwayEventKind, { name: 'PathwayEventKind' });

const JourneyEventTypeEnum = Object.fromEntries(JOURNEY_EVENT_TYPES.map((type) => [type, type]));
registerEnumType(JourneyEventTypeEnum, { name: 'JourneyEventType', description: 'What happened: one type per journey event.' });

@ObjectType()
export class Commune {
  @Field({ description: 'INSEE code: the key Parcours stores (a postal code may cover several communes).' }) inseeCode: string;
  @Field() name: string;
  @Field(() => [String]) postalCodes: string[];
  @Field() departmentCode: string;
  @Field({ description: 'Whether the commune is in the programme territory.' }) inTerritory: boolean;
}

@ObjectType({ description: 'A user named on a pathway: name, organisation and work e-mail.' })
export class PersonInCharge {
  @Field(() => ID) id: string;
  @Field() fullName: string;
  @Field() organisationName: string;
  @Field({ description: 'Their work e-mail, to reach them about the pathway.' }) email: string;
}

@ObjectType()
export class FranceTravailRegistration {
  @Field() registered: boolean;
  @Field(() => String, { nullable: true }) identifier: string | null;
  @Field(() => String, { nullable: true, description: 'Why the person is not registered.' }) missingReason: string | null;
}

@ObjectType('MessageConsent', { description: "The person's consent to messages by one channel." })
export class MessageConsentNode {
  @Field(() => MessageChannel) channel: MessageChannel;
  @Field() givenAt: Date;
  @Field({ description: 'Who recorded it (full name).' }) givenBy: string;
}

@AboutParticipant((source) => ({ participantId: of(source, 'id'), objectType: 'Participant', objectId: of(source, 'id') }))
@ObjectType('Participant')
export class ParticipantNode {
  @NotPersonal() @Field(() => ID) id: string;
  @Personal() @Field() lastName: string;
  @Personal() @Field() firstNames: string;
  @Personal() @Field(() => LocalDateScalar, { nullable: true, description: 'Null once the person was anonymised.' }) birthDate: string | null;
  @Personal() @Field(() => Sex, { nullable: true }) sex: Sex | null;
  @Personal() @Field({ description: 'The identity was erased (on request or after the retention period).' }) anonymised: boolean;
  @Personal() @Field(() => String, { nullable: true, description: 'In E.164 (+33612345678), or as typed before numbers were checked (then phoneToCheck).' }) phone: string | null;
  @Personal() @Field({ description: 'The phone is kept as typed before numbers were checked: to check and correct; no SMS to it.' }) phoneToCheck: boolean;
  @Personal() @Field(() => String, { nullable: true }) email: string | null;
  @Personal() @Field(() => [MessageConsentNode], { description: 'The channels the person agreed to receive messages by; none, no message.' }) messageConsents: MessageConsentNode[];
  @Personal() @Field() addressLine: string;
  @Personal() @Field() postalCode: string;
  @Personal() @Field(() => Commune) commune: Commune;
  @Personal() @Field(() => RsaStatus) rsaStatus: RsaStatus;
  @Personal() @Field(() => FranceTravailRegistration) franceTravail: FranceTravailRegistration;
  @Personal() @Field(() => EducationLevel) educationLevel: EducationLevel;
  @Personal() @Field(() => LocalDateScalar, { description: 'The day the person was informed of the processing of their data.' }) informedOn: string;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('ReferralSituation', { description: 'The situation the eligibility was decided on, as it was at referral.' })
export class ReferralSituationNode {
  @Personal() @Field(() => Commune) commune: Commune;
  @Personal() @Field(() => RsaStatus) rsaStatus: RsaStatus;
  @Personal() @Field(() => [BarrierTheme], { description: 'Themes declared at referral.' }) barriers: BarrierTheme[];
  @Personal() @Field(() => [EligibilityReason]) eligibilityReasons: EligibilityReason[];
  /** Not fields: name the pathway and the person, for the justification resolver and the audit. */
  pathwayId: string;
  participantId: string;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('PathwayEvent', { description: 'One line of the history: who, when, what, why (never the data itself).' })
export class PathwayEventNode {
  @NotPersonal() @Field(() => JourneyEventTypeEnum) type: JourneyEventType;
  @NotPersonal() @Field(() => PathwayEventKind, { description: 'TRANSITION for a change of status; otherwise what happened.' }) kind: PathwayEventKind;
  @NotPersonal() @Field() at: Date;
  @NotPersonal() @Field(() => ID, { nullable: true, description: 'The user who acted.' }) byUserId: string | null;
  @NotPersonal() @Field(() => PathwayStatus, { nullable: true }) fromStatus: PathwayStatus | null;
  @NotPersonal() @Field(() => PathwayStatus, { nullable: true }) toStatus: PathwayStatus | null;
  @Personal() @Field(() => String, { nullable: true }) reason: string | null;
  @Personal() @Field(() => String, { nullable: true }) comment: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true, description: 'The user handed over from.' }) fromUserId: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true, description: 'The user handed over to, or the counsellor put in charge.' }) toUserId: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true }) appointmentId: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true }) diagnosticId: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true }) proposalId: string | null;
  @NotPersonal() @Field(() => String, { nullable: true, description: 'The step a proposal reached (a ProposalStatus).' }) proposalStep: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true }) placementId: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true }) contactId: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true }) checkpointId: string | null;
  @Personal() @Field(() => String, { nullable: true, description: 'The outcome category an exit (or a correction after it) computed.' }) outcomeCategory: string | null;
  @NotPersonal() @Field(() => [String], { nullable: true, description: "The names of the person's fields corrected." }) fields: string[] | null;
  @NotPersonal()
  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Read the typed fields (toUserId, fromUserId, appointmentId, diagnosticId, fields).',
    description: 'The typed fields as one string, as earlier versions wrote it.',
  })
  details: string | null;
  /** Not fields: name the pathway and the person, for the audit. */
  pathwayId: string;
  participantId: string;
}

@AboutParticipant((source) => ({ participantId: of(source.participant as Record<string, unknown>, 'id'), objectType: 'Pathway', objectId: of(source, 'id') }))
@ObjectType('Pathway')
export class PathwayNode {
  @NotPersonal() @Field(() => ID) id: string;
  @NotPersonal() @Field(() => PathwayStatus) status: PathwayStatus;
  @NotPersonal() @Field(() => ParticipantNode) participant: ParticipantNode;
  @NotPersonal() @Field(() => Operator) operator: Operator;
  @NotPersonal() @Field(() => PersonInCharge, { description: 'The active referent.' }) referent: PersonInCharge;
  @NotPersonal() @Field(() => PersonInCharge, { nullable: true, description: 'The counsellor in charge, once accepted.' }) counsellor: PersonInCharge | null;
  @NotPersonal() @Field() referredAt: Date;
  @NotPersonal() @Field(() => LocalDateScalar) referredOn: string;
  @NotPersonal() @Field(() => ReferralSituationNode) situation: ReferralSituationNode;
  @NotPersonal() @Field(() => DeclineReason, { nullable: true }) declineReason: DeclineReason | null;
  @Personal() @Field(() => String, { nullable: true }) declineComment: string | null;
  @NotPersonal() @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @NotPersonal() @Field({ description: 'Still REFERRED after REFERRAL_STALE_DAYS days.' }) waitingTooLong: boolean;
  @Personal() @Field(() => LocalDateScalar, { nullable: true, description: 'The day of the last contact with the person (a diagnostic interview held, a contact that reached them); null before any. The order LAST_CONTACT_OLDEST sorts on it.' })
  lastContactOn: string | null;
  @Personal() @Field(() => Date, { nullable: true, description: 'When the planned diagnostic interview starts; null when none is. The order NEXT_APPOINTMENT_SOONEST sorts on it.' })
  nextAppointmentAt: Date | null;
  /** Not a field: the exit, which the placements stage shows as `outcome`. */
  exit: ExitView | null;
}

@ObjectType()
export class PathwayConnection extends Connection(PathwayNode, 'Pathway') {}

@ObjectType('ParticipantRecord', { description: 'A participant with the pathways the caller may see.' })
export class ParticipantRecord {
  @Field(() => ParticipantNode) participant: ParticipantNode;
  @Field(() => [PathwayNode]) pathways: PathwayNode[];
}

@ObjectType()
export class PathwayPayload extends Payload {
  @Field(() => PathwayNode, { nullable: true }) pathway?: PathwayNode;
}

@ObjectType()
export class ParticipantPayload extends Payload {
  @Field(() => ParticipantNode, { nullable: true }) participant?: ParticipantNode;
}

@InputType()
export class PersonInput {
  @Text(100, { min: 1 }) lastName: string;
  @Text(200, { min: 1 }) firstNames: string;
  @Field(() => LocalDateScalar) birthDate: string;
  @Field(() => Sex, { nullable: true }) @IsOptional() @IsEnum(Sex) sex?: Sex | null;
  @Text(30, { nullable: true, description: 'French unless it starts with its country code; kept in E.164. Not a number: INVALID_PHONE.' }) @IsOptional() phone?: string | null;
  @Text(254, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Text(300, { min: 1 }) addressLine: string;
  @Text(5) @Matches(/^\d{5}$/, { message: 'postalCode must be 5 digits' }) postalCode: string;
  @Text(5, { description: 'INSEE code of the commune of residence (see the communes query).' })
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'communeCode must be an INSEE code (5 characters)' })
  communeCode: string;
  @Field(() => RsaStatus) @IsEnum(RsaStatus) rsaStatus: RsaStatus;
  @Field() @IsBoolean() franceTravailRegistered: boolean;
  @Text(20, { nullable: true }) @IsOptional() @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'franceTravailId must be letters and digits' }) franceTravailId?: string | null;
  @Text(500, { nullable: true, description: 'Required when not registered.' }) @IsOptional() franceTravailMissingReason?: string | null;
  @Field(() => EducationLevel) @IsEnum(EducationLevel) educationLevel: EducationLevel;
  @Field(() => LocalDateScalar, { description: 'The day the person was informed of the processing of their data.' }) informedOn: string;
}

@InputType()
export class ReferParticipantInput {
  @Field(() => ID, { description: 'An operator from the operators query.' }) @IsString() operatorId: string;
  @Field(() => PersonInput) @ValidateNested() @Type(() => PersonInput) person: PersonInput;
  @Field(() => [BarrierTheme], { defaultValue: [], description: 'Themes only at referral.' }) @IsEnum(BarrierTheme, { each: true }) barriers: BarrierTheme[];
  @Text(2000, { nullable: true, description: 'Required with JUSTICE; only the operator reads it.' })
  @IsOptional()
  justiceJustification?: string | null;
  @Field(() => [MessageChannel], { defaultValue: [], description: 'The channels the person agreed to receive messages by (SMS needs a mobile: SMS_NEEDS_MOBILE; EMAIL an address: CONSENT_NEEDS_EMAIL).' })
  @IsEnum(MessageChannel, { each: true })
  messageConsent: MessageChannel[];
}

@InputType()
export class MessageConsentInput {
  @Field(() => ID) @IsString() participantId: string;
  @Field(() => MessageChannel) @IsEnum(MessageChannel) channel: MessageChannel;
}

@InputType()
export class UpdateParticipantInput extends PartialType(PersonInput, InputType) {
  @Field(() => ID) @IsString() participantId: string;
}

@InputType()
export class AcceptReferralInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => ID, { nullable: true, description: 'A MANAGER may name the counsellor in charge; by default the caller.' })
  @IsOptional()
  @IsUUID()
  counsellorId?: string | null;
}

@InputType()
export class DeclineReferralInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => DeclineReason) @IsEnum(DeclineReason) reason: DeclineReason;
  @Text(2000, { nullable: true, description: 'Required with OTHER.' }) @IsOptional() comment?: string | null;
}

@InputType()
export class WithdrawReferralInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Text(500, { nullable: true }) @IsOptional() reason?: string | null;
}

@InputType()
export class AssignCounsellorInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => ID) @IsString() counsellorId: string;
  @Text(500, { nullable: true }) @IsOptional() reason?: string | null;
}

@InputType()
export class ReassignCounsellorInput {
  @Field(() => [ID], { description: 'Between 1 and 100 accepted, open pathways of the operator.' }) @IsArray() @IsString({ each: true }) pathwayIds: string[];
  @Field(() => ID) @IsString() counsellorId: string;
  @Text(500, { nullable: true }) @IsOptional() reason?: string | null;
}

@ObjectType()
export class PathwaysPayload extends Payload {
  @Field(() => [PathwayNode], { nullable: true, description: 'In the order of the input; null when anything was refused (then nothing changed).' }) pathways?: PathwayNode[];
}

@InputType()
export class AssignReferentInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => ID) @IsString() referentId: string;
  @Text(500, { min: 1 }) reason: string;
}

@InputType()
export class PathwaysFilterInput {
  @Text(100, { nullable: true, description: "Part of the person's names, without regard to accents or case." }) @IsOptional() search?: string;
  @Field(() => [PathwayStatus], { nullable: true }) @IsOptional() @IsEnum(PathwayStatus, { each: true }) statuses?: PathwayStatus[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() referentId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() counsellorId?: string;
  @Text(5, { nullable: true, description: 'INSEE code of the commune at referral.' }) @IsOptional() communeCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() waitingTooLong?: boolean;
  @Field(() => PathwayNeed, { nullable: true, description: 'What the pathways wait for, as the caseload counts it: the list of a caseload line, its totalCount equal to the count.' }) @IsOptional() @IsEnum(PathwayNeed) need?: PathwayNeed;
}
