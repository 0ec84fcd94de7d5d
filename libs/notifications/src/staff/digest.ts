import { Injectable, Logger } from '@nestjs/common';
import { User } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { addCalendarDays, Clock, parisDay, parisInstant, type LocalDate } from '@parcours/core';
import { isWorkingDay, ReferentReport } from '@parcours/reports';
import { SYSTEM, UnitOfWork, type ScopedReads } from '@parcours/unit-of-work';
import { OutboxMessage } from '../outbox-message.entity';
import { OutboxSignal } from '../outbox-signal';
import { deliveryOf, NotificationDelivery, REPORT_SETTING, SETTING_KINDS, type SettingKind } from './notification-settings';
import { StaffNotification } from './staff-notification.entity';

/** The digest leaves at 07:30 Paris on working days; a server down then sends it at start-up until noon. */
const AT = { hours: 7, minutes: 30 };
const LATE_UNTIL_HOUR = 12;

/** The working day before `day` (weekends and public holidays skipped, as for report due dates). */
function previousWorkingDay(day: LocalDate): LocalDate {
  let before = addCalendarDays(day, -1);
  while (!isWorkingDay(before)) before = addCalendarDays(before, -1);
  return before;
}

/** What a digest of `day` counts: what came from 07:30 on the working day before to 07:30 that day. */
export function digestWindow(day: LocalDate): { from: Date; to: Date } {
  return { from: parisInstant(previousWorkingDay(day), AT.hours, AT.minutes), to: parisInstant(day, AT.hours, AT.minutes) };
}

/** The day whose digest is due at `now`: a working day, from 07:30 to noon (Paris); null otherwise. */
export function digestDue(now: Date): LocalDate | null {
  const today = parisDay(now);
  if (!isWorkingDay(today)) return null;
  return now >= parisInstant(today, AT.hours, AT.minutes) && now < parisInstant(today, LATE_UNTIL_HOUR) ? today : null;
}

/** The next 07:30 of a working day after `now`. */
export function nextDigestAt(now: Date): Date {
  let day = parisDay(now);
  while (!isWorkingDay(day) || parisInstant(day, AT.hours, AT.minutes) <= now) day = addCalendarDays(day, 1);
  return parisInstant(day, AT.hours, AT.minutes);
}

/**
 * What a user's digest of `day` counts, by kind: their unread notices of the window whose kind they
 * take in the digest, and (a referent) their reports of the window not yet acknowledged if they
 * take reports in the digest. Counted when the digest is written and again when it leaves.
 */
export async function digestCounts(reads: ScopedReads, user: User, day: LocalDate): Promise<{ kind: SettingKind; count: number }[]> {
  const kinds = (SETTING_KINDS[user.role] ?? []).filter((kind) => deliveryOf(user, kind) === NotificationDelivery.DIGEST);
  if (kinds.length === 0) return [];
  const { from, to } = digestWindow(day);
  const notices = await reads.find(StaffNotification, { recipient: user.id, readAt: null, createdAt: { $gte: from, $lt: to }, kind: { $in: kinds.filter((kind) => kind !== REPORT_SETTING) } }, { fields: ['kind'] });
  const reports = kinds.includes(REPORT_SETTING) ? await reads.count(ReferentReport, { referent: user.id, acknowledgedAt: null, eventAt: { $gte: from, $lt: to } }) : 0;
  return kinds.map((kind) => ({ kind, count: kind === REPORT_SETTING ? reports : notices.filter((notice) => notice.kind === kind).length })).filter((line) => line.count > 0);
}

/**
 * The morning's digest: at 07:30 Paris on working days (the holiday calendar of report due dates),
 * one e-mail per member of staff who has something to count (digestCounts), through the outbox.
 * On its own timer (apps/api's DigestScheduler), not the sweeps'. A server that was down at 07:30
 * writes the day's digests when it starts, until noon. Once per user and day: the outbox's key is
 * the user and the day, so a second process, or a restart, writes nothing more.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('Digest');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly signal: OutboxSignal,
  ) {}

  /** The digests due now (digestDue), each written once per user and day; how many this call wrote. */
  async compose(): Promise<{ written: number }> {
    const now = this.clock.now();
    const day = digestDue(now);
    if (!day || !this.config.mail.smtpUrl) return { written: 0 };
    const { from, to } = digestWindow(day);
    const candidates = await this.uow.read(SYSTEM, async (reads) => {
      const [notices, reports] = await Promise.all([
        reads.find(StaffNotification, { readAt: null, createdAt: { $gte: from, $lt: to } }, { fields: ['recipient'] }),
        reads.find(ReferentReport, { acknowledgedAt: null, eventAt: { $gte: from, $lt: to } }, { fields: ['referent'] }),
      ]);
      return [...new Set([...notices.map((notice) => notice.recipient.id), ...reports.map((report) => report.referent.id)])];
    });
    let written = 0;
    for (const recipientId of candidates) {
      written += await this.uow.run(null, async ({ em, reads }) => {
        const key = new OutboxMessage({ digest: { recipientId, day } }, now).idempotencyKey;
        if ((await reads.count(OutboxMessage, { idempotencyKey: key })) > 0) return 0;
        const user = await reads.findOne(User, { id: recipientId, deactivatedAt: null });
        if (!user || (await digestCounts(reads, user, day)).length === 0) return 0;
        em.persist(new OutboxMessage({ digest: { recipientId, day } }, now));
        return 1;
      });
    }
    if (written > 0) {
      this.logger.log(`Digests of ${day}: ${written} written`);
      this.signal.nudge();
    }
    return { written };
  }
}
