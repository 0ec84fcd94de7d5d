/**
 * The history's strings become typed columns, read the same as before: `details` held
 * "counsellor:<id>", "from:<id> to:<id>", "appointment:<id>", "diagnostic:<id>" or field names,
 * and `kind` a coarse kind that the statuses and the reason now refine into a journey event type.
 */
export function convertHistory(id: (expression: string) => string): string[] {
  return [
  `update pathway_event set to_user_id = ${id('substr(details, 12)')} where details like 'counsellor:%'`,
  `update pathway_event set from_user_id = ${id('substr(details, 6, 36)')}, to_user_id = ${id('substr(details, 46, 36)')} where details like 'from:% to:%'`,
  `update pathway_event set appointment_id = ${id('substr(details, 13)')} where details like 'appointment:%'`,
  `update pathway_event set diagnostic_id = ${id('substr(details, 12)')} where details like 'diagnostic:%'`,
  `update pathway_event set fields = details where kind = 'PARTICIPANT_UPDATED'`,
  `update pathway_event set type = case
     when kind = 'COUNSELLOR_ASSIGNED' then 'CounsellorAssigned'
     when kind = 'REFERENT_ASSIGNED' then 'ReferentAssigned'
     when kind = 'PARTICIPANT_UPDATED' then 'ParticipantUpdated'
     when kind = 'APPOINTMENT_RESCHEDULED' then 'AppointmentRescheduled'
     when kind = 'DIAGNOSTIC_CORRECTED' then 'DiagnosticCorrected'
     when to_status = 'REFERRED' then 'ParticipantReferred'
     when to_status = 'ACCEPTED' and from_status = 'REFERRED' then 'ReferralAccepted'
     when to_status = 'ACCEPTED' and reason = 'NO_SHOW' then 'NoShowRecorded'
     when to_status = 'ACCEPTED' and reason = 'EXCUSED' then 'AbsenceExcused'
     when to_status = 'ACCEPTED' then 'AppointmentCancelled'
     when to_status = 'DECLINED' then 'ReferralDeclined'
     when to_status = 'WITHDRAWN' then 'ReferralWithdrawn'
     when to_status = 'DIAGNOSTIC_SCHEDULED' then 'DiagnosticScheduled'
     when to_status in ('DIAGNOSED', 'RETURNED_TO_REFERENT') then 'DiagnosticRecorded'
   end`,
  ];
}
