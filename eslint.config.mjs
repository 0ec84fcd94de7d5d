import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * The scoped entities, found in the code: every class of libs/ with a `static visibleTo(actor)`
 * rule. They are read only through ScopedReads, which starts from that rule; a new entity with a
 * rule is covered the day it is written (test/architecture checks this list against the ORM's).
 */
export function scopedEntities(root = import.meta.dirname) {
  const names = new Set();
  for (const file of readdirSync(join(root, 'libs'), { recursive: true })) {
    if (!String(file).endsWith('.ts') || String(file).endsWith('.spec.ts')) continue;
    for (const match of readFileSync(join(root, 'libs', String(file)), 'utf8').matchAll(/static visibleTo\(actor: Actor\): FilterQuery<(\w+)>/g)) names.add(match[1]);
  }
  return [...names].sort();
}
/** Unscoped entities about a person (UNSCOPED_ENTITIES says why they have no rule): read through ScopedReads too, never the raw manager. */
export const PERSONAL_UNSCOPED = ['Participant'];
const SCOPED_ENTITIES = `/^(${[...scopedEntities(), ...PERSONAL_UNSCOPED].join('|')})$/`;
const READS = '/^(find|findOne|findOneOrFail|findAll|findAndCount|findByCursor|count|stream|createQueryBuilder|qb|getRepository|nativeUpdate|nativeDelete)$/';

/**
 * The libs from the bottom up. Each may import only those below it, so that no import cycle among
 * them can be written (a cycle needs an import upwards). A new lib takes its place here; a lib
 * missing from the list is refused by test/architecture.
 */
export const LAYERS = ['core', 'config', 'lifecycle', 'territory', 'unit-of-work', 'audit', 'accounts', 'participants', 'opportunities', 'conventions', 'pathways', 'reports', 'notifications', 'imports', 'data-protection', 'outcomes', 'db'];

const LIB_IMPORTS = [
  {
    group: ['@nestjs/graphql', '@nestjs/apollo', 'graphql', 'graphql/*', '@apollo/*', 'graphql-ws'],
    message: 'libs/ never import GraphQL: map domain objects to GraphQL types in apps/api.',
  },
  { group: ['**/apps/**', '@parcours/api', '@parcours/api/*'], message: 'libs/ never import apps/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'apps/web/src/graphql/generated.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain never knows how it is served: no GraphQL, no apps.
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: LIB_IMPORTS }] },
  },
  ...LAYERS.map((lib, index) => ({
    // Each lib imports only the libs below it: no cycle among libs can be written.
    files: [`libs/${lib}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LIB_IMPORTS,
            ...(index + 1 < LAYERS.length
              ? [{ group: LAYERS.slice(index + 1).map((above) => `@parcours/${above}`), message: `libs/${lib} imports only the libs below it (LAYERS in eslint.config.mjs, from the bottom: ${LAYERS.slice(0, index).join(', ') || 'none'}).` }]
              : []),
          ],
        },
      ],
    },
  })),
  {
    // The worker and the API share libs, never each other's code.
    files: ['apps/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/src/**', '**/apps/api/**'], message: 'apps/worker imports libs only: what it shares with the API lives in a lib (libs/lifecycle…).' }] }] },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/worker/src/**', '**/apps/worker/**'], message: 'apps/api imports libs only, never the worker.' }] }] },
  },
  {
    // One owner of forks and transactions, and reads of journey entities only through their scope.
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['libs/unit-of-work/src/unit-of-work.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='fork']",
          message: 'Only the UnitOfWork forks the entity manager: run a command with uow.run(actor, …), read with uow.read(viewer, …).',
        },
        {
          selector: `CallExpression[callee.property.name=${READS}][arguments.0.name=${SCOPED_ENTITIES}]:not([callee.object.name='reads']):not([callee.object.property.name='reads']):not([callee.object.callee.property.name='system']):not([callee.object.type='NewExpression'])`,
          message: "Read journey entities through ScopedReads (work.reads, uow.read(viewer, reads => …)): each read starts from the entity's visibleTo(actor).",
        },
        {
          selector: "CallExpression[callee.property.name='findByCursor']:not([callee.object.name='reads']):not([callee.object.property.name='reads']):not([callee.object.callee.property.name='system']):not([callee.object.type='NewExpression'])",
          message: 'Page through ScopedReads.findByCursor: it refuses a cursor it did not give before any SQL.',
        },
      ],
    },
  },
);
