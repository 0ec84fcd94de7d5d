import type { EntityClass } from '@mikro-orm/core';
import { ENTITIES } from '@parcours/db';
import { ScopedReads, SYSTEM, UNSCOPED_ENTITIES, UnitOfWork, unscopedProblems, UnscopedEntityError, isScoped } from '@parcours/unit-of-work';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Every TypeScript source of the server (not the tests), relative to the root. */
function sources(): string[] {
  return ['libs', 'apps/api', 'apps/worker', 'scripts'].flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => relative(ROOT, join(ROOT, folder, file))),
  );
}

/** Scope holds by construction: no entity without a rule or a registered reason, no unnamed escape. */
describe('scope by construction', () => {
  class Stray {}

  it('registers every entity without a visibleTo rule with its reason, and nothing else', () => {
    const entities = ENTITIES.map((entity) => ({ name: entity.name, hasRule: isScoped(entity as EntityClass<object>) }));
    expect(unscopedProblems(entities)).toEqual([]);
    expect(Object.keys(UNSCOPED_ENTITIES).sort()).toEqual(entities.filter((entity) => !entity.hasRule).map((entity) => entity.name).sort());
    for (const reason of Object.values(UNSCOPED_ENTITIES)) expect(reason.length).toBeGreaterThan(20);
  });

  it('gives the ORM every entity of the sources: each lib lists its own, libs/db joins the lists', () => {
    const declared = sources()
      .filter((file) => file.startsWith('libs/') && file.endsWith('.entity.ts'))
      .flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/@Entity\([\s\S]*?export class (\w+)/g)].map((match) => match[1]));
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.sort()).toEqual(ENTITIES.map((entity) => entity.name).sort());
  });

  it('refuses at first use an entity with no rule and no registered reason, whoever reads', () => {
    for (const viewer of [SYSTEM, { userId: 'u', role: 'ADMIN', organisationId: 'o', organisationKind: 'OPERATOR', sessionId: null }] as const) {
      expect(() => new ScopedReads({} as never, viewer as never).where(Stray, {})).toThrow(UnscopedEntityError);
    }
  });

  it('refuses to start with such an entity', () => {
    const em = { getMetadata: () => ({ getAll: () => ({ Stray: { className: 'Stray', class: Stray } }) }) };
    expect(() => new UnitOfWork(em as never, {} as never, {} as never).onModuleInit()).toThrow('Stray has no visibleTo(actor) and is not in UNSCOPED_ENTITIES');
  });

  it("lints with the entities the code gives a rule, not a list kept by hand", () => {
    const script = "import('./eslint.config.mjs').then((config) => process.stdout.write(JSON.stringify([config.scopedEntities(), config.PERSONAL_UNSCOPED])))";
    const [linted, personal] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[][];
    expect(linted).toEqual(ENTITIES.filter((entity) => isScoped(entity as EntityClass<object>)).map((entity) => entity.name).sort());
    // The person is registered without a rule, and still read only through ScopedReads.
    expect(personal).toEqual(['Participant']);
    expect(personal.every((name) => Object.hasOwn(UNSCOPED_ENTITIES, name))).toBe(true);
  });

  it('reaches the entity manager only through reads.unscoped(reason), each use listed here', () => {
    const uses = sources().flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\.unscoped\(\s*(['"`])(.*?)\1\s*\)/g)].map((match) => `${file}: ${match[2]}`),
    );
    expect(uses.sort()).toEqual(
      [
        "libs/accounts/src/auth/auth.service.ts: the live session of the token presented, in one raw statement",
        'libs/accounts/src/users/users.service.ts: each work holder counts the rows it holds of one account the caller may see',
        'libs/audit/src/audit.service.ts: the audit writes its entries',
        'libs/audit/src/audit.service.ts: the audit writes its entries',
        "libs/data-protection/src/data-protection.service.ts: each module's personal-data policy applies the actor's scope to its own rows",
        'libs/data-protection/src/data-protection.service.ts: retention looks at every pathway',
        'scripts/bench/harness.ts: the benchmark asks the database its version',
      ].sort(),
    );
    // And no other way in: ScopedReads keeps its entity manager private.
    const reads = readFileSync(join(ROOT, 'libs/unit-of-work/src/scoped-reads.ts'), 'utf8');
    expect(reads).toContain('readonly #em: EntityManager;');
    expect(sources().filter((file) => /\breads\.em\b|read\([^)]*\(\{ em \}\)/.test(readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });
});
