import type {
  AccountEventType,
  SignInMethod,
  AppointmentChannel,
  AppointmentStatus,
  AssessmentStatus,
  ImportLineVerdict,
  BarrierTheme,
  CheckpointStatus,
  ContactKind,
  ContactReached,
  ContractType,
  DeclineReason,
  EducationLevel,
  EligibilityReason,
  ExitReason,
  FollowUpDifficultyTheme,
  FitReason,
  FollowUpSituation,
  JourneyEventType,
  NotificationDelivery,
  NotificationKind,
  NotificationSettingKind,
  OpportunityKind,
  OpportunityStatus,
  OrganisationKind,
  OutcomeCategory,
  PathwayStatus,
  PlacementEndReason,
  ProposalReason,
  ProposalStatus,
  Qualification,
  Readiness,
  ReportKind,
  ReportState,
  Role,
  RsaStatus,
  Sex,
  WorkingTime,
} from './graphql/generated';

/** French words for the API's enums: a value the schema adds breaks the build until it has its words. */
export const ROLE: Record<Role, string> = {
  ADMIN: 'Administrateur',
  COUNSELLOR: 'Conseiller',
  FUNDER: 'Financeur',
  MANAGER: 'Responsable',
  REFERENT: 'Référent de parcours',
};

export const PATHWAY_STATUS: Record<PathwayStatus, string> = {
  REFERRED: 'Orienté, en attente de réponse',
  ACCEPTED: 'Accepté',
  DECLINED: 'Non retenu',
  DIAGNOSTIC_SCHEDULED: 'Diagnostic programmé',
  DIAGNOSED: 'Diagnostic réalisé',
  IN_PLACEMENT: 'En emploi ou en formation',
  RETURNED_TO_REFERENT: 'Rendu au référent',
  EXITED: 'Sorti du dispositif',
  WITHDRAWN: 'Orientation retirée',
};

export const OPEN_STATUSES: PathwayStatus[] = ['REFERRED', 'ACCEPTED', 'DIAGNOSTIC_SCHEDULED', 'DIAGNOSED', 'IN_PLACEMENT'];

export const BARRIER: Record<BarrierTheme, string> = {
  MOBILITY: 'Mobilité',
  HOUSING: 'Logement',
  HEALTH: 'Santé',
  FAMILY_CONSTRAINTS: 'Contraintes familiales',
  LANGUAGE_BASIC_SKILLS: 'Langue et savoirs de base',
  DIGITAL: 'Numérique',
  ADMINISTRATIVE_LEGAL: 'Démarches administratives et droits',
  FINANCIAL: 'Difficultés financières',
  JUSTICE: 'Justice',
};

export const DIFFICULTY: Record<FollowUpDifficultyTheme, string> = {
  ...BARRIER,
  PAY: 'Rémunération',
  RELATIONS_AT_WORK: 'Relations de travail',
  SCHEDULE: 'Horaires',
  SKILLS: 'Compétences',
  WORKING_CONDITIONS: 'Conditions de travail',
};

export const RSA: Record<RsaStatus, string> = {
  SOCLE: 'RSA socle',
  SOCLE_ACTIVITE: 'RSA socle + activité',
  NONE: 'Ne perçoit pas le RSA',
};

export const EDUCATION: Record<EducationLevel, string> = {
  NONE: 'Sans diplôme',
  LEVEL_3: 'Niveau 3 (CAP, BEP)',
  LEVEL_4: 'Niveau 4 (baccalauréat)',
  LEVEL_5: 'Niveau 5 (bac + 2)',
  LEVEL_6: 'Niveau 6 (licence)',
  LEVEL_7: 'Niveau 7 (master)',
  LEVEL_8: 'Niveau 8 (doctorat)',
  UNKNOWN: 'Inconnu',
};

export const SEX: Record<Sex, string> = { FEMALE: 'Femme', MALE: 'Homme' };

export const ELIGIBILITY: Record<EligibilityReason, string> = {
  RESIDES_IN_TERRITORY: 'Réside sur le territoire',
  RECEIVES_RSA_SOCLE: 'Perçoit le RSA socle',
  RECEIVES_RSA_SOCLE_ACTIVITE: 'Perçoit le RSA socle + activité',
  DECLARED_BARRIERS: 'Freins déclarés',
};

