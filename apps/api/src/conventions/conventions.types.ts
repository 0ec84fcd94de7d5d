import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { Convention } from '@parcours/conventions';
import { IsInt, IsString } from 'class-validator';
import { CentsScalar } from '../graphql/scalars/cents.scalar';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Text } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';

@ObjectType('OrganisationName', { description: 'An organisation named by a convention.' })
export class OrganisationNameNode {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('Convention', { description: 'A funding convention between an operator and a funder. A pathway counts for it when it was open at some day of its period.' })
export class ConventionNode {
  @Field(() => ID) id: string;
  @Field(() => OrganisationNameNode) operator: OrganisationNameNode;
  @Field(() => OrganisationNameNode) funder: OrganisationNameNode;
  @Field() title: string;
  @Field({ description: 'As in "SERV / chap 65 / SUECO".' }) budgetLine: string;
  @Field(() => LocalDateScalar, { description: 'The signature.' }) startOn: string;
  @Field(() => LocalDateScalar) endOn: string;
  @Field(() => Int) targetParticipants: number;
  @Field(() => CentsScalar) amountCents: number;
  @Field() updatedAt: Date;
}

export function toConventionNode(convention: Convention): ConventionNode {
  const operator = convention.operator.getEntity();
  const funder = convention.funder.getEntity();
  return {
    id: convention.id,
    operator: { id: operator.id, name: operator.name },
    funder: { id: funder.id, name: funder.name },
    title: convention.title,
    budgetLine: convention.budgetLine,
    startOn: convention.startOn,
    endOn: convention.endOn,
    targetParticipants: convention.targetParticipants,
    amountCents: convention.amountCents,
    updatedAt: convention.updatedAt,
  };
}

@ObjectType()
export class ConventionPayload extends Payload {
  @Field(() => ConventionNode, { nullable: true }) convention?: ConventionNode;
}

@InputType()
export class ConventionFields {
  @Field(() => ID, { description: 'An OPERATOR organisation (a MANAGER: their own).' }) @IsString() operatorId: string;
  @Field(() => ID, { description: 'A FUNDER organisation.' }) @IsString() funderId: string;
  @Text(200, { min: 1 }) title: string;
  @Text(100, { description: 'As in "SERV / chap 65 / SUECO".' }) budgetLine: string;
  @Field(() => LocalDateScalar, { description: 'The signature.' }) startOn: string;
  @Field(() => LocalDateScalar, { description: 'On or after the start (INVALID_PERIOD on both dates otherwise).' }) endOn: string;
  @Field(() => Int, { description: 'At least 1.' }) @IsInt() targetParticipants: number;
  @Field(() => CentsScalar, { description: 'Whole euro cents.' }) amountCents: number;
}

@InputType()
export class CreateConventionInput extends ConventionFields {}

@InputType()
export class UpdateConventionInput extends ConventionFields {
  @Field(() => ID) @IsString() conventionId: string;
}
