const SAFE = Symbol('safe-error');

/**
 * What of an error may enter a log: its class, its code (a database's SQLSTATE included) and stack
 * frames. Never its message, which may quote SQL parameters or input values (names, addresses) of
 * the people in Parcours. Idempotent: the loggers' `err` serializer applies it again to what a
 * caller already made safe, which stays as it is.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (typeof error === 'object' && error !== null && SAFE in error) return error as Record<string, unknown>;
  const safe: Record<string | symbol, unknown> = { [SAFE]: true };
  if (!(error instanceof Error)) {
    safe.type = typeof error === 'object' && error !== null ? (error.constructor?.name ?? 'object') : typeof error;
    return safe as Record<string, unknown>;
  }
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  const { code, sqlState } = error as { code?: unknown; sqlState?: unknown };
  safe.type = error.constructor?.name ?? error.name;
  if (typeof code === 'string' || typeof code === 'number') safe.code = code;
  if (typeof sqlState === 'string') safe.sqlState = sqlState;
  safe.stack = frames.map((line) => line.trim()).join('\n');
  return safe as Record<string, unknown>;
}
