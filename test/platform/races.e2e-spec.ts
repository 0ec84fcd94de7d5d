import type { AccountsFixture, TestUser } from '../support/accounts';
import { JourneyFixture, someFindings, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import type { TestApp } from '../support/test-app';

const TODAY = '2026-03-16';
const N = 24;

/**
 * Conflicting commands at once, many of each kind that can race, on both databases: exactly one
 * winner, and every other answer the domain code the same command gives when run second — never
 * INTERNAL (on PostgreSQL, unique violations, deadlocks and serialisation failures are run again).
 */
describe('races: one winner, every other answer a domain code', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let referent: TestUser;
  let staff: TestUser[];
  let employer: string;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    referent = await accounts.user('REFERENT');
    staff = [await accounts.user('COUNSELLOR'), await accounts.user('COUNSELLOR'), await accounts.user('MANAGER')];
    employer = await offers.partner('EMPLOYER');
  }, 60_000);
  afterAll(() => t.close());

  /** What one command answered: OK, or its codes (top-level errors or userErrors). */
  const send = async (user: TestUser, name: string, inputType: string, input: Record<string, unknown>, selection = '__typename'): Promise<string> => {
    const response = await t.api.request<Record<string, { userErrors: { code: string }[] }>>(
      `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { code } } }`,
      { input },
      { token: user.token },
    );
    if (response.errors?.length) return response.errors.map((error) => String(error.extensions?.code)).join(',');
    const errors = response.data?.[name]?.userErrors ?? [];
    return errors.length === 0 ? 'OK' : errors.map((error) => error.code).join(',');
  };
  const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});
  const expectOneWinner = (outcomes: string[], losers: string[]) => {
    const counts = tally(outcomes);
    expect({ winners: counts.OK, counts }).toEqual({ winners: 1, counts });
    expect(Object.keys(counts).filter((outcome) => outcome !== 'OK' && !losers.includes(outcome))).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.includes('INTERNAL'))).toEqual([]);
  };
  const by = (i: number) => staff[i % staff.length];

  it(`records one diagnostic of ${N} at once on one appointment`, async () => {
    const pathway = await journey.refer(referent);
    const appointmentId = await journey.acceptAndSchedule(staff[0], pathway.id);
    const outcomes = await Promise.all(
      Array.from({ length: N }, (_, i) => send(by(i), 'recordDiagnostic', 'RecordDiagnosticInput', { appointmentId, ...someFindings() }, 'diagnostic { id }')),
    );
    expectOneWinner(outcomes, ['APPOINTMENT_NOT_PLANNED', 'INVALID_TRANSITION']);
  });

  const accept = (i: number, pathwayId: string) => send(by(i), 'acceptReferral', 'AcceptReferralInput', { pathwayId });
  const decline = (i: number, pathwayId: string) => send(by(i), 'declineReferral', 'DeclineReferralInput', { pathwayId, reason: 'NOT_ELIGIBLE' });
  const withdraw = (pathwayId: string) => send(referent, 'withdrawReferral', 'WithdrawReferralInput', { pathwayId });

  it(`decides a referral once of ${N} accept and decline at once`, async () => {
    const pathway = await journey.refer(referent);
    const outcomes = await Promise.all(Array.from({ length: N }, (_, i) => (i % 2 === 0 ? accept(i, pathway.id) : decline(i, pathway.id))));
    expectOneWinner(outcomes, ['INVALID_TRANSITION']);
  });

  it(`closes a referral once of ${N} decline and withdraw at once (an accepted one may still be withdrawn, so not accept)`, async () => {
    const pathway = await journey.refer(referent);
    const outcomes = await Promise.all(Array.from({ length: N }, (_, i) => (i % 2 === 0 ? withdraw(pathway.id) : decline(i, pathway.id))));
    expectOneWinner(outcomes, ['INVALID_TRANSITION']);
  });

  it(`records one proposal step of ${N} at once`, async () => {
    const pathway = await journey.diagnosed(referent, staff[0]);
    const job = await offers.job(staff[0], employer);
    const proposal = await offers.propose(staff[0], pathway.id, job.id);
    const outcomes = await Promise.all(
      Array.from({ length: N }, (_, i) => send(by(i), 'recordProposalStep', 'RecordProposalStepInput', { proposalId: proposal.id, step: 'DECLINED_BY_PARTICIPANT', on: TODAY, reason: 'OTHER', comment: 'Trop loin' })),
    );
    expectOneWinner(outcomes, ['INVALID_PROPOSAL_STEP', 'PROPOSAL_CLOSED', 'INVALID_TRANSITION']);
  });

  it(`starts one placement of ${N} from one HIRED proposal at once`, async () => {
    const pathway = await journey.diagnosed(referent, staff[0]);
    const job = await offers.job(staff[0], employer, { positions: 1 });
    const proposal = await offers.propose(staff[0], pathway.id, job.id);
    for (const step of ['ACCEPTED_BY_PARTICIPANT', 'SENT_TO_EMPLOYER', 'INTERVIEW', 'HIRED']) await offers.step(staff[0], proposal.id, step, TODAY);
    const input = { pathwayId: pathway.id, proposalId: proposal.id, contractType: 'CDD', employerPartnerId: employer, startOn: TODAY, plannedEndOn: '2026-09-30', hoursPerWeek: 20 };
    const outcomes = await Promise.all(Array.from({ length: N }, (_, i) => send(by(i), 'startPlacement', 'StartPlacementInput', input, 'placement { id }')));
    expectOneWinner(outcomes, ['PROPOSAL_ALREADY_USED']);
  });

  it(`exits a pathway once of ${N} at once`, async () => {
    const pathway = await journey.diagnosed(referent, staff[0]);
    const outcomes = await Promise.all(
      Array.from({ length: N }, (_, i) => send(by(i), 'exitPathway', 'ExitPathwayInput', { pathwayId: pathway.id, exitedOn: TODAY, reason: 'NO_SOLUTION' }, 'pathway { status }')),
    );
    expectOneWinner(outcomes, ['INVALID_TRANSITION']);
  });
});
