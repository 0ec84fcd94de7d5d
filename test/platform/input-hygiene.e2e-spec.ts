import { LoginFailure } from '@parcours/accounts';
import { getNamedType, isInputObjectType, isObjectType } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { aPerson, JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken } userErrors { code } } }';

/** Hostile strings are refused at the edge, with a stable code, before anything runs. */
describe('input hygiene', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
  });
  afterAll(() => t.close());

  it.each([
    ['a NUL byte', 'a\u0000@x.fr'],
    ['a bell', 'a\u0007@x.fr'],
    ['an escape', 'a\u001b[31m@x.fr'],
    ['a C1 control', 'a\u0085@x.fr'],
    ['a lone high surrogate', 'a\uD800@x.fr'],
    ['a lone low surrogate', 'a\uDC00@x.fr'],
  ])('refuses %s in a variable with BAD_USER_INPUT, writing nothing', async (_case, email) => {
    const before = await t.orm.em.fork().count(LoginFailure, {});
    const response = await t.api.request(LOGIN, { input: { email, password: 'Whatever-password-1' } });
    expect({ status: response.status, codes: errorCodes(response) }).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
    expect(response.errors?.[0].message).toContain('$input.email');
    expect(await t.orm.em.fork().count(LoginFailure, {})).toBe(before);
  });

  it.each([
    ['POST /session', 'a\u0000@x.fr'],
    ['POST /session', 'a\uD800@x.fr'],
  ])('refuses a control character on the REST route %s with 400 BAD_USER_INPUT, writing nothing', async (_route, email) => {
    const before = await t.orm.em.fork().count(LoginFailure, {});
    const response = await fetch(`${t.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'Whatever-password-1' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('body.email') });
    expect(await t.orm.em.fork().count(LoginFailure, {})).toBe(before);
  });

  it('refuses a control character in an export’s query string with 400 BAD_USER_INPUT', async () => {
    const response = await fetch(`${t.url}/exports/outcomes.csv?from=2026-01-01%00&to=2026-12-31`, { headers: { authorization: `Bearer ${accounts.adminToken}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it.each(['0000-01-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '+010000-01-01T00:00:00Z'])('refuses the instant %s, outside years 1000 to 9999, with BAD_USER_INPUT (PostgreSQL has no year 0: it was INTERNAL)', async (startsAt) => {
    const response = await t.api.request(
      'mutation ($input: ScheduleDiagnosticInput!) { scheduleDiagnostic(input: $input) { userErrors { code } } }',
      { input: { pathwayId: '14071159-45ab-4ad5-9ab3-c491ba9ba6d1', startsAt, channel: 'PHONE' } },
      { token: referent.token },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses null for a setting that may be left out but not null, before any SQL (it was INTERNAL)', async () => {
    const response = await t.api.request('mutation { updateMyNotificationSettings(input: { reportEmails: null }) { userErrors { code field } } }', undefined, { token: referent.token });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ updateMyNotificationSettings: { userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'reportEmails'] }] } });
  });

  it('refuses a control character written in the query itself', async () => {
    const response = await t.api.request('{ communes(search: "Saint\\u0000") { inseeCode } }', undefined, { token: referent.token });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('lets tab, line feed, carriage return and any real Unicode text through', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Ngọc-Ánh 🌻', firstNames: 'Zoë\tMaëlle' }), { barriers: ['JUSTICE'], justiceJustification: 'Ligne 1\r\nLigne 2' });
    expect(pathway.participant).toMatchObject({ lastName: 'Ngọc-Ánh 🌻', firstNames: 'Zoë Maëlle' }); // names keep one space for any run of blanks
  });

  it('answers a search longer than its maximum with INVALID_INPUT, not a driver error', async () => {
    const response = await t.api.request('query ($search: String!) { referents(search: $search) { id } }', { search: 'é'.repeat(300) }, { token: referent.token });
    expect(errorCodes(response)).toEqual(['INVALID_INPUT']);
  });

  it('searches for % and _ as themselves', async () => {
    await journey.refer(referent, aPerson({ lastName: 'Dubois_Martin' }));
    await journey.refer(referent, aPerson({ lastName: 'DuboisxMartin' }));
    const search = async (text: string) =>
      (await t.api.data<{ pathways: { edges: { node: { participant: { lastName: string } } }[] } }>(
        'query ($search: String) { pathways(first: 50, filter: { search: $search }) { edges { node { participant { lastName } } } } }',
        { search: text },
        { token: referent.token },
      )).pathways.edges.map((edge) => edge.node.participant.lastName);
    expect(await search('s_m')).toEqual(['Dubois_Martin']);
    expect(await search('%')).toEqual([]);
    expect((await search('duboisxmartin')).length).toBe(1);
  });

  it('declares the maximum of every String input field and argument in the schema, present and future', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (getNamedType(field.type).name === 'String' && !/At most \d+ characters\./.test(field.description ?? '')) undeclared.push(`${type.name}.${field.name}`);
      }
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) if (getNamedType(arg.type).name === 'String' && !/At most \d+ characters\./.test(arg.description ?? '')) undeclared.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
