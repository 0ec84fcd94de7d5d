import { AccountsFixture, type TestUser } from './accounts';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';
import type { GraphqlClient } from './graphql-client';

export const PATHWAY_FIELDS = `id status referredOn waitingTooLong declineReason declineComment
  participant { id lastName firstNames birthDate commune { inseeCode name } }
  operator { id name } referent { id fullName organisationName } counsellor { id fullName }
  situation { commune { inseeCode inTerritory } rsaStatus barriers eligibilityReasons }`;

export const REFER = `mutation ($input: ReferParticipantInput!) {
  referParticipant(input: $input) { pathway { ${PATHWAY_FIELDS} } userErrors { code field message } }
}`;

export interface PathwayView {
  id: string;
  status: string;
  referredOn: string;
  waitingTooLong: boolean;
  declineReason: string | null;
  participant: { id: string; lastName: string; firstNames: string; birthDate: string };
  referent: { id: string };
  counsellor: { id: string } | null;
  situation: { barriers: string[]; eligibilityReasons: string[]; rsaStatus: string };
}

export interface UserErrorView {
  code: string;
  field: string[] | null;
  message: string;
}

let people = 0;

/** An eligible person living in Saint-Étienne on RSA socle; override what a test is about. */
export function aPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  people += 1;
  return {
    lastName: `Martin${String.fromCharCode(97 + (people % 26))}${people}`,
    firstNames: 'Camille',
    birthDate: '1988-06-15',
    sex: 'FEMALE',
    phone: '06 12 34 56 78',
    email: null,
    addressLine: '12 rue de la République',
    postalCode: '42000',
    communeCode: '42218',
    rsaStatus: 'SOCLE',
    franceTravailRegistered: true,
    franceTravailId: null,
    franceTravailMissingReason: null,
    educationLevel: 'LEVEL_3',
    informedOn: '2024-01-01',
    ...overrides,
  };
}

/** Referrals through the real API. */
export class JourneyFixture {
  constructor(
    readonly api: GraphqlClient,
    readonly accounts: AccountsFixture,
  ) {}

  async referRaw(referent: TestUser, person: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const data = await this.api.data<{ referParticipant: { pathway: PathwayView | null; userErrors: UserErrorView[] } }>(
      REFER,
      { input: { operatorId: this.accounts.operatorId, person, barriers: [], ...extra } },
      { token: referent.token },
    );
    return data.referParticipant;
  }

  async refer(referent: TestUser, person = aPerson(), extra: Record<string, unknown> = {}): Promise<PathwayView> {
    const result = await this.referRaw(referent, person, extra);
    if (!result.pathway) throw new Error(`referral refused: ${JSON.stringify(result.userErrors)}`);
    return result.pathway;
  }

  async mutate(user: TestUser, name: string, inputType: string, input: Record<string, unknown>) {
    const data = await this.api.data<Record<string, { pathway: PathwayView | null; userErrors: UserErrorView[] }>>(
      `mutation ($input: ${inputType}!) { ${name}(input: $input) { pathway { ${PATHWAY_FIELDS} } userErrors { code field message } } }`,
      { input },
      { token: user.token },
    );
    return data[name];
  }

  accept(user: TestUser, pathwayId: string, counsellorId?: string) {
    return this.mutate(user, 'acceptReferral', 'AcceptReferralInput', { pathwayId, ...(counsellorId ? { counsellorId } : {}) });
  }

  decline(user: TestUser, pathwayId: string, reason: string, comment?: string) {
    return this.mutate(user, 'declineReferral', 'DeclineReferralInput', { pathwayId, reason, ...(comment ? { comment } : {}) });
  }

  withdraw(user: TestUser, pathwayId: string) {
    return this.mutate(user, 'withdrawReferral', 'WithdrawReferralInput', { pathwayId });
  }

