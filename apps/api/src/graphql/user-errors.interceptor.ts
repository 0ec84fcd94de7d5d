import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { DomainError, ForbiddenError } from '@parcours/core';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, map, of, throwError, type Observable } from 'rxjs';

/**
 * The one place where domain errors become userErrors: a mutation resolver returns `{ thing }` or
 * throws a DomainError, and its payload gets `userErrors` either way. Queries let the error through
 * to formatError, which answers it with extensions.code; so does FORBIDDEN, always top-level.
 */
@Injectable()
export class UserErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    return next.handle().pipe(
      map((result: object) => ({ userErrors: [], ...result })),
      catchError((error: unknown) =>
        error instanceof DomainError && !(error instanceof ForbiddenError) ? of({ ...error.payload, userErrors: error.problems }) : throwError(() => error),
      ),
    );
  }
}
