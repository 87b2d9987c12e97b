const { join } = require('node:path');

// One transform for every project: SWC strips types fast and still emits the decorator
// metadata that NestJS dependency injection and TypeORM entities need.
module.exports = {
  testEnvironment: 'node',
  transform: {
    'pdf\\.worker\\.mjs$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // pdf-parse's PDF.js worker is an ES module that Jest's CommonJS runtime cannot import():
  // compiled to CommonJS here, and required up front by libs/testing's readPdf.
  transformIgnorePatterns: ['/node_modules/(?!pdf-parse/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // As tsconfig.base.json's paths: each library's index.ts, and the contracts' browser-safe entry.
  moduleNameMapper: {
    '^@rosterlink/contracts/browser$': join(__dirname, 'libs/contracts/src/browser.ts'),
    // The shared UI library's entry is a .tsx module.
    '^@rosterlink/ui$': join(__dirname, 'libs/ui/src/index.tsx'),
    '^@rosterlink/([^/]+)$': join(__dirname, 'libs/$1/src/index.ts'),
  },
};
