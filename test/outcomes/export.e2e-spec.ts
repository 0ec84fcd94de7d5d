import { AuditEntry } from '@parcours/audit';
import { parse } from 'csv-parse/sync';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { aPerson, type JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

const LINK = 'mutation ($input: OutcomeReportInput!) { createOutcomeExportLink(input: $input) { link { path expiresAt } userErrors { code } } }';

/** GET /exports/outcomes.csv: the report as a file for French spreadsheets, by bearer token or signed link. */
describe('the outcome export', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let manager: TestUser;
  let counsellor: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    manager = await accounts.user('MANAGER');
    counsellor = await accounts.user('COUNSELLOR');
    // A prescriber whose name would start a formula, and people in communes with accents and ligatures.
    const hostile = await accounts.organisation('PRESCRIBER', '=1+1 Conseil');
    const referent = await accounts.user('REFERENT', { organisationId: hostile });
    for (const [communeCode, postalCode] of [['42218', '42000'], ['42092', '42580'], ['42043', '42330']]) await journey.refer(referent, aPerson({ communeCode, postalCode }));
  });
  afterAll(() => t.close());

  const download = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const link = async (user: TestUser, input: Record<string, unknown>) => (await t.api.data<{ createOutcomeExportLink: { link: { path: string; expiresAt: string } } }>(LINK, { input }, { token: user.token })).createOutcomeExportLink.link;

  it('writes UTF-8 with a BOM and semicolons; names keep their accents; a formula stays text; the export is logged', async () => {
    const response = await download('/exports/outcomes.csv?from=2026-01-01&to=2026-12-31&groupBy=COMMUNE,PRESCRIBER', manager.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="parcours-resultats-2026-01-01-2026-12-31.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const communes = rows.map((row) => row.Commune);
    expect(communes).toEqual(expect.arrayContaining(['Saint-Étienne (42218)', "L'Étrat (42092)", 'Chambœuf (42043)', 'Total']));
    expect(rows.filter((row) => row.Commune !== 'Total').every((row) => row.Prescripteur === "'=1+1 Conseil")).toBe(true);
    // The headers are the figures' French labels, not the API's names.
    expect(rows.find((row) => row.Commune === 'Total')!.Orientations).toBe('3');
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['Déclinées : injoignable', 'Taux de sorties dynamiques']));
    expect(Object.keys(rows[0]).filter((header) => /^[a-z]+([A-Z_][A-Za-z_]*)?$/.test(header))).toEqual([]);
    const logged = await t.orm.em.fork().find(AuditEntry, { action: 'EXPORT' as never, userId: manager.id });
    expect(logged).toEqual([expect.objectContaining({ participantId: null, objectType: 'OutcomeReport', objectId: '2026-01-01/2026-12-31', fields: 'COMMUNE,PRESCRIBER', operation: 'GET /exports/outcomes.csv' })]);
  });

  it('opens with a signed link for its parameters only, and not once expired or altered (401 with a code)', async () => {
    const input = { from: '2026-01-01', to: '2026-12-31', groupBy: ['MONTH'] };
    const signed = await link(manager, input);
    expect(signed.path).toMatch(/^\/exports\/outcomes\.csv\?from=2026-01-01&groupBy=MONTH&to=2026-12-31&link=/);
    expect((await download(signed.path)).status).toBe(200);
    // Once: whoever holds it afterwards (a proxy's log, a shared screen) opens nothing.
    const again = await download(signed.path);
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([401, 'LINK_USED']);
    const concurrent = await link(manager, { ...input, groupBy: ['COMMUNE'] });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => download(concurrent.path).then((response) => response.status)));
    expect(statuses.sort()).toEqual([200, 401, 401, 401, 401]);

    const altered = await download(signed.path.replace('to=2026-12-31', 'to=2026-06-30'));
    expect([altered.status, ((await altered.json()) as { code: string }).code]).toEqual([401, 'INVALID_LINK']);
    const forged = await download(signed.path.replace(/link=[^&]+$/, 'link=eyJhbGciOiJIUzI1NiJ9.e30.x'));
    expect([forged.status, ((await forged.json()) as { code: string }).code]).toEqual([401, 'INVALID_LINK']);
    // A link is not an access token.
    const token = decodeURIComponent(/link=([^&]+)$/.exec(signed.path)![1]);
    expect((await t.api.request('{ me { id } }', undefined, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const unused = await link(manager, input);
    t.clock.advance(6 * 60_000);
    const expired = await download(unused.path);
    expect([expired.status, ((await expired.json()) as { code: string }).code]).toEqual([401, 'LINK_EXPIRED']);
    t.clock.set('2026-03-16T09:00:00Z');
  });

  it('refuses without a token, to a counsellor, and bad parameters, with a code', async () => {
    const anonymous = await download('/exports/outcomes.csv?from=2026-01-01&to=2026-12-31');
    expect([anonymous.status, ((await anonymous.json()) as { code: string }).code]).toEqual([401, 'UNAUTHENTICATED']);
    const counsellors = await download('/exports/outcomes.csv?from=2026-01-01&to=2026-12-31', counsellor.token);
    expect([counsellors.status, ((await counsellors.json()) as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
    const malformed = await download('/exports/outcomes.csv?from=2026-13-01&to=2026-12-31', manager.token);
    expect([malformed.status, ((await malformed.json()) as { code: string }).code]).toEqual([400, 'BAD_USER_INPUT']);
    const reversed = await download('/exports/outcomes.csv?from=2026-12-31&to=2026-01-01', manager.token);
    expect([reversed.status, ((await reversed.json()) as { code: string }).code]).toEqual([400, 'INVALID_PERIOD']);
  });
});
