import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { createTransport, type Transporter } from 'nodemailer';
import type { Attempt } from './outbox-message.entity';

/** How many e-mails one relay sends at once (the SMTP connections of its pool). */
export const RELAY_CONCURRENCY = 5;

export interface Email {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  /** A calendar invitation (or its cancellation), sent as nodemailer's icalEvent: text/calendar beside the text, and as convocation.ics. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * nodemailer to SMTP_URL, through a small pool of connections. Its timeouts stay well below
 * SHUTDOWN_TIMEOUT_MS, so that the message in hand at SIGTERM finishes (or fails) in time.
 * nodemailer's own logger is off: its lines quote addresses.
 */
@Injectable()
export class MailTransport {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  async send(email: Email): Promise<Attempt> {
    try {
      const info = (await this.transporter().sendMail({
        from: this.config.mail.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
        ...(email.calendar ? { icalEvent: { filename: 'convocation.ics', method: email.calendar.method, content: email.calendar.content } } : {}),
        headers: { 'Auto-Submitted': 'auto-generated' },
      })) as { response?: string };
      return { accepted: true, smtpCode: smtpCodeOf(info.response) };
    } catch (error) {
      return failureOf(error);
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }

  private transporter(): Transporter {
    const timeout = Math.min(30_000, Math.max(100, Math.floor(this.config.shutdownTimeoutMs * 0.6)));
    this.transport ??= createTransport({
      url: this.config.mail.smtpUrl,
      pool: true,
      maxConnections: RELAY_CONCURRENCY,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
      debug: false,
    });
    return this.transport;
  }
}

function smtpCodeOf(response: string | undefined): number | null {
  const code = /^(\d{3})\b/.exec(response ?? '')?.[1];
  return code ? Number(code) : null;
}

/**
 * A failed attempt, by what it says about the next one: an SMTP 5xx is a refusal for good; a 4xx,
 * a network failure or anything else may pass later. Only the code is kept, never the server's
 * words, which may quote the address.
 */
export function failureOf(error: unknown): Attempt {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return { accepted: false, smtpCode: responseCode, error: `SMTP ${responseCode}`, permanent: responseCode >= 500 };
  return { accepted: false, smtpCode: null, error: typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'UNKNOWN', permanent: false };
}
