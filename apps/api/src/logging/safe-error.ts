/**
 * What of an error may enter a log: its type, code and stack frames. Never its message, which may
 * quote SQL parameters or input values (names, addresses) of the people in Parcours.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  const code = (error as { code?: unknown }).code;
  return {
    type: error.constructor?.name ?? error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: frames.map((line) => line.trim()).join('\n'),
  };
}
