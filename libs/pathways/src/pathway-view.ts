import type { LocalDate } from '@parcours/core';
import type { ScopedReads } from '@parcours/unit-of-work';
import { MessageChannel, type BarrierTheme, type EducationLevel, type ParticipantDetails, type RsaStatus, type Sex } from '@parcours/participants';
import type { EligibilityReason } from './eligibility';
import type { DeclineReason, PathwayStatus } from './pathway-status';
import type { Contract, OutcomeBasis, OutcomeCategory, OutcomeParameters } from './placements/outcome';
import type { ExitReason } from './placements/placement-enums';
import { NO_APPOINTMENT, NO_CONTACT_YET, Pathway } from './pathway.entity';

const nextAppointment = (at: Date): Date | null => (at.getTime() === NO_APPOINTMENT.getTime() ? null : at);

/** A person as a page shows them: their details (the birth date is gone once anonymised), and when they were anonymised. */
export type ParticipantView = Omit<ParticipantDetails, 'birthDate'> & { id: string; birthDate: LocalDate | null; anonymisedAt: Date | null; messageConsents: MessageConsentView[] };

/** A consent to messages by one channel: when, and who recorded it. */
export interface MessageConsentView {
  channel: MessageChannel;
  givenAt: Date;
  givenBy: string;
}

/** A pathway as the pages show it, with its people: plain data, read without the ORM's entities. */
export interface PathwayView {
  id: string;
  status: PathwayStatus;
  participant: ParticipantView;
  operator: { id: string; name: string };
  referent: { id: string; fullName: string; organisationName: string; email: string };
  counsellor: { id: string; fullName: string; email: string } | null;
  referredAt: Date;
  referredOn: LocalDate;
  referralCommuneCode: string;
  referralRsaStatus: RsaStatus;
  barriers: BarrierTheme[];
  eligibilityReasons: EligibilityReason[];
  declineReason: DeclineReason | null;
  declineComment: string | null;
  closedAt: Date | null;
  /** The day of the last contact with the person (a diagnostic interview held, a contact that reached them); null before any. */
  lastContactOn: LocalDate | null;
  /** When the planned diagnostic interview starts; null when none is. */
  nextAppointmentAt: Date | null;
  /** Once EXITED: the exit and its computed outcome. */
  exit: ExitView | null;
}

/** An exit as recorded, with the outcome computed from it. */
export interface ExitView {
  exitedOn: LocalDate;
  reason: ExitReason;
  comment: string | null;
  category: OutcomeCategory;
  basis: OutcomeBasis | null;
  parameters: OutcomeParameters;
  declaredSituation: Contract | null;
}

const VIEW = (themes: string) => `select p.id, p.status, p.referred_at, p.referred_on, p.referral_commune_code, p.referral_rsa_status,
  p.eligibility_reasons, p.decline_reason, p.decline_comment, p.closed_at, p.last_contact_on, p.next_appointment_at,
  p.exited_on, p.exit_reason, p.exit_comment, p.outcome_category, p.outcome_basis, p.outcome_parameters, p.declared_situation,
  pa.id as participant_id, pa.last_name, pa.first_names, pa.birth_date, pa.sex, pa.phone, pa.email, pa.address_line,
  pa.postal_code, pa.commune_code, pa.rsa_status, pa.france_travail_registered, pa.france_travail_id,
  pa.france_travail_missing_reason, pa.education_level, pa.informed_on, pa.anonymised_at,
  pa.sms_consent_at, sc.full_name as sms_consent_by, pa.email_consent_at, ec.full_name as email_consent_by,
  op.id as operator_id, op.name as operator_name,
  r.id as referent_id, r.full_name as referent_name, r.email as referent_email, ro.name as referent_organisation,
  c.id as counsellor_id, c.full_name as counsellor_name, c.email as counsellor_email,
  (select ${themes} from referral_barrier b where b.pathway_id = p.id) as barriers
from pathway p
  join participant pa on pa.id = p.participant_id
  join organisation op on op.id = p.operator_id
  join app_user r on r.id = p.referent_id
  join organisation ro on ro.id = r.organisation_id
  left join app_user c on c.id = p.counsellor_id
  left join app_user sc on sc.id = pa.sms_consent_by_id
  left join app_user ec on ec.id = pa.email_consent_by_id
where p.id in`;

