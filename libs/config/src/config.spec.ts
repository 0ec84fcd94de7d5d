import { ConfigError, loadConfig } from './config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, '/srv/parcours');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('defaults to an embedded SQLite file under data/, in development, on port 3000', () => {
    const config = loadConfig({}, '/srv/parcours');
    expect(config.database).toMatchObject({ driver: 'sqlite', sqlitePath: '/srv/parcours/data/parcours.sqlite' });
    expect(config).toMatchObject({ nodeEnv: 'development', port: 3000, host: '127.0.0.1', migrateOnStart: true });
    expect(config.isProduction).toBe(false);
  });

  it.each([
    ['sqlite:/var/lib/parcours/db.sqlite', { driver: 'sqlite', sqlitePath: '/var/lib/parcours/db.sqlite' }],
    ['sqlite:relative/db.sqlite', { driver: 'sqlite', sqlitePath: '/srv/parcours/relative/db.sqlite' }],
    ['sqlite::memory:', { driver: 'sqlite', sqlitePath: ':memory:' }],
    ['postgresql://parcours:secret@db:5432/parcours', { driver: 'postgresql' }],
    ['postgres://db/parcours', { driver: 'postgresql' }],
  ])('reads DATABASE_URL=%s', (url, expected) => {
    expect(loadConfig({ DATABASE_URL: url }, '/srv/parcours').database).toMatchObject(expected);
  });

  it.each([
    ['nonsense', 'DATABASE_URL: must be sqlite:PATH'],
    ['mysql://db/parcours', 'DATABASE_URL: must be sqlite:PATH'],
    ['sqlite:', 'DATABASE_URL: sqlite: needs a file path'],
    ['postgresql://db', 'DATABASE_URL: a PostgreSQL URL needs a host and a database name'],
  ])('refuses DATABASE_URL=%s with a line naming it', (url, expected) => {
    const problems = problemsOf({ DATABASE_URL: url });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('opens 4 SQLite readers beside the writer unless SQLITE_READERS says otherwise (0 to 32)', () => {
    expect(loadConfig({}, '/srv/parcours').database.sqliteReaders).toBe(4);
    expect(loadConfig({ SQLITE_READERS: '0' }, '/srv/parcours').database.sqliteReaders).toBe(0);
    expect(problemsOf({ SQLITE_READERS: '33' })).toEqual([expect.stringContaining('SQLITE_READERS: must be a whole number from 0 to 32')]);
  });

  describe('SMS', () => {
    const brevo = { SMS_PROVIDER: 'brevo', SMS_API_KEY: 'xkeysib-0123456789abcdef', SMS_SENDER: 'Parcours', PUBLIC_URL: 'https://parcours.example.org' };

    it('is off by default, and on with its three settings (Brevo’s API unless SMS_API_URL says otherwise)', () => {
      expect(loadConfig({}, '/srv/parcours').sms).toEqual({ provider: undefined, apiKey: undefined, sender: undefined, apiUrl: 'https://api.brevo.com/v3' });
      expect(loadConfig({ ...brevo, SMS_API_URL: 'http://127.0.0.1:4010/v3/' }, '/srv/parcours').sms).toEqual({ provider: 'brevo', apiKey: brevo.SMS_API_KEY, sender: 'Parcours', apiUrl: 'http://127.0.0.1:4010/v3' });
    });

    it('refuses it half-configured, naming what is set and never the key', () => {
      const problems = problemsOf({ SMS_PROVIDER: 'brevo', SMS_API_KEY: brevo.SMS_API_KEY, PUBLIC_URL: brevo.PUBLIC_URL });
      expect(problems).toEqual([expect.stringMatching(/^SMS_PROVIDER, SMS_API_KEY and SMS_SENDER: go together \(only SMS_PROVIDER and SMS_API_KEY set\)/)]);
      expect(problems.join('\n')).not.toContain(brevo.SMS_API_KEY);
    });

    it('needs PUBLIC_URL: each SMS carries the person’s link to answer', () => {
      expect(problemsOf({ ...brevo, PUBLIC_URL: '' })).toEqual([expect.stringMatching(/^PUBLIC_URL: is required with SMS_PROVIDER/)]);
    });

    it('refuses an unknown provider and a sender phones would not show', () => {
      expect(problemsOf({ ...brevo, SMS_PROVIDER: 'twilio' })).toEqual([expect.stringMatching(/^SMS_PROVIDER: must be one of brevo/)]);
      expect(problemsOf({ ...brevo, SMS_SENDER: 'Parcours LOIRE' })).toEqual([expect.stringMatching(/^SMS_SENDER: must be 1 to 11 letters and digits/)]);
    });
  });

  describe('OpenID Connect (ProConnect)', () => {
    const proconnect = {
      OIDC_ISSUER_URL: 'https://auth.agentconnect.gouv.fr/api/v2/',
      OIDC_CLIENT_ID: 'parcours',
      OIDC_CLIENT_SECRET: 'a-secret-from-proconnect',
      OIDC_REDIRECT_URL: 'https://parcours.example.org/session/oidc/callback',
    };

    it('is off by default, and on with its four settings (ProConnect\'s name and scopes, e-mails not vouched for unless said)', () => {
      expect(loadConfig({}, '/srv/parcours').oidc).toBeUndefined();
      expect(loadConfig({ ...proconnect, OIDC_VOUCHES_FOR_EMAILS: 'true' }, '/srv/parcours').oidc).toEqual({
        issuerUrl: 'https://auth.agentconnect.gouv.fr/api/v2',
        clientId: 'parcours',
        clientSecret: 'a-secret-from-proconnect',
        redirectUrl: proconnect.OIDC_REDIRECT_URL,
        providerName: 'ProConnect',
        scopes: 'openid email given_name usual_name',
        vouchesForEmails: true,
      });
      expect(loadConfig(proconnect, '/srv/parcours').oidc?.vouchesForEmails).toBe(false);
    });

    it('refuses it half-configured at start, naming what is missing and never the secret', () => {
      const problems = problemsOf({ OIDC_ISSUER_URL: proconnect.OIDC_ISSUER_URL, OIDC_CLIENT_SECRET: proconnect.OIDC_CLIENT_SECRET });
      expect(problems).toEqual(['OIDC: OIDC_CLIENT_ID, OIDC_REDIRECT_URL must be set with OIDC_ISSUER_URL, OIDC_CLIENT_SECRET (or none of them, to turn OpenID Connect sign-in off)']);
      expect(problems.join('\n')).not.toContain(proconnect.OIDC_CLIENT_SECRET);
    });

    it('takes http only on this machine, a callback at /session/oidc/callback, and scopes with openid and email', () => {
      expect(problemsOf({ ...proconnect, OIDC_ISSUER_URL: 'http://idp.example.org' })).toEqual([expect.stringMatching(/^OIDC_ISSUER_URL: must be an https URL \(http only on this machine\)/)]);
      expect(problemsOf({ ...proconnect, OIDC_ISSUER_URL: 'http://127.0.0.1:4000' })).toEqual([]);
      expect(problemsOf({ ...proconnect, OIDC_REDIRECT_URL: 'https://parcours.example.org/callback' })).toEqual([expect.stringMatching(/^OIDC_REDIRECT_URL: must end with \/session\/oidc\/callback/)]);
      expect(problemsOf({ ...proconnect, OIDC_SCOPES: 'openid profile' })).toEqual([expect.stringMatching(/^OIDC_SCOPES: must include openid and email/)]);
      expect(problemsOf({ ...proconnect, OIDC_CLIENT_SECRET: 'short' })).toEqual([expect.stringMatching(/^OIDC_CLIENT_SECRET: must be the secret the provider gave/)]);
    });
  });

  describe('e-mail', () => {
    it('sends nothing by default, and reads the outbox settings with their defaults', () => {
      expect(loadConfig({}, '/srv/parcours').mail).toMatchObject({ smtpUrl: undefined, retryBaseSeconds: 30, maxAttempts: 12, retentionDays: 62, relayInProcess: true, testPauseAfterSendMs: 0 });
    });

    it('takes SMTP_URL with PUBLIC_URL, and derives MAIL_FROM from the public host', () => {
      const { mail } = loadConfig({ SMTP_URL: 'smtp://relay:secret@mail.example.org:587', PUBLIC_URL: 'https://parcours.example.org/' }, '/srv/parcours');
      expect(mail).toMatchObject({ smtpUrl: 'smtp://relay:secret@mail.example.org:587', publicUrl: 'https://parcours.example.org', from: 'Parcours <noreply@parcours.example.org>' });
    });

    it.each(['nonsense', 'http://mail.example.org', 'smtp://user:hunter2@'])('refuses SMTP_URL=%s in one line that never shows it', (url) => {
      const problems = problemsOf({ SMTP_URL: url, PUBLIC_URL: 'https://parcours.example.org' });
      expect(problems).toEqual([expect.stringMatching(/^SMTP_URL: must be smtp:\/\//)]);
      expect(problems[0]).not.toContain(url);
    });

    it('requires PUBLIC_URL with SMTP_URL', () => {
      expect(problemsOf({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toEqual([expect.stringMatching(/^PUBLIC_URL: is required with SMTP_URL/)]);
    });

    it('refuses the test hook in production', () => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), OUTBOX_TEST_PAUSE_AFTER_SEND_MS: '5000' })).toEqual([
        expect.stringMatching(/^OUTBOX_TEST_PAUSE_AFTER_SEND_MS: is a test hook/),
      ]);
    });
  });

  describe('follow-up and outcome', () => {
    it('reads the calendar and the outcome rules with their defaults', () => {
      expect(loadConfig({}).journey).toMatchObject({ followUpOffsets: ['15d', '1m', '3m', '6m'], followUpMissedAfterDays: 7, sixMonthsRule: 'AT_LEAST', tempChainGapDays: 7 });
      expect(loadConfig({ FOLLOW_UP_OFFSETS: '7d, 2m,12m', SIX_MONTHS_RULE: 'MORE_THAN', TEMP_CHAIN_GAP_DAYS: '0' }).journey).toMatchObject({
        followUpOffsets: ['7d', '2m', '12m'],
        sixMonthsRule: 'MORE_THAN',
        tempChainGapDays: 0,
      });
    });

    it.each(['15', '1w', '15d,15d', ','])('refuses FOLLOW_UP_OFFSETS=%s', (raw) => {
      expect(problemsOf({ FOLLOW_UP_OFFSETS: raw })).toEqual([expect.stringMatching(/^FOLLOW_UP_OFFSETS: /)]);
    });

    it('refuses an unknown six-month rule', () => {
      expect(problemsOf({ SIX_MONTHS_RULE: 'ABOUT' })).toEqual(['SIX_MONTHS_RULE: must be one of AT_LEAST, MORE_THAN (got "ABOUT")']);
    });
  });

  describe('CLOCK_START', () => {
    it('is unset by default: the system clock', () => {
      expect(loadConfig({}).clockStart).toBeUndefined();
    });

    it.each([
      ['2027-01-15T09:00:00Z', '2027-01-15T09:00:00.000Z'],
      ['2027-01-15T10:00:00+01:00', '2027-01-15T09:00:00.000Z'],
      ['2027-01-15', '2027-01-14T23:00:00.000Z'], // midnight in Paris, winter time
      ['2027-07-15', '2027-07-14T22:00:00.000Z'], // summer time
    ])('reads %s as %s', (raw, instant) => {
      expect(loadConfig({ CLOCK_START: raw }).clockStart?.toISOString()).toBe(instant);
    });

    it.each(['tomorrow', '2027-02-30', '2027-01-15T09:00:00'])('refuses %s', (raw) => {
      expect(problemsOf({ CLOCK_START: raw })).toEqual([expect.stringMatching(/^CLOCK_START: /)]);
    });

    it('is refused in production', () => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), CLOCK_START: '2027-01-15' })).toEqual([
        'CLOCK_START: is for rehearsals, demos and tests, and is refused when NODE_ENV=production',
      ]);
    });
  });

  it('never repeats a database URL in its message, since it may hold a password', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://admin:hunter2@db/parcours' })[0]).not.toContain('hunter2');
  });

  it('names every bad variable at once, one line each', () => {
    expect(problemsOf({ PORT: 'eighty', NODE_ENV: 'staging', LOG_LEVEL: 'loud', TRUST_PROXY: 'the usual' })).toEqual([
      'NODE_ENV: must be one of development, production, test (got "staging")',
      'PORT: must be a whole number from 0 to 65535 (got "eighty")',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'TRUST_PROXY: must be true, false, a number of hops, or a comma-separated list of proxy addresses or CIDR ranges',
    ]);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['10.0.0.1, 192.168.0.0/16', ['10.0.0.1', '192.168.0.0/16']],
  ])('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['0.0.0.0', '192.168.1.10', '::'])('refuses to listen on %s in development mode, the default', (host) => {
    expect(problemsOf({ HOST: host })).toEqual([
      `HOST: ${host} is reachable from other machines, which development mode (the default) must not be: set NODE_ENV=production`,
    ]);
    expect(problemsOf({ HOST: host, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it.each(['127.0.0.1', '::1', 'localhost'])('listens on %s in development mode', (host) => {
    expect(problemsOf({ HOST: host })).toEqual([]);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' }, '/srv/parcours')).toMatchObject({ port: 3000, database: { driver: 'sqlite' } });
  });
});
