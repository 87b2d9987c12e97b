import nx from '@nx/eslint-plugin';

/**
 * Module boundaries (STYLE.md point 4), by the kind of project. Every project.json carries one `type:` tag:
 *
 *   type:app        a NestJS service or the dashboard            → libraries only; never another app
 *   type:feature    a Nest feature library with its own tables   → contracts, domain, util, infra, feature
 *                   and consumers (provider-master)
 *   type:infra      framework wiring: Nest, TypeORM, kafkajs …   → contracts, domain, util, infra
 *                   (platform, messaging, auth)
 *   type:util       plain TypeScript utilities, no framework     → contracts, domain, util
 *                   (letters, roster-file)
 *   type:domain     pure domain rules (roster, business-calendar) → contracts, domain
 *   type:contracts  topics, payloads, codes (contracts)          → contracts
 *   type:ui         shared React components and hooks (ui)       → contracts (its browser entry); used by apps only
 *   type:testing    fixtures for tests (testing)                 → every library
 *   type:deploy     stack scripts, e2e, benches (deploy)         → contracts, util, infra, testing
 *
 * Tests (specs, test/ and bench/ folders) may also use type:testing, and nothing else beyond their project's rule.
 *
 * No scope tags: every library is shared (provider-master serves three services), and "services never import each
 * other" is already type:app → libraries only, so scope rules would add nothing. A library that one service alone
 * may use gets `scope:<service>` on it and on that service, plus
 * `{ sourceTag: 'type:app', notDependOnLibsWithTags: [every other scope:<service>] }` here.
 */
const CONTRACTS = 'type:contracts';
const DOMAIN = 'type:domain';
const UTIL = 'type:util';
const INFRA = 'type:infra';
const FEATURE = 'type:feature';
const TESTING = 'type:testing';
const UI = 'type:ui';

/** What code that must not know a framework (or a server) may not import. */
const FRAMEWORK_PACKAGES = ['@nestjs/*', 'typeorm', 'kafkajs', 'bullmq', 'pg', 'ioredis', 'express', 'nestjs-pino', 'prom-client'];

/** What browser code may not import: the server side of the contracts, and validation. */
const SERVER_ONLY_PACKAGES = ['class-validator', 'class-transformer', 'reflect-metadata'];

/** The projects each kind of project may import; tests add type:testing to their project's list. */
const MAY_IMPORT = {
  // The ui library is for the apps' browser code (services/*/web); their servers may not import it (below).
  'type:app': [CONTRACTS, DOMAIN, UTIL, INFRA, FEATURE, UI],
  [FEATURE]: [CONTRACTS, DOMAIN, UTIL, INFRA, FEATURE],
  [INFRA]: [CONTRACTS, DOMAIN, UTIL, INFRA],
  [UTIL]: [CONTRACTS, DOMAIN, UTIL],
  [DOMAIN]: [CONTRACTS, DOMAIN],
  // class-validator and class-transformer stay allowed: the event payload classes validate what consumers read.
  [CONTRACTS]: [CONTRACTS],
  [TESTING]: [CONTRACTS, DOMAIN, UTIL, INFRA, FEATURE, TESTING],
  'type:deploy': [CONTRACTS, UTIL, INFRA, TESTING],
  [UI]: [CONTRACTS],
};
/** Kinds that stay framework-free, in their tests too. */
const NO_FRAMEWORK = [CONTRACTS, DOMAIN, UTIL];

const TEST_FILES = ['**/*.spec.ts', '**/*.spec.tsx', '**/*-spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'];

function moduleBoundaries({ tests }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      banTransitiveDependencies: false,
      // Build configuration shared by the services' webpack configs, like the shared eslint config.
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/deploy/build/service-webpack\\.config\\.js$'],
      depConstraints: Object.entries(MAY_IMPORT).map(([sourceTag, tags]) => ({
        sourceTag,
        onlyDependOnLibsWithTags: tests && !tags.includes(TESTING) ? [...tags, TESTING] : tags,
        ...(NO_FRAMEWORK.includes(sourceTag) ? { bannedExternalImports: FRAMEWORK_PACKAGES } : {}),
        ...(sourceTag === UI ? { bannedExternalImports: [...FRAMEWORK_PACKAGES, ...SERVER_ONLY_PACKAGES] } : {}),
      })),
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.local', '**/coverage'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    rules: {
      // Imports go through each library's entry (index.ts, or a declared entry such as contracts/browser) only.
      '@nx/enforce-module-boundaries': moduleBoundaries({ tests: false }),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests may use the testing library (fixtures, tokens, PDF read-back) on top of what their project may import.
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ tests: true }) },
  },
  {
    // Test doubles: decorated no-op handlers stand in for controllers.
    files: ['**/*.spec.ts', '**/*-spec.ts'],
    rules: { '@typescript-eslint/no-empty-function': 'off' },
  },
  {
    // Configuration is read once, through a validated class (libs/platform loadConfig).
    files: ['services/**/*.ts', 'libs/**/*.ts'],
    // Benchmarks are scripts run by hand (npm run bench), sized from their environment; tests and
    // their helpers read the test run's environment (jest's global setup publishes the stack there).
    ignores: ['libs/platform/src/service-config.ts', 'libs/testing/**', '**/*.spec.ts', '**/*-spec.ts', '**/test/**', '**/bench/**'],
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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@rosterlink/testing', message: 'Only tests may use the testing library.' },
            { name: '@rosterlink/ui', message: "The ui library is browser code: a web app's web/ folder imports it, never a server." },
          ],
        },
      ],
    },
  },
  {
    // The web apps' browser code and the ui library (STYLE.md point 14): the contract's browser-safe entry, never the
    // Node entry, which brings class-validator, class-transformer and reflect-metadata into the bundle; of the
    // libraries, that entry, the ui library (with its styles), and the roster template's rules (libs/roster, so the
    // portal checks a CSV header by the rule upload-service applies), which itself keeps to the browser-safe entry.
    files: ['services/*/web/**/*.ts', 'services/*/web/**/*.tsx', 'libs/ui/src/**/*.ts', 'libs/ui/src/**/*.tsx', 'libs/roster/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@rosterlink/contracts',
              message: "The browser app imports '@rosterlink/contracts/browser' (types, constants, pure helpers).",
            },
            ...SERVER_ONLY_PACKAGES.map((name) => ({
              name,
              message: 'Server-side validation stays out of the browser bundle.',
            })),
          ],
          patterns: [
            {
              regex: '^@rosterlink/(?!(contracts(/browser)?|ui(/styles\\.css)?|roster)$)',
              message: "Of the libraries, the browser app imports '@rosterlink/contracts/browser', '@rosterlink/ui' and '@rosterlink/roster' only.",
            },
          ],
        },
      ],
    },
  },
];
