import { Module } from '@nestjs/common';
import { Args, Field, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DomainError, NotFoundError } from '@parcours/core';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../../apps/api/src/graphql/scalars/local-date.scalar';
import { Public } from '../../apps/api/src/auth/access.decorators';
import { Payload } from '../../apps/api/src/graphql/user-error';

/* Test-only operations that exercise the platform's conventions before any feature uses them. */

@InputType()
class ProbeInput {
  @Field(() => LocalDateScalar)
  day: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5)
  note?: string;
}

@ObjectType()
class ProbePayload extends Payload {
  @Field(() => LocalDateScalar, { nullable: true })
  day?: string;
}

@Public()
@Resolver()
class ConventionsProbeResolver {
  @Query(() => LocalDateScalar)
  probeDay(@Args('day', { type: () => LocalDateScalar }) day: string): string {
    return day;
  }

  @Query(() => Date)
  probeInstant(@Args('at', { type: () => Date }) at: Date): Date {
    return at;
  }

  @Query(() => Boolean)
  probeCrash(): boolean {
    throw new Error('insert into participant values (Dupont, Jeanne) failed');
  }

  @Query(() => Boolean)
  probeNotFound(): boolean {
    throw new NotFoundError('Pathway');
  }

  @Mutation(() => ProbePayload)
  probeMutate(@Args('input') input: ProbeInput): { day: string } {
    if (input.day === '2026-05-01') throw new DomainError('INVALID_DATE', 'Nobody works on 1 May.', ['input', 'day']);
    return { day: input.day };
  }
}

@Module({ providers: [ConventionsProbeResolver] })
export class ConventionsProbeModule {}
