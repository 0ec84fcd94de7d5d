import { Convention } from '@parcours/conventions';
import { AccountsFixture, type TestUser } from '../support/accounts';
import type { UserErrorView } from '../support/journey';
import { startTestApp, type TestApp } from '../support/test-app';

const FIELDS = 'id title budgetLine startOn endOn targetParticipants amountCents operator { id name } funder { id name }';
const CREATE = `mutation ($input: CreateConventionInput!) { createConvention(input: $input) { convention { ${FIELDS} } userErrors { code field message } } }`;
const UPDATE = `mutation ($input: UpdateConventionInput!) { updateConvention(input: $input) { convention { ${FIELDS} } userErrors { code field message } } }`;

interface ConventionView {
  id: string;
  title: string;
  amountCents: number;
  operator: { id: string };
  funder: { id: string };
}

describe('funding conventions', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let manager: TestUser;
  let counsellor: TestUser;
  let funder: TestUser;
  let otherFunder: TestUser;
  let otherManager: TestUser;
  let metropole: string;
  let otherOperator: string;

  beforeAll(async () => {
    t = await startTestApp();
    accounts = await new AccountsFixture(t.api).init();
    manager = await accounts.user('MANAGER');
    counsellor = await accounts.user('COUNSELLOR');
    metropole = await accounts.organisation('FUNDER', 'Saint-Étienne Métropole');
    funder = await accounts.user('FUNDER', { organisationId: metropole });
    otherFunder = await accounts.user('FUNDER');
    otherOperator = await accounts.organisation('OPERATOR', 'Loire Emploi');
    otherManager = await accounts.user('MANAGER', { organisationId: otherOperator });
  });
  afterAll(() => t.close());

  const terms = (overrides: Record<string, unknown> = {}) => ({
    operatorId: accounts.operatorId,
    funderId: metropole,
    title: 'L.O.I.R.E 2026',
    budgetLine: 'SERV / chap 65 / SUECO',
    startOn: '2026-01-15',
    endOn: '2026-12-31',
    targetParticipants: 120,
    amountCents: 18_500_000,
    ...overrides,
  });
  const create = async (user: TestUser, input: Record<string, unknown>) =>
    (await t.api.data<{ createConvention: { convention: ConventionView | null; userErrors: UserErrorView[] } }>(CREATE, { input }, { token: user.token })).createConvention;
  const count = () => t.orm.em.fork().count(Convention, {});
  const list = async (user: TestUser) => (await t.api.data<{ conventions: ConventionView[] }>('{ conventions { id title funder { id } } }', undefined, { token: user.token })).conventions;

  it('records a convention with its amount in integer cents, and shows it to its operator\'s staff and its funder only', async () => {
    const created = await create(manager, terms());
    expect(created.userErrors).toEqual([]);
    expect(created.convention).toMatchObject({ title: 'L.O.I.R.E 2026', budgetLine: 'SERV / chap 65 / SUECO', amountCents: 18_500_000, targetParticipants: 120, operator: { id: accounts.operatorId }, funder: { id: metropole, name: 'Saint-Étienne Métropole' } });
    const id = created.convention!.id;
    expect((await list(counsellor)).map((convention) => convention.id)).toContain(id);
    expect((await list(funder)).map((convention) => convention.id)).toEqual([id]);
    expect(await list(otherFunder)).toEqual([]);
    expect((await list(otherManager)).map((convention) => convention.id)).not.toContain(id);

    const big = Number.MAX_SAFE_INTEGER;
    const updated = await t.api.data<{ updateConvention: { convention: ConventionView } }>(UPDATE, { input: { ...terms({ amountCents: big, title: 'L.O.I.R.E 2026 (avenant)' }), conventionId: id } }, { token: accounts.adminToken });
    expect(updated.updateConvention.convention).toMatchObject({ amountCents: big, title: 'L.O.I.R.E 2026 (avenant)' });
    const hidden = await t.api.data<{ updateConvention: { userErrors: UserErrorView[] } }>(UPDATE, { input: { ...terms({ operatorId: otherOperator }), conventionId: id } }, { token: otherManager.token });
    expect(hidden.updateConvention.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'conventionId'] })]);
  });

  it('refuses an end before the start with a userError on each date, and writes nothing', async () => {
    const before = await count();
    const refused = await create(manager, terms({ startOn: '2026-12-31', endOn: '2026-01-15' }));
    expect(refused.convention).toBeNull();
    expect(refused.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_PERIOD', ['input', 'startOn']],
      ['INVALID_PERIOD', ['input', 'endOn']],
    ]);
    expect(await count()).toBe(before);
  });

  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['a funder that is not a FUNDER', { funderId: 'OPERATOR' }, 'WRONG_ORGANISATION_KIND', ['input', 'funderId']],
    ['no participant targeted', { targetParticipants: 0 }, 'INVALID_TARGET', ['input', 'targetParticipants']],
  ])('refuses %s, and writes nothing', async (_case, overrides, code, field) => {
    const before = await count();
    const input = terms(overrides.funderId === 'OPERATOR' ? { funderId: accounts.operatorId } : overrides);
    expect((await create(manager, input)).userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(await count()).toBe(before);
  });

  it.each([-1, 1.5, '100', 2 ** 53])('refuses %p cents at the edge: BAD_USER_INPUT', async (amountCents) => {
    const before = await count();
    const response = await t.api.request(CREATE, { input: terms({ amountCents }) }, { token: manager.token });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await count()).toBe(before);
  });

  it("refuses a manager another operator's convention: FORBIDDEN, nothing written", async () => {
    const before = await count();
    const response = await t.api.request(CREATE, { input: terms({ operatorId: otherOperator }) }, { token: manager.token });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await count()).toBe(before);
  });
});
