import { createServer, type Server } from 'node:http';
import { productionEnv } from './server-process';
import { TEST_ADMIN } from './test-app';

/** The API key the tests' servers send to the fake. */
export const FAKE_SMS_KEY = 'xkeysib-test-0123456789';

/** A server with SMS through the fake Brevo API (and no SMTP server unless `extra` adds one). */
export function smsEnv(databaseUrl: string, sms: FakeSmsApi, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...productionEnv(databaseUrl, TEST_ADMIN.email, TEST_ADMIN.password),
    NODE_ENV: 'test',
    OUTBOX_RETRY_BASE_SECONDS: '1',
    PUBLIC_URL: 'https://parcours.test',
    SMS_PROVIDER: 'brevo',
    SMS_API_KEY: FAKE_SMS_KEY,
    SMS_SENDER: 'Parcours',
    SMS_API_URL: sms.url,
    ...extra,
  };
}

/** What the fake answers: accept (201), try later (503), or refuse for good (400). */
export type SmsMode = 'accept' | 'tempfail' | 'permfail';

export interface ReceivedSms {
  apiKey: string | undefined;
  sender: string;
  recipient: string;
  content: string;
  type: string;
}

/**
 * A local fake of Brevo's transactional SMS API (`POST /v3/transactionalSMS/send`), started by the
 * test on 127.0.0.1: it checks the key and the body as Brevo documents them, records each SMS it
 * accepts, and answers as `mode` says. Parcours talks to it over HTTP, as it would to Brevo.
 */
export class FakeSmsApi {
  readonly received: ReceivedSms[] = [];
  mode: SmsMode = 'accept';
  refusals = 0;
  private server?: Server;
  private port = 0;
  private next = 1;

  static async start(apiKey: string): Promise<FakeSmsApi> {
    const fake = new FakeSmsApi();
    await fake.listen(apiKey);
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/v3`;
  }

  to(recipient: string): ReceivedSms[] {
    return this.received.filter((sms) => sms.recipient === recipient);
  }

  private listen(apiKey: string): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = (status: number, body: object) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(body));
        };
        if (request.method !== 'POST' || request.url !== '/v3/transactionalSMS/send') return answer(404, { code: 'not_found', message: 'Not found' });
        if (request.headers['api-key'] !== apiKey) return answer(401, { code: 'unauthorized', message: 'Key not found' });
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return answer(400, { code: 'bad_request', message: 'Invalid JSON' });
        }
        const { sender, recipient, content, type } = body as Record<string, string>;
        if (!/^[A-Za-z0-9]{1,11}$/.test(sender) || !/^\d{6,15}$/.test(recipient) || !content) return answer(400, { code: 'missing_parameter', message: 'sender, recipient or content' });
        if (this.mode !== 'accept') {
          this.refusals += 1;
          return this.mode === 'tempfail' ? answer(503, { code: 'unavailable', message: 'Try later' }) : answer(400, { code: 'invalid_parameter', message: 'Invalid phone number' });
        }
        this.received.push({ apiKey: request.headers['api-key'] as string, sender, recipient, content, type });
        answer(201, { messageId: this.next++ });
      });
    });
    return new Promise((resolve) => {
      this.server!.listen(0, '127.0.0.1', () => {
        const address = this.server!.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
