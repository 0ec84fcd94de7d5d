import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printApiSchema, SCHEMA_FILE } from '../../apps/api/src/graphql/print-schema';
import { startTestApp, type TestApp } from '../support/test-app';

describe('schema.gql', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is the schema the code generates (run `npm run schema` after changing the API)', () => {
    const committed = readFileSync(join(__dirname, '../..', SCHEMA_FILE), 'utf8');
    expect(printApiSchema(t.app.get(GraphQLSchemaHost).schema)).toBe(committed);
  });
});
