import type { ErrorCode } from './graphql/generated';

/**
 * What a person reads for each error code the API answers (GraphQL names and codes stay English).
 * Keyed on the schema's enum ErrorCode (generated from schema.gql): a code the server adds
 * without a sentence here, or a sentence for a code it no longer has, fails the console's build.
 */
/** The console's own codes: what went wrong before any answer of the server. */
type ConsoleErrorCode = 'NETWORK_ERROR';

export const ERROR_MESSAGES: Record<ErrorCode | ConsoleErrorCode, string> = {
  // Sessions and access
  UNAUTHENTICATED: 'Votre session a pris fin : connectez-vous de nouveau.',
  FORBIDDEN: "Votre rôle ne permet pas cette action.",
  NOT_FOUND: 'Introuvable : cette page n’existe pas ou ne vous est pas accessible.',
  INVALID_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
  TOO_MANY_ATTEMPTS: 'Trop de tentatives de connexion ont échoué : patientez avant de réessayer.',
  INVALID_REFRESH_TOKEN: 'Votre session a pris fin : connectez-vous de nouveau.',
  WEAK_PASSWORD: 'Ce mot de passe est trop facile à deviner : choisissez-en un plus long, ou une phrase de plusieurs mots.',
  LINK_EXPIRED: 'Ce lien a expiré : demandez-en un nouveau.',
  LINK_USED: 'Ce lien a déjà servi : demandez-en un nouveau.',
  INVALID_LINK: 'Ce lien n’est pas valable pour cette adresse.',
  TOO_MANY_REQUESTS: 'Trop de demandes en peu de temps : patientez quelques secondes puis réessayez.',
  // Accounts and organisations
  ROLE_DOES_NOT_FIT_ORGANISATION: 'Ce rôle ne correspond pas au type de cette organisation.',
  EMAIL_TAKEN: 'Un compte utilise déjà cette adresse e-mail.',
  ORGANISATION_NAME_TAKEN: 'Une organisation porte déjà ce nom.',
  CANNOT_DEACTIVATE_SELF: 'Vous ne pouvez pas désactiver votre propre compte.',
  ALREADY_DEACTIVATED: 'Ce compte est déjà désactivé.',
  CONTACT_FOR_OPERATORS: 'Seule une structure d’accompagnement a un contact pour les référents.',
  PARTNER_KIND: 'Cette organisation est un partenaire (employeur, agence, organisme de formation) : elle n’a pas de comptes.',
  WRONG_ORGANISATION_KIND: 'Cette organisation n’est pas du type attendu.',
  ALREADY_ACTIVE: 'Ce compte est déjà actif.',
  CANNOT_CHANGE_OWN_ROLE: 'Vous ne pouvez pas changer votre propre rôle.',
  HAS_OPEN_WORK: 'Ce compte a encore des parcours, des suivis, des rendez-vous ou des comptes rendus en cours : choisissez à qui les confier.',
  INVALID_SUCCESSOR: 'Cette personne ne peut pas reprendre ce travail : choisissez un compte actif de la même structure (ou un autre référent).',
  INVALID_RESET_TOKEN: 'Ce lien ne fonctionne plus : il a expiré, a déjà servi ou a été remplacé par un plus récent. Demandez-en un nouveau.',
  INVITATION_NEEDS_MAIL: 'Aucun serveur d’envoi d’e-mails n’est configuré : indiquez un mot de passe initial.',
  // Referral and eligibility
  OUTSIDE_TERRITORY: 'La personne ne réside pas sur le territoire de Saint-Étienne Métropole : le dispositif ne peut pas l’accueillir.',
  NO_RSA_NOR_BARRIER: 'La personne ne perçoit pas le RSA (socle ou socle + activité) et aucun frein n’est déclaré : cochez au moins un frein, ou indiquez son RSA.',
  UNKNOWN_COMMUNE: 'Commune inconnue : choisissez-la dans la liste proposée.',
  JUSTIFICATION_REQUIRED: 'Une justification écrite est obligatoire pour ce frein.',
  REASON_REQUIRED: 'Indiquez un motif.',
  INVALID_PHONE: 'Ce numéro n’est pas valable : dix chiffres pour un numéro français (06 12 34 56 78), ou l’indicatif du pays d’abord (+32 …).',
  SMS_NEEDS_MOBILE: 'Les SMS ne vont qu’à un numéro de portable vérifié : saisissez-en un d’abord.',
  CONSENT_NEEDS_EMAIL: 'Les e-mails ont besoin d’une adresse : saisissez-la d’abord.',
  COMMENT_REQUIRED: 'Un commentaire est obligatoire avec ce motif.',
  INVALID_DATE: 'Cette date n’est pas valable.',
  IDENTITY_CONFLICT: 'Cet identifiant France Travail appartient à une personne d’un autre nom ou d’une autre date de naissance : vérifiez l’identité.',
  OPEN_PATHWAY_EXISTS: 'Cette personne a déjà un parcours en cours dans L.O.I.R.E : une seule orientation à la fois.',
  // Imports of lists
  FILE_NOT_SUPPORTED: 'Ce fichier n’est ni un fichier CSV ni un classeur Excel (.xlsx).',
  FILE_PROTECTED: 'Ce classeur est protégé par un mot de passe, ou au format .xls ancien : enregistrez-le en .xlsx sans mot de passe, ou en CSV.',
  FILE_CORRUPT: 'Ce fichier ne se lit pas : enregistrez-le de nouveau depuis votre tableur, en CSV ou en .xlsx.',
  FILE_TOO_LARGE: 'Ce fichier est trop gros : un import prend au plus 5 Mo. Découpez-le en plusieurs fichiers.',
  TOO_MANY_LINES: 'Ce fichier a trop de lignes : un import en prend au plus 5 000. Découpez-le en plusieurs fichiers.',
  FILE_EMPTY: 'Ce fichier ne contient aucune ligne sous ses en-têtes.',
  UNREADABLE_ENCODING: 'Les caractères de ce fichier ne se lisent pas : enregistrez-le au format « CSV UTF-8 » depuis votre tableur.',
  MISSING_COLUMN: 'Une colonne obligatoire n’est pas choisie.',
  INVALID_MAPPING: 'Ce choix de colonnes ne convient pas : une colonne ne remplit qu’un champ.',
  INVALID_IMPORT_CHOICE: 'Ce choix ne convient pas pour cet import.',
  IMPORT_NOT_OPEN: 'Cet import est déjà confirmé, terminé ou annulé.',
  UNREADABLE_VALUE: 'Cette valeur ne se lit pas.',
  VALUE_REQUIRED: 'Cette case est vide.',
  DUPLICATE_IN_FILE: 'Cette personne figure déjà plus haut dans le fichier.',
  // The journey
  INVALID_TRANSITION: 'Cette action n’est pas possible au stade actuel du parcours.',
  PATHWAY_CLOSED: 'Ce parcours est clos : il ne peut plus être modifié.',
  PATHWAY_OPEN: 'Ce parcours est encore ouvert.',
  NOT_ACCEPTED_YET: 'L’orientation n’a pas encore été acceptée.',
  ALREADY_ASSIGNED: 'Cette personne est déjà en charge de ce parcours.',
  APPOINTMENT_NOT_PLANNED: 'Ce rendez-vous n’est plus prévu.',
  APPOINTMENT_LINK_EXPIRED: 'Ce lien a expiré.',
  INVALID_REMINDER_DELAYS: 'Ces rappels ne conviennent pas : au plus quatre, de 0 à 14 jours avant, entre 08:00 et 20:00, et le jour même avec une heure.',
  APPOINTMENT_NOT_DUE: 'Ce rendez-vous n’a pas encore eu lieu.',
  NOT_RECORDED: 'Rien n’a encore été enregistré à corriger.',
  INVALID_ASSESSMENT: 'L’évaluation des freins est incomplète ou incohérente.',
  NOT_PROPOSABLE: 'Cette offre ne peut pas être proposée à cette personne au stade actuel.',
  PROPOSAL_ALREADY_OPEN: 'Cette offre est déjà proposée à cette personne.',
  INVALID_REASON: 'Ce motif ne convient pas à cette étape.',
  NOT_PLACEABLE: 'Une mise en situation ne peut pas commencer au stade actuel du parcours.',
  PLANNED_END_REQUIRED: 'Ce type de contrat demande une date de fin prévue.',
  PLANNED_END_NOT_ALLOWED: 'Ce type de contrat n’a pas de date de fin prévue.',
  END_BEFORE_START: 'La fin ne peut pas précéder le début.',
  BEFORE_REFERRAL: 'Cette date précède l’orientation.',
  TOO_MANY_PATHWAYS: 'Choisissez entre 1 et 100 parcours à la fois.',
  DUPLICATE_PATHWAY: 'Ce parcours est choisi deux fois.',
  TOO_FAR_AHEAD: 'Cette date est trop lointaine.',
  DATE_IN_FUTURE: 'Cette date ne peut pas être dans le futur.',
  INVALID_HOURS: 'Le nombre d’heures par semaine n’est pas valable.',
  INVALID_LEVEL: 'Ce niveau n’est pas valable.',
  FIELD_REQUIRED: 'Ce champ est obligatoire.',
  FIELD_NOT_ALLOWED: 'Ce champ ne s’applique pas ici.',
  WRONG_PARTNER_KIND: 'Ce partenaire n’est pas du type attendu.',
  PROPOSAL_NOT_HIRED: 'Cette proposition n’a pas abouti à une embauche.',
  PROPOSAL_ALREADY_USED: 'Cette proposition a déjà servi à une mise en situation.',
  PROPOSAL_OF_ANOTHER_PATHWAY: 'Cette proposition appartient à un autre parcours.',
  INVALID_DIFFICULTIES: 'Chaque difficulté ne peut être indiquée qu’une fois.',
  PLACEMENT_ENDED: 'Cette mise en situation est terminée.',
  CONTACT_NOT_ALLOWED: 'Un contact ne peut pas être enregistré au stade actuel du parcours.',
  CHECKPOINT_CLOSED: 'Ce point de suivi est déjà clos.',
  INVALID_CONTACT: 'Les coordonnées ne sont pas valables.',
  // Partners, offers, conventions, figures
  INVALID_SIRET: 'Ce numéro SIRET n’est pas valable (14 chiffres).',
  SIRET_TAKEN: 'Un partenaire a déjà ce numéro SIRET.',
  INVALID_CONTRACT_TYPE: 'Ce type de contrat ne convient pas à ce type d’offre.',
  INVALID_POSITIONS: 'Le nombre de postes n’est pas valable.',
  POSITIONS_TAKEN: 'Tous les postes de cette offre sont pourvus.',
  OPPORTUNITY_CLOSED: 'Cette offre est close.',
  OPPORTUNITY_FILLED: 'Cette offre est pourvue.',
  INVALID_PERIOD: 'La période n’est pas valable : la fin précède le début.',
  INVALID_TARGET: 'L’objectif n’est pas valable.',
  TITLE_REQUIRED: 'Un intitulé est obligatoire.',
  PERIOD_REQUIRED: 'Indiquez une période ou une convention.',
  CONVENTION_REQUIRED: 'Choisissez une convention.',
  WHOLE_MONTHS_ONLY: 'Choisissez un mois entier de la convention, ou la convention entière.',
  PERIOD_OUTSIDE_CONVENTION: 'Cette période sort de la convention : choisissez un mois de la convention, ou la convention entière.',
  GROUPING_NOT_ALLOWED: 'Ce regroupement ne vous est pas permis.',
  TOO_MANY_DIMENSIONS: 'Deux regroupements au plus.',
  NOT_DEAD_LETTER: 'Seul un message en échec peut être renvoyé.',
  INVALID_NOTIFICATION_SETTING: 'Ce réglage n’est pas possible pour ce type d’avis.',
  INVALID_MESSAGE: 'Un message compte de 1 à 2 000 caractères.',
  // Anything else
  CONCURRENT_CHANGE: 'Quelqu’un d’autre a modifié ces données au même moment : rechargez la page et recommencez.',
  BAD_USER_INPUT: 'Une donnée saisie n’est pas valable.',
  INVALID_INPUT: 'Une donnée saisie n’est pas valable.',
  INVALID_CURSOR: 'Cette page de résultats n’est plus valable : revenez au début de la liste.',
  BAD_REQUEST: 'La demande n’a pas pu être comprise.',
  QUERY_TOO_COMPLEX: 'La demande est trop lourde.',
  SUBSCRIPTIONS_ONLY: 'La connexion en direct ne sert qu’aux mises à jour : rechargez la page.',
  GRAPHQL_PARSE_FAILED: 'La demande n’a pas pu être comprise.',
  GRAPHQL_VALIDATION_FAILED: 'La console et le serveur ne sont pas de la même version : rechargez la page.',
  OPERATION_RESOLUTION_FAILURE: 'La demande n’a pas pu être comprise.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'La demande n’a pas pu être comprise.',
  PERSISTED_QUERY_NOT_FOUND: 'La demande n’a pas pu être comprise.',
  INTERNAL_SERVER_ERROR: 'Une erreur inattendue est survenue de notre côté : réessayez dans un instant.',
  NETWORK_ERROR: 'Le serveur ne répond pas : vérifiez votre connexion puis réessayez.',
};

/** The sentence for a code; the throttle says how long to wait when the server said it. */
export function frenchMessage(code: string, serverMessage = ''): string {
  if (code === 'TOO_MANY_ATTEMPTS') {
    const minutes = /(\d+) minute/.exec(serverMessage)?.[1];
    const wait = `réessayez dans ${minutes} minute${minutes === '1' ? '' : 's'}.`;
    // Sign-ins count failures; links (requests and uses) count every attempt.
    if (minutes) return /failed attempts/i.test(serverMessage) ? `Trop de tentatives de connexion ont échoué : ${wait}` : `Trop de demandes à la suite : ${wait}`;
  }
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.INTERNAL_SERVER_ERROR;
}
