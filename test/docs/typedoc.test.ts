import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

describe('npm run docs (TypeDoc)', () => {
  test('generates an API reference with the entry points and their constructs', () => {
    const out = path.join(root, '.tmp', 'docs-api-test');
    fs.rmSync(out, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out, '--logLevel', 'Error'], { cwd: root, stdio: 'pipe' });
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    const classes = fs.readdirSync(path.join(out, 'classes')).join('\n');
    for (const c of ['index.Level2Platform', 'aws.SegmentedNetwork', 'azure.AcceleratorPool', 'gcp.StorageTiers']) expect(classes).toContain(`${c}.html`);
    // The policy entry point's lazy PolicyGuard export is documented as a type and a constant.
    const pages = fs.readdirSync(out, { recursive: true }).map(String);
    expect(pages.some((p) => p.includes('policy.PolicyGuard'))).toBe(true);
  }, 60_000);
});
