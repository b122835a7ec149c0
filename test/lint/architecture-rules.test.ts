import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** Lints each case in one ESLint run and returns the rule ids each one hit. */
function lint(cases: Array<{ filePath: string; code: string }>): string[][] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'lint-texts.js')], { cwd: root, input: JSON.stringify(cases), encoding: 'utf8' });
  return JSON.parse(out);
}

describe('lint rules that guard the architecture', () => {
  const cases = [
    // Root provider imports, in every form that loads the whole provider.
    { name: 'root import', filePath: 'lib/aws/bad.ts', code: "import { Vpc } from '@cdktf/provider-aws';\nexport const x = Vpc;\n", expect: 'no-restricted-imports' },
    { name: 'type-only root import', filePath: 'lib/aws/bad.ts', code: "import type { Vpc } from '@cdktf/provider-aws';\nexport type X = Vpc;\n", expect: 'no-restricted-imports' },
    { name: 'lib index import', filePath: 'lib/azure/bad.ts', code: "import { virtualNetwork } from '@cdktf/provider-azurerm/lib';\nexport const x = virtualNetwork;\n", expect: 'no-restricted-imports' },
    { name: 'root require', filePath: 'examples/bad.ts', code: "export const p = require('@cdktf/provider-google');\n", expect: 'no-restricted-syntax' },
    // Dependency direction.
    { name: 'core importing a provider', filePath: 'lib/core/bad.ts', code: "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nexport const x = Vpc;\n", expect: 'no-restricted-imports' },
    { name: 'a cloud importing another cloud', filePath: 'lib/aws/bad.ts', code: "import { AzureStack } from '../azure/stack';\nexport const x = AzureStack;\n", expect: 'no-restricted-imports' },
    { name: 'policy importing a cloud', filePath: 'lib/policy/bad.ts', code: "import { AwsStack } from '../aws';\nexport const x = AwsStack;\n", expect: 'no-restricted-imports' },
  ];
  const allowed = [
    { name: 'deep import in a cloud', filePath: 'lib/aws/ok.ts', code: "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nexport const x = Vpc;\n" },
    { name: 'core import from a cloud', filePath: 'lib/gcp/ok.ts', code: "import { PLANES } from '../core/planes';\nexport const x = PLANES;\n" },
  ];

  const results = lint([...cases, ...allowed]);

  test.each(cases.map((c, i) => [c.name, c.expect, i] as const))('fails on %s', (_name, rule, i) => {
    expect(results[i]).toContain(rule);
  });

  test.each(allowed.map((c, i) => [c.name, cases.length + i] as const))('passes %s', (_name, i) => {
    expect(results[i]).toEqual([]);
  });
});
