import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CODEGEN = join(ROOT, 'apps', 'web', 'scripts', 'codegen.mjs');
const GENERATED = join(ROOT, 'apps', 'web', 'src', 'graphql', 'generated.ts');

function codegen(schema: string): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-codegen-'));
  const file = join(dir, 'schema.gql');
  writeFileSync(file, schema);
  try {
    const output = execFileSync(process.execPath, [CODEGEN], { env: { ...process.env, CODEGEN_SCHEMA: file }, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { status: failed.status, output: failed.stderr };
  }
}

describe('the console’s typed operations', () => {
  const schema = readFileSync(join(ROOT, 'schema.gql'), 'utf8');

  it('fail the build when the schema loses a field the console reads, naming the document, and write nothing', () => {
    const before = statSync(GENERATED, { throwIfNoEntry: false })?.mtimeMs;
    const broken = schema.replace(/^(\s+)participantName: String!\n/m, '');
    expect(broken).not.toBe(schema);
    const { status, output } = codegen(broken);
    expect(status).toBe(1);
    expect(output).toContain('Cannot query field "participantName" on type "ReferentReport"');
    expect(output).toContain('apps/web/src/graphql/reports.graphql');
    expect(statSync(GENERATED, { throwIfNoEntry: false })?.mtimeMs).toBe(before);
  });

  it('are generated from the committed schema', () => {
    expect(codegen(schema)).toMatchObject({ status: 0, output: expect.stringContaining('documents → apps/web/src/graphql/generated.ts') });
  });
});
