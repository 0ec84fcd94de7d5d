import { isAbsolute, resolve } from 'node:path';

export const DEFAULT_DATABASE_URL = 'sqlite:data/parcours.sqlite';

export type NodeEnv = 'development' | 'production' | 'test';
export type DatabaseDriver = 'sqlite' | 'postgresql';

export interface DatabaseConfig {
  driver: DatabaseDriver;
  /** The value as given, for the driver's own connection options. */
  url: string;
  /** sqlite only: absolute path of the database file, or ':memory:'. */
  sqlitePath?: string;
  sqliteBusyTimeoutMs: number;
  /** sqlite only: read-only connections beside the one writer (0: everything on the writer). */
  sqliteReaders: number;
  poolMax: number;
}

export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  /** How many times one field may stand in one selection (without an alias). */
  maxRepeatedField: number;
}

export interface AuthConfig {
  /** Unset outside production: the API keeps a generated one in DATA_DIR. */
  jwtSecret?: string;
  accessTokenTtlMinutes: number;
  refreshTokenTtlHours: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginThrottleMinutes: number;
  /** A password-reset link works this long, once. */
  passwordResetMinutes: number;
  /** An invitation link (an account created without a password) works this long, once. */
  invitationDays: number;
}

/** Sign-in through an OpenID Connect provider (ProConnect), beside passwords; absent when off. */
export interface OidcConfig {
  /** The issuer's URL, whose /.well-known/openid-configuration describes it. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** This server's callback, as registered at the provider: …/session/oidc/callback. */
  redirectUrl: string;
  /** The button's word: "S'identifier avec {providerName}". */
  providerName: string;
  /** The scopes asked for, openid and email among them. */
  scopes: string;
  /**
   * The provider vouches for the e-mail address it sends (ProConnect: the agent's professional
   * address, checked by the federation, without `email_verified`); otherwise an account is linked
   * only on `email_verified: true`.
   */
  vouchesForEmails: boolean;
}

export interface BootstrapConfig {
  operatorName: string;
  adminEmail: string;
  adminName: string;
  /** Unset: a password is generated and printed once. */
  adminPassword?: string;
}

export interface JourneyConfig {
  /** EPCI SIRENs (9 digits) and commune INSEE codes (5 characters) making the programme territory. */
  territory: string[];
  /** A pathway still REFERRED after this many days is flagged as waiting too long. */
  referralStaleDays: number;
  /** A report is due for acknowledgement this many working days after its day. */
  reportAckWorkingDays: number;
  /** An open opportunity not updated for this many days is closed by the sweep. */
  opportunityStaleDays: number;
  /** An open proposal with no step for this many days becomes STALE by the sweep. */
  proposalStaleDays: number;
  /** Follow-up checkpoints after the first placement's start: days ("15d") or calendar months ("1m"). */
  followUpOffsets: string[];
  /** A pending checkpoint becomes MISSED this many days after its day. */
  followUpMissedAfterDays: number;
  /** "6 months or more" (AT_LEAST, FSE+) or "more than 6 months" (MORE_THAN, IAE circular) makes a contract durable. */
  sixMonthsRule: 'AT_LEAST' | 'MORE_THAN';
  /** A temp mission starting at most this many days after the previous one ended continues its chain. */
  tempChainGapDays: number;
}

export interface DataProtectionConfig {
  /** A participant none of whose pathways changed for this long is anonymised. */
  retentionMonths: number;
  /** Audit entries older than this are purged. */
  auditRetentionMonths: number;
  /** How often the sweeps run in the API process; 0 turns them off (run them from elsewhere). */
  sweepIntervalMinutes: number;
  /** How often the API process looks for a referral import no process runs (a restart), to resume it; 0: never. */
  importResumeSeconds: number;
}

