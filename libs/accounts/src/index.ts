// Who acts, their role and their organisation's kind live in libs/core (below the unit of work and
// the audit, which need them); accounts, which owns them in the domain, serves them under its name too.
export { type Actor, isPartnerKind, OrganisationKind, PARTNER_KINDS, Role, ROLE_ORGANISATION_KIND, roleFits } from '@parcours/core';
export * from './accounts-personal-data';
export * from './accounts-error';
export * from './accounts.module';
export * from './auth/auth.service';
export * from './auth/jwt-secret';
export * from './auth/login-failure.entity';
export * from './auth/password-policy';
export * from './auth/session.entity';
export * from './auth/spent-link.entity';
export * from './bootstrap/accounts-bootstrap';
export * from './oidc/identity-provider';
export * from './oidc/oidc-sign-in.service';
export * from './organisations/organisation.entity';
export * from './organisations/organisations.service';
export * from './organisations/reminder-delays';
export * from './users/user-scope';
export * from './users/user.entity';
export * from './users/user-view';
export * from './users/users.service';
export * from './recovery/account-links';
export * from './recovery/account-token.entity';
export * from './recovery/password-recovery.service';
export * from './users/account-event.entity';
export * from './users/open-work';
export * from './entities';
