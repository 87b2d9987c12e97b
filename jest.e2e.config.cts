// End-to-end tier: the built services as separate processes, over HTTP and Kafka.
const integration = require('./jest.integration.config.cts');

module.exports = {
  ...integration,
  displayName: 'e2e',
  testMatch: ['<rootDir>/deploy/e2e/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
};
