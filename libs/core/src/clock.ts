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
