import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OutboxStatus, OutboxTopic, PersonMessageKind, SkipReason, type OutboxMessage } from '@parcours/notifications';
import { IsBoolean, IsString } from 'class-validator';
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

@InputType()
export class NotificationSettingsInput {
  @Field({ nullable: true, description: 'An e-mail for each new report (it says only that a report is waiting, with its link). Leave it out to keep it; never null.' })
  @OmittableNotNull()
  @IsBoolean()
  reportEmails?: boolean;
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
