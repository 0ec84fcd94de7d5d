import { Injectable } from '@nestjs/common';

/** Wakes this process's relay when a commit wrote messages, so that it need not wait for its next look. */
@Injectable()
export class OutboxSignal {
  private wake?: () => void;
  private nudged = false;

  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Resolves at the next nudge (at once if one came since the last wait), or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.nudged = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
