/** No wait between two attempts is longer than this, however many failures came before. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 3600;

/**
 * How long to wait after the `failures`-th failed attempt before the next one, or null when none
 * is left (the message is dead): `base × 2^(failures − 1)`, at most six hours, times a jitter
 * between 0.5 and 1 so that messages failed together do not come back together.
 * `random` is a number in [0, 1), as Math.random gives.
 */
export function retryDelaySeconds(failures: number, settings: { baseSeconds: number; maxAttempts: number }, random: number): number | null {
  if (failures >= settings.maxAttempts) return null;
  const full = Math.min(settings.baseSeconds * 2 ** (failures - 1), MAX_RETRY_DELAY_SECONDS);
  return full * (0.5 + random / 2);
}

/** The schedule with its longest waits, failure by failure, as the README shows it. */
export function retrySchedule(settings: { baseSeconds: number; maxAttempts: number }): number[] {
  const waits: number[] = [];
  for (let failures = 1; failures < settings.maxAttempts; failures++) waits.push(retryDelaySeconds(failures, settings, 1) as number);
  return waits;
}
