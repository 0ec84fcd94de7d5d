import { Injectable } from '@nestjs/common';
import { resolveJwtSecret } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The console's public page where the person answers; the token travels in the fragment, which no server, log or Referer sees. */
export const ANSWER_PAGE = '/rendez-vous';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The person's links to their appointment, carried by every message about it: a token is the
 * appointment's id (16 bytes) and an HMAC of it (16 bytes) under a key derived from the server's
 * secret (JWT_SECRET), 43 characters in base64url: short enough for an SMS, rebuilt by the relay
 * at each sending, stored nowhere. Whether it still opens anything is the appointment's business
 * (planned and to come); a changed JWT_SECRET ends every link.
 */
@Injectable()
export class AppointmentLinks {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = createHmac('sha256', resolveJwtSecret(config)).update('parcours appointment links v1').digest();
  }

  token(appointmentId: string): string {
    const id = Buffer.from(appointmentId.replace(/-/g, ''), 'hex');
    return Buffer.concat([id, this.mac(id)]).toString('base64url');
  }

  link(publicUrl: string, appointmentId: string): string {
    return `${publicUrl}${ANSWER_PAGE}#${this.token(appointmentId)}`;
  }

  /** The appointment a token names, or null for anything forged, mangled or signed with another secret. */
  appointmentOf(token: string): string | null {
    if (!TOKEN.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    const id = bytes.subarray(0, 16);
    if (!timingSafeEqual(bytes.subarray(16), this.mac(id))) return null;
    const hex = id.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(id: Buffer): Buffer {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, 16);
  }
}
