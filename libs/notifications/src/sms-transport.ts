import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import type { Attempt } from './outbox-message.entity';

export interface Sms {
  /** E.164 (+33612345678). */
  to: string;
  text: string;
}

/**
 * SMS through the provider SMS_PROVIDER names: Brevo's transactional SMS API
 * (`POST {SMS_API_URL}/transactionalSMS/send`, the key in the `api-key` header). Its answer is the
 * attempt: a 2xx accepted; a 429, a 5xx or a network failure tried again later; any other 4xx
 * refused for good (a number the provider will not serve, a key it refuses). Brevo takes no
 * idempotency key: a relay killed after Brevo accepted an SMS and before marking it SENT sends it
 * once more. Only the HTTP status is kept, never the provider's words or the number.
 */
@Injectable()
export class SmsTransport {
  constructor(private readonly config: AppConfig) {}

  get on(): boolean {
    return this.config.sms.provider !== undefined;
  }

  async send(sms: Sms): Promise<Attempt> {
    const { apiUrl, apiKey, sender } = this.config.sms;
    const timeout = Math.min(30_000, Math.max(100, Math.floor(this.config.shutdownTimeoutMs * 0.6)));
    try {
      const response = await fetch(`${apiUrl}/transactionalSMS/send`, {
        method: 'POST',
        headers: { 'api-key': apiKey!, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ sender, recipient: sms.to.replace(/^\+/, ''), content: sms.text, type: 'transactional', tag: 'parcours', unicodeEnabled: true }),
        signal: AbortSignal.timeout(timeout),
      });
      await response.body?.cancel();
      if (response.ok) return { accepted: true, smtpCode: response.status };
      const later = response.status === 429 || response.status >= 500;
      return { accepted: false, smtpCode: response.status, error: `HTTP ${response.status}`, permanent: !later };
    } catch (error) {
      const name = (error as Error).name;
      return { accepted: false, smtpCode: null, error: name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK', permanent: false };
    }
  }
}
