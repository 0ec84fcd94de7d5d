import { applyDecorators } from '@nestjs/common';
import { IsOptional, Matches } from 'class-validator';
import { Text } from './text-field';

/** An optional ROME code input (the French job classification), as K2204: the same check wherever one is typed. */
export function RomeCode(): PropertyDecorator {
  return applyDecorators(Text(5, { nullable: true, description: 'ROME code, as K2204.' }), IsOptional(), Matches(/^[A-N]\d{4}$/, { message: 'romeCode must be a ROME code such as K2204' }));
}