export const REPORT_KIND: Record<ReportKind, string> = {
  REFERRAL_DECLINED: 'Orientation non retenue',
  DIAGNOSTIC_RECORDED: 'Diagnostic réalisé',
  NO_SHOW: 'Absence au rendez-vous de diagnostic',
  PROPOSAL_ACCEPTED: 'Offre acceptée',
  PROPOSAL_DECLINED: 'Offre refusée',
  PLACEMENT_STARTED: 'Début d’une mise en situation',
  PLACEMENT_ENDED: 'Fin d’une mise en situation',
  FOLLOW_UP_DIFFICULTY: 'Difficulté dans l’emploi',
  PATHWAY_EXITED: 'Sortie du dispositif',
  PATHWAY_HANDED_OVER: 'Parcours qui vous est confié',
};

export const REPORT_STATE: Record<ReportState, string> = {
  UNACKNOWLEDGED: 'À lire',
  OVERDUE: 'En retard',
  ACKNOWLEDGED: 'Lu',
};

export const READINESS: Record<Readiness, string> = {
  READY_FOR_EMPLOYMENT: 'Prête pour l’emploi',
  READY_WITH_SUPPORT: 'Prête avec un accompagnement',
  NOT_READY: 'Pas encore prête',
  REORIENTATION_SUGGESTED: 'Réorientation conseillée',
};

export const ASSESSMENT: Record<AssessmentStatus, string> = {
  PRESENT: 'Présent',
  LIFTED: 'Levé',
  NOT_DISCUSSED: 'Non abordé',
};

export const WORKING_TIME: Record<WorkingTime, string> = { FULL_TIME: 'Temps plein', PART_TIME: 'Temps partiel', EITHER: 'Temps plein ou partiel' };

export const CONTRACT: Record<ContractType, string> = {
  CDI: 'CDI',
  CDI_INTERIM: 'CDI intérimaire',
  BUSINESS_CREATION: 'Création d’entreprise',
  CDD: 'CDD',
  CDD_USAGE: 'CDD d’usage',
  SEASONAL: 'Contrat saisonnier',
  TEMP_MISSION: 'Mission d’intérim',
  APPRENTICESHIP: 'Apprentissage',
  PROFESSIONALISATION: 'Contrat de professionnalisation',
  PEC: 'PEC (CUI-CAE)',
  CUI_CIE: 'CUI-CIE',
  CDDI: 'CDDI (insertion)',
  CDI_INCLUSION: 'CDI inclusion',
  TRAINING: 'Formation',
};

export const CHANNEL: Record<AppointmentChannel, string> = {
  ON_SITE: 'Sur place',
  PHONE: 'Par téléphone',
  VIDEO: 'En visioconférence',
};

export const APPOINTMENT: Record<AppointmentStatus, string> = {
  PLANNED: 'Prévu',
  HELD: 'Tenu',
  NO_SHOW: 'Absence',
  EXCUSED: 'Absence excusée',
  CANCELLED: 'Annulé',
};

export const PROPOSAL: Record<ProposalStatus, string> = {
  PROPOSED: 'Proposée',
  ACCEPTED_BY_PARTICIPANT: 'Acceptée par la personne',
  DECLINED_BY_PARTICIPANT: 'Refusée par la personne',
  SENT_TO_EMPLOYER: 'Candidature transmise',
  INTERVIEW: 'Entretien',
  HIRED: 'Embauche',
  REJECTED_BY_EMPLOYER: 'Non retenue par l’employeur',
  CANCELLED: 'Annulée',
  STALE: 'Sans suite',
};

export const PROPOSAL_REASON: Record<ProposalReason, string> = {
  CONDITIONS: 'Conditions de travail',
  FOUND_ELSEWHERE: 'A trouvé ailleurs',
  MOBILITY: 'Mobilité',
  NOT_INTERESTED: 'Pas d’intérêt pour l’offre',
  NO_POSITION: 'Plus de poste',
  NO_SHOW_AT_INTERVIEW: 'Absence à l’entretien',
  OTHER: 'Autre',
  PATHWAY_CLOSED: 'Parcours clos',
  SCHEDULE: 'Horaires',
  SKILLS: 'Compétences',
  UNREACHABLE: 'Injoignable',
};

export const OPPORTUNITY: Record<OpportunityKind, string> = { JOB: 'Emploi', TRAINING: 'Formation' };

export const QUALIFICATION: Record<Qualification, string> = {
  QUALIFYING: 'Qualifiante',
  PRE_QUALIFYING: 'Préqualifiante',
  NOT_QUALIFYING: 'Non qualifiante',
};

