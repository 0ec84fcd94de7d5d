import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { subMinutes } from 'date-fns';
import { createHash } from 'node:crypto';
import { LoginFailure } from './login-failure.entity';

export interface ThrottleKeys {
  account: string;
  ip: string;
}

/**
 * Failed logins, counted per account and per client address over a sliding window. A key with as
 * many failures as its limit in the window is refused until the oldest of them leaves it. Every
 * attempt counts as a failure from the moment it starts, until its password proves right.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly config: AppConfig) {}

  /**
   * Logins and password changes count on `account:` and `ip:`; password-reset requests and links
   * on their own keys (`reset-account:`, `reset-ip:`), so that asking for links never locks a login.
   */
  keys(emailKey: string, ip: string, purpose: 'login' | 'reset' = 'login'): ThrottleKeys {
    const prefix = purpose === 'login' ? '' : `${purpose}-`;
    return { account: `${prefix}account:${createHash('sha256').update(emailKey).digest('hex')}`, ip: `${prefix}ip:${ip}` };
  }

  /** Minutes until the keys may try again, or 0 when they may now. */
  async minutesLocked(em: EntityManager, keys: ThrottleKeys, now: Date): Promise<number> {
    const { loginMaxFailuresPerAccount, loginMaxFailuresPerIp, loginThrottleMinutes } = this.config.auth;
    const since = subMinutes(now, loginThrottleMinutes);
    let until = 0;
    for (const [key, limit] of [
      [keys.account, loginMaxFailuresPerAccount],
      [keys.ip, loginMaxFailuresPerIp],
    ] as const) {
      const failures = await em.find(
        LoginFailure,
        { key, failedAt: { $gt: since } },
        { orderBy: { failedAt: 'desc' }, limit, fields: ['failedAt'] },
      );
      if (failures.length >= limit) {
        // The failure that tipped the limit leaves the window this long after it happened.
        until = Math.max(until, failures[limit - 1].failedAt.getTime() + loginThrottleMinutes * 60_000);
      }
    }
    return until > now.getTime() ? Math.ceil((until - now.getTime()) / 60_000) : 0;
  }

  /**
   * Counts an attempt before its password is checked, in the caller's transaction: refused (the
   * minutes to wait) when the keys are locked, else recorded as a failure at once, so that N
   * attempts at the same time count N. On PostgreSQL the keys are locked for the transaction
   * (advisory locks), so that two attempts cannot both see the count before either adds to it;
   * SQLite has one writer. A successful attempt is forgiven with `succeeded`.
   */
  async claim(em: EntityManager, keys: ThrottleKeys, now: Date): Promise<{ minutes: number; attempt: LoginFailure[] }> {
    if (this.config.database.driver === 'postgresql') {
      for (const key of [keys.account, keys.ip].sort()) await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [key], 'run', em.getTransactionContext());
    }
    const minutes = await this.minutesLocked(em, keys, now);
    if (minutes > 0) return { minutes, attempt: [] };
    const since = subMinutes(now, this.config.auth.loginThrottleMinutes);
    await em.nativeDelete(LoginFailure, { key: { $in: [keys.account, keys.ip] }, failedAt: { $lte: since } });
    const attempt = [new LoginFailure(keys.account, now), new LoginFailure(keys.ip, now)];
    await em.insertMany(LoginFailure, attempt);
    return { minutes: 0, attempt };
  }

  /** The right password: the account's failures are forgiven, and so is this attempt from its address. */
  async succeeded(em: EntityManager, keys: ThrottleKeys, attempt: LoginFailure[]): Promise<void> {
    await em.nativeDelete(LoginFailure, { $or: [{ key: keys.account }, { id: { $in: attempt.map((row) => row.id) } }] });
  }
}
