import { Organisation } from '@parcours/accounts';
import { Partner, PartnerChange, PartnersService } from '@parcours/opportunities';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { startJourneyApp } from '../support/journey';
import { aSiret, OffersFixture, PARTNER_FIELDS } from '../support/offers';
import type { TestApp } from '../support/test-app';

const UPDATE = `mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { partner { ${PARTNER_FIELDS} } userErrors { code field message } } }`;

/** Partners: registered by managers (or ADMIN), shared by every operator, unique by SIRET, with their history. */
describe('partners', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let offers: OffersFixture;
  let manager: TestUser;
  let counsellor: TestUser;
  let otherManager: TestUser;

  beforeAll(async () => {
    ({ t, accounts } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    manager = await accounts.user('MANAGER');
    counsellor = await accounts.user('COUNSELLOR');
    otherManager = await accounts.user('MANAGER', { organisationId: await accounts.organisation('OPERATOR') });
  });
  afterAll(() => t.close());

  const rows = async () => ({ partners: await t.orm.em.fork().count(Partner, {}), organisations: await t.orm.em.fork().count(Organisation, {}), changes: await t.orm.em.fork().count(PartnerChange, {}) });
  const input = (overrides: Record<string, unknown> = {}) => ({ kind: 'EMPLOYER', name: 'Propreté Forez', siret: aSiret(), communeCode: '42218', contact: { name: 'Claire Dupont', phone: '04 77 00 00 00' }, ...overrides });

  it('registers a partner with its organisation, its contact and a first line of history', async () => {
    const { partner, userErrors } = await offers.createPartnerRaw(manager, input({ name: '  Nettoyage   du Gier ', siret: '732 829 320 00074' }));
    expect(userErrors).toEqual([]);
    expect(partner).toMatchObject({
      name: 'Nettoyage du Gier',
      kind: 'EMPLOYER',
      siret: '73282932000074',
      communeCode: '42218',
      contact: { name: 'Claire Dupont', phone: '04 77 00 00 00', email: null },
      registeredByOperatorId: accounts.operatorId,
      history: [{ kind: 'REGISTERED', fields: [], byUserId: manager.id }],
    });
  });

  it.each([
    ['73282932000075', 'INVALID_SIRET', ['input', 'siret']],
    ['7328293200007', 'INVALID_SIRET', ['input', 'siret']],
  ])('refuses SIRET %s (%s), writing nothing', async (siret, code, field) => {
    const before = await rows();
    const { partner, userErrors } = await offers.createPartnerRaw(manager, input({ siret }));
    expect(partner).toBeNull();
    expect(userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(await rows()).toEqual(before);
  });

  it("accepts La Poste's establishments by their own rule (digit sum a multiple of 5)", async () => {
    const { userErrors } = await offers.createPartnerRaw(manager, input({ kind: 'TRAINING_BODY', name: 'La Poste formation', siret: '35600000049837' }));
    expect(userErrors).toEqual([]);
  });

  it('refuses a SIRET already registered (SIRET_TAKEN), and an unknown commune, naming each field', async () => {
    const siret = aSiret();
    await offers.partner('EMPLOYER', { siret });
    const before = await rows();
    const { userErrors } = await offers.createPartnerRaw(manager, input({ siret, communeCode: '99999' }));
    expect(userErrors.map(({ code, field }) => ({ code, field }))).toEqual([{ code: 'UNKNOWN_COMMUNE', field: ['input', 'communeCode'] }]);
    const taken = await offers.createPartnerRaw(manager, input({ siret }));
    expect(taken.userErrors).toEqual([expect.objectContaining({ code: 'SIRET_TAKEN', field: ['input', 'siret'] })]);
    expect(await rows()).toEqual(before);
  });

  it('registers two establishments of one network with the same name, and a partner outside the territory', async () => {
    const first = await offers.createPartnerRaw(manager, input({ kind: 'TEMP_AGENCY', name: 'Intérim Plus' }));
    const second = await offers.createPartnerRaw(otherManager, input({ kind: 'TEMP_AGENCY', name: 'intérim plus', communeCode: '69123' }));
    expect([first.userErrors, second.userErrors]).toEqual([[], []]);
    expect(first.partner!.name).toBe('Intérim Plus');
    expect(second.partner!.name).toBe('intérim plus');
  });

  it('leaves employers, temp agencies and training bodies to createPartner', async () => {
    const data = await t.api.data<{ createOrganisation: { userErrors: { code: string; field: string[] }[] } }>(
      'mutation { createOrganisation(input: { name: "Sans SIRET", kind: EMPLOYER }) { userErrors { code field } } }',
      undefined,
      { token: accounts.adminToken },
    );
    expect(data.createOrganisation.userErrors).toEqual([{ code: 'PARTNER_KIND', field: ['input', 'kind'] }]);
  });

  it('refuses a SIRET taken by another partner on update, and changes nothing', async () => {
    const taken = aSiret();
    await offers.partner('EMPLOYER', { siret: taken });
    const id = await offers.partner('EMPLOYER', {}, manager);
    const before = (await t.api.data<{ partner: unknown }>(`query ($id: ID!) { partner(id: $id) { ${PARTNER_FIELDS} } }`, { id }, { token: manager.token })).partner;
    const data = await t.api.data<{ updatePartner: { userErrors: { code: string; field: string[] }[] } }>(
      UPDATE,
      { input: { partnerId: id, name: 'Renamed', siret: taken, communeCode: '42218' } },
      { token: manager.token },
    );
    expect(data.updatePartner.userErrors).toEqual([expect.objectContaining({ code: 'SIRET_TAKEN', field: ['input', 'siret'] })]);
    const after = (await t.api.data<{ partner: unknown }>(`query ($id: ID!) { partner(id: $id) { ${PARTNER_FIELDS} } }`, { id }, { token: manager.token })).partner;
    expect(after).toEqual(before);
  });

  it("lets the registering operator's managers and ADMIN change a partner, records each change, and forbids other operators' managers", async () => {
    const id = await offers.partner('EMPLOYER', {}, manager);
    const partner = (await t.api.data<{ partner: { siret: string } }>('query ($id: ID!) { partner(id: $id) { siret } }', { id }, { token: counsellor.token })).partner;
    const update = (user: TestUser | string, name: string, contact: Record<string, unknown> | null) =>
      t.api.request(UPDATE, { input: { partnerId: id, name, siret: partner.siret, communeCode: '42218', contact } }, { token: typeof user === 'string' ? user : user.token });
    expect(errorCodes(await update(otherManager, 'Pris', null))).toEqual(['FORBIDDEN']);
    const byManager = await update(manager, 'Propreté Loire', { name: 'Claire Dupont', phone: '04 77 00 00 00' });
    expect(errorCodes(byManager)).toEqual([]);
    const byAdmin = await update(accounts.adminToken, 'Propreté Loire', { name: 'Marc Petit', email: 'marc@example.org' });
    expect(errorCodes(byAdmin)).toEqual([]);
    const seen = await t.api.data<{ partner: { name: string; contact: unknown; history: { kind: string; fields: string[]; byUserId: string }[] } }>(
      `query ($id: ID!) { partner(id: $id) { ${PARTNER_FIELDS} } }`,
      { id },
      { token: counsellor.token },
    );
    expect(seen.partner.name).toBe('Propreté Loire');
    expect(seen.partner.contact).toEqual({ name: 'Marc Petit', phone: null, email: 'marc@example.org' });
    const me = await t.api.data<{ me: { id: string } }>('{ me { id } }', undefined, { token: accounts.adminToken });
    expect(seen.partner.history.map(({ kind, fields, byUserId }) => ({ kind, fields, byUserId }))).toEqual([
      { kind: 'REGISTERED', fields: [], byUserId: manager.id },
      { kind: 'UPDATED', fields: ['name'], byUserId: manager.id },
      { kind: 'UPDATED', fields: ['contact'], byUserId: me.me.id },
    ]);
    expect(JSON.stringify(seen.partner.history)).not.toContain('Marc');
  });

  it('lists partners for operator staff, by kind and by a part of the name or SIRET', async () => {
    const siret = aSiret();
    await offers.partner('TRAINING_BODY', { name: 'AFPA Saint-Étienne', siret });
    const list = (filter: Record<string, unknown>) =>
      t.api.data<{ partners: { totalCount: number; edges: { node: { name: string; kind: string } }[] } }>(
        'query ($filter: PartnersFilter) { partners(first: 100, filter: $filter) { totalCount edges { node { name kind } } } }',
        { filter },
        { token: counsellor.token },
      );
    expect((await list({ search: 'afpa saint etienne' })).partners.edges.map((edge) => edge.node.name)).toEqual(['AFPA Saint-Étienne']);
    expect((await list({ search: siret })).partners.totalCount).toBe(1);
    expect((await list({ kind: 'TRAINING_BODY' })).partners.edges.every((edge) => edge.node.kind === 'TRAINING_BODY')).toBe(true);
  });

  it('refuses to register an operator, a prescriber or a funder as a partner', async () => {
    const before = await rows();
    const { userErrors } = await offers.createPartnerRaw(manager, input({ kind: 'OPERATOR' }));
    expect(userErrors.map(({ code, field }) => ({ code, field }))).toEqual([{ code: 'WRONG_PARTNER_KIND', field: ['input', 'kind'] }]);
    expect(await rows()).toEqual(before);
  });

  it("forgets a contact after RETENTION_MONTHS without a change to the partner or its offers, by an idempotent sweep; keeps one whose offers changed", async () => {
    const id = await offers.partner('EMPLOYER', { name: 'Ancien partenaire' });
    const active = await offers.partner('EMPLOYER', { name: 'Partenaire actif' });
    t.clock.set('2027-03-16T09:00:00Z'); // 12 months later, an offer of the second one
    const counsellor2 = { ...counsellor, token: (await accounts.login(counsellor.email, counsellor.password)).accessToken };
    await offers.job(counsellor2, active);
    t.clock.set('2028-04-16T09:00:00Z'); // 25 months after registering, 13 after that offer
    const sweep = t.app.get(PartnersService);
    expect((await sweep.sweepContacts()).forgotten).toBeGreaterThan(0);
    expect(await sweep.sweepContacts()).toEqual({ forgotten: 0 });
    const partner = await t.orm.em.fork().findOneOrFail(Partner, id);
    expect([partner.contactName, partner.contactPhone, partner.contactEmail]).toEqual([null, null, null]);
    expect((await t.orm.em.fork().findOneOrFail(Partner, active)).contactName).toBe('Claire Dupont');
    const history = await t.orm.em.fork().find(PartnerChange, { partner: id }, { orderBy: { id: 'asc' } });
    expect(history.map(({ kind, by }) => ({ kind, by: by?.id ?? null })).at(-1)).toEqual({ kind: 'CONTACT_FORGOTTEN', by: null });
    t.clock.set('2026-03-16T09:00:00Z');
  });
});
