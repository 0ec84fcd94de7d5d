import { buildClientSchema, getIntrospectionQuery, isInputObjectType, isListType, isNonNullType, type GraphQLInputType, type GraphQLNamedType, type IntrospectionQuery } from 'graphql';
import { AccessDeclarations } from '../../apps/api/src/auth/access-declarations';
import { AccountsFixture, type TestUser } from '../support/accounts';
import type { GraphqlResponse } from '../support/graphql-client';
import { JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings } from '../support/journey';
import { listCsv, upload } from '../support/imports';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import { startTestApp, type TestApp } from '../support/test-app';

/** Every argument and input field of type ID of the root operations, at any depth: `operation.argument.field…`. */
function idPaths(introspection: IntrospectionQuery): string[] {
  const schema = buildClientSchema(introspection);
  const unwrap = (type: GraphQLInputType): GraphQLNamedType => (isNonNullType(type) || isListType(type) ? unwrap(type.ofType as GraphQLInputType) : (type as GraphQLNamedType));
  const walk = (prefix: string, type: GraphQLInputType, seen: ReadonlySet<string>): string[] => {
    const named = unwrap(type);
    if (named.name === 'ID') return [prefix];
    if (!isInputObjectType(named) || seen.has(named.name)) return [];
    return Object.values(named.getFields()).flatMap((field) => walk(`${prefix}.${field.name}`, field.type, new Set([...seen, named.name])));
  };
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((root) =>
    Object.values(root?.getFields() ?? {}).flatMap((field) => field.args.flatMap((arg) => walk(`${field.name}.${arg.name}`, arg.type, new Set()))),
  );
}

/**
 * Every operation that takes an id — every argument and input field of type ID of the served
 * schema, at any depth — called by each role allowed to call it (but ADMIN, who sees every row)
 * with an id out of the caller's scope, answers exactly what it answers for an id that does not
 * exist, and writes nothing. An id the test does not call is in EXEMPT, with its reason; the test
 * fails on an id of the schema in neither list.
 */