export interface MailConfig {
  /** Unset: no e-mail is sent and no outbox message is written. Never logged: it may hold a password. */
  smtpUrl?: string;
  /** The console's address, for the links in e-mails (required with SMTP_URL). */
  publicUrl?: string;
  from: string;
  /** The first retry waits about this long; each next one twice as long (with jitter). */
  retryBaseSeconds: number;
  /** After this many failed attempts a message is dead. */
  maxAttempts: number;
  /** How long a relay holds a claimed message before another may take it back. */
  leaseSeconds: number;
  /** How often the relay looks for due messages when nothing nudges it. */
  pollMs: number;
  /** Run the relay inside the API process (false: run `npm run relay` beside it). */
  relayInProcess: boolean;
  /** SENT and SKIPPED messages are purged after this many days (DEAD ones after 12 months). */
  retentionDays: number;
  /** Tests only (refused in production): the relay waits this long between SMTP acceptance and marking SENT. */
  testPauseAfterSendMs: number;
  /** The staff's morning digest on its 07:30 timer (false: never written; the tests run it by hand). */
  digest: boolean;
}

/** SMS to the people followed (their convocations), through a provider's HTTP API; off unless configured. */
export interface SmsConfig {
  /** Unset: SMS is off (the console says so) and no SMS message is written. */
  provider?: 'brevo';
  /** Never logged. */
  apiKey?: string;
  /** The sender name shown on phones: up to 11 letters and digits. */
  sender?: string;
  /** The provider's API base (Brevo's by default; tests point it at a local fake). */
  apiUrl: string;
}

/** The whole validated environment. Nothing else in Parcours reads process.env. */
export class AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  logLevel: string;
  trustProxy: boolean | number | string[];
  bodyLimitBytes: number;
  requestIdHeader: string;
  shutdownTimeoutMs: number;
  migrateOnStart: boolean;
  dataDir: string;
  database: DatabaseConfig;
  graphql: GraphqlLimits;
  auth: AuthConfig;
  bootstrap: BootstrapConfig;
  journey: JourneyConfig;
  dataProtection: DataProtectionConfig;
  mail: MailConfig;
  sms: SmsConfig;
  oidc?: OidcConfig;
  /** Rehearsals only (refused in production): the clock starts at this instant and runs on. */
  clockStart?: Date;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get isDevelopment(): boolean {
    return this.nodeEnv === 'development';
  }
}

