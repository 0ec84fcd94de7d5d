import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { AuthService, type Actor, type LinkRefusal } from '@parcours/accounts';
import type { FastifyRequest } from 'fastify';
import { currentAuditScope } from '@parcours/unit-of-work';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphqlContext } from '../graphql/graphql-context';
import { ACCESS_METADATA, LINK_METADATA, type AccessDeclaration } from './access.decorators';

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
    if (context.getType<GqlContextType>() === 'http') return this.httpRoute(context, declaration);
    if (context.getType<GqlContextType>() !== 'graphql') throw new ForbiddenException('Only GraphQL operations and HTTP routes may require a user.');

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

  /**
   * An HTTP route (an export): the bearer token, or, where the route says a signed link may open
   * it, the `link` query parameter, valid for this route and exactly these other parameters.
   * Refusals answer JSON with a code: UNAUTHENTICATED, LINK_EXPIRED, INVALID_LINK (401), FORBIDDEN (403).
   */
  private async httpRoute(context: ExecutionContext, declaration: AccessDeclaration): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer \S+$/i.test(header) ? header.slice(7) : undefined;
    const use = this.reflector.get<string | undefined>(LINK_METADATA, context.getHandler());
    const query = (request.query ?? {}) as Record<string, unknown>;
    let actor: Actor | null = token ? await this.auth.authenticate(token) : null;
    if (!token && use && typeof query.link === 'string') {
      const opened = await this.auth.actorOfLink(query.link, use, linkParameters(query));
      if (typeof opened === 'string') throw new UnauthorizedException({ statusCode: 401, code: opened, message: LINK_REFUSALS[opened] });
      actor = opened;
    }
    if (!actor) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Sign in first: the access token is missing, expired or no longer valid.' });
    if (declaration.kind === 'roles' && !declaration.roles.includes(actor.role)) throw new ForbiddenException({ statusCode: 403, code: 'FORBIDDEN', message: 'Your role does not allow this.' });
    request.actor = actor;
    const scope = currentAuditScope();
    if (scope) Object.assign(scope, { actor, operation: `${request.method} ${request.routeOptions?.url ?? request.url.split('?')[0]}` });
    return true;
  }
}

const LINK_REFUSALS: Record<LinkRefusal, string> = {
  LINK_EXPIRED: 'This link has expired: ask for a new one.',
  LINK_USED: 'This link has already been used, and opens once: ask for a new one.',
  INVALID_LINK: 'This link is not valid for this address.',
};

/** The query parameters a link is bound to: every one but the link itself, sorted, URL-encoded. */
export function linkParameters(query: Record<string, unknown>): string {
  const entries = Object.entries(query)
    .filter(([name, value]) => name !== 'link' && value !== undefined)
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));
  return new URLSearchParams(entries).toString();
}
