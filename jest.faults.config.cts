// Fault drills: the built services as processes against their own private PostgreSQL, Redis and
// Kafka broker (deploy/faults), killed, restarted and flushed mid-work. FAULT_DRILL_SCALE=short|full.
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'faults',
  rootDir: __dirname,
  testMatch: ['<rootDir>/deploy/faults/**/*.faults-spec.ts'],
  testTimeout: 900_000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/deploy/faults/table-reporter.js'],
};
