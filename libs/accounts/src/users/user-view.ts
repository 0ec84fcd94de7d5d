import type { FilterQuery } from '@mikro-orm/core';
import type { OrganisationKind, Role } from '@parcours/core';
import type { ScopedReads } from '@parcours/unit-of-work';
import { User } from './user.entity';

/** A member of staff as the pages show them: plain data, read without the ORM's entities. */
export interface UserView {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  active: boolean;
  deactivatedAt: Date | null;
  /** The user's own e-mail choices per kind of notice (User.notificationEmails). */
  notificationEmails: Record<string, string>;
  /** False for an invitation not yet followed: nobody can sign in as this user yet. */
  passwordSet: boolean;
  /** Linked to the identity provider (User.oidcSubject): it signs in through it. */
  oidcLinked: boolean;
  createdAt: Date;
  organisation: { id: string; name: string; kind: OrganisationKind; createdAt: Date; oidcRequired: boolean };
}

const VIEW = `select u.id, u.email, u.full_name, u.role, u.deactivated_at, u.notification_emails, u.password_set, u.oidc_subject is not null as oidc_linked, u.created_at,
  o.id as organisation_id, o.name as organisation_name, o.kind as organisation_kind, o.created_at as organisation_created_at, o.oidc_required as organisation_oidc_required
from app_user u join organisation o on o.id = u.organisation_id
where u.id in`;

type Row = Record<string, unknown>;

/** The users among `where` the reader may see (the caller's rule, usersVisibleTo, is part of `where`), in one statement. */
export async function userViews(reads: ScopedReads, where: FilterQuery<User>): Promise<UserView[]> {
  const rows = await reads.rows<Row, User>(User, where, (scoped) => `${VIEW} (${scoped})`);
  return rows.map((row) => {
    const deactivatedAt = reads.instant(row.deactivated_at);
    return {
      id: String(row.id),
      email: String(row.email),
      fullName: String(row.full_name),
      role: row.role as Role,
      active: deactivatedAt === null,
      deactivatedAt,
      notificationEmails: reads.json<Record<string, string>>(row.notification_emails) ?? {},
      passwordSet: reads.boolean(row.password_set),
      oidcLinked: reads.boolean(row.oidc_linked),
      createdAt: reads.instant(row.created_at)!,
      organisation: {
        id: String(row.organisation_id),
        name: String(row.organisation_name),
        kind: row.organisation_kind as OrganisationKind,
        createdAt: reads.instant(row.organisation_created_at)!,
        oidcRequired: reads.boolean(row.organisation_oidc_required),
      },
    };
  });
}

/** The same view of an entity already loaded (the commands answer with it). */
export function userView(user: User): UserView {
  const organisation = user.organisation.getEntity();
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    active: user.active,
    deactivatedAt: user.deactivatedAt,
    notificationEmails: user.notificationEmails ?? {},
    passwordSet: user.passwordSet,
    oidcLinked: user.oidcSubject !== null,
    createdAt: user.createdAt,
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind, createdAt: organisation.createdAt, oidcRequired: organisation.oidcRequired },
  };
}
