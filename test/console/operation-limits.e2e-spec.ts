import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDocument } from '@urql/core';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCUMENTS = join(__dirname, '..', '..', 'apps', 'web', 'src', 'graphql');

/** Every operation of the console's documents, printed with the fragments it uses (and only those), with the `__typename`s urql adds to each selection. */
function consoleOperations(): { name: string; text: string }[] {
  const definitions: DefinitionNode[] = readdirSync(DOCUMENTS)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(readFileSync(join(DOCUMENTS, file), 'utf8')).definitions);
  const fragments = new Map(definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const used = (node: OperationDefinitionNode | FragmentDefinitionNode, seen = new Set<string>()): Set<string> => {
    visit(node, {
      FragmentSpread(spread) {
        if (seen.has(spread.name.value)) return;
        seen.add(spread.name.value);
        used(fragments.get(spread.name.value)!, seen);
      },
    });
    return seen;
  };
  return definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ name: operation.name!.value, text: print(formatDocument({ kind: Kind.DOCUMENT, definitions: [operation, ...[...used(operation)].map((name) => fragments.get(name)!)] })) }));
}

/**
 * The server refuses a query above its limits (cost, depth, aliases, tokens) before reading its
 * variables, whoever sends it: every operation the console sends must pass them, or its screen
 * would only ever say "La demande est trop lourde". Each is sent without variables: a refusal for
 * its variables (or its sign-in) is expected, never QUERY_TOO_COMPLEX.
 */
describe('the console’s operations, against the server’s limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it.each(consoleOperations().map((operation) => [operation.name, operation.text]))('%s stays within the limits', async (_name, text) => {
    const response = await t.api.request(text);
    expect((response.errors ?? []).filter((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX').map((error) => error.message)).toEqual([]);
  });
});
