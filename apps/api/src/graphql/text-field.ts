import { applyDecorators, type PipeTransform } from '@nestjs/common';
import { Args, Field } from '@nestjs/graphql';
import { InvalidInputError } from '@parcours/core';
import { IsString, Length, MaxLength, ValidateIf } from 'class-validator';

/**
 * A string input field and its maximum, declared together: the schema says "At most N
 * characters." and a longer value is an INVALID_INPUT userError naming the field. Every String
 * input field and argument declares one (a test walks the schema). What characters a string may
 * hold is checked once for all, at the edge (input-hygiene.plugin.ts).
 */
export function Text(max: number, options: { min?: number; nullable?: boolean; description?: string } = {}): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: options.nullable, description: [options.description, `At most ${max} characters.`].filter(Boolean).join(' ') }),
    IsString(),
    options.min ? Length(options.min, max) : MaxLength(max),
  );
}

/** A string argument and its maximum: `@TextArg('search', 100) search: string`. */
export function TextArg(name: string, max: number, description?: string): ParameterDecorator {
  const limit: PipeTransform = {
    transform(value: unknown) {
      if (typeof value === 'string' && value.length > max) throw new InvalidInputError('INVALID_INPUT', `${name} must be at most ${max} characters.`, [name]);
      return value;
    },
  };
  return Args(name, { type: () => String, description: [description, `At most ${max} characters.`].filter(Boolean).join(' ') }, limit);
}

/**
 * An input field that may be left out, but is never null (a setting that has no "no value"):
 * `null` is refused as INVALID_INPUT naming the field, before any SQL, where `@IsOptional()` would
 * let it through to a NOT NULL column.
 */
export function OmittableNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, { message: 'may be left out, but not null' });
}
