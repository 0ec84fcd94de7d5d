import type { User } from '@parcours/accounts';
import type { JourneyEvent } from './journey-events';
import type { PathwayStatus } from './pathway-status';
import type { Outcome } from './placements/outcome';

/**
 * What a stage of the journey asks of its pathway: an event for the history, and what the root
 * alone may change — the status (checked against the transition table), the retention clock, the
 * exit's outcome. The stage objects (proposals/, placements/, follow-ups/ *-stage.ts) change their
 * own rows and return this; the pathway applies it through its one transition method.
 */
export interface StageChange {
  event: JourneyEvent;
  /** The status the pathway moves to; absent, it stays. */
  to?: PathwayStatus;
  /** The system's doing, not a change of the person's pathway: in the history, the retention clock does not move. */
  quiet?: boolean;
  /** An exited pathway's outcome, computed again. */
  outcome?: Outcome | null;
}

/** The pathway's transition method, as a stage object is given it. */
export type ApplyChange = (change: StageChange, by: User | null, at: Date) => void;