  /**
   * Accepts the referral and books its diagnostic: at 09:00 Paris on Monday 16 March 2026 (the
   * tests' first day), or at 00:30 Paris on the referral's day when it is later (an interview is
   * never before its referral, and 00:30 has come by any time of that day); the appointment's id.
   */
  async acceptAndSchedule(counsellor: TestUser, pathwayId: string): Promise<string> {
    const accepted = await this.accept(counsellor, pathwayId);
    const referredOn = accepted.pathway?.referredOn ?? '2026-03-16';
    const startsAt = referredOn > '2026-03-16' ? new Date(`${referredOn}T00:30:00+01:00`).toISOString() : '2026-03-16T08:00:00Z';
    const data = await this.api.data<{ scheduleDiagnostic: { appointment: { id: string } | null; userErrors: UserErrorView[] } }>(
      SCHEDULE,
      { input: { pathwayId, startsAt, channel: 'ON_SITE' } },
      { token: counsellor.token },
    );
    if (!data.scheduleDiagnostic.appointment) throw new Error(`not scheduled: ${JSON.stringify(data.scheduleDiagnostic.userErrors)}`);
    return data.scheduleDiagnostic.appointment.id;
  }

  /** A referral taken all the way to its diagnostic (which writes a report to the referent); the pathway. */
  async diagnosed(referent: TestUser, counsellor: TestUser, person = aPerson()): Promise<PathwayView> {
    const pathway = await this.refer(referent, person);
    const appointmentId = await this.acceptAndSchedule(counsellor, pathway.id);
    const data = await this.api.data<{ recordDiagnostic: { diagnostic: { id: string } | null; userErrors: UserErrorView[] } }>(
      RECORD_DIAGNOSTIC,
      { input: { appointmentId, ...someFindings() } },
      { token: counsellor.token },
    );
    if (!data.recordDiagnostic.diagnostic) throw new Error(`not recorded: ${JSON.stringify(data.recordDiagnostic.userErrors)}`);
    return pathway;
  }
}

export const SCHEDULE = `mutation ($input: ScheduleDiagnosticInput!) {
  scheduleDiagnostic(input: $input) { appointment { id status startsAt needsUpdate } pathway { status } userErrors { code field message } }
}`;

export const RECORD_DIAGNOSTIC = `mutation ($input: RecordDiagnosticInput!) {
  recordDiagnostic(input: $input) { diagnostic { id readiness } pathway { status } userErrors { code field message } }
}`;

/** A diagnostic's findings: ready for employment unless overridden. */
export function someFindings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    assessments: [
      { theme: 'MOBILITY', status: 'PRESENT', blocking: true, note: 'No driving licence' },
      { theme: 'HEALTH', status: 'PRESENT', blocking: false, note: 'Cannot carry heavy loads' },
      { theme: 'JUSTICE', status: 'LIFTED', blocking: false, note: 'Sentence served' },
      { theme: 'DIGITAL', status: 'NOT_DISCUSSED', blocking: false },
    ],
    targetJobs: [{ title: 'Agent de propreté', romeCode: 'K2204' }],
    contractTypes: ['CDD', 'TEMP_MISSION'],
    workingTime: 'FULL_TIME',
    mobilityRadiusKm: 15,
    availableFrom: '2026-04-01',
    strengths: 'Punctual, team spirit',
    readiness: 'READY_FOR_EMPLOYMENT',
    summary: 'Motivated; mobility to work on.',
    ...overrides,
  };
}

/** A started test app with its admin signed in and the journey factories, the clock on Monday 16 March 2026, 10:00 in Paris. */
export async function startJourneyApp(options: TestAppOptions = {}): Promise<{ t: TestApp; accounts: AccountsFixture; journey: JourneyFixture }> {
  const t = await startTestApp(options);
  t.clock.set('2026-03-16T09:00:00Z');
  const accounts = await new AccountsFixture(t.api).init();
  return { t, accounts, journey: new JourneyFixture(t.api, accounts) };
}

/**
 * An instant on a Tuesday three to four weeks ahead of the real clock, at this hour UTC: for a
 * server process on the real clock, an interview still to come, as the convocations need one.
 */
export function aTuesdayAhead(hourUtc: number): string {
  const day = new Date(Date.now() + 21 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((9 - day.getUTCDay()) % 7));
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourUtc)).toISOString();
}
