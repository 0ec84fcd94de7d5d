export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}

/** Revenu de solidarité active: the "socle" part, the "socle + activité" combination, or none. */
export enum RsaStatus {
  SOCLE = 'SOCLE',
  SOCLE_ACTIVITE = 'SOCLE_ACTIVITE',
  NONE = 'NONE',
}

/** Levels of the French national qualifications framework (niveaux 3 to 8), or none, or not known. */
export enum EducationLevel {
  NONE = 'NONE',
  LEVEL_3 = 'LEVEL_3',
  LEVEL_4 = 'LEVEL_4',
  LEVEL_5 = 'LEVEL_5',
  LEVEL_6 = 'LEVEL_6',
  LEVEL_7 = 'LEVEL_7',
  LEVEL_8 = 'LEVEL_8',
  UNKNOWN = 'UNKNOWN',
}

/** Freins périphériques (DOMAIN.md). HEALTH is a declared functional limit, never a diagnosis. */
export enum BarrierTheme {
  MOBILITY = 'MOBILITY',
  FAMILY_CONSTRAINTS = 'FAMILY_CONSTRAINTS',
  HEALTH = 'HEALTH',
  LANGUAGE_BASIC_SKILLS = 'LANGUAGE_BASIC_SKILLS',
  HOUSING = 'HOUSING',
  FINANCIAL = 'FINANCIAL',
  ADMINISTRATIVE_LEGAL = 'ADMINISTRATIVE_LEGAL',
  DIGITAL = 'DIGITAL',
  JUSTICE = 'JUSTICE',
}

/** The channels Parcours may write to the person by, each only with their consent. */
export enum MessageChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}
