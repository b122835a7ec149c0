import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

// The optimizer is pure: the project's lint config must stop it from loading provider bindings or a cloud.
describe('lib/placement lint boundary', () => {
  const cases = [
    { filePath: 'lib/placement/bad.ts', code: "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nexport const x = Vpc;\n" },
    { filePath: 'lib/placement/bad.ts', code: "import { AwsStack } from '../aws';\nexport const x = AwsStack;\n" },
    { filePath: 'lib/placement/bad.ts', code: "import type { GcpKit } from '../gcp/kit';\nexport type X = GcpKit;\n" },
    { filePath: 'lib/placement/ok.ts', code: "import { listSkus } from '../core/catalog/lookup';\nexport const x = listSkus;\n" },
  ];
  const results: string[][] = JSON.parse(
    execFileSync(process.execPath, [path.join(root, 'test', 'lint', 'lint-texts.js')], { cwd: root, input: JSON.stringify(cases), encoding: 'utf8' }),
  );

  test.each([0, 1, 2])('case %i (provider or cloud import) fails', (i) => {
    expect(results[i]).toContain('no-restricted-imports');
  });

  test('a core catalog import passes', () => {
    expect(results[3]).toEqual([]);
  });
});
