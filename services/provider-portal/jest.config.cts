const preset = require('../../jest.preset.js');

// Server specs run in Node; the web app's specs (*.spec.tsx, and web/**/*.spec.ts) ask for jsdom in their docblock.
module.exports = {
  displayName: 'provider-portal',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts?(x)'],
  transform: {
    '^.+\\.tsx$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
    ...preset.transform,
  },
  moduleFileExtensions: ['tsx', ...preset.moduleFileExtensions],
  coverageDirectory: '../../coverage/services/provider-portal',
};
