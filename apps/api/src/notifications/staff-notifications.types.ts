import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotificationKind, type StaffNotification } from '@parcours/notifications';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import { AboutParticipant, NotPersonal, of, Personal } from '../audit/graphql-personal-data';
import { Connection } from '../graphql/connection';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Payload } from '../graphql/user-error';
import { PathwayNode } from '../pathways/pathways.types';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'NEW_REFERRAL (the operator\'s managers), PATHWAY_ASSIGNED (the counsellor), APPOINTMENT_TOMORROW / CHECKPOINT_TOMORROW / CONTRACT_END_TOMORROW and APPOINTMENT_MISSED / CHECKPOINT_MISSED / CONTRACT_END_MISSED (the counsellor in charge), CONTRACT_ENDING within 15 days (the counsellor and the referent), PERSON_CANNOT_COME (the counsellor).',
});

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('StaffNotification', { description: 'Something the signed-in member of staff should know about a pathway they see: what, when, read or not.' })
export class StaffNotificationNode {
  @NotPersonal() @Field(() => ID) id: string;
  @NotPersonal() @Field(() => NotificationKind) kind: NotificationKind;
  @NotPersonal() @Field(() => ID) pathwayId: string;
  @NotPersonal() @Field(() => ID, { description: 'The appointment or checkpoint it is about (the pathway for NEW_REFERRAL and PATHWAY_ASSIGNED).' }) itemId: string;
  @Personal() @Field(() => LocalDateScalar, { nullable: true, description: "The day it is about: the appointment's, the checkpoint's, the contract's planned end, the referral's." }) dueOn: string | null;
  @NotPersonal() @Field() createdAt: Date;
  @NotPersonal() @Field(() => Date, { nullable: true }) readAt: Date | null;
  @NotPersonal() @Field(() => PathwayNode, { description: 'The pathway it points to, as the reader sees it.' }) pathway: PathwayNode;
  /** Not a field: for the audit. */
  participantId: string;
}

@ObjectType()
export class StaffNotificationConnection extends Connection(StaffNotificationNode, 'StaffNotification') {}

@InputType()
export class StaffNotificationsFilter {
  @Field({ nullable: true, description: 'Only those not read yet.' }) @IsOptional() @IsBoolean() unreadOnly?: boolean;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { description: 'One to 100 of the reader\'s own notifications; any other id is NOT_FOUND and none is marked.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Type(() => String)
  ids: string[];
}

@ObjectType()
export class NotificationsReadPayload extends Payload {
  @Field(() => Int, { nullable: true, description: 'How many were marked (already read ones included).' }) marked?: number;
  @Field(() => Int, { nullable: true, description: 'What remains unread.' }) unreadCount?: number;
}

export function toStaffNotificationNode(notification: StaffNotification, pathway: PathwayNode): StaffNotificationNode {
  const { id, kind, itemId, dueOn, createdAt, readAt } = notification;
  return { id, kind, pathwayId: notification.pathway.id, itemId, dueOn, createdAt, readAt, pathway, participantId: pathway.participant.id };
}
