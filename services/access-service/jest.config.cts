module.exports = {
  displayName: 'access-service',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/services/access-service',
};
