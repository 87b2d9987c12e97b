module.exports = {
  displayName: 'business-calendar',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/business-calendar',
};
