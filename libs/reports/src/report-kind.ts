/** Every kind of report to the referent (DOMAIN.md, "Reports to the referent"). */
export enum ReportKind {
  REFERRAL_DECLINED = 'REFERRAL_DECLINED',
  DIAGNOSTIC_RECORDED = 'DIAGNOSTIC_RECORDED',
  NO_SHOW = 'NO_SHOW',
  PROPOSAL_ACCEPTED = 'PROPOSAL_ACCEPTED',
  PROPOSAL_DECLINED = 'PROPOSAL_DECLINED',
  PLACEMENT_STARTED = 'PLACEMENT_STARTED',
  PLACEMENT_ENDED = 'PLACEMENT_ENDED',
  FOLLOW_UP_DIFFICULTY = 'FOLLOW_UP_DIFFICULTY',
  PATHWAY_EXITED = 'PATHWAY_EXITED',
  /** The pathway was handed to this referent (by a manager, a referent, or the former referent's departure). */
  PATHWAY_HANDED_OVER = 'PATHWAY_HANDED_OVER',
}
