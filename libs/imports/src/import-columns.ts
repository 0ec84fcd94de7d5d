/** The referral's fields a column of a file can fill. */
export enum ImportField {
  LAST_NAME = 'LAST_NAME',
  FIRST_NAMES = 'FIRST_NAMES',
  BIRTH_DATE = 'BIRTH_DATE',
  SEX = 'SEX',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  ADDRESS = 'ADDRESS',
  POSTAL_CODE = 'POSTAL_CODE',
  COMMUNE = 'COMMUNE',
  COMMUNE_CODE = 'COMMUNE_CODE',
  RSA_STATUS = 'RSA_STATUS',
  FRANCE_TRAVAIL_ID = 'FRANCE_TRAVAIL_ID',
  BARRIERS = 'BARRIERS',
  EDUCATION_LEVEL = 'EDUCATION_LEVEL',
}

/** Which column fills which field (a column's index in the file), null when none does. */
export type ImportMapping = Record<ImportField, number | null>;

/** Fields no referral goes without: a file whose mapping misses one is refused (MISSING_COLUMN). */
export const REQUIRED_FIELDS: readonly ImportField[] = [ImportField.LAST_NAME, ImportField.FIRST_NAMES, ImportField.BIRTH_DATE, ImportField.ADDRESS];
/** And where the person lives: one of these at least. */
export const PLACE_FIELDS: readonly ImportField[] = [ImportField.COMMUNE_CODE, ImportField.COMMUNE, ImportField.POSTAL_CODE];

/** The French names each field goes by in the usual extracts (Département, France Travail, CCAS), compared as header keys. */
const HEADERS: Record<ImportField, string[]> = {
  LAST_NAME: ['nom', 'nom de famille', 'nom d usage', 'nom usage', 'nom de naissance', 'nom patronymique', 'nom beneficiaire', 'nom allocataire', 'last name'],
  FIRST_NAMES: ['prenom', 'prenoms', 'prenom s', 'prenom beneficiaire', 'prenom allocataire', 'first name'],
  BIRTH_DATE: ['date de naissance', 'date naissance', 'ne le', 'nee le', 'ne e le', 'naissance', 'ddn', 'date de naiss', 'dt naissance', 'birth date'],
  SEX: ['sexe', 'civilite', 'genre'],
  PHONE: ['telephone', 'tel', 'portable', 'mobile', 'telephone portable', 'tel portable', 'numero de telephone', 'n telephone'],
  EMAIL: ['email', 'e mail', 'courriel', 'mail', 'adresse mail', 'adresse e mail', 'adresse electronique'],
  ADDRESS: ['adresse', 'adresse postale', 'rue', 'voie', 'adresse ligne 1', 'adresse 1', 'numero et voie'],
  POSTAL_CODE: ['code postal', 'cp', 'code postale'],
  COMMUNE: ['commune', 'ville', 'localite', 'commune de residence', 'libelle commune', 'nom commune'],
  COMMUNE_CODE: ['code insee', 'insee', 'code commune', 'code insee commune', 'code commune insee'],
  RSA_STATUS: ['situation rsa', 'rsa', 'droit rsa', 'type rsa', 'nature rsa', 'etat rsa', 'statut rsa', 'beneficiaire rsa'],
  FRANCE_TRAVAIL_ID: ['n france travail', 'numero france travail', 'identifiant france travail', 'id france travail', 'id ft', 'identifiant ft', 'n ft', 'n pole emploi', 'identifiant pole emploi', 'numero pole emploi', 'id pe', 'identifiant pe', 'n identifiant france travail'],
  BARRIERS: ['freins', 'freins peripheriques', 'frein', 'freins declares'],
  EDUCATION_LEVEL: ['niveau de formation', 'niveau d etudes', 'niveau etudes', 'niveau de qualification', 'niveau', 'diplome'],
};

/** A header as compared: lower case, no accents, every run of other characters one space ("N° France Travail" → "n france travail"). */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const KNOWN = new Map<string, ImportField>(Object.entries(HEADERS).flatMap(([field, names]) => names.map((name) => [headerKey(name), field as ImportField] as const)));

/**
 * The mapping guessed from a file's headers: first the headers this organisation matched last time
 * (`remembered`, field → header key), then the usual French names. A column fills one field at most.
 */
export function guessMapping(headers: readonly string[], remembered: Partial<Record<ImportField, string>> = {}): ImportMapping {
  const keys = headers.map(headerKey);
  const mapping = Object.fromEntries(Object.values(ImportField).map((field) => [field, null])) as ImportMapping;
  const taken = new Set<number>();
  const take = (field: ImportField, index: number) => {
    if (index < 0 || taken.has(index) || mapping[field] !== null) return;
    mapping[field] = index;
    taken.add(index);
  };
  for (const [field, key] of Object.entries(remembered)) if (key) take(field as ImportField, keys.indexOf(key));
  for (const [index, key] of keys.entries()) {
    const field = KNOWN.get(key);
    if (field) take(field, index);
  }
  return mapping;
}

/** What a mapping lacks for a referral: the required fields, and a place (commune, INSEE code or postal code). */
export function missingFields(mapping: ImportMapping): ImportField[] {
  const missing = REQUIRED_FIELDS.filter((field) => mapping[field] === null);
  if (PLACE_FIELDS.every((field) => mapping[field] === null)) missing.push(ImportField.COMMUNE);
  return missing;
}

/** The mapping as remembered for the organisation: field → the header key of its column. */
export function rememberedMapping(mapping: ImportMapping, headers: readonly string[]): Partial<Record<ImportField, string>> {
  return Object.fromEntries(Object.entries(mapping).flatMap(([field, index]) => (index === null ? [] : [[field, headerKey(headers[index] ?? '')]])));
}