export const OUTCOME: Record<OutcomeCategory, string> = {
  DURABLE_EMPLOYMENT: 'Emploi durable',
  TRANSITIONAL_EMPLOYMENT: 'Emploi de transition',
  POSITIVE_EXIT: 'Sortie positive',
  OTHER: 'Autre sortie',
};

export const EXIT_REASON: Record<ExitReason, string> = {
  FOUND_WORK_OR_TRAINING: 'A trouvé un emploi ou une formation',
  GAVE_UP: 'Abandon',
  MOVED_AWAY: 'Déménagement',
  NO_SOLUTION: 'Sans solution',
  OTHER: 'Autre',
  UNREACHABLE: 'Injoignable',
};

export const DECLINE_REASON: Record<DeclineReason, string> = {
  ALREADY_IN_WORK_OR_TRAINING: 'Déjà en emploi ou en formation',
  DUPLICATE: 'Doublon',
  NOT_ELIGIBLE: 'Non éligible',
  OTHER: 'Autre',
  REFUSED_BY_PERSON: 'Refus de la personne',
  UNREACHABLE: 'Injoignable',
};

export const CONTACT: Record<ContactKind, string> = { INTERVIEW: 'Entretien', PHONE_CALL: 'Appel', VISIT: 'Visite', WORKSHOP: 'Atelier' };

export const REACHED: Record<ContactReached, string> = { PARTICIPANT: 'La personne', EMPLOYER: 'L’employeur', BOTH: 'Les deux', NONE: 'Personne' };

export const CHECKPOINT: Record<CheckpointStatus, string> = {
  PENDING: 'À faire',
  RECORDED: 'Fait',
  MISSED: 'Manqué',
  RECORDED_LATE: 'Fait en retard',
  CANCELLED: 'Annulé',
};

export const SITUATION: Record<FollowUpSituation, string> = {
  IN_POST: 'En poste',
  IN_OTHER_WORK: 'Dans un autre emploi',
  IN_TRAINING: 'En formation',
  NOT_IN_WORK: 'Sans emploi',
  AT_RISK: 'Emploi menacé',
  UNKNOWN: 'Inconnue',
};

export const END_REASON: Record<PlacementEndReason, string> = {
  END_OF_TERM: 'Fin du contrat',
  CONVERTED_TO_CDI: 'Transformé en CDI',
  END_OF_TRIAL_PERIOD: 'Fin de période d’essai',
  MUTUAL_AGREEMENT: 'Rupture conventionnelle',
  DISMISSAL: 'Licenciement',
  RESIGNATION: 'Démission',
  OTHER: 'Autre',
};

export const EVENT: Record<JourneyEventType, string> = {
  ParticipantReferred: 'Orientation',
  ReferralAccepted: 'Orientation acceptée',
  ReferralDeclined: 'Orientation non retenue',
  ReferralWithdrawn: 'Orientation retirée',
  CounsellorAssigned: 'Conseiller désigné',
  ReferentAssigned: 'Référent changé',
  DiagnosticScheduled: 'Diagnostic programmé',
  AppointmentRescheduled: 'Rendez-vous déplacé',
  AppointmentCancelled: 'Rendez-vous annulé',
  NoShowRecorded: 'Absence au rendez-vous',
  AbsenceExcused: 'Absence excusée',
  AppointmentAnswered: 'Réponse de la personne (par son lien)',
  DiagnosticRecorded: 'Diagnostic enregistré',
  DiagnosticCorrected: 'Diagnostic corrigé',
  ParticipantUpdated: 'Coordonnées corrigées',
  OpportunityProposed: 'Offre proposée',
  ProposalStepRecorded: 'Étape d’une proposition',
  PlacementStarted: 'Début d’une mise en situation',
  PlacementCorrected: 'Mise en situation corrigée',
  PlacementEnded: 'Fin d’une mise en situation',
  ContactRecorded: 'Contact de suivi',
  CheckpointMissed: 'Point de suivi manqué',
  PathwayExited: 'Sortie du dispositif',
};

export const OPPORTUNITY_STATUS: Record<OpportunityStatus, string> = { OPEN: 'Ouverte', CLOSED: 'Close', FILLED: 'Pourvue' };

export const ORGANISATION_KIND: Record<OrganisationKind, string> = {
  OPERATOR: 'Structure d’accompagnement',
  PRESCRIBER: 'Prescripteur',
  FUNDER: 'Financeur',
  EMPLOYER: 'Employeur',
  TEMP_AGENCY: 'Agence d’intérim',
  TRAINING_BODY: 'Organisme de formation',
};