describe('operations out of scope', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let schemaIdPaths: string[];
  let declarations: AccessDeclarations;
  let inScope: Ids;
  const outsiders: Record<string, TestUser> = {};
  const missing = '00000000-0000-4000-8000-000000000000';
  const absent: Ids = {
    pathway: missing, participant: missing, appointment: missing, diagnostic: missing, opportunity: missing, proposal: missing, placement: missing,
    checkpoint: missing, partner: missing, report: missing, convention: missing, counsellor: missing, referent: missing, operator: missing, notification: missing, referralImport: missing,
  };

  /** The ids of one operator's and one referent's objects, out of every outsider's scope. */
  interface Ids {
    pathway: string;
    participant: string;
    appointment: string;
    diagnostic: string;
    opportunity: string;
    proposal: string;
    placement: string;
    checkpoint: string;
    partner: string;
    report: string;
    convention: string;
    counsellor: string;
    referent: string;
    operator: string;
    notification: string;
    referralImport: string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    accounts = await new AccountsFixture(t.api).init();
    declarations = t.app.get(AccessDeclarations);
    schemaIdPaths = idPaths(await t.api.data<IntrospectionQuery>(getIntrospectionQuery(), undefined, { token: accounts.adminToken }));
    const journey = new JourneyFixture(t.api, accounts);
    const owner = await accounts.user('REFERENT');
    const pathway = await journey.refer(owner);
    await journey.accept(await accounts.user('COUNSELLOR'), pathway.id);
    const counsellor = await accounts.user('COUNSELLOR');
    const manager = await accounts.user('MANAGER');
    const schedule = async () => {
      const scheduled = await journey.refer(owner);
      await journey.accept(counsellor, scheduled.id);
      const data = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(
        SCHEDULE,
        { input: { pathwayId: scheduled.id, startsAt: '2026-03-16T08:00:00Z', channel: 'PHONE' } },
        { token: counsellor.token },
      );
      return data.scheduleDiagnostic.appointment.id;
    };
    const appointment = await schedule();
    const recorded = await t.api.data<{ recordDiagnostic: { diagnostic: { id: string } } }>(RECORD_DIAGNOSTIC, { input: { appointmentId: await schedule(), ...someFindings() } }, { token: counsellor.token });
    const offers = new OffersFixture(t.api, accounts);
    const diagnosed = await journey.diagnosed(owner, counsellor);
    const partner = await offers.partner('EMPLOYER', {}, manager);
    const opportunity = (await offers.job(counsellor, partner)).id;
    const proposal = (await offers.propose(counsellor, diagnosed.id, opportunity)).id;
    const placements = new PlacementsFixture(t.api);
    const placement = (await placements.start(counsellor, { pathwayId: diagnosed.id, contractType: 'BUSINESS_CREATION', startOn: '2026-03-16' })).id;
    const checkpoint = (await placements.followUp(counsellor, diagnosed.id)).checkpoints[0].id;
    const reports = await t.api.data<{ referentReports: { edges: { node: { id: string } }[] } }>('{ referentReports(first: 1) { edges { node { id } } } }', undefined, { token: owner.token });
    const notices = await t.api.data<{ myNotifications: { edges: { node: { id: string } }[] } }>('{ myNotifications(first: 1) { edges { node { id } } } }', undefined, { token: manager.token });
    const funder = await accounts.organisation('FUNDER');
    const convention = await t.api.data<{ createConvention: { convention: { id: string } } }>(
      'mutation ($input: CreateConventionInput!) { createConvention(input: $input) { convention { id } } }',
      { input: { operatorId: accounts.operatorId, funderId: funder, title: 'L.O.I.R.E', budgetLine: 'SERV', startOn: '2026-01-01', endOn: '2026-12-31', targetParticipants: 20, amountCents: 100 } },
      { token: manager.token },
    );
    inScope = {
      pathway: pathway.id,
      participant: pathway.participant.id,
      appointment,
      diagnostic: recorded.recordDiagnostic.diagnostic.id,
      opportunity,
      proposal,
      placement,
      checkpoint,
      partner,
      report: reports.referentReports.edges[0].node.id,
      convention: convention.createConvention.convention.id,
      counsellor: counsellor.id,
      referent: owner.id,
      operator: accounts.operatorId,
      notification: notices.myNotifications.edges[0].node.id,
      referralImport: (await upload(t.url, owner, listCsv([{ nom: 'Portée', prenom: 'Ana', naissance: '01/01/1980' }]))).body.id!,
    };
    const otherOperator = await accounts.organisation('OPERATOR');
    outsiders.REFERENT = await accounts.user('REFERENT');
    outsiders.COUNSELLOR = await accounts.user('COUNSELLOR', { organisationId: otherOperator });
    outsiders.MANAGER = await accounts.user('MANAGER', { organisationId: otherOperator });
    outsiders.FUNDER = await accounts.user('FUNDER', { organisationId: await accounts.organisation('FUNDER') });
  });
  afterAll(() => t.close());

  const ERRORS = '{ userErrors { code field message } }';
  /** Each id of the schema this test calls out of scope: the call, with the ids it puts in; `notFound`: the answer must say NOT_FOUND (a filter answers an empty list instead). */
  const CALLS: Record<string, { call: (ids: Ids) => [string, Record<string, unknown>]; notFound?: boolean }> = {
    'pathway.id': { call: ({ pathway: id }) => ['query ($id: ID!) { pathway(id: $id) { id } }', { id }], notFound: true },
    'participant.id': { call: ({ participant: id }) => ['query ($id: ID!) { participant(id: $id) { participant { id } } }', { id }], notFound: true },
    'opportunity.id': { call: ({ opportunity: id }) => ['query ($id: ID!) { opportunity(id: $id) { id } }', { id }], notFound: true },
    'candidates.opportunityId': { call: ({ opportunity: id }) => ['query ($id: ID!) { candidates(opportunityId: $id) { totalCount } }', { id }], notFound: true },
    'referentReport.id': { call: ({ report: id }) => ['query ($id: ID!) { referentReport(id: $id) { id } }', { id }], notFound: true },
    'user.id': { call: ({ counsellor: id }) => ['query ($id: ID!) { user(id: $id) { id } }', { id }], notFound: true },
    'caseload.counsellorId': { call: ({ counsellor: id }) => ['query ($id: ID) { caseload(counsellorId: $id) { openPathways } }', { id }] },
    'exportParticipantData.participantId': { call: ({ participant: id }) => ['query ($id: ID!) { exportParticipantData(participantId: $id) }', { id }], notFound: true },
    'outcomeReport.input.conventionId': { call: ({ convention: id }) => ['query ($id: ID) { outcomeReport(input: { conventionId: $id }) { total { month } } }', { id }], notFound: true },
    'createOutcomeExportLink.input.conventionId': { call: ({ convention: id }) => ['mutation ($id: ID) { createOutcomeExportLink(input: { conventionId: $id }) { link { expiresAt } userErrors { code field message } } }', { id }] }, // a signed link, the same for any id: the convention is checked when it is opened (test/outcomes/export)
    'pathways.filter.counsellorId': { call: ({ counsellor: id }) => ['query ($id: ID) { pathways(first: 5, filter: { counsellorId: $id }) { totalCount edges { node { id } } } }', { id }] },
    'pathways.filter.referentId': { call: ({ referent: id }) => ['query ($id: ID) { pathways(first: 5, filter: { referentId: $id }) { totalCount edges { node { id } } } }', { id }] },
    'followUpsDue.filter.counsellorId': { call: ({ counsellor: id }) => ['query ($id: ID) { followUpsDue(first: 5, filter: { counsellorId: $id }) { totalCount } }', { id }] },
    'referentReports.filter.referentId': { call: ({ referent: id }) => ['query ($id: ID) { referentReports(first: 5, filter: { referentId: $id }) { totalCount } }', { id }] },
    'users.filter.organisationId': { call: ({ operator: id }) => ['query ($id: ID) { users(first: 5, filter: { organisationId: $id }) { totalCount } }', { id }] },
    'acceptReferral.input.pathwayId': { call: ({ pathway: id, counsellor }) => [`mutation ($id: ID!, $c: ID) { acceptReferral(input: { pathwayId: $id, counsellorId: $c }) ${ERRORS} }`, { id, c: counsellor }], notFound: true },
    'declineReferral.input.pathwayId': { call: ({ pathway: id }) => [`mutation ($id: ID!) { declineReferral(input: { pathwayId: $id, reason: DUPLICATE }) ${ERRORS} }`, { id }], notFound: true },
    'withdrawReferral.input.pathwayId': { call: ({ pathway: id }) => [`mutation ($id: ID!) { withdrawReferral(input: { pathwayId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'assignCounsellor.input.pathwayId': { call: ({ pathway: id, counsellor }) => [`mutation ($id: ID!, $c: ID!) { assignCounsellor(input: { pathwayId: $id, counsellorId: $c }) ${ERRORS} }`, { id, c: counsellor }], notFound: true },
    'reassignCounsellor.input.pathwayIds': { call: ({ pathway: id, counsellor }) => [`mutation ($ids: [ID!]!, $c: ID!) { reassignCounsellor(input: { pathwayIds: $ids, counsellorId: $c }) ${ERRORS} }`, { ids: [id], c: counsellor }], notFound: true },
    'assignReferent.input.pathwayId': { call: ({ pathway: id, referent }) => [`mutation ($id: ID!, $r: ID!) { assignReferent(input: { pathwayId: $id, referentId: $r, reason: "r" }) ${ERRORS} }`, { id, r: referent }], notFound: true },
    'scheduleDiagnostic.input.pathwayId': { call: ({ pathway: id, counsellor }) => [`mutation ($id: ID!, $c: ID) { scheduleDiagnostic(input: { pathwayId: $id, counsellorId: $c, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) ${ERRORS} }`, { id, c: counsellor }], notFound: true },
    'rescheduleAppointment.input.appointmentId': { call: ({ appointment: id }) => [`mutation ($id: ID!) { rescheduleAppointment(input: { appointmentId: $id, startsAt: "2026-03-16T08:00:00Z", channel: PHONE }) ${ERRORS} }`, { id }], notFound: true },
    'cancelAppointment.input.appointmentId': { call: ({ appointment: id }) => [`mutation ($id: ID!) { cancelAppointment(input: { appointmentId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'recordNoShow.input.appointmentId': { call: ({ appointment: id }) => [`mutation ($id: ID!) { recordNoShow(input: { appointmentId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'recordExcused.input.appointmentId': { call: ({ appointment: id }) => [`mutation ($id: ID!) { recordExcused(input: { appointmentId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'recordDiagnostic.input.appointmentId': { call: ({ appointment: id }) => [`mutation ($input: RecordDiagnosticInput!) { recordDiagnostic(input: $input) ${ERRORS} }`, { input: { appointmentId: id, ...someFindings() } }], notFound: true },
    'correctDiagnostic.input.diagnosticId': { call: ({ diagnostic: id }) => [`mutation ($input: CorrectDiagnosticInput!) { correctDiagnostic(input: $input) ${ERRORS} }`, { input: { diagnosticId: id, ...someFindings() } }], notFound: true },
    'updateParticipant.input.participantId': { call: ({ participant: id }) => [`mutation ($id: ID!) { updateParticipant(input: { participantId: $id, phone: "0600000000" }) ${ERRORS} }`, { id }], notFound: true },
    'recordMessageConsent.input.participantId': { call: ({ participant: id }) => [`mutation ($id: ID!) { recordMessageConsent(input: { participantId: $id, channel: SMS }) ${ERRORS} }`, { id }], notFound: true },
    'markNotificationsRead.input.ids': { call: ({ notification: id }) => [`mutation ($id: ID!) { markNotificationsRead(input: { ids: [$id] }) ${ERRORS} }`, { id }], notFound: true },
    'postPathwayMessage.input.pathwayId': { call: ({ pathway: id }) => [`mutation ($id: ID!) { postPathwayMessage(input: { pathwayId: $id, text: "Bonjour" }) ${ERRORS} }`, { id }], notFound: true },
    'referralImport.id': { call: ({ referralImport: id }) => ['query ($id: ID!) { referralImport(id: $id) { id } }', { id }], notFound: true },
    'updateReferralImport.input.importId': { call: ({ referralImport: id }) => [`mutation ($id: ID!) { updateReferralImport(input: { importId: $id, choices: { rsaStatus: SOCLE } }) ${ERRORS} }`, { id }], notFound: true },
    'confirmReferralImport.input.importId': { call: ({ referralImport: id }) => [`mutation ($id: ID!) { confirmReferralImport(input: { importId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'cancelReferralImport.input.importId': { call: ({ referralImport: id }) => [`mutation ($id: ID!) { cancelReferralImport(input: { importId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'readPathwayConversation.input.pathwayId': { call: ({ pathway: id }) => [`mutation ($id: ID!) { readPathwayConversation(input: { pathwayId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'withdrawMessageConsent.input.participantId': { call: ({ participant: id }) => [`mutation ($id: ID!) { withdrawMessageConsent(input: { participantId: $id, channel: SMS }) ${ERRORS} }`, { id }], notFound: true },
    'updateOpportunity.input.opportunityId': {
      call: ({ opportunity: id, partner }) => [`mutation ($id: ID!, $p: ID!) { updateOpportunity(input: { opportunityId: $id, partnerId: $p, clientPartnerId: $p, title: "X", communeCode: "42218", startOn: "2026-04-01" }) ${ERRORS} }`, { id, p: partner }],
      notFound: true,
    },
    'closeOpportunity.input.opportunityId': { call: ({ opportunity: id }) => [`mutation ($id: ID!) { closeOpportunity(input: { opportunityId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'proposeOpportunity.input.pathwayId': { call: ({ pathway, opportunity }) => [`mutation ($p: ID!, $o: ID!) { proposeOpportunity(input: { pathwayId: $p, opportunityId: $o }) ${ERRORS} }`, { p: pathway, o: opportunity }], notFound: true },
    'recordProposalStep.input.proposalId': { call: ({ proposal: id }) => [`mutation ($id: ID!) { recordProposalStep(input: { proposalId: $id, step: ACCEPTED_BY_PARTICIPANT, on: "2026-03-16" }) ${ERRORS} }`, { id }], notFound: true },
    'startPlacement.input.pathwayId': {
      call: ({ pathway: id, proposal, partner }) => [
        `mutation ($id: ID!, $pr: ID, $p: ID) { startPlacement(input: { pathwayId: $id, proposalId: $pr, employerPartnerId: $p, clientPartnerId: $p, contractType: CDI, startOn: "2026-03-16" }) ${ERRORS} }`,
        { id, pr: proposal, p: partner },
      ],
      notFound: true,
    },
    'endPlacement.input.placementId': { call: ({ placement: id }) => [`mutation ($id: ID!) { endPlacement(input: { placementId: $id, endedOn: "2026-03-16", reason: END_OF_TERM }) ${ERRORS} }`, { id }], notFound: true },
    'correctPlacement.input.placementId': { call: ({ placement: id }) => [`mutation ($id: ID!) { correctPlacement(input: { placementId: $id, contractType: BUSINESS_CREATION, startOn: "2026-03-16" }) ${ERRORS} }`, { id }], notFound: true },
    'exitPathway.input.pathwayId': { call: ({ pathway: id }) => [`mutation ($id: ID!) { exitPathway(input: { pathwayId: $id, exitedOn: "2026-03-16", reason: NO_SOLUTION }) ${ERRORS} }`, { id }], notFound: true },
    'recordContact.input.pathwayId': {
      call: ({ pathway: id, checkpoint }) => [`mutation ($id: ID!, $c: ID) { recordContact(input: { pathwayId: $id, checkpointId: $c, kind: PHONE_CALL, on: "2026-03-16", reached: PARTICIPANT }) ${ERRORS} }`, { id, c: checkpoint }],
      notFound: true,
    },
    'acknowledgeReport.input.reportId': { call: ({ report: id }) => [`mutation ($id: ID!) { acknowledgeReport(input: { reportId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'updateConvention.input.conventionId': {
      call: ({ convention: id, operator }) => [
        `mutation ($id: ID!, $o: ID!) { updateConvention(input: { conventionId: $id, operatorId: $o, funderId: $o, title: "X", budgetLine: "B", startOn: "2026-01-01", endOn: "2026-12-31", targetParticipants: 1, amountCents: 1 }) ${ERRORS} }`,
        { id, o: operator },
      ],
      notFound: true,
    },
    'updateUser.input.userId': { call: ({ counsellor: id }) => [`mutation ($id: ID!) { updateUser(input: { userId: $id, fullName: "X" }) ${ERRORS} }`, { id }], notFound: true },
    'deactivateUser.input.userId': { call: ({ counsellor: id }) => [`mutation ($id: ID!) { deactivateUser(input: { userId: $id }) ${ERRORS} }`, { id }], notFound: true },
    'reactivateUser.input.userId': { call: ({ counsellor: id }) => [`mutation ($id: ID!) { reactivateUser(input: { userId: $id }) ${ERRORS} }`, { id }], notFound: true },
  };

  /** Ids of the schema this test does not call out of scope, each with its reason. */
  const SECOND = 'a second id of a call whose first id is out of scope above: the call answers NOT_FOUND for the first and writes nothing';
  const PARTNERS = "partners are the operators' shared directory of employers, temp agencies and training bodies: every operator's staff sees them (Partner.visibleTo), and changing one is refused by role";
  const ORGANISATIONS = 'organisations are no one\'s: their names and kinds are shown to every signed-in user (UNSCOPED_ENTITIES)';
  const EXEMPT: Record<string, string> = {
    'acceptReferral.input.counsellorId': SECOND,
    'assignCounsellor.input.counsellorId': SECOND,
    'reassignCounsellor.input.counsellorId': SECOND,
    'assignReferent.input.referentId': SECOND,
    'scheduleDiagnostic.input.counsellorId': SECOND,
    'proposeOpportunity.input.opportunityId': SECOND,
    'createOpportunity.input.clientPartnerId': SECOND,
    'updateOpportunity.input.partnerId': SECOND,
    'updateOpportunity.input.clientPartnerId': SECOND,
    'startPlacement.input.proposalId': SECOND,
    'startPlacement.input.employerPartnerId': SECOND,
    'startPlacement.input.clientPartnerId': SECOND,
    'startPlacement.input.tempAgencyPartnerId': SECOND,
    'startPlacement.input.trainingBodyPartnerId': SECOND,
    'recordContact.input.checkpointId': SECOND,
    'deactivateUser.input.successorId': SECOND,
    'updateConvention.input.operatorId': SECOND,
    'updateConvention.input.funderId': SECOND,
    'partner.id': PARTNERS,
    'updatePartner.input.partnerId': PARTNERS,
    'createOpportunity.input.partnerId': PARTNERS,
    'organisation.id': ORGANISATIONS,
    'referParticipant.input.operatorId': ORGANISATIONS,
    'createUser.input.organisationId': ORGANISATIONS,
    'createConvention.input.operatorId': ORGANISATIONS,
    'createConvention.input.funderId': ORGANISATIONS,
    'updateReferralImport.input.choices.operatorId': ORGANISATIONS,
    'auditLog.filter.participantId': 'the access log is the ADMIN\'s alone, and an ADMIN sees every row',
    'auditLog.filter.userId': 'the access log is the ADMIN\'s alone, and an ADMIN sees every row',
    'eraseParticipant.input.participantId': 'the ADMIN\'s alone, and an ADMIN sees every row',
    'updateOrganisation.input.id': 'the ADMIN\'s alone, and an ADMIN sees every row',
    'retryOutboxMessage.input.messageId': 'the ADMIN\'s alone, and an ADMIN sees every row',
    'unlinkIdentityProvider.input.userId': 'the ADMIN\'s alone, and an ADMIN sees every row',
    'pathwayMessagePosted.pathwayId': 'a subscription (graphql-ws): it pushes only the messages its subscriber may read, each re-read through their scope (test/notifications/conversation: another referent receives nothing)',
  };

  it('calls or exempts every id of the served schema, and names no id the schema does not have', () => {
    const listed = [...Object.keys(CALLS), ...Object.keys(EXEMPT)];
    expect(Object.keys(CALLS).filter((path) => path in EXEMPT)).toEqual([]);
    expect(schemaIdPaths.filter((path) => !listed.includes(path))).toEqual([]);
    expect(listed.filter((path) => !schemaIdPaths.includes(path))).toEqual([]);
  });

  /** Who may call an operation, ADMIN aside: from the access declarations the guard enforces. */
  const rolesOf = (operation: string): string[] => {
    const declaration = declarations.get(`Query.${operation}`) ?? declarations.get(`Mutation.${operation}`);
    const roles = declaration?.kind === 'roles' ? declaration.roles : Object.keys(outsiders);
    return roles.filter((role) => role in outsiders);
  };

  it('answers every call out of scope as for an id that does not exist, as each role allowed to call it, and writes nothing', async () => {
    const before = await everyRow();
    const differences: string[] = [];
    let calls = 0;
    for (const [path, { call, notFound }] of Object.entries(CALLS)) {
      for (const role of rolesOf(path.split('.')[0])) {
        const send = (ids: Ids) => {
          const [query, variables] = call(ids);
          return t.api.request(query, variables, { token: outsiders[role].token });
        };
        const outOfScope: GraphqlResponse = await send(inScope);
        const nothing: GraphqlResponse = await send(absent);
        calls++;
        const [seen, unseen] = [outOfScope, nothing].map(({ status, data, errors }) => JSON.stringify({ status, data, errors }));
        if (seen !== unseen) differences.push(`${path} as ${role}: ${seen} ≠ ${unseen}`);
        else if (notFound && !/NOT_FOUND|FORBIDDEN/.test(seen)) differences.push(`${path} as ${role}: ${seen}`);
      }
    }
    expect(differences).toEqual([]);
    expect(calls).toBe(99); // 52 ids, each as every role allowed to call its operation (ADMIN aside)
    expect(await everyRow()).toEqual(before);
  }, 120_000);

  /** Every row of every table but the access log (reads are logged), as text: what "nothing written" compares. */
  async function everyRow(): Promise<Record<string, string>> {
    const connection = t.orm.em.getConnection();
    const tables =
      t.config.database.driver === 'sqlite'
        ? (await connection.execute<{ name: string }[]>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")).map((row: { name: string }) => row.name)
        : (await connection.execute<{ name: string }[]>("select tablename as name from pg_tables where schemaname = 'public'")).map((row: { name: string }) => row.name);
    const rows: Record<string, string> = {};
    for (const table of tables.filter((name: string) => name !== 'audit_entry').sort()) rows[table] = JSON.stringify(await connection.execute(`select * from "${table}" order by 1`));
    return rows;
  }
});
