import type { OrganisationKind } from './organisation-kind';
import type { Role } from './role';

/** Who is acting: passed explicitly to every service call, never read from a global. */
export interface Actor {
  userId: string;
  role: Role;
  organisationId: string;
  organisationKind: OrganisationKind;
  /** The login the request came through; null for background work. */
  sessionId: string | null;
}
