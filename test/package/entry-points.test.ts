import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/**
 * Requires a package entry point by its public name (Node resolves a package's own name through its
 * `exports` map) in a fresh process, and returns the provider packages that ended up loaded.
 */
function providersLoadedBy(entry: string): string[] {
  const script = `
    require(${JSON.stringify(entry)});
    const loaded = new Set();
    for (const file of Object.keys(require.cache)) {
      const m = /node_modules[\\\\/]@cdktf[\\\\/](provider-[a-z]+)[\\\\/]/.exec(file);
      if (m) loaded.add(m[1]);
    }
    process.stdout.write(JSON.stringify([...loaded].sort()));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

describe('package entry points (compiled output, through the exports map)', () => {
  test.each([
    ['aira-constructs', []],
    ['aira-constructs/aws', ['provider-aws']],
    ['aira-constructs/azure', ['provider-azurerm']],
    ['aira-constructs/gcp', ['provider-google']],
    ['aira-constructs/policy', []],
  ])('%s loads only %j', (entry, expected) => {
    expect(providersLoadedBy(entry)).toEqual(expected);
  });

  test('the AWS entry point loads a bounded number of AWS resource modules (deep imports)', () => {
    const script = `
      require('aira-constructs/aws');
      const n = Object.keys(require.cache).filter((f) => /provider-aws[\\\\/]lib[\\\\/]/.test(f)).length;
      process.stdout.write(String(n));
    `;
    const modules = Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
    // The provider ships over 2,000 resource modules; a root import would load all of them.
    expect(modules).toBeGreaterThan(5);
    expect(modules).toBeLessThan(200);
  });

  test.each([
    ['aira-constructs/gcp', 'provider-google[\\\\/]lib[\\\\/]container-'],
    ['aira-constructs/azure', 'provider-azurerm[\\\\/]lib[\\\\/]kubernetes-cluster'],
  ])('%s loads its Kubernetes bindings only when a cluster is built', (entry, pattern) => {
    const script = `
      require(${JSON.stringify(entry)});
      const re = new RegExp(${JSON.stringify(pattern)});
      process.stdout.write(String(Object.keys(require.cache).filter((f) => re.test(f)).length));
    `;
    expect(Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }))).toBe(0);
  });
});
