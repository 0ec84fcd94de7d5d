import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLObjectType } from 'graphql';
import { AccessDeclarations } from '../../apps/api/src/auth/access-declarations';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { startTestApp, type TestApp } from '../support/test-app';

const ALL = ['ADMIN', 'MANAGER', 'COUNSELLOR', 'REFERENT', 'FUNDER'];

/** The access policy of every operation, in one table. A new operation must be added here. */
const POLICY: Record<string, 'public' | 'signed-in' | string[]> = {
  'Query.serverInfo': 'public',
  'Mutation.login': 'public',
  'Mutation.refreshSession': 'public',
  'Mutation.requestPasswordReset': 'public',
  'Mutation.resetPassword': 'public',
  // The person's page: no account, their link's token is the key.
  'Mutation.openAppointmentLink': 'public',
  'Mutation.answerAppointment': 'public',
  'Mutation.stopAppointmentMessages': 'public',
  'Query.reminderDelays': ['COUNSELLOR', 'MANAGER'],
  'Mutation.setReminderDelays': ['MANAGER'],
  'Mutation.logout': 'signed-in',
  'Mutation.changePassword': 'signed-in',
  'Query.me': 'signed-in',
  'Query.operators': 'signed-in',
  'Query.messageChannels': 'signed-in',
  'Query.funders': ['ADMIN', 'MANAGER'],
  'Mutation.createOrganisation': ['ADMIN'],
  'Mutation.updateOrganisation': ['ADMIN'],
  'Query.organisations': ['ADMIN'],
  'Query.organisation': ['ADMIN'],
  'Mutation.createUser': ['ADMIN', 'MANAGER'],
  'Mutation.updateUser': ['ADMIN', 'MANAGER'],
  'Mutation.deactivateUser': ['ADMIN', 'MANAGER'],
  'Mutation.reactivateUser': ['ADMIN', 'MANAGER'],
  'Mutation.unlinkIdentityProvider': ['ADMIN'],
  'Query.users': ['ADMIN', 'MANAGER'],
  'Query.user': ['ADMIN', 'MANAGER'],
  'Query.referents': ['REFERENT', 'MANAGER', 'ADMIN'],
  'Query.communes': 'signed-in',
  'Mutation.referParticipant': ['REFERENT'],
  'Mutation.acceptReferral': ['COUNSELLOR', 'MANAGER'],
  'Mutation.declineReferral': ['COUNSELLOR', 'MANAGER'],
  'Mutation.withdrawReferral': ['REFERENT'],
  'Mutation.assignCounsellor': ['MANAGER'],
  'Mutation.reassignCounsellor': ['MANAGER'],
  'Mutation.assignReferent': ['ADMIN', 'MANAGER', 'REFERENT'],
  'Mutation.updateParticipant': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Mutation.recordMessageConsent': ['COUNSELLOR', 'MANAGER'],
  'Mutation.withdrawMessageConsent': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Query.pathway': ['ADMIN', 'MANAGER', 'COUNSELLOR', 'REFERENT'],
  'Query.pathways': ['ADMIN', 'MANAGER', 'COUNSELLOR', 'REFERENT'],
  'Query.participant': ['ADMIN', 'MANAGER', 'COUNSELLOR', 'REFERENT'],
  'Query.auditLog': ['ADMIN'],
  'Query.exportParticipantData': ['ADMIN', 'MANAGER'],
  'Mutation.eraseParticipant': ['ADMIN'],
  'Mutation.scheduleDiagnostic': ['COUNSELLOR', 'MANAGER'],
  'Mutation.rescheduleAppointment': ['COUNSELLOR', 'MANAGER'],
  'Mutation.cancelAppointment': ['COUNSELLOR', 'MANAGER'],
  'Mutation.recordNoShow': ['COUNSELLOR', 'MANAGER'],
  'Mutation.recordExcused': ['COUNSELLOR', 'MANAGER'],
  'Mutation.recordDiagnostic': ['COUNSELLOR', 'MANAGER'],
  'Mutation.correctDiagnostic': ['COUNSELLOR', 'MANAGER'],
  'Query.referentReports': ['REFERENT', 'MANAGER', 'ADMIN'],
  'Mutation.acknowledgeReport': ['REFERENT'],
  'Query.referentReport': ['REFERENT', 'MANAGER', 'ADMIN'],
  'Mutation.updateMyNotificationSettings': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Query.outboxDeadLetters': ['ADMIN'],
  'Mutation.retryOutboxMessage': ['ADMIN'],
  'Mutation.createPartner': ['ADMIN', 'MANAGER'],
  'Mutation.updatePartner': ['ADMIN', 'MANAGER'],
  'Query.partners': ['ADMIN', 'MANAGER', 'COUNSELLOR'],
  'Query.partner': ['ADMIN', 'MANAGER', 'COUNSELLOR'],
  'Mutation.createOpportunity': ['COUNSELLOR', 'MANAGER'],
  'Mutation.updateOpportunity': ['COUNSELLOR', 'MANAGER'],
  'Mutation.closeOpportunity': ['COUNSELLOR', 'MANAGER'],
  'Query.opportunities': ['COUNSELLOR', 'MANAGER', 'ADMIN'],
  'Query.opportunity': ['COUNSELLOR', 'MANAGER', 'ADMIN'],
  'Query.candidates': ['COUNSELLOR', 'MANAGER'],
  'Mutation.proposeOpportunity': ['COUNSELLOR', 'MANAGER'],
  'Mutation.recordProposalStep': ['COUNSELLOR', 'MANAGER'],
  'Mutation.startPlacement': ['COUNSELLOR', 'MANAGER'],
  'Mutation.endPlacement': ['COUNSELLOR', 'MANAGER'],
  'Mutation.correctPlacement': ['COUNSELLOR', 'MANAGER'],
  'Mutation.exitPathway': ['COUNSELLOR', 'MANAGER'],
  'Mutation.recordContact': ['COUNSELLOR', 'MANAGER'],
  'Query.followUpsDue': ['COUNSELLOR', 'MANAGER'],
  'Query.myNotifications': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Query.myUnreadNotificationCount': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Mutation.markNotificationsRead': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Mutation.markAllNotificationsRead': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Mutation.postPathwayMessage': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Mutation.readPathwayConversation': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Subscription.pathwayMessagePosted': ['REFERENT', 'COUNSELLOR', 'MANAGER', 'ADMIN'],
  'Subscription.staffNotificationAdded': ['REFERENT', 'COUNSELLOR', 'MANAGER'],
  'Mutation.createConvention': ['ADMIN', 'MANAGER'],
  'Mutation.updateConvention': ['ADMIN', 'MANAGER'],
  'Query.conventions': ['ADMIN', 'MANAGER', 'COUNSELLOR', 'FUNDER'],
  'Query.outcomeReport': ['ADMIN', 'MANAGER', 'FUNDER'],
  'Mutation.createOutcomeExportLink': ['ADMIN', 'MANAGER', 'FUNDER'],
  'Query.caseload': ['COUNSELLOR', 'MANAGER', 'REFERENT', 'ADMIN'],
  'Subscription.referentReportIssued': ['REFERENT'],
  'Query.referralImport': ['REFERENT', 'ADMIN'],
  'Query.referralImports': ['REFERENT', 'ADMIN'],
  'Mutation.updateReferralImport': ['REFERENT', 'ADMIN'],
  'Mutation.confirmReferralImport': ['REFERENT', 'ADMIN'],
  'Mutation.cancelReferralImport': ['REFERENT', 'ADMIN'],
};

