import { Extensions } from '@nestjs/graphql';
import { isObjectType, type GraphQLSchema } from 'graphql';

/** How the audit names what a read was about: the person, and the object. */
export type Locate = (source: Record<string, unknown>) => { participantId: string; objectType: string; objectId: string };

/** One GraphQL type about a participant, as the schema declares it. */
export interface PersonalType {
  locate: Locate;
  personal: readonly string[];
  other: readonly string[];
}

const LOCATE = 'aboutParticipant';
const PERSONAL = 'personal';

/**
 * On an object type about a participant: how the audit names what a read of it was about. Each of
 * its fields then says whether it is personal, with @Personal() or @NotPersonal() beside its
 * @Field() (or @ResolveField()): the server refuses to start on a field that says neither.
 */
export const AboutParticipant = (locate: Locate): ClassDecorator => Extensions({ [LOCATE]: locate });

/** A field about the person: reading it writes an audit entry (audit-reads.ts). */
export const Personal = (): PropertyDecorator & MethodDecorator => Extensions({ [PERSONAL]: true });

/** A field of a type about a person that says nothing about them (an id, a status, a link). */
export const NotPersonal = (): PropertyDecorator & MethodDecorator => Extensions({ [PERSONAL]: false });

export const of = (source: Record<string, unknown>, key: string) => String(source[key] ?? '');

/** A field or type whose declarations do not hold together. */
export class PersonalDataDeclarationError extends Error {}

/**
 * The types about participants, read from the schema's own declarations. Throws on a field of such
 * a type that says neither @Personal() nor @NotPersonal(), and on a personal field of a type that
 * does not say how to locate its person (its reads could not be audited).
 */
export function personalTypes(schema: GraphQLSchema): Record<string, PersonalType> {
  const found: Record<string, PersonalType> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const locate = type.extensions[LOCATE] as Locate | undefined;
    const fields = Object.values(type.getFields());
    const said = (value: boolean) => fields.filter((field) => field.extensions[PERSONAL] === value).map((field) => field.name);
    if (!locate) {
      if (said(true).length > 0) throw new PersonalDataDeclarationError(`${type.name}.${said(true)[0]} is @Personal() but ${type.name} is not @AboutParticipant(): its reads could not be audited.`);
      continue;
    }
    const unsaid = fields.filter((field) => typeof field.extensions[PERSONAL] !== 'boolean');
    if (unsaid.length > 0) throw new PersonalDataDeclarationError(`${type.name}.${unsaid[0].name} says neither @Personal() nor @NotPersonal(), on a type about a participant.`);
    found[type.name] = { locate, personal: said(true), other: said(false) };
  }
  return found;
}
