/**
 * What a notification tells a member of staff, and to whom (DOMAIN.md, "Staff notifications"):
 * - NEW_REFERRAL: a person referred to the operator — its active MANAGERs (the referrals of one import: one
 *   notification, its item the import);
 * - PATHWAY_ASSIGNED: a pathway put in a counsellor's charge (by someone else) — that counsellor;
 * - APPOINTMENT_TOMORROW, CHECKPOINT_TOMORROW, CONTRACT_END_TOMORROW: due the next Paris day — the
 *   counsellor in charge (a planned-end checkpoint and its contract's end are one notification);
 * - APPOINTMENT_MISSED (its day is over and nothing was recorded), CHECKPOINT_MISSED,
 *   CONTRACT_END_MISSED (a planned-end checkpoint gone MISSED) — the counsellor in charge;
 * - CONTRACT_ENDING: a contract's planned end within CONTRACT_ENDING_DAYS, one per fixed-term
 *   placement or temp-mission chain at its current planned end — the counsellor and the referent;
 * - PERSON_CANNOT_COME: the person answered through their link that they cannot come — the counsellor;
 * - NEW_MESSAGE: a message in the pathway's conversation — the other side (the referent, or the
 *   counsellor in charge; the operator's managers while nobody is).
 */
export enum NotificationKind {
  NEW_REFERRAL = 'NEW_REFERRAL',
  PATHWAY_ASSIGNED = 'PATHWAY_ASSIGNED',
  APPOINTMENT_TOMORROW = 'APPOINTMENT_TOMORROW',
  CHECKPOINT_TOMORROW = 'CHECKPOINT_TOMORROW',
  CONTRACT_END_TOMORROW = 'CONTRACT_END_TOMORROW',
  APPOINTMENT_MISSED = 'APPOINTMENT_MISSED',
  CHECKPOINT_MISSED = 'CHECKPOINT_MISSED',
  CONTRACT_END_MISSED = 'CONTRACT_END_MISSED',
  CONTRACT_ENDING = 'CONTRACT_ENDING',
  PERSON_CANNOT_COME = 'PERSON_CANNOT_COME',
  NEW_MESSAGE = 'NEW_MESSAGE',
}

/** A read notification is deleted this many days after it was read. */
export const READ_NOTIFICATION_RETENTION_DAYS = 90;
