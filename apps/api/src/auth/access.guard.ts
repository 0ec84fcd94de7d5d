import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { AuthService } from '@parcours/accounts';
import { currentAuditScope } from '@parcours/unit-of-work';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphqlContext } from '../graphql/graphql-context';
import { ACCESS_METADATA, type AccessDeclaration } from './access.decorators';

/**
 * Deny by default: an operation is reached only through its declaration. No or bad token:
 * UNAUTHENTICATED. Wrong role: FORBIDDEN. The token's session and user are checked on every
 * request, so logout and deactivation take effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!declaration) throw new ForbiddenException('This operation declares no access: nobody may call it.');
    if (declaration.kind === 'public') return true;
    if (context.getType<GqlContextType>() !== 'graphql') throw new ForbiddenException('Only GraphQL operations may require a user.');

    const graphqlContext = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    const header = graphqlContext.req.headers.authorization;
    const token = typeof header === 'string' && /^Bearer \S+$/i.test(header) ? header.slice(7) : undefined;
    const actor = token ? await this.auth.authenticate(token) : null;
    if (!actor) throw new UnauthorizedException('Sign in first: the access token is missing, expired or no longer valid.');
    if (declaration.kind === 'roles' && !declaration.roles.includes(actor.role)) {
      throw new ForbiddenException('Your role does not allow this operation.');
    }
    graphqlContext.actor = actor;
    const scope = currentAuditScope();
    if (scope) {
      const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
      Object.assign(scope, { actor, operation: `${info.operation.operation} ${info.fieldName}` });
    }
    return true;
  }
}
