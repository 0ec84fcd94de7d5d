import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { OutboxMessage, OutboxStatus } from '@parcours/notifications';
import { Diagnostic } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { SweepScheduler } from '../../apps/api/src/sweeps/sweep-scheduler';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { JourneyFixture, RECORD_DIAGNOSTIC, someFindings, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

/** Nothing listens there: the relay is not in this process anyway (RELAY_IN_PROCESS=false). */
const MAIL_ENV = { SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://parcours.test', RELAY_IN_PROCESS: 'false' };

/**
 * The outbox, in process: one message per report, written in the report's transaction, for every
 * report kind; none without SMTP_URL; the dead letters' administration; the purge; /health.
 * Delivery itself is tested against a real SMTP server with Parcours in its own process
 * (report-emails and relay-crashes).
 */
describe('the e-mail outbox', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp({ env: MAIL_ENV }));
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
  });
  afterAll(() => t.close());

  const messagesOf = (pathwayId: string) => t.orm.em.fork().find(OutboxMessage, { report: { pathway: pathwayId } }, { populate: ['report'], orderBy: { createdAt: 'asc' } });
  const reportsOf = (pathwayId: string) => t.orm.em.fork().find(ReferentReport, { pathway: pathwayId }, { orderBy: { eventAt: 'asc' } });

  it('writes one message per report, with its report and key, for every kind of report', async () => {
    const declined = await journey.refer(referent);
    await journey.decline(counsellor, declined.id, 'REFUSED_BY_PERSON');
    const noShow = await journey.refer(referent);
    const appointmentId = await journey.acceptAndSchedule(counsellor, noShow.id);
    await t.api.data('mutation ($input: AppointmentOutcomeInput!) { recordNoShow(input: $input) { userErrors { code } } }', { input: { appointmentId } }, { token: counsellor.token });
    const diagnosed = await journey.diagnosed(referent, counsellor);
    const diagnostic = await t.orm.em.fork().findOneOrFail(Diagnostic, { pathway: diagnosed.id });
    await t.api.data('mutation ($input: CorrectDiagnosticInput!) { correctDiagnostic(input: $input) { userErrors { code } } }', { input: { diagnosticId: diagnostic.id, ...someFindings({ summary: 'Corrigé' }) } }, { token: counsellor.token });

    for (const pathway of [declined, noShow, diagnosed]) {
      const reports = await reportsOf(pathway.id);
      const messages = await messagesOf(pathway.id);
      expect(messages.map((message) => message.report!.id)).toEqual(reports.map((report) => report.id));
      for (const message of messages) {
        expect(message).toMatchObject({ status: OutboxStatus.PENDING, attempts: 0, channel: 'EMAIL', leasedBy: null, nextAttemptAt: message.createdAt });
        expect(message.idempotencyKey).toBe(`<${message.id}@parcours>`);
      }
    }
    expect((await reportsOf(declined.id)).map((report) => report.kind)).toEqual(['REFERRAL_DECLINED']);
    expect((await reportsOf(noShow.id)).map((report) => report.kind)).toEqual(['NO_SHOW']);
    expect((await reportsOf(diagnosed.id)).map((report) => [report.kind, report.correction])).toEqual([['DIAGNOSTIC_RECORDED', false], ['DIAGNOSTIC_RECORDED', true]]);
  });

  it('writes the report and its message in one transaction: a failure in that flush leaves neither', async () => {
    const pathway = await journey.refer(referent);
    const appointmentId = await journey.acceptAndSchedule(counsellor, pathway.id);
    const failing: EventSubscriber = {
      async onFlush({ uow }: FlushEventArgs) {
        if (uow.getChangeSets().some((changeSet) => changeSet.entity instanceof OutboxMessage && changeSet.type === ChangeSetType.CREATE)) {
          throw new Error('forced failure after the outbox message was composed');
        }
      },
    };
    t.orm.em.getEventManager().registerSubscriber(failing);
    try {
      const response = await t.api.request(RECORD_DIAGNOSTIC, { input: { appointmentId, ...someFindings() } }, { token: counsellor.token });
      expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      (t.orm.em.getEventManager() as unknown as { subscribers: Set<EventSubscriber> }).subscribers.delete(failing);
    }
    expect(await reportsOf(pathway.id)).toEqual([]);
    expect(await messagesOf(pathway.id)).toEqual([]);
    expect(await t.orm.em.fork().count(Diagnostic, { pathway: pathway.id })).toBe(0);
  });

  it('lets a REFERENT switch report e-mails off and on (on by default), for themselves only', async () => {
    const me = () => t.api.data<{ me: { reportEmails: boolean } }>('{ me { reportEmails } }', undefined, { token: referent.token });
    const update = (reportEmails: boolean) =>
      t.api.data<{ updateMyNotificationSettings: { user: { id: string; reportEmails: boolean }; userErrors: unknown[] } }>(
        'mutation ($input: NotificationSettingsInput!) { updateMyNotificationSettings(input: $input) { user { id reportEmails } userErrors { code } } }',
        { input: { reportEmails } },
        { token: referent.token },
      );
    expect((await me()).me.reportEmails).toBe(true);
    expect((await update(false)).updateMyNotificationSettings).toEqual({ user: { id: referent.id, reportEmails: false }, userErrors: [] });
    expect((await me()).me.reportEmails).toBe(false);
    await update(true);
    expect((await me()).me.reportEmails).toBe(true);
    const other = await accounts.user('REFERENT');
    expect((await t.api.data<{ me: { reportEmails: boolean } }>('{ me { reportEmails } }', undefined, { token: other.token })).me.reportEmails).toBe(true);
  });

  describe('dead letters', () => {
    const DEAD_LETTERS = '{ outboxDeadLetters(first: 50) { totalCount edges { node { id reportId status attempts smtpCode lastError finishedAt } } } }';
    const RETRY = 'mutation ($id: ID!) { retryOutboxMessage(input: { messageId: $id }) { message { id status attempts } userErrors { code field } } }';
    const admin = () => ({ token: accounts.adminToken });

    it('lists them to an ADMIN only', async () => {
      expect(errorCodes(await t.api.request(DEAD_LETTERS, undefined, { token: counsellor.token }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.api.request(DEAD_LETTERS, undefined, { token: (await accounts.user('MANAGER')).token }))).toEqual(['FORBIDDEN']);
      expect((await t.api.data<{ outboxDeadLetters: { totalCount: number } }>(DEAD_LETTERS, undefined, admin())).outboxDeadLetters.totalCount).toBe(0);
    });

    it('retries a DEAD message from its first attempt; anything else is NOT_DEAD_LETTER and stays as it was', async () => {
      const pathway = await journey.diagnosed(referent, counsellor);
      const [message] = await messagesOf(pathway.id);
      const before = await t.orm.em.fork().findOneOrFail(OutboxMessage, message.id);
      const refused = await t.api.data<{ retryOutboxMessage: unknown }>(RETRY, { id: message.id }, admin());
      expect(refused.retryOutboxMessage).toEqual({ message: null, userErrors: [{ code: 'NOT_DEAD_LETTER', field: ['input', 'messageId'] }] });
      expect(await t.orm.em.fork().findOneOrFail(OutboxMessage, message.id)).toEqual(before);

      const unknown = await t.api.data<{ retryOutboxMessage: unknown }>(RETRY, { id: '00000000-0000-4000-8000-000000000000' }, admin());
      expect(unknown.retryOutboxMessage).toEqual({ message: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'messageId'] }] });

      await t.orm.em.fork().nativeUpdate(OutboxMessage, { id: message.id }, { status: OutboxStatus.DEAD, attempts: 12, smtpCode: 550, lastError: 'SMTP 550', finishedAt: new Date('2026-03-16T09:00:00Z') });
      const dead = await t.api.data<{ outboxDeadLetters: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(DEAD_LETTERS, undefined, admin());
      expect(dead.outboxDeadLetters.edges.map((edge) => edge.node)).toEqual([
        { id: message.id, reportId: message.report!.id, status: 'DEAD', attempts: 12, smtpCode: 550, lastError: 'SMTP 550', finishedAt: '2026-03-16T09:00:00.000Z' },
      ]);
      const retried = await t.api.data<{ retryOutboxMessage: unknown }>(RETRY, { id: message.id }, admin());
      expect(retried.retryOutboxMessage).toEqual({ message: { id: message.id, status: 'PENDING', attempts: 0 }, userErrors: [] });
      expect(await t.orm.em.fork().findOneOrFail(OutboxMessage, message.id)).toMatchObject({ status: OutboxStatus.PENDING, finishedAt: null, lastError: null, nextAttemptAt: t.clock.now() });
      expect((await t.api.data<{ outboxDeadLetters: { totalCount: number } }>(DEAD_LETTERS, undefined, admin())).outboxDeadLetters.totalCount).toBe(0);
    });
  });

  it('shows the backlog, the oldest unsent message and the dead letters on /health, and stays up for them', async () => {
    const [oldest] = await t.orm.em.fork().find(OutboxMessage, { status: OutboxStatus.PENDING }, { orderBy: { createdAt: 'asc' }, limit: 1 });
    const backlog = await t.orm.em.fork().count(OutboxMessage, { status: OutboxStatus.PENDING });
    await t.orm.em.fork().nativeUpdate(OutboxMessage, { id: oldest.id }, { status: OutboxStatus.DEAD, finishedAt: t.clock.now() });
    t.clock.advance(3_600_000);
    const response = await fetch(`${t.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; info: { outbox: Record<string, unknown> } };
    expect(body.status).toBe('ok');
    expect(body.info.outbox).toEqual({ status: 'up', backlog: backlog - 1, oldestUnsentSeconds: expect.any(Number), deadLetters: 1 });
    expect(body.info.outbox.oldestUnsentSeconds).toBeGreaterThanOrEqual(3600);
  });

  it('purges SENT and SKIPPED messages after OUTBOX_RETENTION_DAYS (62) and DEAD ones after 12 months', async () => {
    const em = t.orm.em.fork();
    const [sent, skipped, dead, pending] = await em.find(OutboxMessage, {}, { limit: 4, orderBy: { createdAt: 'asc', id: 'asc' } });
    const finishedAt = t.clock.now();
    await em.nativeUpdate(OutboxMessage, { id: sent.id }, { status: OutboxStatus.SENT, finishedAt });
    await em.nativeUpdate(OutboxMessage, { id: skipped.id }, { status: OutboxStatus.SKIPPED, finishedAt });
    await em.nativeUpdate(OutboxMessage, { id: dead.id }, { status: OutboxStatus.DEAD, finishedAt });
    await em.nativeUpdate(OutboxMessage, { id: pending.id }, { status: OutboxStatus.PENDING, finishedAt: null });
    const remaining = async () => new Set((await t.orm.em.fork().find(OutboxMessage, { id: { $in: [sent.id, skipped.id, dead.id, pending.id] } })).map((message) => message.id));

    t.clock.advance(61 * 86_400_000);
    await t.app.get(SweepScheduler).runOnce();
    expect(await remaining()).toEqual(new Set([sent.id, skipped.id, dead.id, pending.id]));
    t.clock.advance(2 * 86_400_000);
    await t.app.get(SweepScheduler).runOnce();
    expect(await remaining()).toEqual(new Set([dead.id, pending.id]));
    await t.app.get(SweepScheduler).runOnce(); // a sweep run twice changes nothing
    expect(await remaining()).toEqual(new Set([dead.id, pending.id]));
    t.clock.advance(365 * 86_400_000);
    await t.app.get(SweepScheduler).runOnce();
    expect(await remaining()).toEqual(new Set([pending.id]));
  });
});

describe('without SMTP_URL', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
  });
  afterAll(() => t.close());

  it('writes the reports and no outbox message', async () => {
    const pathway = await journey.diagnosed(await accounts.user('REFERENT'), await accounts.user('COUNSELLOR'));
    expect(await t.orm.em.fork().count(ReferentReport, { pathway: pathway.id })).toBe(1);
    expect(await t.orm.em.fork().count(OutboxMessage, {})).toBe(0);
  });
});
