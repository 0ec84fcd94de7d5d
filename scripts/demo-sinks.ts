import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** The API key the demo's server sends to its own SMS sink (no provider is ever called). */
const DEMO_SMS_KEY = 'demo-local-sink';

/**
 * Where the demo's messages go instead of the world: an SMTP server and a stand-in for Brevo's
 * transactional SMS API, both on 127.0.0.1, that keep each message as a file in `dir` (an .eml a
 * mail client opens, with its calendar invitation; a .txt per SMS). The server talks to them as it
 * would to real ones, through its outbox and relay.
 */
export async function startDemoSinks(dir: string): Promise<{ env: Record<string, string>; close: () => void }> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const keep = (kind: 'email' | 'sms', to: string, extension: string, content: string | Buffer) => {
    count += 1;
    const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(count).padStart(3, '0')}-${kind}-${to.replace(/[^\w.@+-]/g, '_')}.${extension}`);
    writeFileSync(file, content);
    process.stdout.write(`[demo] ${kind === 'email' ? 'E-mail' : 'SMS'} kept in ${file}\n`);
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        keep('email', session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','), 'eml', Buffer.concat(chunks));
        callback();
      });
    },
  });
  smtp.on('error', () => undefined);
  const smtpPort = await listen((port, done) => smtp.listen(port, '127.0.0.1', done), () => (smtp.server.address() as AddressInfo).port);

  const sms: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const ok = request.method === 'POST' && request.url === '/v3/transactionalSMS/send' && request.headers['api-key'] === DEMO_SMS_KEY;
      if (!ok) {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"invalid_parameter"}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { recipient: string; sender: string; content: string };
      keep('sms', body.recipient, 'txt', `De : ${body.sender}\nÀ : +${body.recipient}\n\n${body.content}\n`);
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: count }));
    });
  });
  const smsPort = await listen((port, done) => sms.listen(port, '127.0.0.1', done), () => (sms.address() as AddressInfo).port);

  return {
    env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMS_PROVIDER: 'brevo', SMS_API_KEY: DEMO_SMS_KEY, SMS_SENDER: 'Parcours', SMS_API_URL: `http://127.0.0.1:${smsPort}/v3` },
    close: () => {
      smtp.close(() => undefined);
      sms.close();
    },
  };
}

function listen(start: (port: number, done: () => void) => void, port: () => number): Promise<number> {
  return new Promise((resolve) => start(0, () => resolve(port())));
}
