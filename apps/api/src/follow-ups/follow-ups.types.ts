import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CheckpointKind, CheckpointStatus, ContactKind, ContactReached, FollowUpDifficultyTheme, FollowUpSituation } from '@parcours/pathways';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEnum, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Connection } from '../graphql/connection';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Text } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';
import { PathwayNode } from '../pathways/pathways.types';
import { AboutParticipant, NotPersonal, Personal, of } from '../audit/graphql-personal-data';

registerEnumType(ContactKind, { name: 'ContactKind' });
registerEnumType(ContactReached, { name: 'ContactReached', description: 'Who the counsellor reached.' });
registerEnumType(FollowUpSituation, { name: 'FollowUpSituation', description: 'The situation the contact found. IN_POST, IN_OTHER_WORK and IN_TRAINING count as still in work.' });
registerEnumType(FollowUpDifficultyTheme, { name: 'FollowUpDifficultyTheme', description: 'The barrier themes, and what work itself brings. JUSTICE stays with the operator.' });
registerEnumType(CheckpointKind, { name: 'CheckpointKind' });
registerEnumType(CheckpointStatus, { name: 'CheckpointStatus', description: 'MISSED FOLLOW_UP_MISSED_AFTER_DAYS after its day; RECORDED_LATE when recorded after that (it counts).' });

@ObjectType('FollowUpDifficulty')
export class FollowUpDifficultyNode {
  @Field(() => FollowUpDifficultyTheme) theme: FollowUpDifficultyTheme;
  @Field() blocking: boolean;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Contact', objectId: of(source, 'id') }))
@ObjectType('Contact', { description: 'A contact with the person and/or the employer, answering a checkpoint or not.' })
export class ContactNode {
  @NotPersonal() @Field(() => ID) id: string;
  @Personal() @Field(() => ContactKind) kind: ContactKind;
  @Personal() @Field(() => LocalDateScalar) on: string;
  @Personal() @Field(() => ContactReached) reached: ContactReached;
  @Personal() @Field(() => FollowUpSituation, { nullable: true }) situation: FollowUpSituation | null;
  @Personal() @Field(() => [FollowUpDifficultyNode], { description: "Theme and blocking flag; JUSTICE for the operator's staff and ADMIN only." }) difficulties: FollowUpDifficultyNode[];
  @Personal() @Field(() => String, { nullable: true, description: "Why JUSTICE was named: the operator's staff and ADMIN only." }) justiceJustification: string | null;
  @Personal() @Field(() => String, { nullable: true, description: "The operator's staff and ADMIN only; null for anyone else." }) note: string | null;
  @Personal() @Field(() => String, { nullable: true }) nextStep: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true, description: 'The checkpoint it answers.' }) checkpointId: string | null;
  @Personal() @Field() recordedAt: Date;
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('Checkpoint', { description: "A day of the pathway's follow-up calendar." })
export class CheckpointNode {
  @NotPersonal() @Field(() => ID) id: string;
  @NotPersonal() @Field(() => CheckpointKind) kind: CheckpointKind;
  @NotPersonal() @Field(() => String, { nullable: true, description: 'An OFFSET checkpoint\'s offset ("15d", "6m").' }) offset: string | null;
  @NotPersonal() @Field(() => ID, { nullable: true, description: "A PLANNED_END checkpoint's placement (a temp-mission chain's first mission)." }) placementId: string | null;
  @Personal() @Field(() => LocalDateScalar) dueOn: string;
  @Personal() @Field(() => CheckpointStatus) status: CheckpointStatus;
  @Personal() @Field(() => Date, { nullable: true }) recordedAt: Date | null;
  @Personal() @Field(() => Date, { nullable: true }) missedAt: Date | null;
  @NotPersonal() @Field(() => ID) pathwayId: string;
  /** Not a field: for the audit. */
  participantId: string;
}

@ObjectType('FollowUpDue', { description: 'A checkpoint to record, with its pathway.' })
export class FollowUpDueNode {
  @Field(() => CheckpointNode) checkpoint: CheckpointNode;
  @Field(() => PathwayNode) pathway: PathwayNode;
}

@ObjectType()
export class FollowUpDueConnection extends Connection(FollowUpDueNode, 'FollowUpDue') {}

@ObjectType()
export class ContactPayload extends Payload {
  @Field(() => ContactNode, { nullable: true }) contact?: ContactNode;
  @Field(() => CheckpointNode, { nullable: true, description: 'The checkpoint it answered.' }) checkpoint?: CheckpointNode | null;
}

@InputType()
export class FollowUpDifficultyInput {
  @Field(() => FollowUpDifficultyTheme) @IsEnum(FollowUpDifficultyTheme) theme: FollowUpDifficultyTheme;
  @Field() @IsBoolean() blocking: boolean;
}

@InputType()
export class RecordContactInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => ContactKind) @IsEnum(ContactKind) kind: ContactKind;
  @Field(() => LocalDateScalar, { description: 'The day it took place: from the referral to today.' }) on: string;
  @Field(() => ContactReached) @IsEnum(ContactReached) reached: ContactReached;
  @Field(() => FollowUpSituation, { nullable: true, description: 'When it applies. AT_RISK is reported to the referent.' }) @IsOptional() @IsEnum(FollowUpSituation) situation?: FollowUpSituation | null;
  @Field(() => [FollowUpDifficultyInput], { nullable: true, description: 'Each theme once. A blocking one (never JUSTICE) is reported to the referent, by theme and flag only.' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FollowUpDifficultyInput)
  difficulties?: FollowUpDifficultyInput[] | null;
  @Text(2000, { nullable: true, description: 'Required with a JUSTICE difficulty, refused without; the operator\'s staff only.' }) @IsOptional() justiceJustification?: string | null;
  @Text(4000, { nullable: true, description: "The operator's staff only; never in a report." }) @IsOptional() note?: string | null;
  @Text(1000, { nullable: true, description: 'What happens next (the referent reads it).' }) @IsOptional() nextStep?: string | null;
  @Field(() => ID, { nullable: true, description: 'The checkpoint it answers: RECORDED, or RECORDED_LATE once MISSED.' }) @IsOptional() @IsString() checkpointId?: string | null;
}

@InputType()
export class FollowUpsDueFilter {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Due on or after this day: with before, a window (the console\'s overdue, this week, later).' }) @IsOptional() from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Due before this day (exclusive).' }) @IsOptional() before?: string | null;
  @Field(() => ID, { nullable: true, description: "A MANAGER: one counsellor's. A COUNSELLOR sees their own (another's is FORBIDDEN)." }) @IsOptional() @IsString() counsellorId?: string | null;
  @Field(() => [CheckpointStatus], { nullable: true, description: 'Default PENDING and MISSED.' }) @IsOptional() @IsArray() @IsEnum(CheckpointStatus, { each: true }) status?: CheckpointStatus[] | null;
}
