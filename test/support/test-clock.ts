import { Clock } from '@parcours/core';

/** A clock that stands still until a test moves it. */
export class TestClock extends Clock {
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
