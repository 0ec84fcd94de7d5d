/** The one source of "now" for business logic; tests swap it to walk a pathway through months. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that starts at a given instant and runs on at the pace of the system's (CLOCK_START): a
 * rehearsal walks a journey over months by restarting the server later in time.
 */
export class StartedClock extends Clock {
  private readonly offset: number;

  constructor(
    start: Date,
    private readonly system: Clock = new SystemClock(),
  ) {
    super();
    this.offset = start.getTime() - system.now().getTime();
  }

  now(): Date {
    return new Date(this.system.now().getTime() + this.offset);
  }
}

/** A clock that stands still until it is moved: the tests' clock, and the demo generator's, which walks simulated months. */
export class ManualClock extends Clock {
  constructor(private current = new Date('2026-03-16T09:00:00Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