/** Every problem found, one line each, naming the variable; never the value of a secret. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Invalid {
  constructor(readonly reason: string) {}
}
type Parser<T> = (raw: string) => T | Invalid;
const invalid = (reason: string) => new Invalid(reason);

/** Reads and validates the environment; throws ConfigError listing every bad or missing value. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: T, parse: Parser<T>): T => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const parsed = parse(raw.trim());
    if (parsed instanceof Invalid) {
      problems.push(`${name}: ${parsed.reason}`);
      return fallback;
    }
    return parsed;
  };

  const config = new AppConfig();
  config.nodeEnv = read<NodeEnv>('NODE_ENV', 'development', oneOf(['development', 'production', 'test']));
  config.host = read('HOST', '127.0.0.1', (raw) => raw);
  config.port = read('PORT', 3000, integer(0, 65535));
  config.logLevel = read('LOG_LEVEL', 'info', oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']));
  config.trustProxy = read<boolean | number | string[]>('TRUST_PROXY', false, parseTrustProxy);
  config.bodyLimitBytes = read('BODY_LIMIT_BYTES', 1_048_576, integer(1024, 104_857_600));
  config.requestIdHeader = read('REQUEST_ID_HEADER', 'x-request-id', (raw) =>
    /^[a-z0-9-]{1,64}$/i.test(raw) ? raw.toLowerCase() : invalid('must be an HTTP header name such as x-request-id'),
  );
  config.shutdownTimeoutMs = read('SHUTDOWN_TIMEOUT_MS', 10_000, integer(100, 600_000));
  config.migrateOnStart = read('MIGRATE_ON_START', true, boolean);
  config.database = {
    ...read<Pick<DatabaseConfig, 'driver' | 'url' | 'sqlitePath'>>(
      'DATABASE_URL',
      parseDatabaseUrl(DEFAULT_DATABASE_URL, cwd) as DatabaseConfig,
      (raw) => parseDatabaseUrl(raw, cwd),
    ),
    sqliteBusyTimeoutMs: read('SQLITE_BUSY_TIMEOUT_MS', 5_000, integer(0, 600_000)),
    sqliteReaders: read('SQLITE_READERS', 4, integer(0, 32)),
    poolMax: read('DATABASE_POOL_MAX', 10, integer(1, 100)),
  };
  config.graphql = {
    maxDepth: read('GRAPHQL_MAX_DEPTH', 10, integer(2, 100)),
    maxAliases: read('GRAPHQL_MAX_ALIASES', 15, integer(1, 1000)),
    maxTokens: read('GRAPHQL_MAX_TOKENS', 2_000, integer(50, 100_000)),
    maxCost: read('GRAPHQL_MAX_COST', 5_000, integer(10, 1_000_000)),
    maxDirectives: read('GRAPHQL_MAX_DIRECTIVES', 50, integer(1, 1000)),
    maxRepeatedField: read('GRAPHQL_MAX_REPEATED_FIELD', 3, integer(1, 100)),
  };

  config.dataDir = read('DATA_DIR', resolve(cwd, 'data'), (raw) => (isAbsolute(raw) ? raw : resolve(cwd, raw)));
  config.auth = {
    jwtSecret: read<string | undefined>('JWT_SECRET', undefined, (raw) =>
      raw.length >= 32 ? raw : invalid('must be at least 32 characters long (openssl rand -base64 48 makes one)'),
    ),
    accessTokenTtlMinutes: read('ACCESS_TOKEN_TTL_MINUTES', 15, integer(1, 1440)),
    refreshTokenTtlHours: read('REFRESH_TOKEN_TTL_HOURS', 12, integer(1, 720)),
    loginMaxFailuresPerAccount: read('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, integer(1, 1000)),
    loginMaxFailuresPerIp: read('LOGIN_MAX_FAILURES_PER_IP', 20, integer(1, 100_000)),
    loginThrottleMinutes: read('LOGIN_THROTTLE_MINUTES', 15, integer(1, 1440)),
    passwordResetMinutes: read('PASSWORD_RESET_MINUTES', 30, integer(5, 1440)),
    invitationDays: read('INVITATION_DAYS', 7, integer(1, 90)),
  };
  // Development mode shows stack frames and the explorer: on this machine only.
  if (config.nodeEnv === 'development' && !['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
    problems.push(`HOST: ${config.host} is reachable from other machines, which development mode (the default) must not be: set NODE_ENV=production`);
  }
  if (config.nodeEnv === 'production' && !config.auth.jwtSecret && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: is required when NODE_ENV=production (at least 32 characters)');
  }
  config.oidc = readOidc(env, read, problems);
  config.bootstrap = {
    operatorName: read('OPERATOR_NAME', 'Forez Entreprendre', (raw) => (raw.length <= 200 ? raw : invalid('must be at most 200 characters'))),
    adminEmail: read('ADMIN_EMAIL', 'admin@parcours.local', (raw) =>
      /^[^\s@]+@[^\s@]+$/.test(raw) ? raw : invalid('must be an e-mail address'),
    ),
    adminName: read('ADMIN_NAME', 'Administrateur', (raw) => raw),
    adminPassword: read<string | undefined>('ADMIN_PASSWORD', undefined, (raw) => raw),
  };

  config.journey = {
    territory: read('TERRITORY', ['244200770'], (raw) => {
      const codes = raw.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
      return codes.length > 0 && codes.every((code) => /^\d{9}$/.test(code) || /^(\d{5}|2[AB]\d{3})$/.test(code))
        ? codes
        : invalid('must be a comma-separated list of EPCI SIRENs (9 digits) and commune INSEE codes (5 characters)');
    }),
    referralStaleDays: read('REFERRAL_STALE_DAYS', 30, integer(1, 365)),
    reportAckWorkingDays: read('REPORT_ACK_WORKING_DAYS', 5, integer(1, 60)),
    opportunityStaleDays: read('OPPORTUNITY_STALE_DAYS', 90, integer(1, 3650)),
    proposalStaleDays: read('PROPOSAL_STALE_DAYS', 60, integer(1, 3650)),
    followUpOffsets: read('FOLLOW_UP_OFFSETS', ['15d', '1m', '3m', '6m'], (raw) => {
      const offsets = raw.split(',').map((offset) => offset.trim()).filter(Boolean);
      if (offsets.length === 0 || offsets.some((offset) => !/^\d{1,3}[dm]$/.test(offset))) return invalid(`must be a comma-separated list of days (15d) and calendar months (1m), as in 15d,1m,3m,6m (got "${raw}")`);
      return new Set(offsets).size === offsets.length ? offsets : invalid(`lists an offset twice (got "${raw}")`);
    }),
    followUpMissedAfterDays: read('FOLLOW_UP_MISSED_AFTER_DAYS', 7, integer(1, 365)),
    sixMonthsRule: read<'AT_LEAST' | 'MORE_THAN'>('SIX_MONTHS_RULE', 'AT_LEAST', oneOf(['AT_LEAST', 'MORE_THAN'])),
    tempChainGapDays: read('TEMP_CHAIN_GAP_DAYS', 7, integer(0, 365)),
  };
  config.clockStart = read<Date | undefined>('CLOCK_START', undefined, parseClockStart);
  if (env.CLOCK_START?.trim() && config.nodeEnv === 'production') {
    problems.push('CLOCK_START: is for rehearsals, demos and tests, and is refused when NODE_ENV=production');
  }

  config.dataProtection = {
    retentionMonths: read('RETENTION_MONTHS', 24, integer(1, 240)),
    auditRetentionMonths: read('AUDIT_RETENTION_MONTHS', 12, integer(1, 240)),
    sweepIntervalMinutes: read('SWEEP_INTERVAL_MINUTES', 60, integer(0, 1440)),
    importResumeSeconds: read('IMPORT_RESUME_SECONDS', 10, integer(0, 3600)),
  };

  const smtpUrl = read<string | undefined>('SMTP_URL', undefined, parseSmtpUrl);
  const publicUrl = read<string | undefined>('PUBLIC_URL', undefined, parsePublicUrl);
  if (env.SMTP_URL?.trim() && !env.PUBLIC_URL?.trim()) problems.push('PUBLIC_URL: is required with SMTP_URL (the links in e-mails point to it), as in https://parcours.example.org');
  else if (env.SMS_PROVIDER?.trim() && !env.PUBLIC_URL?.trim()) problems.push('PUBLIC_URL: is required with SMS_PROVIDER (each SMS carries the person\'s link to answer), as in https://parcours.example.org');
  config.mail = {
    smtpUrl,
    publicUrl,
    from: read('MAIL_FROM', `Parcours <noreply@${publicUrl ? new URL(publicUrl).hostname : 'localhost'}>`, (raw) =>
      /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(raw) ? raw : invalid('must be an address, as in Parcours <noreply@example.org>'),
    ),
    retryBaseSeconds: read('OUTBOX_RETRY_BASE_SECONDS', 30, integer(1, 3600)),
    maxAttempts: read('OUTBOX_MAX_ATTEMPTS', 12, integer(1, 50)),
    leaseSeconds: read('OUTBOX_LEASE_SECONDS', 120, integer(1, 3600)),
    pollMs: read('OUTBOX_POLL_MS', 1_000, integer(50, 600_000)),
    relayInProcess: read('RELAY_IN_PROCESS', true, boolean),
    retentionDays: read('OUTBOX_RETENTION_DAYS', 62, integer(1, 3650)),
    testPauseAfterSendMs: read('OUTBOX_TEST_PAUSE_AFTER_SEND_MS', 0, integer(0, 600_000)),
    digest: read('DIGEST_ENABLED', true, boolean),
  };
  if (config.mail.testPauseAfterSendMs > 0 && config.nodeEnv === 'production') {
    problems.push('OUTBOX_TEST_PAUSE_AFTER_SEND_MS: is a test hook and is refused when NODE_ENV=production');
  }

  config.sms = {
    provider: read<'brevo' | undefined>('SMS_PROVIDER', undefined, oneOf<'brevo'>(['brevo'])),
    apiKey: read<string | undefined>('SMS_API_KEY', undefined, (raw) => (/^[\x21-\x7e]{8,200}$/.test(raw) ? raw : invalid('must be the provider\'s API key (printable characters, no spaces)'))),
    sender: read<string | undefined>('SMS_SENDER', undefined, (raw) => (/^[A-Za-z0-9]{1,11}$/.test(raw) ? raw : invalid(`must be 1 to 11 letters and digits, as in Parcours (got "${raw}")`))),
    apiUrl: read('SMS_API_URL', 'https://api.brevo.com/v3', (raw) => (/^https?:\/\/[^\s]+$/.test(raw) ? raw.replace(/\/+$/, '') : invalid('must be an http(s) URL, as in https://api.brevo.com/v3'))),
  };
  // Half-configured SMS is refused: it would look on and send nothing.
  const smsSet = (['SMS_PROVIDER', 'SMS_API_KEY', 'SMS_SENDER'] as const).filter((name) => env[name]?.trim());
  if (smsSet.length > 0 && smsSet.length < 3) {
    problems.push(`SMS_PROVIDER, SMS_API_KEY and SMS_SENDER: go together (only ${smsSet.join(' and ')} set); leave all three out to keep SMS off`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** An instant with its offset (2027-01-15T09:00:00Z), or a day (2027-01-15: its midnight in Paris). */
