export enum AppointmentChannel {
  ON_SITE = 'ON_SITE',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
}

export enum AppointmentStatus {
  PLANNED = 'PLANNED',
  HELD = 'HELD',
  NO_SHOW = 'NO_SHOW',
  EXCUSED = 'EXCUSED',
  CANCELLED = 'CANCELLED',
}

/** What the person answered through the link in their messages (it changes no status: the counsellor acts on it). */
export enum AppointmentAnswer {
  COMING = 'COMING',
  CANNOT_COME = 'CANNOT_COME',
}

export enum AssessmentStatus {
  PRESENT = 'PRESENT',
  LIFTED = 'LIFTED',
  NOT_DISCUSSED = 'NOT_DISCUSSED',
}

export enum Readiness {
  READY_FOR_EMPLOYMENT = 'READY_FOR_EMPLOYMENT',
  READY_WITH_SUPPORT = 'READY_WITH_SUPPORT',
  NOT_READY = 'NOT_READY',
  REORIENTATION_SUGGESTED = 'REORIENTATION_SUGGESTED',
}

export enum WorkingTime {
  FULL_TIME = 'FULL_TIME',
  PART_TIME = 'PART_TIME',
  EITHER = 'EITHER',
}

export const READY: readonly Readiness[] = [Readiness.READY_FOR_EMPLOYMENT, Readiness.READY_WITH_SUPPORT];
