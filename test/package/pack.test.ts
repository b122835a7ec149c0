/**
 * What `npm install aira-constructs` puts on a consumer's disk: the `npm pack --dry-run` listing (no
 * network, no tarball written) holds the compiled library with its declarations, the compiled policy
 * packs, the CLI launcher, the JSON schemas, RULES.md, README, licence and package.json, and nothing of
 * the repository's tests, examples, scripts or scratch folders. Needs a build (`npm run build`) first.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

interface PackResult {
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: ReadonlyArray<{ readonly path: string; readonly size: number }>;
}

function packListing(): PackResult {
  // --ignore-scripts: list what is there, without a prepack step rebuilding it under the test.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as PackResult[])[0];
}

/** Paths a consumer needs; anything else in the tarball is a mistake. */
const ALLOWED: ReadonlyArray<RegExp> = [
  /^dist\/lib\/.+\.(js|d\.ts|json)$/,
  /^dist\/policies\/.+\.(js|d\.ts)$/,
  /^bin\/aira\.js$/,
  /^schemas\/.+\.json$/,
  /^(RULES\.md|README\.md|LICENSE|package\.json)$/,
];

/** Paths that must never ship, whatever "files" says. */
const FORBIDDEN: ReadonlyArray<RegExp> = [
  /^test\//,
  /^examples\//,
  /^scripts\//,
  /^dist\/(test|examples|scripts)\//,
  /(^|\/)\.tmp\//,
  /(^|\/)node_modules\//,
  /(^|\/)cdktf\.out\//,
  /\.tsbuildinfo$/,
  /\.tgz$/,
  /(^|\/)\.(git|ci)\//,
];

const haveBuild = fs.existsSync(path.join(root, 'dist', 'lib', 'index.js'));
const pack = haveBuild ? packListing() : undefined;
const files = pack ? pack.files.map((f) => f.path).sort() : [];

describe('npm package contents', () => {
  test('the library is built (npm run build) so the listing is meaningful', () => {
    expect(haveBuild).toBe(true);
  });

  test('holds only what a consumer needs', () => {
    const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)) || FORBIDDEN.some((re) => re.test(f)));
    expect(unexpected).toEqual([]);
  });

  test('holds every entry point of the exports map, with its declarations, and the CLI', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const targets = Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
    const expected = [...targets, pkg.main, pkg.types, ...Object.values(pkg.bin as Record<string, string>)].map((p: string) => p.replace(/^\.\//, ''));
    expect(expected.filter((p) => !files.includes(p))).toEqual([]);
    // The CLI's lazily required modules ship too (bin/aira.js requires dist/lib/cli).
    expect(files).toEqual(expect.arrayContaining(['dist/lib/cli/index.js', 'dist/lib/platform/diagram.js', 'dist/policies/index.js']));
  });

  test('every compiled module has its declaration file', () => {
    const js = files.filter((f) => /^dist\/.+\.js$/.test(f));
    expect(js.length).toBeGreaterThan(0);
    expect(js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  test('ships no stale compiled module whose source was removed (rebuild from a clean dist/ if this fails)', () => {
    const compiled = files.filter((f) => /^dist\/.+\.(js|json)$/.test(f));
    const orphans = compiled.filter((f) => {
      const src = f.replace(/^dist\//, '');
      return !fs.existsSync(path.join(root, src.replace(/\.js$/, '.ts'))) && !fs.existsSync(path.join(root, src));
    });
    expect(orphans).toEqual([]);
  });

  test('ships the rule catalog RULES.md, the README and the licence', () => {
    // RULES.md documents every rule id a report names; consumers read it from node_modules.
    // Fails until package.json "files" lists "RULES.md".
    expect(['RULES.md', 'README.md', 'LICENSE', 'package.json'].filter((f) => !files.includes(f))).toEqual([]);
  });

  test('stays small: packed under 1 MB, unpacked under 4 MB (size reported below)', () => {
    // Reported for the record (issue: "its size is reported").
    console.log(`npm pack: ${files.length} files, ${(pack!.size / 1024).toFixed(1)} kB packed, ${(pack!.unpackedSize / 1024).toFixed(1)} kB unpacked`);
    expect(pack!.entryCount).toBe(files.length);
    expect(pack!.size).toBeLessThan(1024 * 1024);
    expect(pack!.unpackedSize).toBeLessThan(4 * 1024 * 1024);
  });
});
