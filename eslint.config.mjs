// Lint rules that guard the project's architecture (see DESIGN.md of the project):
// 1. Provider bindings are imported by deep path only. The package root (and `lib/index`) loads every
//    resource module of the provider: measured 15x the time and memory of deep imports.
// 2. Dependencies point one way: core imports no provider and no cloud; the clouds never import each
//    other; the policy engine and the rules load no provider.
import tseslint from 'typescript-eslint';

const PROVIDERS = ['aws', 'azurerm', 'google'];
const rootImports = PROVIDERS.flatMap((p) => [`@cdktf/provider-${p}`, `@cdktf/provider-${p}/lib`, `@cdktf/provider-${p}/lib/index`]);
const rootMessage = 'Import provider bindings by deep path (e.g. @cdktf/provider-aws/lib/vpc): the package root loads every resource module.';

/** `no-restricted-imports` options: root provider imports plus extra patterns. */
function restricted(extraPatterns = []) {
  return [
    'error',
    {
      paths: rootImports.map((name) => ({ name, message: rootMessage })),
      patterns: extraPatterns,
    },
  ];
}

const requireRoot = {
  selector: `CallExpression[callee.name='require'][arguments.0.value=/^@cdktf\\/provider-(${PROVIDERS.join('|')})(\\/lib(\\/index)?)?$/]`,
  message: rootMessage,
};

const noProviders = { group: ['@cdktf/provider-*'], message: 'This layer must not load provider bindings.' };
const noClouds = (except) => ({
  group: ['aws', 'azure', 'gcp'].filter((c) => c !== except).flatMap((c) => [`**/${c}`, `**/${c}/**`]),
  message: 'Clouds never import each other, and core/policy never import a cloud.',
});

export default tseslint.config(
  { ignores: ['dist/**', 'cdktf.out/**', 'node_modules/**', '.tmp/**', 'coverage/**', 'docs-api/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      'no-restricted-imports': restricted(),
      'no-restricted-syntax': ['error', requireRoot],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.js', 'test/**/*.js', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Tests read synthesized JSON, which has no static type.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['lib/core/**/*.ts', 'lib/placement/**/*.ts', 'lib/policy/**/*.ts', 'policies/**/*.ts'], rules: { 'no-restricted-imports': restricted([noProviders, noClouds()]) } },
  { files: ['lib/aws/**/*.ts'], rules: { 'no-restricted-imports': restricted([noClouds('aws')]) } },
  { files: ['lib/azure/**/*.ts'], rules: { 'no-restricted-imports': restricted([noClouds('azure')]) } },
  { files: ['lib/gcp/**/*.ts'], rules: { 'no-restricted-imports': restricted([noClouds('gcp')]) } },
  { files: ['lib/platform/**/*.ts'], rules: { 'no-restricted-imports': restricted([noProviders, noClouds()]) } },
);
