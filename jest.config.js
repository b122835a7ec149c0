/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: type-checking is its own step of `npm test` (tsc --noEmit).
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  setupFiles: ['<rootDir>/test/setup/tmpdir.js'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/cdktf.js'],
  testTimeout: 60000,
};
