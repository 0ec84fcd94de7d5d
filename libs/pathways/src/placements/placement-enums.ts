/** Why a placement ended. OTHER needs a comment; CONVERTED_TO_CDI starts the CDI the next day. */
export enum PlacementEndReason {
  END_OF_TERM = 'END_OF_TERM',
  END_OF_TRIAL_PERIOD = 'END_OF_TRIAL_PERIOD',
  RESIGNATION = 'RESIGNATION',
  DISMISSAL = 'DISMISSAL',
  MUTUAL_AGREEMENT = 'MUTUAL_AGREEMENT',
  CONVERTED_TO_CDI = 'CONVERTED_TO_CDI',
  OTHER = 'OTHER',
}

/** Why a pathway was exited. OTHER needs a comment. */
export enum ExitReason {
  FOUND_WORK_OR_TRAINING = 'FOUND_WORK_OR_TRAINING',
  NO_SOLUTION = 'NO_SOLUTION',
  MOVED_AWAY = 'MOVED_AWAY',
  UNREACHABLE = 'UNREACHABLE',
  GAVE_UP = 'GAVE_UP',
  OTHER = 'OTHER',
}
