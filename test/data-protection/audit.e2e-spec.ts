import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AuditEntry, AuditService, PersonalDataPolicies } from '@parcours/audit';
import { ENTITIES } from '@parcours/db';
import { AppointmentLinks } from '@parcours/pathways';
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { NO_PERSONAL_DATA, personalTypes } from '../../apps/api/src/audit/personal-fields';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { aPerson, JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings, type PathwayView, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import type { TestApp } from '../support/test-app';

/** Root operations whose result can lead to a personal field, derived from the schema alone. */
function operationsReachingPersonalData(schema: GraphQLSchema): string[] {
  const PERSONAL_FIELDS = personalTypes(schema);
  const reaches = new Map<string, boolean>();
  const visit = (type: GraphQLObjectType, seen: Set<string>): boolean => {
    if (reaches.has(type.name)) return reaches.get(type.name)!;
    if (seen.has(type.name)) return false;
    seen.add(type.name);
    const personal = type.name in PERSONAL_FIELDS && PERSONAL_FIELDS[type.name].personal.length > 0;
    const result =
      personal ||
      Object.values(type.getFields()).some((field) => {
        const named = getNamedType(field.type);
        return isObjectType(named) && visit(named, seen);
      });
    reaches.set(type.name, result);
    return result;
  };
  return [schema.getQueryType(), schema.getMutationType()]
    .filter((type): type is GraphQLObjectType => Boolean(type))
    .flatMap((root) =>
      Object.values(root.getFields())
        .filter((field) => {
          const named = getNamedType(field.type);
          return isObjectType(named) && visit(named, new Set());
        })
        .map((field) => `${root.name}.${field.name}`),
    )
    .sort();
}

describe('the access log', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  let administrator: TestUser;
  let funder: TestUser;
  let pathway: PathwayView;
  let nextReferent: TestUser;
  let handedOver: PathwayView;
  let requests = 0;

  /** Calls with a request id of its own, and answers the audit entries written under it. */
  const callAndAudit = async (user: TestUser, query: string, variables?: Record<string, unknown>) => {
    const requestId = `audit-check-${++requests}`;
    const response = await t.api.request(query, variables, { token: user.token, headers: { 'x-request-id': requestId } });
    const entries = await t.orm.em.fork().find(AuditEntry, { requestId }, { orderBy: { id: 'asc' } });
    return { response, entries };
  };

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    administrator = await accounts.user('ADMIN');
    funder = await accounts.user('FUNDER');
    nextReferent = await accounts.user('REFERENT');
    handedOver = await journey.refer(referent);
    pathway = await journey.refer(referent, aPerson({ lastName: 'Auditée' }), { barriers: ['HEALTH'] });
  });
  afterAll(() => t.close());

  it('knows, for every GraphQL type and field, whether it is about a person', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const objectTypes = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'));
    const declared = personalTypes(schema);
    expect(Object.keys(declared).length).toBeGreaterThan(10);
    for (const type of objectTypes) {
      const personal = declared[type.name];
      if (!personal) {
        expect({ type: type.name, classified: NO_PERSONAL_DATA.includes(type.name) }).toEqual({ type: type.name, classified: true });
        continue;
      }
      expect([...personal.personal, ...personal.other].sort()).toEqual(Object.keys(type.getFields()).sort());
    }
  });

  it("knows, from the modules' own policies, for every property of every entity, whether anonymisation erases or keeps it", () => {
    const policies = t.app.get(PersonalDataPolicies);
    for (const entity of ENTITIES) {
      const meta = t.orm.getMetadata().get(entity.name);
      const properties = Object.keys(meta.properties).sort();
      const entry = policies.entity(entity.name);
      const brief = policies.heldBriefly()[entity.name];
      const classified = entry ? [...entry.erase, ...entry.keep] : brief ? [...brief.personal, ...brief.other] : policies.notAboutParticipants()[entity.name];
      expect({ entity: entity.name, properties: [...(classified ?? [])].sort() }).toEqual({ entity: entity.name, properties });
    }
  });

  /** The person's page: opened by the token of their link, whoever calls (the audit names them PERSON_LINK). */
  const LINK_OPERATIONS = ['Mutation.answerAppointment', 'Mutation.openAppointmentLink', 'Mutation.stopAppointmentMessages'];
  const CALLS: Record<string, [string, (user: TestUser) => Record<string, unknown> | Promise<Record<string, unknown>>, () => TestUser]> = {
    'Mutation.openAppointmentLink': ['mutation ($token: String!) { openAppointmentLink(input: { token: $token }) { appointment { startsAt place } userErrors { code } } }', async () => ({ token: await upcomingLink() }), () => referent],
    'Mutation.answerAppointment': [
      'mutation ($token: String!) { answerAppointment(input: { token: $token, answer: CANNOT_COME, reason: "Malade" }) { appointment { answer answerReason } userErrors { code } } }',
      async () => ({ token: await upcomingLink() }),
      () => referent,
    ],
    'Mutation.stopAppointmentMessages': ['mutation ($token: String!) { stopAppointmentMessages(input: { token: $token }) { appointment { receivesMessages } userErrors { code } } }', async () => ({ token: await upcomingLink() }), () => referent],
    'Query.pathway': ['query ($id: ID!) { pathway(id: $id) { participant { lastName phone } situation { barriers } } }', () => ({ id: pathway.id }), () => referent],
    'Query.pathways': ['{ pathways { edges { node { participant { firstNames } } } } }', () => ({}), () => counsellor],
    // Naming the people on a page of the access log is a read of their names.
    'Query.auditLog': ['query ($id: ID) { auditLog(first: 5, filter: { participantId: $id }) { edges { node { participant { name } } } } }', () => ({ id: pathway.participant.id }), () => administrator],
    'Query.participant': ['query ($id: ID!) { participant(id: $id) { participant { birthDate email } } }', () => ({ id: pathway.participant.id }), () => manager],
    'Mutation.referParticipant': [
      'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { participant { lastName } } userErrors { code } } }',
      () => ({ input: { operatorId: accounts.operatorId, person: aPerson(), barriers: [] } }),
      () => referent,
    ],
    'Mutation.acceptReferral': ['mutation ($id: ID!) { acceptReferral(input: { pathwayId: $id }) { pathway { participant { lastName } } userErrors { code } } }', () => ({ id: pathway.id }), () => counsellor],
    'Mutation.assignCounsellor': [
      'mutation ($id: ID!, $c: ID!) { assignCounsellor(input: { pathwayId: $id, counsellorId: $c }) { pathway { participant { lastName } } userErrors { code } } }',
      () => ({ id: pathway.id, c: manager.id }),
      () => manager,
    ],
    'Mutation.reassignCounsellor': [
      'mutation ($id: ID!, $c: ID!) { reassignCounsellor(input: { pathwayIds: [$id], counsellorId: $c }) { pathways { participant { lastName } } userErrors { code } } }',
      async () => ({ id: (await journey.accept(counsellor, (await journey.refer(referent)).id)).pathway!.id, c: manager.id }),
      () => manager,
    ],
    'Mutation.declineReferral': [
      'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id participant { lastName } } } }',
      () => ({ input: { operatorId: accounts.operatorId, person: aPerson(), barriers: [] } }),
      () => referent,
    ],
    'Mutation.withdrawReferral': [
      'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id participant { lastName } } } }',
      () => ({ input: { operatorId: accounts.operatorId, person: aPerson(), barriers: [] } }),
      () => referent,
    ],
    'Mutation.assignReferent': [
      'mutation ($id: ID!, $r: ID!) { assignReferent(input: { pathwayId: $id, referentId: $r, reason: "audit" }) { pathway { participant { lastName } } userErrors { code } } }',
      () => ({ id: handedOver.id, r: nextReferent.id }),
      () => manager,
    ],
    'Mutation.scheduleDiagnostic': [
      `mutation ($id: ID!) { scheduleDiagnostic(input: { pathwayId: $id, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) { appointment { startsAt } userErrors { code } } }`,
      async () => ({ id: (await accepted()).id }),
      () => counsellor,
    ],
    'Mutation.rescheduleAppointment': [
      `mutation ($id: ID!) { rescheduleAppointment(input: { appointmentId: $id, startsAt: "2026-03-16T08:30:00Z", channel: PHONE }) { appointment { startsAt place } userErrors { code } } }`,
      async () => ({ id: await appointment() }),
      () => counsellor,
    ],
    'Mutation.cancelAppointment': [
      'mutation ($id: ID!) { cancelAppointment(input: { appointmentId: $id }) { appointment { startsAt } userErrors { code } } }',
      async () => ({ id: await appointment() }),
      () => counsellor,
    ],
    'Mutation.recordNoShow': [
      'mutation ($id: ID!) { recordNoShow(input: { appointmentId: $id }) { appointment { startsAt } userErrors { code } } }',
      async () => ({ id: await appointment() }),
      () => counsellor,
    ],
    'Mutation.recordExcused': [
      'mutation ($id: ID!) { recordExcused(input: { appointmentId: $id }) { appointment { startsAt } userErrors { code } } }',
      async () => ({ id: await appointment() }),
      () => counsellor,
    ],
    'Mutation.recordDiagnostic': [
      `mutation ($input: RecordDiagnosticInput!) { recordDiagnostic(input: $input) { diagnostic { summary } userErrors { code } } }`,
      async () => ({ input: { appointmentId: await appointment(), ...someFindings() } }),
      () => counsellor,
    ],
    'Mutation.correctDiagnostic': [
      `mutation ($input: CorrectDiagnosticInput!) { correctDiagnostic(input: $input) { diagnostic { summary } userErrors { code } } }`,
      async () => ({ input: { diagnosticId: await diagnostic(), ...someFindings({ summary: 'corrected' }) } }),
      () => counsellor,
    ],
    'Query.referentReports': ['{ referentReports { edges { node { participantName nextStep } } } }', () => ({}), () => referent],
    'Query.referentReport': [
      'query ($id: ID!) { referentReport(id: $id) { participantName counsellorSummary } }',
      async () => ({ id: await report() }),
      () => referent,
    ],
    'Mutation.acknowledgeReport': [
      'mutation ($id: ID!) { acknowledgeReport(input: { reportId: $id }) { report { participantName } userErrors { code } } }',
      async () => ({ id: await report() }),
      () => referent,
    ],
    'Mutation.proposeOpportunity': [
      'mutation ($input: ProposeOpportunityInput!) { proposeOpportunity(input: $input) { proposal { status offer { title } } userErrors { code } } }',
      async () => ({ input: { pathwayId: (await journey.diagnosed(referent, counsellor)).id, opportunityId: await aJob() } }),
      () => counsellor,
    ],
    'Mutation.recordProposalStep': [
      'mutation ($input: RecordProposalStepInput!) { recordProposalStep(input: $input) { proposal { status steps { step } } userErrors { code } } }',
      async () => ({ input: { proposalId: (await offers().propose(counsellor, (await journey.diagnosed(referent, counsellor)).id, await aJob())).id, step: 'ACCEPTED_BY_PARTICIPANT', on: '2026-03-16' } }),
      () => counsellor,
    ],
    'Query.candidates': [
      'query ($id: ID!) { candidates(opportunityId: $id) { edges { node { score reasons } } } }',
      async () => {
        await journey.diagnosed(referent, counsellor);
        return { id: await aJob() };
      },
      () => counsellor,
    ],
    'Mutation.startPlacement': [
      'mutation ($input: StartPlacementInput!) { startPlacement(input: $input) { placement { contractType startOn } userErrors { code } } }',
      async () => ({ input: await placementInput() }),
      () => counsellor,
    ],
    'Mutation.endPlacement': [
      'mutation ($id: ID!) { endPlacement(input: { placementId: $id, endedOn: "2026-03-16", reason: END_OF_TRIAL_PERIOD }) { placement { endedOn endReason } userErrors { code } } }',
      async () => ({ id: await placement() }),
      () => counsellor,
    ],
    'Mutation.correctPlacement': [
      'mutation ($id: ID!) { correctPlacement(input: { placementId: $id, contractType: CDD, startOn: "2026-03-16", plannedEndOn: "2026-10-31", hoursPerWeek: 30 }) { placement { plannedEndOn } userErrors { code } } }',
      async () => ({ id: await placement() }),
      () => counsellor,
    ],
    'Mutation.exitPathway': [
      'mutation ($id: ID!) { exitPathway(input: { pathwayId: $id, exitedOn: "2026-03-16", reason: FOUND_WORK_OR_TRAINING }) { outcome { category basis { from } } userErrors { code } } }',
      async () => ({ id: (await journey.diagnosed(referent, counsellor)).id }),
      () => counsellor,
    ],
    'Mutation.recordContact': [
      'mutation ($id: ID!) { recordContact(input: { pathwayId: $id, kind: PHONE_CALL, on: "2026-03-16", reached: PARTICIPANT, situation: IN_POST }) { contact { situation } userErrors { code } } }',
      async () => ({ id: (await journey.diagnosed(referent, counsellor)).id }),
      () => counsellor,
    ],
    'Mutation.postPathwayMessage': ['mutation ($id: ID!) { postPathwayMessage(input: { pathwayId: $id, text: "Bonjour" }) { message { text } userErrors { code } } }', () => ({ id: pathway.id }), () => referent],
    'Query.myNotifications': ['{ myNotifications { edges { node { kind dueOn pathway { participant { lastName } } } } } }', () => ({}), () => manager],
    'Query.followUpsDue': [
      '{ followUpsDue { edges { node { checkpoint { dueOn status } pathway { id } } } } }',
      async () => {
        await placement();
        return {};
      },
      () => counsellor,
    ],
    'Mutation.updateParticipant': [
      'mutation ($id: ID!) { updateParticipant(input: { participantId: $id, phone: "07 81 22 33 44" }) { participant { phone } userErrors { code } } }',
      () => ({ id: pathway.participant.id }),
      () => referent,
    ],
    'Mutation.withdrawMessageConsent': [
      'mutation ($id: ID!) { withdrawMessageConsent(input: { participantId: $id, channel: SMS }) { participant { messageConsents { channel } } userErrors { code } } }',
      () => ({ id: pathway.participant.id }),
      () => referent,
    ],
    'Mutation.recordMessageConsent': [
      'mutation ($id: ID!) { recordMessageConsent(input: { participantId: $id, channel: SMS }) { participant { phoneToCheck messageConsents { channel } } userErrors { code } } }',
      () => ({ id: pathway.participant.id }),
      () => counsellor,
    ],
  };

  const offers = () => new OffersFixture(t.api, accounts);
  const placementInput = async () => ({
    pathwayId: (await journey.diagnosed(referent, counsellor)).id,
    contractType: 'CDD',
    employerPartnerId: await offers().partner('EMPLOYER'),
    startOn: '2026-03-16',
    plannedEndOn: '2026-09-30',
    hoursPerWeek: 35,
  });
  const placement = async () => {
    const data = await t.api.data<{ startPlacement: { placement: { id: string } } }>(
      'mutation ($input: StartPlacementInput!) { startPlacement(input: $input) { placement { id } userErrors { code } } }',
      { input: await placementInput() },
      { token: counsellor.token },
    );
    return data.startPlacement.placement.id;
  };
  const aJob = async () => (await offers().job(counsellor, await offers().partner('EMPLOYER'))).id;
  const accepted = async () => {
    const fresh = await journey.refer(referent);
    await journey.accept(counsellor, fresh.id);
    return fresh;
  };
  const appointment = async () => {
    const data = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(
      SCHEDULE,
      { input: { pathwayId: (await accepted()).id, startsAt: '2026-03-16T08:00:00Z', channel: 'ON_SITE' } },
      { token: counsellor.token },
    );
    return data.scheduleDiagnostic.appointment.id;
  };
  /** The person's link to an interview still to come. */
  const upcomingLink = async () => {
    const data = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(
      SCHEDULE,
      { input: { pathwayId: (await accepted()).id, startsAt: '2026-03-20T08:00:00Z', channel: 'ON_SITE' } },
      { token: counsellor.token },
    );
    return t.app.get(AppointmentLinks).token(data.scheduleDiagnostic.appointment.id);
  };
  const diagnostic = async () => {
    const data = await t.api.data<{ recordDiagnostic: { diagnostic: { id: string } } }>(RECORD_DIAGNOSTIC, { input: { appointmentId: await appointment(), ...someFindings() } }, { token: counsellor.token });
    return data.recordDiagnostic.diagnostic.id;
  };
  /** The newest report to the referent, after a new diagnostic. */
  const report = async () => {
    await diagnostic();
    const { referentReports } = await t.api.data<{ referentReports: { edges: { node: { id: string } }[] } }>('{ referentReports { edges { node { id } } } }', undefined, { token: referent.token });
    return referentReports.edges[0].node.id;
  };

  it('is written for every operation that can reach a personal field, derived from the schema', async () => {
    const operations = operationsReachingPersonalData(t.app.get(GraphQLSchemaHost).schema);
    expect(operations).toEqual(Object.keys(CALLS).sort());
    for (const operation of operations) {
      const [query, variables, who] = CALLS[operation];
      const user = who();
      const { response, entries } = await callAndAudit(user, query, await variables(user));
      expect({ operation, errors: response.errors }).toEqual({ operation, errors: undefined });
      expect({ operation, userErrors: JSON.stringify(response.data).includes('"code"') }).toEqual({ operation, userErrors: false });
      expect({ operation, audited: entries.length > 0 }).toEqual({ operation, audited: true });
      const actor = LINK_OPERATIONS.includes(operation) ? { userId: null, role: 'PERSON_LINK', organisationId: null } : { userId: user.id, role: expect.any(String), organisationId: expect.any(String) };
      for (const entry of entries) expect({ operation, entry }).toMatchObject({ operation, entry: actor });
    }
  });

  it('names the fields a referent read, never their values', async () => {
    const { entries } = await callAndAudit(referent, 'query ($id: ID!) { pathway(id: $id) { status participant { lastName phone commune { name } } } }', { id: pathway.id });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'READ',
        userId: referent.id,
        role: 'REFERENT',
        operation: 'query pathway',
        participantId: pathway.participant.id,
        objectType: 'Participant',
        objectId: pathway.participant.id,
        fields: 'Participant.commune,Participant.lastName,Participant.phone',
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('Auditée');
  });

  it('records writes in the same transaction, with the fields changed', async () => {
    const { entries } = await callAndAudit(referent, 'mutation ($id: ID!) { updateParticipant(input: { participantId: $id, email: "a@b.fr" }) { userErrors { code } } }', {
      id: pathway.participant.id,
    });
    expect(entries).toEqual([
      expect.objectContaining({ action: 'WRITE', userId: referent.id, operation: 'mutation updateParticipant', objectType: 'Participant', fields: 'email' }),
    ]);
  });

  it('lets no FUNDER reach a personal field', async () => {
    for (const operation of operationsReachingPersonalData(t.app.get(GraphQLSchemaHost).schema)) {
      const [query, variables] = CALLS[operation];
      if (LINK_OPERATIONS.includes(operation)) {
        // Open to anyone with the person's link; without it (a funder guessing), only APPOINTMENT_LINK_EXPIRED.
        const { token } = (await variables(funder)) as { token: string };
        // The first character: every one of its six bits counts (the last one of 43 carries two bits of padding, so A, B, C and D there decode alike).
        const { response, entries } = await callAndAudit(funder, query, { token: `${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}` });
        expect({ operation, data: JSON.stringify(response.data) }).toEqual({ operation, data: expect.stringContaining('"appointment":null,"userErrors":[{"code":"APPOINTMENT_LINK_EXPIRED"}]') });
        expect(entries).toEqual([]);
        continue;
      }
      const { response, entries } = await callAndAudit(funder, query, await variables(funder));
      expect({ operation, codes: errorCodes(response) }).toEqual({ operation, codes: ['FORBIDDEN'] });
      expect(entries).toEqual([]);
    }
    const exported = await t.api.request('query ($id: ID!) { exportParticipantData(participantId: $id) }', { id: pathway.participant.id }, { token: funder.token });
    expect(errorCodes(exported)).toEqual(['FORBIDDEN']);
  });

  it('is readable by ADMIN only, by participant, user and period, and no operation changes it', async () => {
    const query = 'query ($filter: AuditLogFilter) { auditLog(first: 100, filter: $filter) { totalCount edges { node { userId action participantId fields at } } } }';
    const byParticipant = await t.api.data<{ auditLog: { totalCount: number; edges: { node: { participantId: string } }[] } }>(
      query,
      { filter: { participantId: pathway.participant.id } },
      { token: accounts.adminToken },
    );
    expect(byParticipant.auditLog.totalCount).toBeGreaterThan(3);
    expect(new Set(byParticipant.auditLog.edges.map((edge) => edge.node.participantId))).toEqual(new Set([pathway.participant.id]));
    const byUser = await t.api.data<{ auditLog: { edges: { node: { userId: string } }[] } }>(query, { filter: { userId: referent.id } }, { token: accounts.adminToken });
    expect(new Set(byUser.auditLog.edges.map((edge) => edge.node.userId))).toEqual(new Set([referent.id]));
    const future = await t.api.data<{ auditLog: { totalCount: number } }>(query, { filter: { from: '2030-01-01T00:00:00Z' } }, { token: accounts.adminToken });
    expect(future.auditLog.totalCount).toBe(0);
    expect(errorCodes(await t.api.request(query, {}, { token: manager.token }))).toEqual(['FORBIDDEN']);
    const mutations = Object.keys(t.app.get(GraphQLSchemaHost).schema.getMutationType()!.getFields());
    expect(mutations.filter((name) => /audit/i.test(name))).toEqual([]);
  });

  it('drops entries older than 12 months, and only those, in an idempotent sweep', async () => {
    const em = t.orm.em.fork();
    const before = await em.count(AuditEntry, {});
    t.clock.set('2027-03-16T09:00:01Z');
    const later = { ...referent, token: (await accounts.login(referent.email, referent.password)).accessToken };
    await callAndAudit(later, 'query ($id: ID!) { pathway(id: $id) { participant { lastName } } }', { id: pathway.id });
    const audit = t.app.get(AuditService);
    expect(await audit.purge()).toEqual({ purged: before });
    expect(await audit.purge()).toEqual({ purged: 0 });
    // What is left: the sign-in a year later, and the read it made.
    expect((await em.fork().find(AuditEntry, {}, { orderBy: { id: 'asc' } })).map((entry) => entry.operation)).toEqual(['sign-in PASSWORD', 'query pathway']);
    t.clock.set('2026-03-16T09:00:00Z');
  });
});
