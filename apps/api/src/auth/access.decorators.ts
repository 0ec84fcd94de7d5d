import { SetMetadata } from '@nestjs/common';
import type { Role } from '@parcours/accounts';

export const ACCESS_METADATA = 'parcours:access';

/** Who may call an operation. An operation without one cannot be called at all. */
export type AccessDeclaration = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not (login, refreshSession, serverInfo). */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessDeclaration);

/** Any signed-in user, whatever the role. */
export const SignedIn = () => SetMetadata(ACCESS_METADATA, { kind: 'signed-in' } satisfies AccessDeclaration);

/** Signed-in users of these roles only; what rows they see is the services' scoping. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessDeclaration);

export const LINK_METADATA = 'parcours:link';

/** An HTTP route a signed link may open instead of the bearer token (AuthService.signLink with this use). */
export const OpenedByLink = (use: string) => SetMetadata(LINK_METADATA, use);
