/** The tests' clock: it stands still until a test moves it. */
export { ManualClock as TestClock } from '@parcours/core';
