import { User } from '@parcours/accounts';
import { AccountsFixture, CREATE_ORGANISATION, CREATE_USER, ME } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

describe('organisations and users', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  const asAdmin = () => ({ token: accounts.adminToken });
  const userCount = () => t.orm.em.fork().count(User, {});

  beforeAll(async () => {
    t = await startTestApp();
    accounts = await new AccountsFixture(t.api).init();
  });
  afterAll(() => t.close());

  it('starts with the bootstrap ADMIN in the operator organisation', async () => {
    const { me } = await t.api.data<{ me: { email: string; role: string; organisation: { name: string; kind: string } } }>(ME, undefined, asAdmin());
    expect(me).toMatchObject({ email: TEST_ADMIN.email, role: 'ADMIN', organisation: { name: 'Forez Entreprendre', kind: 'OPERATOR' } });
  });

  it('lets the admin set up every kind of account, each of which signs in and sees itself', async () => {
    const prescriber = await accounts.organisation('PRESCRIBER', 'CCAS de Saint-Étienne');
    const funder = await accounts.organisation('FUNDER', 'Saint-Étienne Métropole');
    const cases = [
      { role: 'REFERENT', organisationId: prescriber, organisation: { name: 'CCAS de Saint-Étienne', kind: 'PRESCRIBER' } },
      { role: 'FUNDER', organisationId: funder, organisation: { name: 'Saint-Étienne Métropole', kind: 'FUNDER' } },
      { role: 'COUNSELLOR', organisationId: accounts.operatorId, organisation: { name: 'Forez Entreprendre', kind: 'OPERATOR' } },
      { role: 'MANAGER', organisationId: accounts.operatorId, organisation: { name: 'Forez Entreprendre', kind: 'OPERATOR' } },
    ];
    for (const { role, organisationId, organisation } of cases) {
      const user = await accounts.user(role, { organisationId, fullName: `Une personne ${role}` });
      const { me } = await t.api.data<{ me: unknown }>(ME, undefined, { token: user.token });
      expect(me).toEqual({ id: user.id, email: user.email, fullName: `Une personne ${role}`, role, organisation: { id: organisationId, ...organisation } });
    }
  });

  it('refuses a role that does not fit the organisation kind, and stores nothing', async () => {
    const before = await userCount();
    const response = await t.api.data<{ createUser: { user: unknown; userErrors: { code: string; field: string[] }[] } }>(
      CREATE_USER,
      { input: { organisationId: accounts.operatorId, role: 'REFERENT', email: 'misplaced@parcours.test', fullName: 'Misplaced', initialPassword: 'Correct-horse-42' } },
      asAdmin(),
    );
    expect(response.createUser).toEqual({
      user: null,
      userErrors: [expect.objectContaining({ code: 'ROLE_DOES_NOT_FIT_ORGANISATION', field: ['input', 'role'] })],
    });
    expect(await userCount()).toBe(before);
  });

  it('keeps e-mail addresses unique without regard to case', async () => {
    const first = await accounts.user('COUNSELLOR', { email: 'Claire.Martin@parcours.test' });
    expect(first.id).toBeDefined();
    const before = await userCount();
    const again = await t.api.data<{ createUser: { userErrors: { code: string; field: string[] }[] } }>(
      CREATE_USER,
      { input: { organisationId: accounts.operatorId, role: 'MANAGER', email: 'claire.martin@PARCOURS.test', fullName: 'Claire', initialPassword: 'Correct-horse-42' } },
      asAdmin(),
    );
    expect(again.createUser.userErrors).toEqual([expect.objectContaining({ code: 'EMAIL_TAKEN', field: ['input', 'email'] })]);
    expect(await userCount()).toBe(before);
    await expect(accounts.login('CLAIRE.MARTIN@parcours.test', first.password)).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it.each([
    ['short', 'Short-1'],
    ['one kind of character only', 'abcdefghijklmnop'],
    ['few distinct characters', 'Aa1Aa1Aa1Aa1Aa1'],
  ])('refuses a weak initial password (%s) with WEAK_PASSWORD', async (_case, initialPassword) => {
    const before = await userCount();
    const response = await t.api.data<{ createUser: { userErrors: { code: string; field: string[] }[] } }>(
      CREATE_USER,
      { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email: `weak.${initialPassword.length}@parcours.test`, fullName: 'Weak', initialPassword } },
      asAdmin(),
    );
    expect(response.createUser.userErrors).toEqual([expect.objectContaining({ code: 'WEAK_PASSWORD', field: ['input', 'initialPassword'] })]);
    expect(await userCount()).toBe(before);
  });

  it('answers a malformed e-mail address with INVALID_INPUT naming the field', async () => {
    const response = await t.api.data<{ createUser: { userErrors: { code: string; field: string[] }[] } }>(
      CREATE_USER,
      { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email: 'not-an-address', fullName: 'X', initialPassword: 'Correct-horse-42' } },
      asAdmin(),
    );
    expect(response.createUser.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'email'] })]);
  });

  it('answers an unknown organisation with NOT_FOUND', async () => {
    const response = await t.api.data<{ createUser: { userErrors: { code: string }[] } }>(
      CREATE_USER,
      { input: { organisationId: '00000000-0000-4000-8000-000000000000', role: 'COUNSELLOR', email: 'nobody@parcours.test', fullName: 'X', initialPassword: 'Correct-horse-42' } },
      asAdmin(),
    );
    expect(response.createUser.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', message: 'Organisation not found.' })]);
  });

  it('keeps organisation names unique without regard to case or spaces, and renames', async () => {
    const id = await accounts.organisation('PRESCRIBER', 'France Travail Saint-Étienne');
    const duplicate = await t.api.data<{ createOrganisation: { userErrors: { code: string }[] } }>(
      CREATE_ORGANISATION,
      { input: { name: '  france travail   SAINT-ÉTIENNE ', kind: 'PRESCRIBER' } },
      asAdmin(),
    );
    expect(duplicate.createOrganisation.userErrors).toEqual([expect.objectContaining({ code: 'ORGANISATION_NAME_TAKEN' })]);
    const renamed = await t.api.data<{ updateOrganisation: { organisation: { name: string; kind: string } } }>(
      'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { name kind } userErrors { code } } }',
      { input: { id, name: 'France Travail Loire Sud' } },
      asAdmin(),
    );
    expect(renamed.updateOrganisation.organisation).toEqual({ name: 'France Travail Loire Sud', kind: 'PRESCRIBER' });
  });

  it('lists organisations and users for the admin as Relay connections with totalCount', async () => {
    const organisations = await t.api.data<{ organisations: { totalCount: number; edges: { node: { kind: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      '{ organisations(first: 2) { totalCount edges { cursor node { id name kind } } pageInfo { hasNextPage endCursor } } }',
      undefined,
      asAdmin(),
    );
    expect(organisations.organisations.edges).toHaveLength(2);
    expect(organisations.organisations.totalCount).toBeGreaterThan(2);
    expect(organisations.organisations.pageInfo.hasNextPage).toBe(true);
    const users = await t.api.data<{ users: { totalCount: number } }>('{ users { totalCount } }', undefined, asAdmin());
    expect(users.users.totalCount).toBe(await userCount());
  });

  it('refuses operations without a token (UNAUTHENTICATED) and with a wrong role (FORBIDDEN), writing nothing', async () => {
    const counsellor = await accounts.user('COUNSELLOR');
    const before = await userCount();
    const input = { organisationId: accounts.operatorId, role: 'COUNSELLOR', email: 'sneaky@parcours.test', fullName: 'Sneaky', initialPassword: 'Correct-horse-42' };
    expect(errorCodes(await t.api.request(CREATE_USER, { input }, { token: counsellor.token }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.api.request(CREATE_USER, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.api.request(CREATE_USER, { input }, { token: 'not.a.jwt' }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.api.request(ME))).toEqual(['UNAUTHENTICATED']);
    expect(await userCount()).toBe(before);
  });

  it('answers me and user(id), read as plain rows, exactly as the list answers the same account from its entity', async () => {
    const FIELDS = 'id email fullName role active deactivatedAt reportEmails invitationPending createdAt organisation { id name kind createdAt }';
    const manager = await accounts.user('MANAGER', { organisationId: accounts.operatorId, fullName: 'Une responsable' });
    const invited = await accounts.user('COUNSELLOR', { organisationId: accounts.operatorId, fullName: 'Un conseiller' });
    const listed = await t.api.data<{ users: { edges: { node: { id: string } }[] } }>(`{ users(first: 50) { edges { node { ${FIELDS} } } } }`, undefined, asAdmin());
    const fromList = (id: string) => listed.users.edges.map((edge) => edge.node).find((node) => node.id === id);
    const { me } = await t.api.data<{ me: unknown }>(`{ me { ${FIELDS} } }`, undefined, { token: manager.token });
    expect(me).toEqual(fromList(manager.id));
    expect(me).toMatchObject({ role: 'MANAGER', active: true, deactivatedAt: null, invitationPending: false, organisation: { kind: 'OPERATOR' } });
    const { user } = await t.api.data<{ user: unknown }>(`query ($id: ID!) { user(id: $id) { ${FIELDS} } }`, { id: invited.id }, asAdmin());
    expect(user).toEqual(fromList(invited.id));
  });
});
