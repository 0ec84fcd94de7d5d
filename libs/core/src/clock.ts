/** The one source of "now" for business logic; tests swap it to walk a pathway through months. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
