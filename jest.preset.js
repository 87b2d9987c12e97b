const { join } = require('node:path');

// One transform for every project: SWC strips types fast and still emits the decorator
// metadata that NestJS dependency injection and TypeORM entities need.
module.exports = {
  testEnvironment: 'node',
  transform: {
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
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@rosterlink/(.*)$': join(__dirname, 'libs/$1/src/index.ts') },
};
