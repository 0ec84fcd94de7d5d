export enum OpportunityKind {
  JOB = 'JOB',
  TRAINING = 'TRAINING',
}

export enum OpportunityStatus {
  OPEN = 'OPEN',
  /** Closed by staff, or by the sweep after OPPORTUNITY_STALE_DAYS without an update. */
  CLOSED = 'CLOSED',
  /** A job whose positions all went to HIRED proposals. */
  FILLED = 'FILLED',
}

export enum ClosedBecause {
  BY_STAFF = 'BY_STAFF',
  STALE = 'STALE',
  FILLED = 'FILLED',
}

export enum Qualification {
  QUALIFYING = 'QUALIFYING',
  PRE_QUALIFYING = 'PRE_QUALIFYING',
  NOT_QUALIFYING = 'NOT_QUALIFYING',
}
