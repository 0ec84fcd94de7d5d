import type { EntityClass, EntityManager } from '@mikro-orm/core';
import type { Actor, ErrorCode } from '@parcours/core';

/**
 * One entity's personal data, property by property:
 * - `erase`: identifies the person or is a free text or a sensitive detail: anonymisation empties
 *   it, every write of it is audited, the export contains it;
 * - `keep`: what the figures need and may survive without identity (codes, dates, links).
 * A test walks the ORM's metadata and fails on a property in neither list.
 */
export interface EntityPolicy<T extends object = never, E extends keyof T & string = never> {
  entity: EntityClass<T>;
  /** The participant the row is about. */
  subject(entity: T): string;
  /** How the audit names the row. */
  object(entity: T): string;
  erase: readonly PolicyProperty<T, E>[];
  keep: readonly PolicyProperty<T, E>[];
}

/**
 * A property as the ORM's metadata names it: the entity's own, or one of an embedded object's
 * (`E`, the entity's embedded properties), which the ORM names `<embedded>_<property>`
 * (`exited_comment`): what a change set's payload and the metadata carry.
 */
export type PolicyProperty<T, E extends keyof T & string = never> = (keyof T & string) | { [K in E]: `${K}_${keyof NonNullable<T[K]> & string}` }[E];

/** An entity holding several people's data for a short while, property by property. */
export interface HeldBriefly {
  personal: readonly string[];
  other: readonly string[];
  until: string;
}

/** Whose data: a participant, and those of their pathways the request may reach. */
export interface DataSubject {
  participantId: string;
  pathwayIds: string[];
  /** Set by `whole`: when the person was anonymised, if they were. */
  anonymisedAt?: Date | null;
}

/** What the export holds of one module: top-level sections, and sections under each pathway. */
export interface ExportPart {
  sections?: Record<string, unknown>;
  /** section → pathway id → rows */
  perPathway?: Record<string, Record<string, unknown[]>>;
}

/** How data subjects are found: provided by the module that owns participants and pathways. */
export interface DataSubjectFinder {
  /** The participant and the pathways of theirs the viewer may see (ADMIN: all); null when none. */
  find(em: EntityManager, viewer: Actor, participantId: string): Promise<DataSubject | null>;
  /** Every pathway of the participant, whoever may see it; null when there is no such participant. */
  whole(em: EntityManager, participantId: string): Promise<DataSubject | null>;
  /** Why the participant may not be erased now (an open pathway), or null. */
  erasureBlocker(em: EntityManager, participantId: string): Promise<{ code: ErrorCode; message: string } | null>;
  /** Participants none of whose pathways had a recorded change since the cutoff, not yet anonymised. */
  retentionDue(em: EntityManager, cutoff: Date): Promise<string[]>;
}

/**
 * A module's personal data, declared where it lives and contributed to the shared mechanisms (the
 * audit of writes, the export, erasure and retention), which iterate over every policy and import
 * no domain module. A module provides it as a class marked `@PersonalData()`.
 */
export interface PersonalDataPolicy {
  /** The module's entities about participants. */
  readonly entities: readonly EntityPolicy<never>[];
  /** The module's entities about no participant, with every property. */
  readonly notAboutParticipants?: Readonly<Record<string, readonly string[]>>;
  /**
   * The module's entities about several people at once, none of them known as a participant yet
   * (the lines of a file uploaded): held briefly, never exported nor linked to a person's record.
   * `personal` lists what identifies people, `other` the rest, `until` says when it goes.
   */
  readonly heldBriefly?: Readonly<Record<string, HeldBriefly>>;
  /** What the subject's export holds of this module, as the viewer may see it. */
  exportOf?(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart>;
  /** Empties every `erase` property of this module's rows about the subject (anonymisation). */
  forget?(em: EntityManager, subject: DataSubject, now: Date): Promise<void>;
  /** Set by the one module that owns participants and pathways. */
  readonly subjects?: DataSubjectFinder;
}

/** Declares a typed entity policy (the property lists are checked against the entity's keys). */
export function entityPolicy<T extends object, E extends keyof T & string = never>(policy: EntityPolicy<T, E>): EntityPolicy<never> {
  return policy as unknown as EntityPolicy<never>;
}