type Row = Record<string, unknown>;

/**
 * The views of the pathways among `ids` the reader may see (the scope is part of the statement:
 * `reads.rows`), in the order of the ids: one statement for a whole page, and no entity built.
 * The ORM's hydration of a page of 50 pathways with its people cost some 20 ms of CPU (a profile
 * of `pathways(first: 50)`); these rows cost a fraction of it.
 */
export async function pathwayViews(reads: ScopedReads, ids: readonly string[]): Promise<PathwayView[]> {
  if (ids.length === 0) return [];
  const themes = reads.dialect === 'sqlite' ? "group_concat(b.theme, ',')" : "string_agg(b.theme, ',')";
  const rows = await reads.rows<Row, Pathway>(Pathway, { id: { $in: [...ids] } }, (scoped) => `${VIEW(themes)} (${scoped})`);
  const byId = new Map<string, PathwayView>(rows.map((row: Row): [string, PathwayView] => [String(row.id), toView(row, reads)]));
  return ids.flatMap((id): PathwayView[] => {
    const view = byId.get(id);
    return view ? [view] : [];
  });
}

function toView(row: Row, reads: ScopedReads): PathwayView {
  const instant = (value: unknown) => reads.instant(value);
  const json = <T>(value: unknown) => reads.json<T>(value);
  const text = (name: string) => row[name] as string;
  const optional = (name: string) => (row[name] ?? null) as string | null;
  return {
    id: text('id'),
    status: text('status') as PathwayStatus,
    participant: {
      id: text('participant_id'),
      lastName: text('last_name'),
      firstNames: text('first_names'),
      birthDate: optional('birth_date'),
      sex: optional('sex') as Sex | null,
      phone: optional('phone'),
      email: optional('email'),
      addressLine: text('address_line'),
      postalCode: text('postal_code'),
      communeCode: text('commune_code'),
      rsaStatus: text('rsa_status') as RsaStatus,
      franceTravailRegistered: reads.boolean(row.france_travail_registered),
      franceTravailId: optional('france_travail_id'),
      franceTravailMissingReason: optional('france_travail_missing_reason'),
      educationLevel: text('education_level') as EducationLevel,
      informedOn: text('informed_on'),
      anonymisedAt: instant(row.anonymised_at),
      messageConsents: [MessageChannel.SMS, MessageChannel.EMAIL].flatMap((channel): MessageConsentView[] => {
        const prefix = channel === MessageChannel.SMS ? 'sms' : 'email';
        const givenAt = instant(row[`${prefix}_consent_at`]);
        return givenAt ? [{ channel, givenAt, givenBy: text(`${prefix}_consent_by`) }] : [];
      }),
    },
    operator: { id: text('operator_id'), name: text('operator_name') },
    referent: { id: text('referent_id'), fullName: text('referent_name'), organisationName: text('referent_organisation'), email: text('referent_email') },
    counsellor: row.counsellor_id ? { id: text('counsellor_id'), fullName: text('counsellor_name'), email: text('counsellor_email') } : null,
    referredAt: instant(row.referred_at)!,
    referredOn: text('referred_on'),
    referralCommuneCode: text('referral_commune_code'),
    referralRsaStatus: text('referral_rsa_status') as RsaStatus,
    barriers: (optional('barriers') ?? '').split(',').filter(Boolean).sort() as BarrierTheme[],
    eligibilityReasons: text('eligibility_reasons').split(',').filter(Boolean) as EligibilityReason[],
    declineReason: optional('decline_reason') as DeclineReason | null,
    declineComment: optional('decline_comment'),
    closedAt: instant(row.closed_at),
    lastContactOn: text('last_contact_on') === NO_CONTACT_YET ? null : text('last_contact_on'),
    nextAppointmentAt: nextAppointment(instant(row.next_appointment_at)!),
    exit: row.exited_on
      ? {
          exitedOn: text('exited_on'),
          reason: text('exit_reason') as ExitReason,
          comment: optional('exit_comment'),
          category: text('outcome_category') as OutcomeCategory,
          basis: json<OutcomeBasis>(row.outcome_basis),
          parameters: json<OutcomeParameters>(row.outcome_parameters)!,
          declaredSituation: json<Contract>(row.declared_situation),
        }
      : null,
  };
}
