import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { TEST_ADMIN } from './test-app';
import { queryDatabase } from './test-database';
import { productionEnv } from './server-process';

/** What the test SMTP server answers to a recipient: accept, try later (451), or refuse for good (550). */
export type SmtpMode = 'accept' | 'tempfail' | 'permfail';

export interface ReceivedMail {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  raw: ParsedMail;
}

/**
 * A real SMTP server (the npm package smtp-server) on 127.0.0.1, as Parcours's relay meets one.
 * `down()` stops listening (connections are refused) and `up()` listens again on the same port;
 * `mode` says how it answers recipients. Every accepted mail is parsed with mailparser.
 */
export class TestSmtp {
  readonly mails: ReceivedMail[] = [];
  mode: SmtpMode = 'accept';
  /** Recipients it answered 451 or 550 to. */
  refusals = 0;
  port = 0;
  private server?: SMTPServer;

  static async start(): Promise<TestSmtp> {
    const smtp = new TestSmtp();
    await smtp.up();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 50,
      onRcptTo: (_address, _session, callback) => {
        if (this.mode === 'accept') return callback();
        this.refusals += 1;
        const [code, text] = this.mode === 'tempfail' ? [451, 'Try again later'] : [550, 'No such mailbox'];
        callback(Object.assign(new Error(text), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.mails.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
              messageId: mail.messageId ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              raw: mail,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => {
      const listening = server.listen(this.port, '127.0.0.1', () => {
        const address = listening.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
    this.server = server;
  }

  /** Stops listening: from now on, connections are refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to === address);
  }
}

/** Polls until the condition holds, up to `ms` (10 s): waits in tests are bounded polls, never timings. */
export async function eventually<T>(probe: () => T | Promise<T>, ms = 10_000, what = 'the condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Gave up waiting ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The environment of a Parcours process that sends e-mails to the test SMTP server, with quick retries. */
export function mailEnv(databaseUrl: string, smtp: TestSmtp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...productionEnv(databaseUrl, TEST_ADMIN.email, TEST_ADMIN.password),
    NODE_ENV: 'test',
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://parcours.test',
    OUTBOX_RETRY_BASE_SECONDS: '1',
    ...extra,
  };
}

export interface OutboxRow {
  id: string;
  report_id: string;
  idempotency_key: string;
  status: string;
  attempts: number;
  smtp_code: number | null;
  last_error: string | null;
  skip_reason: string | null;
}

/** The outbox messages of the reports of these pathways, read from the database as an operator would. */
export function outboxOf(databaseUrl: string, pathwayIds: string[]): Promise<OutboxRow[]> {
  const ids = pathwayIds.map((id) => `'${id.replace(/[^0-9a-f-]/gi, '')}'`).join(', ');
  return queryDatabase<OutboxRow>(databaseUrl, `select m.* from outbox_message m join referent_report r on r.id = m.report_id where r.pathway_id in (${ids || "''"})`);
}
