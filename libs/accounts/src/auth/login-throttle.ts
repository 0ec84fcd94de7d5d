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
 * many failures as its limit in the window is refused until the oldest of them leaves it.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly config: AppConfig) {}

  keys(emailKey: string, ip: string): ThrottleKeys {
    return { account: `account:${createHash('sha256').update(emailKey).digest('hex')}`, ip: `ip:${ip}` };
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

  async recordFailure(em: EntityManager, keys: ThrottleKeys, now: Date): Promise<void> {
    const since = subMinutes(now, this.config.auth.loginThrottleMinutes);
    await em.nativeDelete(LoginFailure, { key: { $in: [keys.account, keys.ip] }, failedAt: { $lte: since } });
    await em.insertMany(LoginFailure, [new LoginFailure(keys.account, now), new LoginFailure(keys.ip, now)]);
  }

  async clearAccount(em: EntityManager, keys: ThrottleKeys): Promise<void> {
    await em.nativeDelete(LoginFailure, { key: keys.account });
  }
}
