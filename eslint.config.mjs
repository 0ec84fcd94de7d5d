import tseslint from 'typescript-eslint';

// Journey entities: read only through ScopedReads, which starts from each entity's visibleTo(actor).
// A new stage adds its entities here (and gives each a static visibleTo).
const SCOPED_ENTITIES = '/^(Pathway|PathwayEvent|ReferralBarrier|Appointment|Diagnostic|Proposal|ProposalStep|Placement|Checkpoint|Contact|Partner|PartnerChange|Opportunity|ReferentReport|Convention)$/';
const READS = '/^(find|findOne|findOneOrFail|findAll|findAndCount|findByCursor|count|stream|createQueryBuilder|qb|getRepository|nativeUpdate|nativeDelete)$/';

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
  {
    // Stages import downwards only: pathways (and its proposals) import opportunities, never the reverse.
    files: ['libs/opportunities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LIB_IMPORTS,
            {
              group: ['@parcours/pathways', '@parcours/reports', '@parcours/notifications', '@parcours/data-protection'],
              message: 'libs/opportunities knows nothing of pathways and proposals: whatever must touch both lives in libs/pathways/src/proposals.',
            },
          ],
        },
      ],
    },
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