function parseClockStart(raw: string): Date | Invalid {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  if (!day && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) {
    return invalid(`must be an instant with its offset, as in 2027-01-15T09:00:00Z, or a day, as in 2027-01-15 (got "${raw}")`);
  }
  const instant = day ? parisMidnight(raw) : new Date(raw);
  return Number.isNaN(instant.getTime()) ? invalid(`is not a real day or instant (got "${raw}")`) : instant;
}

/** Midnight in Paris on a day: UTC+1 in winter, UTC+2 in summer. */
function parisMidnight(day: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const instant = new Date(`${day}T00:00:00${offset}`);
    const inParis = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).format(instant);
    if (inParis.startsWith(`${day}, 00`)) return instant;
  }
  return new Date(Number.NaN);
}

/** smtp:// or smtps://, with a host; the value is never echoed (it may hold a password). */
function parseSmtpUrl(raw: string): string | Invalid {
  try {
    const url = new URL(raw);
    if (['smtp:', 'smtps:'].includes(url.protocol) && url.hostname) return raw;
  } catch {
    // answered below, without the value
  }
  return invalid('must be smtp://[USER:PASSWORD@]HOST[:PORT] or smtps://… (the value is not shown: it may hold a password)');
}

const OIDC_REQUIRED = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;

/**
 * OpenID Connect is on when its four settings are set, off when none is; half-configured is
 * refused, as it would show a button that cannot work. The issuer and the callback are https, but
 * on this machine (127.0.0.1, localhost: the tests' and the demo's provider).
 */
