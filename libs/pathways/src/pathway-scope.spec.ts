import { OrganisationKind, Role, type Actor } from '@parcours/accounts';
import { pathwaysVisibleTo } from './pathway-scope';

const actor = (role: Role): Actor => ({ userId: 'u1', role, organisationId: 'o1', organisationKind: OrganisationKind.OPERATOR, sessionId: 's1' });

describe('pathwaysVisibleTo', () => {
  it.each([
    [Role.ADMIN, {}],
    [Role.MANAGER, { operator: 'o1' }],
    [Role.COUNSELLOR, { operator: 'o1' }],
    [Role.REFERENT, { referent: 'u1' }],
    [Role.FUNDER, { id: { $in: [] } }],
  ])('%s sees %j', (role, filter) => {
    expect(pathwaysVisibleTo(actor(role))).toEqual(filter);
  });
});
