import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
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
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/graphql', '@nestjs/apollo', 'graphql', 'graphql/*', '@apollo/*', 'graphql-ws'],
              message: 'libs/ never import GraphQL: map domain objects to GraphQL types in apps/api.',
            },
            { group: ['**/apps/**', '@parcours/api', '@parcours/api/*'], message: 'libs/ never import apps/.' },
          ],
        },
      ],
    },
  },
);
