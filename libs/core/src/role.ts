import { OrganisationKind } from './organisation-kind';

export enum Role {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  COUNSELLOR = 'COUNSELLOR',
  REFERENT = 'REFERENT',
  FUNDER = 'FUNDER',
}

/** The organisation kind each role belongs to (DOMAIN.md, "Actors and organisations"). */
export const ROLE_ORGANISATION_KIND: Record<Role, OrganisationKind> = {
  [Role.ADMIN]: OrganisationKind.OPERATOR,
  [Role.MANAGER]: OrganisationKind.OPERATOR,
  [Role.COUNSELLOR]: OrganisationKind.OPERATOR,
  [Role.REFERENT]: OrganisationKind.PRESCRIBER,
  [Role.FUNDER]: OrganisationKind.FUNDER,
};

export function roleFits(role: Role, kind: OrganisationKind): boolean {
  return ROLE_ORGANISATION_KIND[role] === kind;
}