function readOidc(env: Env, read: <T>(name: string, fallback: T, parse: Parser<T>) => T, problems: string[]): OidcConfig | undefined {
  const set = OIDC_REQUIRED.filter((name) => env[name]?.trim());
  if (set.length === 0) return undefined;
  if (set.length < OIDC_REQUIRED.length) {
    problems.push(`OIDC: ${OIDC_REQUIRED.filter((name) => !set.includes(name)).join(', ')} must be set with ${set.join(', ')} (or none of them, to turn OpenID Connect sign-in off)`);
    return undefined;
  }
  const url = (example: string) => (raw: string): string | Invalid => {
    try {
      const parsed = new URL(raw);
      const local = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
      if ((parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local)) && !parsed.hash) return raw.replace(/\/+$/, '');
    } catch {
      // answered below
    }
    return invalid(`must be an https URL (http only on this machine), as in ${example} (got "${raw}")`);
  };
  const oidc: OidcConfig = {
    issuerUrl: read('OIDC_ISSUER_URL', '', url('https://auth.agentconnect.gouv.fr/api/v2')),
    clientId: read('OIDC_CLIENT_ID', '', (raw) => (raw.length <= 200 ? raw : invalid('must be at most 200 characters'))),
    clientSecret: read('OIDC_CLIENT_SECRET', '', (raw) => (raw.length >= 8 && raw.length <= 500 ? raw : invalid('must be the secret the provider gave (8 to 500 characters)'))),
    redirectUrl: read('OIDC_REDIRECT_URL', '', url('https://parcours.example.org/session/oidc/callback')),
    providerName: read('OIDC_PROVIDER_NAME', 'ProConnect', (raw) => (raw.length <= 40 ? raw : invalid('must be at most 40 characters'))),
    scopes: read('OIDC_SCOPES', 'openid email given_name usual_name', (raw) => {
      const scopes = raw.split(/\s+/);
      return scopes.includes('openid') && scopes.includes('email') ? scopes.join(' ') : invalid(`must include openid and email, space-separated (got "${raw}")`);
    }),
    vouchesForEmails: read('OIDC_VOUCHES_FOR_EMAILS', false, boolean),
  };
  if (oidc.redirectUrl && !oidc.redirectUrl.endsWith('/session/oidc/callback')) problems.push(`OIDC_REDIRECT_URL: must end with /session/oidc/callback, this server's callback (got "${oidc.redirectUrl}")`);
  return oidc;
}

