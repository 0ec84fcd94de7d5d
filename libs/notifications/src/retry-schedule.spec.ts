import { MAX_RETRY_DELAY_SECONDS, retryDelaySeconds, retrySchedule } from './retry-schedule';

const DEFAULTS = { baseSeconds: 30, maxAttempts: 12 };

describe('retryDelaySeconds', () => {
  it.each([
    // failures, random, seconds
    [1, 0, 15],
    [1, 0.999999, 30],
    [2, 0.5, 45],
    [3, 0, 60],
    [3, 0.999999, 120],
    [10, 0.999999, 15_360],
    [11, 0.999999, MAX_RETRY_DELAY_SECONDS],
    [11, 0, MAX_RETRY_DELAY_SECONDS / 2],
  ])('after failure %i with jitter %f waits %i s', (failures, random, seconds) => {
    expect(retryDelaySeconds(failures, DEFAULTS, random)).toBeCloseTo(seconds, 0);
  });

  it.each([12, 13, 50])('gives up after failure %i of 12', (failures) => {
    expect(retryDelaySeconds(failures, DEFAULTS, 0.5)).toBeNull();
  });

  it.each([
    [{ baseSeconds: 1, maxAttempts: 3 }, 1, 0, 0.5],
    [{ baseSeconds: 1, maxAttempts: 3 }, 2, 0.999999, 2],
    [{ baseSeconds: 1, maxAttempts: 3 }, 3, 0.5, null],
    [{ baseSeconds: 3600, maxAttempts: 5 }, 4, 0.999999, MAX_RETRY_DELAY_SECONDS],
    [{ baseSeconds: 30, maxAttempts: 1 }, 1, 0.5, null],
  ])('with %j, after failure %i and jitter %f: %p', (settings, failures, random, expected) => {
    const delay = retryDelaySeconds(failures, settings, random);
    if (expected === null) expect(delay).toBeNull();
    else expect(delay).toBeCloseTo(expected, 0);
  });

  it('never waits less than half nor more than the full delay', () => {
    for (let failures = 1; failures < 12; failures++) {
      const full = retryDelaySeconds(failures, DEFAULTS, 0.999999999)!;
      for (const random of [0, 0.25, 0.5, 0.75, 0.999]) {
        const delay = retryDelaySeconds(failures, DEFAULTS, random)!;
        expect(delay).toBeGreaterThanOrEqual(full / 2 - 1e-6);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });
});

describe('retrySchedule', () => {
  it('lists the longest wait after each failure but the last (the README table)', () => {
    expect(retrySchedule(DEFAULTS)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15_360, 21_600]);
  });
});
