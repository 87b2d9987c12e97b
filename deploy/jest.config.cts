module.exports = {
  displayName: 'deploy',
  preset: '../jest.preset.js',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  coverageDirectory: '../coverage/deploy',
};
