import { Field, ObjectType } from '@nestjs/graphql';
import type { ErrorCode } from '@parcours/core';
import { ERROR_CODES } from './error-code';

@ObjectType({ description: 'An expected business failure of a mutation: nothing was written.' })
export class UserError {
  @Field(() => ERROR_CODES, { description: 'Stable code clients can switch on, such as NOT_FOUND or INVALID_INPUT.' })
  code: ErrorCode;

  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, as ["input", "email"].' })
  field?: string[];

  @Field()
  message: string;
}

/** Every mutation payload extends this: the thing changed, or the userErrors saying why not. */
@ObjectType({ isAbstract: true })
export abstract class Payload {
  @Field(() => [UserError])
  userErrors: UserError[];
}
