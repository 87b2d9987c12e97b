module.exports = {
  displayName: 'link-request-service',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/services/link-request-service',
};
