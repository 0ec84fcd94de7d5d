import { GraphQLID, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { PersonalDataDeclarationError, personalTypes, type Locate } from './graphql-personal-data';

const locate: Locate = (source) => ({ participantId: String(source.id), objectType: 'Person', objectId: String(source.id) });

/** A schema of one type `Person` under Query, declared as the decorators declare it (in the extensions). */
function schemaWith(fields: GraphQLFieldConfigMap<unknown, unknown>, typeExtensions: Record<string, unknown>): GraphQLSchema {
  const person = new GraphQLObjectType({ name: 'Person', fields, extensions: typeExtensions });
  return new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { person: { type: person } } }) });
}

describe('personalTypes: the audit of reads learns what is personal from the schema itself', () => {
  it('splits the fields of a type about a participant as each field says', () => {
    const schema = schemaWith(
      { id: { type: GraphQLID, extensions: { personal: false } }, lastName: { type: GraphQLString, extensions: { personal: true } } },
      { aboutParticipant: locate },
    );
    expect(personalTypes(schema)).toEqual({ Person: { locate, personal: ['lastName'], other: ['id'] } });
  });

  it('refuses a field of such a type that says neither: a new field cannot slip past the audit unclassified', () => {
    const schema = schemaWith({ id: { type: GraphQLID, extensions: { personal: false } }, nickname: { type: GraphQLString } }, { aboutParticipant: locate });
    expect(() => personalTypes(schema)).toThrow(PersonalDataDeclarationError);
    expect(() => personalTypes(schema)).toThrow('Person.nickname says neither @Personal() nor @NotPersonal()');
  });

  it('refuses a personal field on a type that does not say how to find its person', () => {
    const schema = schemaWith({ lastName: { type: GraphQLString, extensions: { personal: true } } }, {});
    expect(() => personalTypes(schema)).toThrow('Person.lastName is @Personal() but Person is not @AboutParticipant()');
  });

  it('passes over the types about no one', () => {
    expect(personalTypes(schemaWith({ name: { type: GraphQLString } }, {}))).toEqual({});
  });
});
