/** What a feature declares of its GraphQL types, for the audit of reads (personal-fields.ts). */
export interface PersonalType {
  /** How the audit names what was read: the person, and the object. */
  locate(source: Record<string, unknown>): { participantId: string; objectType: string; objectId: string };
  personal: readonly string[];
  other: readonly string[];
}

/** A feature's GraphQL types: those with personal fields, and those with none. */
export interface GraphqlPersonalData {
  personal: Record<string, PersonalType>;
  none: readonly string[];
}

export const of = (source: Record<string, unknown>, key: string) => String(source[key] ?? '');