export const FIT_REASON: Record<FitReason, string> = {
  SAME_ROME: 'même métier visé',
  SAME_ROME_FAMILY: 'métier proche',
  WANTED_CONTRACT: 'contrat recherché',
  WORKING_TIME: 'temps de travail',
  SAME_COMMUNE: 'même commune',
  IN_TERRITORY: 'sur le territoire',
  AVAILABLE: 'disponible',
};

export const ACCOUNT_EVENT: Record<AccountEventType, string> = {
  CREATED: 'Compte créé',
  INVITED: 'Compte créé, invitation envoyée',
  UPDATED: 'Compte modifié',
  DEACTIVATED: 'Compte désactivé',
  REACTIVATED: 'Compte réactivé',
  PASSWORD_CHANGED: 'Mot de passe changé',
  PASSWORD_RESET_REQUESTED: 'Lien de nouveau mot de passe demandé',
  PASSWORD_RESET: 'Nouveau mot de passe choisi par lien',
  INVITATION_ACCEPTED: 'Invitation acceptée',
  OIDC_LINKED: 'Compte lié à ProConnect (par son adresse e-mail)',
  OIDC_UNLINKED: 'Compte délié de ProConnect',
  SIGNED_IN: 'Connexion',
  SIGNED_OUT: 'Déconnexion',
};

/** How a session was opened, after "Connexion" in an account's history. */
export const SIGN_IN_METHOD: Record<SignInMethod, string> = {
  PASSWORD: 'par mot de passe',
  OIDC: 'par ProConnect',
};

/** The role each organisation kind's accounts may have (the server's ROLE_ORGANISATION_KIND). */
export const ROLES_OF_KIND: Partial<Record<OrganisationKind, Role[]>> = {
  OPERATOR: ['COUNSELLOR', 'MANAGER', 'ADMIN'],
  PRESCRIBER: ['REFERENT'],
  FUNDER: ['FUNDER'],
};

/** A person's fields as a correction names them (ParticipantUpdated's `fields`). */
export const PERSON_FIELD: Record<string, string> = {
  lastName: 'nom',
  firstNames: 'prénoms',
  birthDate: 'date de naissance',
  sex: 'sexe',
  addressLine: 'adresse',
  postalCode: 'code postal',
  communeCode: 'commune',
  phone: 'téléphone',
  email: 'e-mail',
  smsConsent: 'accord SMS',
  emailConsent: 'accord e-mail',
};

/** What a notification says, before the person's name and its day. */
export const NOTIFICATION: Record<NotificationKind, string> = {
  NEW_REFERRAL: 'Nouvelle orientation à accepter ou refuser',
  PATHWAY_ASSIGNED: 'Parcours confié à vous',
  APPOINTMENT_TOMORROW: 'Entretien de diagnostic demain',
  CHECKPOINT_TOMORROW: 'Suivi dans l’emploi à faire demain',
  CONTRACT_END_TOMORROW: 'Fin de contrat demain : suivi à faire',
  APPOINTMENT_MISSED: 'Entretien passé sans suite enregistrée',
  CHECKPOINT_MISSED: 'Suivi dans l’emploi manqué',
  CONTRACT_END_MISSED: 'Suivi de fin de contrat manqué',
  CONTRACT_ENDING: 'Contrat qui se termine dans moins de 15 jours',
  PERSON_CANNOT_COME: 'La personne a prévenu qu’elle ne pourra pas venir',
  NEW_MESSAGE: 'Nouveau message sur le parcours',
};

/** Each kind of notice as the settings page names it. */
export const NOTIFICATION_SETTING: Record<NotificationSettingKind, string> = {
  REPORT: 'Nouveau compte rendu',
  ...NOTIFICATION,
  PATHWAY_ASSIGNED: 'Parcours qui vous est confié',
};

export const DELIVERY: Record<NotificationDelivery, string> = {
  AT_ONCE: 'Un e-mail à chaque fois',
  DIGEST: 'Dans le récapitulatif du matin (7 h 30, jours ouvrés)',
  CONSOLE_ONLY: 'Seulement dans Parcours',
  OFF: 'Ne pas être prévenu(e)',
};

/** The verdicts as the referent reads them, in the order the counts show them. */
export const VERDICT: Record<ImportLineVerdict, string> = {
  TO_REFER: 'À orienter',
  REFERRED: 'Orienté(e)',
  ALREADY_IN_PATHWAY: 'Déjà dans un parcours',
  NOT_ELIGIBLE: 'Non éligible',
  IN_ERROR: 'En erreur',
  DUPLICATE_IN_FILE: 'En double dans le fichier',
};
