const preset = require('../../jest.preset.js');

// The components and hooks run in jsdom; the pure logic in Node.
module.exports = {
  displayName: 'ui',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts?(x)'],
  transform: {
    '^.+\\.tsx$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
    ...preset.transform,
  },
  moduleFileExtensions: ['tsx', ...preset.moduleFileExtensions],
  coverageDirectory: '../../coverage/libs/ui',
};
