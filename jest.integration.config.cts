// Integration tier: services in the test process against real PostgreSQL, Kafka and Redis.
const preset = require('./jest.preset.js');

// Jest's global setup runs outside its module system: let Node resolve `@rosterlink/*` itself.
require('tsconfig-paths').register({
  baseUrl: __dirname,
  paths: require('./tsconfig.base.json').compilerOptions.paths,
});

module.exports = {
  ...preset,
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{services,libs}/*/{src,test}/**/*.integration-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testTimeout: 90_000,
  maxWorkers: 1,
};
