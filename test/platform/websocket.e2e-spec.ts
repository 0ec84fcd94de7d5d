import { AuditEntry } from '@parcours/audit';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { JourneyFixture, RECORD_DIAGNOSTIC, someFindings, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';
import { SubscriptionProbe } from '../support/ws-client';

const PARTICIPANT = 'query ($id: ID!) { participant(id: $id) { participant { lastName birthDate addressLine } } }';
const ISSUED = 'subscription { referentReportIssued { id participantName } }';

/**
 * The WebSocket is held to the HTTP pipeline (websocket.ts): subscriptions only, the same limits,
 * production settings, input hygiene and access log, and no event past the token's expiry.
 */
describe.each([
  ['development', {}],
  ['production', { NODE_ENV: 'production' }],
])('the WebSocket path (%s)', (mode, env) => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  const probes: SubscriptionProbe[] = [];
  const probe = (token: string) => {
    const created = new SubscriptionProbe(t.url, token);
    probes.push(created);
    return created;
  };
  const auditCount = async (participantId: string) => t.orm.em.fork().count(AuditEntry, { participantId });

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp({ env }));
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
  });
  afterAll(async () => {
    await Promise.all(probes.map((each) => each.close()));
    await t.close();
  });

  it('refuses a query with SUBSCRIPTIONS_ONLY: no data, and nothing read so nothing logged (HTTP answers and logs it)', async () => {
    const pathway = await journey.refer(referent);
    const before = await auditCount(pathway.participant.id);
    const socket = probe(referent.token);
    await socket.subscribe(PARTICIPANT, { id: pathway.participant.id });
    expect(await socket.errorCodes()).toEqual(['SUBSCRIPTIONS_ONLY']);
    expect(socket.received).toEqual([]);
    expect(await auditCount(pathway.participant.id)).toBe(before);

    await t.api.data(PARTICIPANT, { id: pathway.participant.id }, { token: referent.token });
    expect(await auditCount(pathway.participant.id)).toBe(before + 1);
  });

  it('refuses a mutation with SUBSCRIPTIONS_ONLY, and runs nothing of it', async () => {
    const pathway = await journey.refer(referent);
    const socket = probe(referent.token);
    await socket.subscribe('mutation ($input: WithdrawReferralInput!) { withdrawReferral(input: $input) { pathway { status } } }', {
      input: { pathwayId: pathway.id, reason: 'Par la WebSocket' },
    });
    expect(await socket.errorCodes()).toEqual(['SUBSCRIPTIONS_ONLY']);
    const status = await t.api.data<{ pathway: { status: string } }>('query ($id: ID!) { pathway(id: $id) { status } }', { id: pathway.id }, { token: referent.token });
    expect(status.pathway.status).toBe('REFERRED');
  });

  it('applies the query limits of HTTP: 300 aliases are QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: participantName`).join(' ');
    const socket = probe(referent.token);
    await socket.subscribe(`subscription { referentReportIssued { ${aliases} } }`);
    expect(await socket.errorCodes()).toEqual(['QUERY_TOO_COMPLEX']);
    const overHttp = await t.api.request(`query { me { ${aliases.replaceAll('participantName', 'email')} } }`, undefined, { token: referent.token });
    expect(errorCodes(overHttp)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses a control character in the variables with BAD_USER_INPUT, as HTTP does', async () => {
    const socket = probe(referent.token);
    await socket.subscribe('subscription ($x: String) { referentReportIssued { id } }', { x: 'a\u0000b' });
    expect((await socket.errorCodes())[0]).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
  });

  it(mode === 'production' ? 'refuses introspection, for every role' : 'answers introspection outside production', async () => {
    const funder = await accounts.user('FUNDER');
    const socket = probe(funder.token);
    await socket.subscribe('{ __schema { types { name } } }');
    const codes = await socket.errorCodes();
    if (mode === 'production') {
      expect(codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(errorCodes(await t.api.request('{ __schema { types { name } } }', undefined, { token: funder.token }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    } else {
      // Introspection is allowed here, and still a query: the socket carries subscriptions only.
      expect(codes).toEqual(['SUBSCRIPTIONS_ONLY']);
    }
    expect(socket.received).toEqual([]);
  });

  it('logs what an event read before sending it, and sends nothing once the token has expired (closed 4403, which clients retry with a fresh token)', async () => {
    const schedule = async () => {
      const pathway = await journey.refer(referent);
      return { pathway, appointmentId: await journey.acceptAndSchedule(counsellor, pathway.id) };
    };
    const diagnose = (appointmentId: string) => t.api.data(RECORD_DIAGNOSTIC, { input: { appointmentId, ...someFindings() } }, { token: counsellor.token });

    const live = probe(referent.token);
    await live.subscribe(ISSUED);
    const first = await schedule();
    await diagnose(first.appointmentId);
    await live.next(1);
    // Written before the event left: already there when it arrives.
    expect(await t.orm.em.fork().count(AuditEntry, { userId: referent.id, operation: 'subscription referentReportIssued' })).toBe(1);

    const second = await schedule();
    t.clock.set(new Date(t.clock.now().getTime() + (t.config.auth.accessTokenTtlMinutes + 1) * 60_000).toISOString());
    counsellor = { ...counsellor, token: (await accounts.login(counsellor.email, counsellor.password)).accessToken };
    await diagnose(second.appointmentId);
    const deadline = Date.now() + 5000;
    while (!live.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(live.closed?.code).toBe(4403);
    expect(live.received).toHaveLength(1);
    expect(await t.orm.em.fork().count(AuditEntry, { userId: referent.id, operation: 'subscription referentReportIssued' })).toBe(1);
  });
});
