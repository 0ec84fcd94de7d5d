/**
 * The access log in words: each operation of the API, each kind of record and each field the
 * audit names, in French. `test/console/access-log-words.spec.ts` fails on an operation of the
 * schema without its words here; an unknown field reads "autre donnée", never its code.
 */

/** What each root field of the API does, as the log says it. */
export const OPERATION: Record<string, string> = {
  auditLog: 'consultation du journal des accès',
  candidates: 'candidats à une offre',
  caseload: 'tableau de bord',
  communes: 'recherche de communes',
  conventions: 'conventions',
  exportParticipantData: 'export des données d’une personne',
  followUpsDue: 'suivis à faire',
  funders: 'financeurs',
  me: 'son propre compte',
  operators: 'structures',
  opportunities: 'offres',
  opportunity: 'page d’une offre',
  organisation: 'page d’une organisation',
  organisations: 'organisations',
  outboxDeadLetters: 'courriels en échec',
  outcomeReport: 'chiffres',
  participant: 'page d’une personne',
  partner: 'page d’un partenaire',
  partners: 'partenaires',
  pathway: 'page d’un parcours',
  pathways: 'liste des parcours',
  referentReport: 'lecture d’un compte rendu',
  referentReports: 'comptes rendus',
  referents: 'recherche de référents',
  serverInfo: 'version du serveur',
  user: 'page d’un compte',
  users: 'comptes',
  acceptReferral: 'orientation acceptée',
  acknowledgeReport: 'compte rendu lu',
  assignCounsellor: 'conseiller mis en charge',
  assignReferent: 'parcours confié à un autre référent',
  cancelAppointment: 'rendez-vous annulé',
  changePassword: 'mot de passe changé',
  closeOpportunity: 'offre close',
  correctDiagnostic: 'diagnostic corrigé',
  correctPlacement: 'mise en situation corrigée',
  createConvention: 'convention enregistrée',
  createOpportunity: 'offre publiée',
  createOrganisation: 'organisation créée',
  createOutcomeExportLink: 'chiffres téléchargés',
  createPartner: 'partenaire enregistré',
  createUser: 'compte créé',
  deactivateUser: 'compte désactivé',
  declineReferral: 'orientation refusée',
  endPlacement: 'fin d’une mise en situation',
  eraseParticipant: 'effacement d’une identité',
  exitPathway: 'sortie du dispositif',
  login: 'connexion',
  logout: 'déconnexion',
  proposeOpportunity: 'offre proposée',
  reactivateUser: 'compte réactivé',
  reassignCounsellor: 'parcours confiés à un conseiller',
  recordContact: 'contact de suivi',
  recordDiagnostic: 'diagnostic enregistré',
  recordExcused: 'absence excusée',
  recordNoShow: 'absence au rendez-vous',
  recordProposalStep: 'étape d’une proposition',
  referParticipant: 'orientation d’une personne',
  refreshSession: 'session prolongée',
  requestPasswordReset: 'demande de nouveau mot de passe',
  rescheduleAppointment: 'rendez-vous déplacé',
  resetPassword: 'nouveau mot de passe',
  retryOutboxMessage: 'courriel renvoyé',
  scheduleDiagnostic: 'entretien planifié',
  startPlacement: 'début d’une mise en situation',
  updateConvention: 'convention modifiée',
  updateMyNotificationSettings: 'réglages des courriels',
  updateOpportunity: 'offre modifiée',
  updateOrganisation: 'organisation modifiée',
  updateParticipant: 'coordonnées corrigées',
  updatePartner: 'partenaire modifié',
  updateUser: 'compte modifié',
  withdrawReferral: 'orientation retirée',
  referentReportIssued: 'compte rendu reçu en direct',
};

/** Operations that are not a call of the API: the server's own work. */
const OWN_WORK: Record<string, string> = {
  'retention sweep': 'anonymisation automatique (durée de conservation)',
  'missed checkpoints sweep': 'points de suivi manqués (automatique)',
  export: 'export des données d’une personne',
  http: 'téléchargement',
  unknown: 'opération du serveur',
};

/** "query pathway,history" → "page d’un parcours", and the server's own work in its words. */
export function operationInWords(operation: string): string {
  if (operation in OWN_WORK) return OWN_WORK[operation];
  const [, roots = ''] = /^(?:query|mutation|subscription|operation)\s*(.*)$/.exec(operation) ?? [];
  const names = roots.split(',').filter(Boolean);
  if (names.length === 0) return OWN_WORK.unknown;
  return [...new Set(names.map((name) => OPERATION[name] ?? 'autre opération'))].join(' ; ');
}

