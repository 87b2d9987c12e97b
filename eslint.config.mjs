import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.local', '**/coverage'],
  },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      // Boundaries by type and scope; imports go through each library's index.ts only.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          // Build configuration shared by the services' webpack configs, like the shared eslint config.
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/deploy/build/service-webpack\\.config\\.js$'],
          depConstraints: [
            // Services never import each other; they talk through Kafka and HTTP.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:domain', 'type:testing'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:domain'] },
            // Domain rules know nothing of Nest, TypeORM or Kafka.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:domain'] },
            { sourceTag: 'type:deploy', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:upload-service', onlyDependOnLibsWithTags: ['scope:shared', 'scope:upload-service'] },
            { sourceTag: 'scope:import-service', onlyDependOnLibsWithTags: ['scope:shared', 'scope:import-service'] },
            {
              sourceTag: 'scope:link-request-service',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:link-request-service'],
            },
            {
              sourceTag: 'scope:notification-service',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:notification-service'],
            },
            { sourceTag: 'scope:ops-dashboard', onlyDependOnLibsWithTags: ['scope:shared', 'scope:ops-dashboard'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Any project's tests may use the testing library (fixtures, tokens, PDF read-back).
    files: ['**/*.spec.ts', '**/*-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:domain', 'type:testing'] },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Test doubles: decorated no-op handlers stand in for controllers.
    files: ['**/*.spec.ts', '**/*-spec.ts'],
    rules: { '@typescript-eslint/no-empty-function': 'off' },
  },
  {
    // Configuration is read once, through a validated class (libs/platform loadConfig).
    files: ['services/**/*.ts', 'libs/**/*.ts'],
    // Benchmarks are scripts run by hand (npm run bench), sized from their environment.
    ignores: ['libs/platform/src/service-config.ts', 'libs/testing/**', '**/*.spec.ts', '**/*-spec.ts', '**/bench/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through the service config class.' },
      ],
    },
  },
  {
    // The testing library is for test files only.
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@rosterlink/testing', message: 'Only tests may use the testing library.' }] }],
    },
  },
];
