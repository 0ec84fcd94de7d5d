import { ContractType } from '@parcours/opportunities';
import { DeclineReason, OutcomeCategory } from '@parcours/pathways';

/**
 * Each figure's name in French, as a spreadsheet's column shows it (the CSV export). A figure with
 * a suffix (declined_UNREACHABLE) is its family's label with the suffix's own. Every figure has
 * one: figure-labels.spec.ts fails on a new figure without its label.
 */
const BASE: Record<string, string> = {
  referralAttempts: 'Demandes d’orientation',
  referrals: 'Orientations',
  refusedReferrals: 'Orientations refusées à la saisie',
  refusedOutsideTerritory: 'Refusées : hors territoire',
  refusedNoRsaNorBarrier: 'Refusées : ni RSA ni frein',
  accepted: 'Acceptées',
  declined: 'Déclinées',
  diagnosed: 'Diagnostics',
  diagnosedMature: 'Orientations de plus de 30 jours',
  diagnosedWithin30Days: 'Diagnostiquées en 30 jours',
  daysToDiagnosticMedian: 'Jours jusqu’au diagnostic (médiane)',
  appointmentsWithOutcome: 'Entretiens tenus ou manqués',
  noShows: 'Absences non excusées',
  firstAppointments: 'Premiers entretiens tenus ou manqués',
  firstAppointmentsReminded: 'Premiers entretiens avec un rappel reçu',
  firstAppointmentsRemindedHeld: 'Premiers entretiens tenus après un rappel',
  firstAppointmentsNotReminded: 'Premiers entretiens sans rappel reçu',
  firstAppointmentsNotRemindedHeld: 'Premiers entretiens tenus sans rappel',
  diagnostics: 'Diagnostics enregistrés',
  readyForEmployment: 'Prêtes pour l’emploi',
  proposalsEnded: 'Propositions terminées',
  proposals: 'Propositions',
  placements: 'Mises en situation',
  exits: 'Sorties',
  firstPlacements: 'Premières mises en situation',
  daysToFirstPlacementMedian: 'Jours jusqu’à la première mise en situation (médiane)',
  sixMonthCheckpoints: 'Suivis à six mois',
  sixMonthRecorded: 'Suivis à six mois renseignés',
  stillInWork: 'Toujours en emploi à six mois',
  sixMonthUnknown: 'Situation à six mois inconnue',
  sixMonthMissed: 'Suivis à six mois manqués',
  reportsDue: 'Comptes rendus attendus',
  reportsLate: 'Comptes rendus lus en retard',
  participantsOpen: 'Personnes accompagnées',
  diagnosedWithin30DaysShare: 'Part diagnostiquée en 30 jours',
  noShowRate: 'Taux d’absence',
  attendanceReminded: 'Présence au premier entretien, avec un rappel',
  attendanceNotReminded: 'Présence au premier entretien, sans rappel',
  readyShare: 'Part prête pour l’emploi',
  dynamicExitRate: 'Taux de sorties dynamiques',
  stillInWorkShare: 'Part en emploi à six mois',
  targetParticipants: 'Objectif de la convention (personnes)',
};

const SUFFIXES: Record<string, Record<string, string>> = {
  declined: {
    [DeclineReason.UNREACHABLE]: 'injoignable',
    [DeclineReason.NOT_ELIGIBLE]: 'non éligible',
    [DeclineReason.REFUSED_BY_PERSON]: 'refus de la personne',
    [DeclineReason.ALREADY_IN_WORK_OR_TRAINING]: 'déjà en emploi ou en formation',
    [DeclineReason.DUPLICATE]: 'doublon',
    [DeclineReason.OTHER]: 'autre motif',
  },
  proposals: {
    DECLINED_BY_PARTICIPANT: 'refusées par la personne',
    HIRED: 'embauche',
    REJECTED_BY_EMPLOYER: 'non retenues par l’employeur',
    CANCELLED: 'annulées',
    STALE: 'sans suite',
  },
  placements: {
    [ContractType.CDI]: 'CDI',
    [ContractType.CDI_INTERIM]: 'CDI intérimaire',
    [ContractType.BUSINESS_CREATION]: 'création d’entreprise',
    [ContractType.CDD]: 'CDD',
    [ContractType.CDD_USAGE]: 'CDD d’usage',
    [ContractType.SEASONAL]: 'contrat saisonnier',
    [ContractType.TEMP_MISSION]: 'mission d’intérim',
    [ContractType.APPRENTICESHIP]: 'apprentissage',
    [ContractType.PROFESSIONALISATION]: 'contrat de professionnalisation',
    [ContractType.PEC]: 'PEC (CUI-CAE)',
    [ContractType.CUI_CIE]: 'CUI-CIE',
    [ContractType.CDDI]: 'CDDI (insertion)',
    [ContractType.CDI_INCLUSION]: 'CDI inclusion',
    [ContractType.TRAINING]: 'formation',
  },
  exits: {
    [OutcomeCategory.DURABLE_EMPLOYMENT]: 'emploi durable',
    [OutcomeCategory.TRANSITIONAL_EMPLOYMENT]: 'emploi de transition',
    [OutcomeCategory.POSITIVE_EXIT]: 'sortie positive',
    [OutcomeCategory.OTHER]: 'autre sortie',
  },
};

/** A figure's French label; undefined for a figure nobody labelled (the spec forbids it). */
export function figureLabel(name: string): string | undefined {
  const [family, suffix] = name.split(/_(.+)/);
  if (suffix === undefined) return BASE[name];
  const part = SUFFIXES[family]?.[suffix];
  return part && BASE[family] ? `${BASE[family]} : ${part}` : undefined;
}
