import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Role } from '@parcours/accounts';
import type { MessageView } from '@parcours/pathways';
import { IsString } from 'class-validator';
import { AboutParticipant, NotPersonal, of, Personal } from '../audit/graphql-personal-data';
import { Text } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';

@ObjectType('MessageAuthor', { description: 'A member of staff who wrote in a conversation, or read it.' })
export class MessageAuthorNode {
  @Field(() => ID) id: string;
  @Field() fullName: string;
  @Field(() => Role) role: Role;
}

@ObjectType('MessageReader')
export class MessageReaderNode {
  @Field(() => ID) id: string;
  @Field() fullName: string;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'PathwayMessage', objectId: of(source, 'id') }))
@ObjectType('PathwayMessage', { description: "A message of a pathway's conversation between its referent and the operator's staff: never edited; no health or justice details belong there." })
export class PathwayMessageNode {
  @NotPersonal() @Field(() => ID) id: string;
  @NotPersonal() @Field(() => ID) pathwayId: string;
  @NotPersonal() @Field(() => MessageAuthorNode) author: MessageAuthorNode;
  @Personal() @Field(() => String, { nullable: true, description: 'Null once the person is erased.' }) text: string | null;
  @NotPersonal() @Field() writtenAt: Date;
  @NotPersonal() @Field({ description: 'Written by the reader.' }) mine: boolean;
  @NotPersonal() @Field(() => [MessageReaderNode], { description: 'The others who have opened the conversation since it was written.' }) readBy: MessageReaderNode[];
  /** Not a field: for the audit. */
  participantId: string;
}

@InputType()
export class PostPathwayMessageInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Text(2000, { description: 'The message: no health or justice details (they stay in the diagnostic, with the operator).' }) text: string;
}

@InputType()
export class ReadPathwayConversationInput {
  @Field(() => ID) @IsString() pathwayId: string;
}

@ObjectType()
export class PathwayMessagePayload extends Payload {
  @Field(() => PathwayMessageNode, { nullable: true }) message?: PathwayMessageNode;
}

@ObjectType()
export class ConversationReadPayload extends Payload {
  @Field({ nullable: true }) read?: boolean;
}

export function toPathwayMessageNode(view: MessageView, readerId: string): PathwayMessageNode {
  const { message, author, readBy, participantId } = view;
  return { id: message.id, pathwayId: message.pathway.id, author, text: message.text, writtenAt: message.writtenAt, mine: author.id === readerId, readBy, participantId };
}
