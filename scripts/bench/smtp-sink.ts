import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

/** An SMTP server on 127.0.0.1 that accepts everything and counts, with the instant of each acceptance. */
export class SmtpSink {
  count = 0;
  lastAt = 0;
  private waiters: { count: number; resolve: () => void }[] = [];

  url = '';
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 50,
    onData: (stream, _session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        this.accepted();
        callback();
      });
    },
  });

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    const port = await new Promise<number>((resolve) => {
      const listening = sink.server.listen(0, '127.0.0.1', () => {
        const address = listening.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    sink.url = `smtp://127.0.0.1:${port}`;
    return sink;
  }

  /** Resolves once `count` e-mails in all have been accepted. */
  until(count: number): Promise<void> {
    if (this.count >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accepted(): void {
    this.count += 1;
    this.lastAt = performance.now();
    for (const waiter of this.waiters.filter((waiter) => waiter.count <= this.count)) waiter.resolve();
    this.waiters = this.waiters.filter((waiter) => waiter.count > this.count);
  }
}