/** The kinds of records a log entry is about. */
const RECORD: Record<string, string> = {
  Participant: 'personne',
  Pathway: 'parcours',
  PathwayEvent: 'historique',
  ReferralSituation: 'situation à l’orientation',
  ReferralBarrier: 'freins à l’orientation',
  Appointment: 'rendez-vous',
  Diagnostic: 'diagnostic',
  Proposal: 'proposition',
  ProposalStep: 'étape d’une proposition',
  Candidate: 'candidature',
  Placement: 'mise en situation',
  Outcome: 'sortie',
  Checkpoint: 'point de suivi',
  Contact: 'contact de suivi',
  ReferentReport: 'compte rendu',
  AuditSubject: 'journal des accès',
};

/** The fields the audit names, by their name in the API or in the database. */
const FIELD: Record<string, string> = {
  everything: 'toutes ses données',
  firstNames: 'prénoms',
  lastName: 'nom',
  name: 'nom',
  participantName: 'nom',
  birthDate: 'date de naissance',
  sex: 'sexe',
  addressLine: 'adresse',
  postalCode: 'code postal',
  commune: 'commune',
  phone: 'téléphone',
  email: 'e-mail',
  educationLevel: 'niveau de formation',
  franceTravail: 'inscription à France Travail',
  franceTravailId: 'identifiant France Travail',
  franceTravailMissingReason: 'motif de non-inscription à France Travail',
  informedOn: 'date d’information',
  rsaStatus: 'RSA',
  anonymised: 'anonymisation',
  identityKey: 'clé d’identité',
  searchName: 'nom de recherche',
  barriers: 'freins',
  eligibilityReasons: 'conditions d’éligibilité',
  declineComment: 'commentaire de refus',
  declineReason: 'motif de refus',
  justiceJustification: 'justification (justice)',
  comment: 'commentaire',
  reason: 'motif',
  outcomeCategory: 'catégorie de sortie',
  place: 'lieu',
  startsAt: 'date du rendez-vous',
  assessments: 'freins évalués',
  availableFrom: 'disponibilité',
  contractTypes: 'contrats recherchés',
  mobilityRadiusKm: 'mobilité',
  readiness: 'conclusion',
  strengths: 'points forts',
  summary: 'synthèse',
  counsellorSummary: 'synthèse',
  targetJobs: 'métiers visés',
  workingTime: 'temps de travail',
  reasons: 'raisons',
  score: 'adéquation',
  dueOn: 'date prévue',
  missedAt: 'date de manquement',
  recordedAt: 'date d’enregistrement',
  status: 'état',
  difficulties: 'difficultés',
  kind: 'type',
  nextStep: 'suite prévue',
  note: 'note',
  notes: 'notes',
  on: 'date',
  reached: 'personne jointe',
  situation: 'situation',
  basis: 'règle de calcul',
  category: 'catégorie',
  declaredSituation: 'situation déclarée',
  exitedOn: 'date de sortie',
  exitComment: 'commentaire de sortie',
  client: 'entreprise cliente',
  contractType: 'type de contrat',
  correctedAt: 'date de correction',
  employer: 'employeur',
  endComment: 'commentaire de fin',
  endReason: 'motif de fin',
  endedOn: 'date de fin',
  hoursPerWeek: 'heures par semaine',
  level: 'niveau',
  plannedEndOn: 'fin prévue',
  qualification: 'qualification',
  running: 'en cours',
  startOn: 'date de début',
  tempAgency: 'agence d’intérim',
  trainingBody: 'organisme de formation',
  lastStepOn: 'date de la dernière étape',
  offer: 'offre',
  placementDraft: 'conditions d’embauche',
  proposedOn: 'date de proposition',
  steps: 'étapes',
  exit: 'sortie',
  followUp: 'suivi',
  placement: 'mise en situation',
  proposal: 'proposition',
};

/** ["Participant.firstNames", "Participant.lastName", "Pathway.declineComment"] → "personne : prénoms, nom ; parcours : commentaire de refus". */
export function fieldsInWords(fields: readonly string[], objectType: string): string {
  const byRecord = new Map<string, string[]>();
  for (const field of fields) {
    const [type, name] = field.includes('.') ? field.split('.', 2) : [objectType, field];
    const record = RECORD[type] ?? 'autre donnée';
    const words = FIELD[name] ?? 'autre donnée';
    const list = byRecord.get(record) ?? [];
    if (!list.includes(words)) list.push(words);
    byRecord.set(record, list);
  }
  return [...byRecord].map(([record, words]) => `${record} : ${words.join(', ')}`).join(' ; ');
}
