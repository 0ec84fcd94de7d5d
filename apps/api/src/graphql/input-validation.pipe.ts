import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { CoreErrorCode, DomainError, type Problem } from '@parcours/core';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object];

/**
 * Checks GraphQL arguments against their class-validator constraints. Every broken constraint is
 * one INVALID_INPUT problem naming its field, so a mutation answers them all as userErrors.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (!metatype || PRIMITIVES.includes(metatype) || value === null || typeof value !== 'object') return value;
    const errors = await validate(plainToInstance(metatype, value) as object, { forbidUnknownValues: false });
    if (errors.length > 0) {
      throw DomainError.all(problems(errors, metadata.data ? [metadata.data] : []));
    }
    return value;
  }
}

function problems(errors: ValidationError[], path: string[]): Problem[] {
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.values(error.constraints ?? {}).map((message) => ({ code: CoreErrorCode.INVALID_INPUT, field, message }));
    return [...own, ...problems(error.children ?? [], field)];
  });
}
