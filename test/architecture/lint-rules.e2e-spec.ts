import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Lints a text as if it were a file of the project, with the project's own configuration; the lines the rule flags. */
function restrictedLines(code: string, file: string, rule = 'no-restricted-syntax'): number[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' });
  } catch (error) {
    output = (error as { stdout: string }).stdout; // exit code 1: problems found
  }
  const [result] = JSON.parse(output) as { messages: { ruleId: string; line: number }[] }[];
  return result.messages.filter((message) => message.ruleId === rule).map((message) => message.line);
}

/** The project's own lint rules catch a read around an entity's scope and a fork outside the unit of work. */
describe('the lint rules of the journey core', () => {
  const CASES: [string, boolean][] = [
    ['em.find(Pathway, {})', true],
    ['tx.findOne(Appointment, { id })', true],
    ['this.em.count(ReferentReport, {})', true],
    ['work.em.findByCursor(PathwayEvent, {}, {})', true],
    ['em.createQueryBuilder(Diagnostic)', true],
    ['em.getRepository(ReferralBarrier)', true],
    ['this.em.fork()', true],
    ['reads.find(Pathway, {})', false],
    ['work.reads.findOne(Pathway, { id })', false],
    ['reads.system().count(Pathway, {})', false],
    ['new ScopedReads(em, SYSTEM).find(ReferentReport, {})', false],
    ['em.find(User, {})', false],
    ['em.findOne(Participant, { id })', true],
    ['reads.system().findOne(Participant, { id })', false],
  ];

  it('refuses every read of a journey entity that does not start from its scope, and every fork, in libs/', () => {
    const header = 'declare const em: any, tx: any, work: any, reads: any, id: string;\n';
    const flagged = restrictedLines(header + CASES.map(([code]) => `${code};`).join('\n') + '\n', 'libs/pathways/src/example.ts');
    expect(CASES.map(([code], index) => [code, flagged.includes(index + 2)])).toEqual(CASES);
  });

  it('applies to apps/ too, and allows the fork in the unit of work alone', () => {
    expect(restrictedLines('declare const em: any;\nem.fork();\n', 'apps/api/src/example.ts')).toEqual([2]);
    expect(restrictedLines('declare const em: any;\nem.fork();\n', 'libs/unit-of-work/src/unit-of-work.ts')).toEqual([]);
  });

  it('keeps the libs importing downwards: an import upwards, which any cycle needs, fails the lint', () => {
    const imports = "import { Pathway } from '@parcours/pathways';\nimport { ReportKind } from '@parcours/reports';\nimport { Role } from '@parcours/accounts';\n";
    expect(restrictedLines(imports, 'libs/opportunities/src/example.ts', 'no-restricted-imports')).toEqual([1, 2]);
    expect(restrictedLines("import { Opportunity } from '@parcours/opportunities';\n", 'libs/pathways/src/example.ts', 'no-restricted-imports')).toEqual([]);
    expect(restrictedLines("import { Field } from '@nestjs/graphql';\n", 'libs/opportunities/src/example.ts', 'no-restricted-imports')).toEqual([1]);
    // The circle this rule broke: the unit of work and the audit took Actor from accounts, which imports both.
    expect(restrictedLines("import type { Actor } from '@parcours/accounts';\n", 'libs/unit-of-work/src/example.ts', 'no-restricted-imports')).toEqual([1]);
    expect(restrictedLines("import type { Actor } from '@parcours/accounts';\n", 'libs/audit/src/example.ts', 'no-restricted-imports')).toEqual([1]);
    expect(restrictedLines("import { UnitOfWork } from '@parcours/unit-of-work';\n", 'libs/accounts/src/example.ts', 'no-restricted-imports')).toEqual([]);
    // A constructed cycle: core importing the pathways, which import core.
    expect(restrictedLines("import { Pathway } from '@parcours/pathways';\n", 'libs/core/src/example.ts', 'no-restricted-imports')).toEqual([1]);
    expect(restrictedLines("import { ENTITIES } from '@parcours/db';\n", 'libs/outcomes/src/example.ts', 'no-restricted-imports')).toEqual([1]);
  });

  it('keeps the worker and the API apart: what they share is a lib', () => {
    expect(restrictedLines("import { readConfigOrExit } from '../../api/src/lifecycle';\n", 'apps/worker/src/example.ts', 'no-restricted-imports')).toEqual([1]);
    expect(restrictedLines("import { readConfigOrExit } from '@parcours/lifecycle';\n", 'apps/worker/src/example.ts', 'no-restricted-imports')).toEqual([]);
  });

  it('places every lib in the layers', () => {
    const script = "import('./eslint.config.mjs').then((config) => process.stdout.write(JSON.stringify(config.LAYERS)))";
    const layers = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
    expect([...layers].sort()).toEqual(readdirSync(join(ROOT, 'libs')).sort());
  });

});
