import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotificationDelivery, NotificationKind, OutboxStatus, OutboxTopic, PersonMessageKind, REPORT_SETTING, SkipReason, type OutboxMessage, type SettingKind } from '@parcours/notifications';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, ValidateNested } from 'class-validator';
import { UserNode } from '../accounts/accounts.types';
import { Connection } from '../graphql/connection';
import { OmittableNotNull } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';

registerEnumType(OutboxStatus, { name: 'OutboxStatus' });
registerEnumType(SkipReason, { name: 'OutboxSkipReason' });
registerEnumType(OutboxTopic, { name: 'OutboxTopic', description: 'What an e-mail is about: a report, a password link (reset or invitation), or a person’s interview (convocation, new time, cancellation).' });

registerEnumType(PersonMessageKind, { name: 'PersonMessageKind', description: 'What a message to the person says of their interview: the convocation, a new time, its cancellation, a reminder.' });

@ObjectType('PersonMessage', { description: 'A message to the person about their interview, as the outbox holds it: what, by which channel, and whether it left (or why not); never its text or address.' })
export class PersonMessageNode {
  @Field(() => PersonMessageKind) kind: PersonMessageKind;
  @Field({ description: 'EMAIL or SMS.' }) channel: string;
  @Field(() => OutboxStatus) status: OutboxStatus;
  @Field(() => SkipReason, { nullable: true, description: 'Why it was not sent: NO_CONSENT (the person has not agreed to this channel), SUPERSEDED (a later change was sent instead), APPOINTMENT_PAST, APPOINTMENT_CLOSED, PERSON_CANNOT_COME (a reminder).' })
  skipReason: SkipReason | null;
  @Field() createdAt: Date;
  @Field({ description: 'When it leaves (or left, or would have): a reminder\'s own instant, else when it was written.' }) plannedAt: Date;
  @Field(() => String, { nullable: true, description: 'A REMINDER\'s delay: "2d" two days before at the appointment\'s time, "0d08h00" 08:00 the day itself.' }) reminderDelay: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was sent, skipped or given up.' }) finishedAt: Date | null;
}

@ObjectType('OutboxMessage', { description: 'An e-mail about a report or a password link, as the relay sees it: no address, no text and no link are kept.' })
export class OutboxMessageNode {
  @Field(() => ID) id: string;
  @Field(() => OutboxTopic) topic: OutboxTopic;
  @Field(() => ID, { nullable: true, description: 'The report it announces (topic REPORT).' }) reportId: string | null;
  @Field({ description: 'Also the e-mail\'s Message-ID.' }) idempotencyKey: string;
  @Field(() => OutboxStatus) status: OutboxStatus;
  @Field(() => Int, { description: 'Failed attempts.' }) attempts: number;
  @Field(() => Int, { nullable: true, description: 'The last SMTP reply code.' }) smtpCode: number | null;
  @Field(() => String, { nullable: true, description: 'The last failure: an SMTP code or a network error kind.' }) lastError: string | null;
  @Field(() => SkipReason, { nullable: true }) skipReason: SkipReason | null;
  @Field() createdAt: Date;
  @Field({ description: 'When the next attempt is due (PENDING).' }) nextAttemptAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it became SENT, SKIPPED or DEAD.' }) finishedAt: Date | null;
}

@ObjectType()
export class OutboxMessageConnection extends Connection(OutboxMessageNode, 'OutboxMessage') {}

@ObjectType()
export class OutboxMessagePayload extends Payload {
  @Field(() => OutboxMessageNode, { nullable: true }) message?: OutboxMessageNode;
}

@InputType()
export class RetryOutboxMessageInput {
  @Field(() => ID) @IsString() messageId: string;
}

/** The kinds a user chooses for: every NotificationKind, and REPORT (a referent's reports). */
export const NotificationSettingKind = { [REPORT_SETTING]: REPORT_SETTING, ...NotificationKind } as const;
registerEnumType(NotificationSettingKind, { name: 'NotificationSettingKind', description: "REPORT (a referent's reports, always in their inbox) and each NotificationKind." });
registerEnumType(NotificationDelivery, {
  name: 'NotificationDelivery',
  description: 'AT_ONCE: an e-mail for each (it says only what kind of notice waits, with a link); DIGEST: counted in the 07:30 digest of working days; CONSOLE_ONLY: no e-mail; OFF: not told at all (NEW_REFERRAL only).',
});

@ObjectType('NotificationEmailSetting', { description: 'How one kind of notice reaches the user besides the console: their choice, or the default.' })
export class NotificationEmailSettingNode {
  @Field(() => NotificationSettingKind) kind: SettingKind;
  @Field(() => NotificationDelivery) delivery: NotificationDelivery;
}

@InputType()
export class NotificationEmailSettingInput {
  @Field(() => NotificationSettingKind) @IsEnum(NotificationSettingKind) kind: SettingKind;
  @Field(() => NotificationDelivery) @IsEnum(NotificationDelivery) delivery: NotificationDelivery;
}

@InputType()
export class NotificationSettingsInput {
  @Field({ nullable: true, description: 'Kind REPORT: true is AT_ONCE, false CONSOLE_ONLY. Leave it out to keep it; never null.', deprecationReason: 'Set emails with kind REPORT.' })
  @OmittableNotNull()
  @IsBoolean()
  reportEmails?: boolean;

  @Field(() => [NotificationEmailSettingInput], { nullable: true, description: "The kinds to change, each once, among those of the user's role (User.notificationEmails lists them); the others are kept. INVALID_NOTIFICATION_SETTING otherwise (field input.emails.N), and nothing changes." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NotificationEmailSettingInput)
  emails?: NotificationEmailSettingInput[];
}

@ObjectType()
export class NotificationSettingsPayload extends Payload {
  @Field(() => UserNode, { nullable: true }) user?: UserNode;
}

export function toOutboxMessageNode(message: OutboxMessage): OutboxMessageNode {
  const { id, idempotencyKey, status, attempts, smtpCode, lastError, skipReason, createdAt, nextAttemptAt, finishedAt } = message;
  return { id, topic: message.topic, reportId: message.report?.id ?? null, idempotencyKey, status, attempts, smtpCode, lastError, skipReason, createdAt, nextAttemptAt, finishedAt };
}

export function toPersonMessageNode(message: OutboxMessage): PersonMessageNode {
  const { personMessage, channel, status, skipReason, createdAt, finishedAt, reminderDelay } = message;
  return { kind: personMessage!, channel, status, skipReason, createdAt, plannedAt: message.reminderDelay ? message.nextAttemptAt : createdAt, reminderDelay, finishedAt };
}