describe('access: deny by default, roles, row scoping', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  const users: Record<string, TestUser> = {};

  beforeAll(async () => {
    t = await startTestApp();
    accounts = await new AccountsFixture(t.api).init();
    for (const role of ALL) users[role] = await accounts.user(role);
    ownOperator.org = accounts.operatorId;
  });
  afterAll(() => t.close());

  it('declares who may call every operation of the schema, as the policy table says', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter((type): type is GraphQLObjectType => Boolean(type))
      .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`))
      .sort();
    expect(operations).toEqual(Object.keys(POLICY).sort());
    const declarations = t.app.get(AccessDeclarations);
    for (const operation of operations) {
      const declaration = declarations.get(operation);
      const expected = POLICY[operation];
      if (expected === 'public' || expected === 'signed-in') expect(declaration).toEqual({ kind: expected });
      else expect(declaration).toEqual({ kind: 'roles', roles: expect.arrayContaining(expected) });
      if (declaration?.kind === 'roles') expect(declaration.roles).toHaveLength((expected as string[]).length);
    }
  });

  const someId = '00000000-0000-4000-8000-000000000000';
  /** Filled once the fixture knows its operator. */
  const ownOperator: Record<string, unknown> = {};
  const CALLS: [string, string, Record<string, unknown>?][] = [
    ['Query.me', '{ me { id } }'],
    ['Query.operators', '{ operators { id name } }'],
    ['Query.messageChannels', '{ messageChannels }'],
    ['Query.funders', '{ funders { id name } }'],
    ['Query.organisations', '{ organisations { totalCount } }'],
    ['Query.organisation', 'query ($id: ID!) { organisation(id: $id) { id } }', { id: someId }],
    ['Query.users', '{ users { totalCount } }'],
    ['Query.user', 'query ($id: ID!) { user(id: $id) { id } }', { id: someId }],
    ['Query.referents', '{ referents(search: "a") { id } }'],
    ['Mutation.createOrganisation', 'mutation { createOrganisation(input: { name: "X", kind: EMPLOYER }) { userErrors { code } } }'],
    ['Mutation.updateOrganisation', `mutation { updateOrganisation(input: { id: "${someId}", name: "XY" }) { userErrors { code } } }`],
    [
      // A MANAGER may create counsellors of their own operator (the fixture's): another operator's is FORBIDDEN (account-lifecycle spec).
      'Mutation.createUser',
      'mutation ($org: ID!) { createUser(input: { organisationId: $org, role: COUNSELLOR, email: "x@parcours.test", fullName: "X", initialPassword: "Correct-horse-42" }) { userErrors { code } } }',
      ownOperator,
    ],
    ['Mutation.deactivateUser', `mutation { deactivateUser(input: { userId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.updateUser', `mutation { updateUser(input: { userId: "${someId}", fullName: "Y" }) { userErrors { code } } }`],
    ['Mutation.reactivateUser', `mutation { reactivateUser(input: { userId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.unlinkIdentityProvider', `mutation { unlinkIdentityProvider(input: { userId: "${someId}" }) { userErrors { code } } }`],
    ['Query.communes', '{ communes(search: "42000") { inseeCode } }'],
    ['Query.pathway', 'query ($id: ID!) { pathway(id: $id) { id } }', { id: someId }],
    ['Query.pathways', '{ pathways { totalCount } }'],
    ['Query.participant', 'query ($id: ID!) { participant(id: $id) { participant { id } } }', { id: someId }],
    [
      'Mutation.referParticipant',
      `mutation ($person: PersonInput!) { referParticipant(input: { operatorId: "${someId}", person: $person }) { userErrors { code } } }`,
      {
        person: {
          lastName: 'X', firstNames: 'Y', birthDate: '1990-01-01', addressLine: 'Z', postalCode: '42000', communeCode: '42218',
          rsaStatus: 'SOCLE', franceTravailRegistered: true, educationLevel: 'UNKNOWN', informedOn: '2026-01-01',
        },
      },
    ],
    ['Mutation.acceptReferral', `mutation { acceptReferral(input: { pathwayId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.declineReferral', `mutation { declineReferral(input: { pathwayId: "${someId}", reason: UNREACHABLE }) { userErrors { code } } }`],
    ['Mutation.withdrawReferral', `mutation { withdrawReferral(input: { pathwayId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.assignCounsellor', `mutation { assignCounsellor(input: { pathwayId: "${someId}", counsellorId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.reassignCounsellor', `mutation { reassignCounsellor(input: { pathwayIds: ["${someId}"], counsellorId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.assignReferent', `mutation { assignReferent(input: { pathwayId: "${someId}", referentId: "${someId}", reason: "r" }) { userErrors { code } } }`],
    ['Query.auditLog', '{ auditLog { totalCount } }'],
    ['Query.exportParticipantData', 'query ($id: ID!) { exportParticipantData(participantId: $id) }', { id: someId }],
    ['Mutation.eraseParticipant', `mutation { eraseParticipant(input: { participantId: "${someId}", reason: "asked" }) { userErrors { code } } }`],
    ['Mutation.scheduleDiagnostic', `mutation { scheduleDiagnostic(input: { pathwayId: "${someId}", startsAt: "2026-03-16T09:00:00Z", channel: PHONE }) { userErrors { code } } }`],
    ['Mutation.rescheduleAppointment', `mutation { rescheduleAppointment(input: { appointmentId: "${someId}", startsAt: "2026-03-16T09:00:00Z", channel: PHONE }) { userErrors { code } } }`],
    ['Mutation.cancelAppointment', `mutation { cancelAppointment(input: { appointmentId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.recordNoShow', `mutation { recordNoShow(input: { appointmentId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.recordExcused', `mutation { recordExcused(input: { appointmentId: "${someId}" }) { userErrors { code } } }`],
    [
      'Mutation.recordDiagnostic',
      `mutation { recordDiagnostic(input: { appointmentId: "${someId}", assessments: [], workingTime: EITHER, readiness: NOT_READY, summary: "s" }) { userErrors { code } } }`,
    ],
    [
      'Mutation.correctDiagnostic',
      `mutation { correctDiagnostic(input: { diagnosticId: "${someId}", assessments: [], workingTime: EITHER, readiness: NOT_READY, summary: "s" }) { userErrors { code } } }`,
    ],
    ['Query.referentReports', '{ referentReports { totalCount } }'],
    ['Mutation.acknowledgeReport', `mutation { acknowledgeReport(input: { reportId: "${someId}" }) { userErrors { code } } }`],
    ['Query.referentReport', `{ referentReport(id: "${someId}") { id } }`],
    ['Mutation.updateMyNotificationSettings', 'mutation { updateMyNotificationSettings(input: { reportEmails: true }) { userErrors { code } } }'],
    ['Query.reminderDelays', '{ reminderDelays { daysBefore } }'],
    ['Mutation.setReminderDelays', 'mutation { setReminderDelays(input: { reminders: [] }) { userErrors { code } } }'],
    ['Query.outboxDeadLetters', '{ outboxDeadLetters { totalCount } }'],
    ['Mutation.retryOutboxMessage', `mutation { retryOutboxMessage(input: { messageId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.updateParticipant', `mutation { updateParticipant(input: { participantId: "${someId}", phone: "0600000000" }) { userErrors { code } } }`],
    ['Mutation.recordMessageConsent', `mutation { recordMessageConsent(input: { participantId: "${someId}", channel: SMS }) { userErrors { code } } }`],
    ['Mutation.withdrawMessageConsent', `mutation { withdrawMessageConsent(input: { participantId: "${someId}", channel: SMS }) { userErrors { code } } }`],
    ['Mutation.createPartner', 'mutation { createPartner(input: { kind: EMPLOYER, name: "X", siret: "73282932000074", communeCode: "42218" }) { userErrors { code } } }'],
    ['Mutation.updatePartner', `mutation { updatePartner(input: { partnerId: "${someId}", name: "X", siret: "73282932000074", communeCode: "42218" }) { userErrors { code } } }`],
    ['Query.partners', '{ partners { totalCount } }'],
    ['Query.partner', `{ partner(id: "${someId}") { id } }`],
    [
      'Mutation.createOpportunity',
      `mutation { createOpportunity(input: { kind: JOB, partnerId: "${someId}", title: "X", communeCode: "42218", startOn: "2026-04-01" }) { userErrors { code } } }`,
    ],
    [
      'Mutation.updateOpportunity',
      `mutation { updateOpportunity(input: { opportunityId: "${someId}", partnerId: "${someId}", title: "X", communeCode: "42218", startOn: "2026-04-01" }) { userErrors { code } } }`,
    ],
    ['Mutation.closeOpportunity', `mutation { closeOpportunity(input: { opportunityId: "${someId}" }) { userErrors { code } } }`],
    ['Query.opportunities', '{ opportunities { totalCount } }'],
    ['Query.opportunity', `{ opportunity(id: "${someId}") { id } }`],
    ['Query.candidates', `{ candidates(opportunityId: "${someId}") { totalCount } }`],
    ['Mutation.proposeOpportunity', `mutation { proposeOpportunity(input: { pathwayId: "${someId}", opportunityId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.recordProposalStep', `mutation { recordProposalStep(input: { proposalId: "${someId}", step: ACCEPTED_BY_PARTICIPANT, on: "2026-03-16" }) { userErrors { code } } }`],
    ['Mutation.startPlacement', `mutation { startPlacement(input: { pathwayId: "${someId}", contractType: CDI, startOn: "2026-03-16", hoursPerWeek: 35 }) { userErrors { code } } }`],
    ['Mutation.endPlacement', `mutation { endPlacement(input: { placementId: "${someId}", endedOn: "2026-03-16", reason: END_OF_TERM }) { userErrors { code } } }`],
    ['Mutation.correctPlacement', `mutation { correctPlacement(input: { placementId: "${someId}", contractType: CDI, startOn: "2026-03-16", hoursPerWeek: 35 }) { userErrors { code } } }`],
    ['Mutation.exitPathway', `mutation { exitPathway(input: { pathwayId: "${someId}", exitedOn: "2026-03-16", reason: NO_SOLUTION }) { userErrors { code } } }`],
    ['Mutation.recordContact', `mutation { recordContact(input: { pathwayId: "${someId}", kind: PHONE_CALL, on: "2026-03-16", reached: PARTICIPANT }) { userErrors { code } } }`],
    ['Query.followUpsDue', '{ followUpsDue { totalCount } }'],
    ['Query.myNotifications', '{ myNotifications { totalCount } }'],
    ['Query.myUnreadNotificationCount', '{ myUnreadNotificationCount }'],
    ['Mutation.markNotificationsRead', `mutation { markNotificationsRead(input: { ids: ["${someId}"] }) { userErrors { code } } }`],
    ['Mutation.markAllNotificationsRead', 'mutation { markAllNotificationsRead { userErrors { code } } }'],
    ['Mutation.postPathwayMessage', `mutation { postPathwayMessage(input: { pathwayId: "${someId}", text: "Bonjour" }) { userErrors { code } } }`],
    ['Mutation.readPathwayConversation', `mutation { readPathwayConversation(input: { pathwayId: "${someId}" }) { userErrors { code } } }`],
    [
      'Mutation.createConvention',
      `mutation { createConvention(input: { operatorId: "${someId}", funderId: "${someId}", title: "X", budgetLine: "B", startOn: "2026-01-01", endOn: "2026-12-31", targetParticipants: 10, amountCents: 100 }) { userErrors { code } } }`,
    ],
    [
      'Mutation.updateConvention',
      `mutation { updateConvention(input: { conventionId: "${someId}", operatorId: "${someId}", funderId: "${someId}", title: "X", budgetLine: "B", startOn: "2026-01-01", endOn: "2026-12-31", targetParticipants: 10, amountCents: 100 }) { userErrors { code } } }`,
    ],
    ['Query.conventions', '{ conventions { id } }'],
    ['Mutation.createOutcomeExportLink', 'mutation { createOutcomeExportLink(input: { from: "2026-01-01", to: "2026-01-31" }) { link { path } userErrors { code } } }'],
    ['Query.caseload', '{ caseload { waitingTooLong } }'],
    ['Query.referralImport', `{ referralImport(id: "${someId}") { id } }`],
    ['Query.referralImports', '{ referralImports { id } }'],
    ['Mutation.updateReferralImport', `mutation { updateReferralImport(input: { importId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.confirmReferralImport', `mutation { confirmReferralImport(input: { importId: "${someId}" }) { userErrors { code } } }`],
    ['Mutation.cancelReferralImport', `mutation { cancelReferralImport(input: { importId: "${someId}" }) { userErrors { code } } }`],
    ['Query.outcomeReport', 'query ($id: ID) { outcomeReport(input: { from: "2026-01-01", to: "2026-01-31", conventionId: $id }) { total { figures { referrals { value } } } } }'],
  ];

  describe.each(CALLS)('%s', (operation, query, variables) => {
    const allowed = POLICY[operation] === 'signed-in' ? ALL : (POLICY[operation] as string[]);

    it('answers UNAUTHENTICATED without a token', async () => {
      expect(errorCodes(await t.api.request(query, variables))).toEqual(['UNAUTHENTICATED']);
    });

    it.each(ALL)('as %s', async (role) => {
      const response = await t.api.request(query, variables, { token: users[role].token });
      const codes = errorCodes(response);
      if (allowed.includes(role)) expect(codes).not.toContain('FORBIDDEN');
      else expect(codes).toEqual(['FORBIDDEN']);
      expect(codes).not.toContain('UNAUTHENTICATED');
    });
  });

  describe('row scoping', () => {
    let otherOperatorCounsellor: TestUser;
    let otherOperator: string;

    beforeAll(async () => {
      otherOperator = await accounts.organisation('OPERATOR', 'Another operator');
      otherOperatorCounsellor = await accounts.user('COUNSELLOR', { organisationId: otherOperator });
    });

    it("lists to a MANAGER only their own operator's users", async () => {
      const data = await t.api.data<{ users: { totalCount: number; edges: { node: { organisation: { id: string } } }[] } }>(
        '{ users(first: 100) { totalCount edges { node { id organisation { id } } } } }',
        undefined,
        { token: users.MANAGER.token },
      );
      expect(data.users.edges.length).toBe(data.users.totalCount);
      expect(data.users.totalCount).toBeGreaterThanOrEqual(3); // the admin, the manager, the counsellor
      expect(new Set(data.users.edges.map((edge) => edge.node.organisation.id))).toEqual(new Set([accounts.operatorId]));
      const filtered = await t.api.data<{ users: { totalCount: number } }>(
        'query ($filter: UsersFilter) { users(filter: $filter) { totalCount } }',
        { filter: { organisationId: otherOperator } },
        { token: users.MANAGER.token },
      );
      expect(filtered.users.totalCount).toBe(0);
    });

    it("answers a MANAGER asking for another operator's user exactly as for a missing one", async () => {
      const ask = (id: string) => t.api.request('query ($id: ID!) { user(id: $id) { id email } }', { id }, { token: users.MANAGER.token });
      const otherOperators = await ask(otherOperatorCounsellor.id);
      const missing = await ask(someId);
      const malformed = await ask('not-an-id');
      expect(otherOperators.data).toBeNull();
      expect(otherOperators.errors).toEqual(missing.errors);
      expect(malformed.errors).toEqual(missing.errors);
      expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
      expect(missing.errors?.[0].message).toBe('User not found.');
      const own = await ask(users.COUNSELLOR.id);
      expect(own.data).toEqual({ user: { id: users.COUNSELLOR.id, email: users.COUNSELLOR.email } });
    });

    it('shows every signed-in user the operators, by name only', async () => {
      const data = await t.api.data<{ operators: { name: string }[] }>('{ operators { id name } }', undefined, { token: users.REFERENT.token });
      expect(data.operators.map((operator) => operator.name)).toEqual(['Another operator', 'Forez Entreprendre']);
    });

    it('finds active referents by name, without regard to accents or case', async () => {
      const helene = await accounts.user('REFERENT', { fullName: 'Hélène Dupré-Lefèvre' });
      const gone = await accounts.user('REFERENT', { fullName: 'Hélène Partie' });
      await t.api.data('mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { userErrors { code } } }', { input: { userId: gone.id } }, { token: accounts.adminToken });
      for (const search of ['helene', 'DUPRE', 'lefevre', 'Hélène Dupré']) {
        const data = await t.api.data<{ referents: { id: string; fullName: string; organisationName: string }[] }>(
          'query ($search: String!) { referents(search: $search) { id fullName organisationName } }',
          { search },
          { token: users.REFERENT.token },
        );
        expect(data.referents).toEqual([{ id: helene.id, fullName: 'Hélène Dupré-Lefèvre', organisationName: expect.stringMatching(/^PRESCRIBER /) }]);
      }
    });
  });
});
