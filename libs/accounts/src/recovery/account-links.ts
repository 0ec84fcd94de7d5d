import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { isUuid } from '@parcours/core';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { AccountTokenPurpose } from './account-token.entity';

/** The console's pages a link opens; the token travels in the fragment, which no server, log or Referer sees. */
const PAGES: Record<AccountTokenPurpose, string> = {
  [AccountTokenPurpose.PASSWORD_RESET]: '/nouveau-mot-de-passe',
  [AccountTokenPurpose.INVITATION]: '/invitation',
};

/**
 * The links of password resets and invitations. A token is `<id>.<secret>`, the secret an HMAC of
 * the id under a key derived from the server's secret (JWT_SECRET): the database keeps only the
 * secret's SHA-256, and the relay can still write the link into the e-mail when it sends it.
 */
@Injectable()
export class AccountLinks {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = createHmac('sha256', resolveJwtSecret(config)).update('parcours account links v1').digest();
  }

  token(id: string): string {
    return `${id}.${this.secret(id)}`;
  }

  /** What the database keeps of a token's secret. */
  secretHash = (id: string): string => sha256(this.secret(id));

  link(publicUrl: string, purpose: AccountTokenPurpose, id: string): string {
    return `${publicUrl}${PAGES[purpose]}#${this.token(id)}`;
  }

  private secret(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

  /** The token's id, and the hash to compare with the stored one; null when it cannot be one of ours. */
  read(token: string): { id: string; secretHash: string } | null {
    const [id, secret, rest] = token.trim().split('.');
    if (rest !== undefined || !id || !isUuid(id) || !secret || secret.length > 100) return null;
    return { id, secretHash: sha256(secret) };
  }
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