function parsePublicUrl(raw: string): string | Invalid {
  try {
    const url = new URL(raw);
    if (['http:', 'https:'].includes(url.protocol) && !url.search && !url.hash) return url.toString().replace(/\/+$/, '');
  } catch {
    // answered below
  }
  return invalid(`must be the console's http(s) address, as in https://parcours.example.org (got "${raw}")`);
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T | Invalid =>
    (values as readonly string[]).includes(raw) ? (raw as T) : invalid(`must be one of ${values.join(', ')} (got "${raw}")`);
}

function integer(min: number, max: number) {
  return (raw: string): number | Invalid => {
    const value = Number(raw);
    return /^\d+$/.test(raw) && value >= min && value <= max
      ? value
      : invalid(`must be a whole number from ${min} to ${max} (got "${raw}")`);
  };
}

function boolean(raw: string): boolean | Invalid {
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  return invalid(`must be true or false (got "${raw}")`);
}

function parseTrustProxy(raw: string): boolean | number | string[] | Invalid {
  const asBoolean = boolean(raw);
  if (!(asBoolean instanceof Invalid)) return asBoolean;
  if (/^\d+$/.test(raw)) return Number(raw);
  const addresses = raw.split(',').map((part) => part.trim());
  return addresses.every((part) => /^[0-9a-f.:/]+$/i.test(part))
    ? addresses
    : invalid('must be true, false, a number of hops, or a comma-separated list of proxy addresses or CIDR ranges');
}

function parseDatabaseUrl(raw: string, cwd: string): Pick<DatabaseConfig, 'driver' | 'url' | 'sqlitePath'> | Invalid {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') return invalid('sqlite: needs a file path, as in sqlite:data/parcours.sqlite');
    const sqlitePath = path === ':memory:' || isAbsolute(path) ? path : resolve(cwd, path);
    return { driver: 'sqlite', url: raw, sqlitePath };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname || url.pathname.length <= 1) return invalid('a PostgreSQL URL needs a host and a database name');
      return { driver: 'postgresql', url: raw };
    } catch {
      return invalid('is not a valid PostgreSQL URL');
    }
  }
  // Never echo the value: it may hold a password.
  return invalid('must be sqlite:PATH (for example sqlite:data/parcours.sqlite) or postgresql://USER@HOST:PORT/DATABASE');
}
