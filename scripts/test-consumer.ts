/**
 * `npm run test:consumer`: the library as its users meet it, through `npm pack` and `npm install`.
 *
 * 1. `npm pack` the library into .tmp/consumer/run/ and assert the tarball holds only what a consumer
 *    needs (compiled JS, `.d.ts`, the CLI launcher, schemas, RULES.md, README, licence); print its size.
 * 2. For each of AWS, Azure and Google: a fresh project whose package.json lists the tarball (`file:`),
 *    `cdktf`, `constructs` and only that cloud's prebuilt provider, a `cdktf.json` and a plain-JS
 *    `main.js` (no TypeScript install in the consumer) that imports `aira-constructs/<cloud>` and the
 *    root entry point and builds a Level 2 platform. Install, synthesize with `node main.js` (the
 *    app command of cdktf.json), then `npx aira check cdktf.out --format json`: the stack must exist
 *    with the cloud's provider, the report must parse, and nothing may fail at high or above.
 *    The AWS consumer is also synthesized once by the cdktf CLI (`cdktf synth`, this repository's
 *    cdktf-cli, cwd = the consumer) and must give the same stack as `node main.js`.
 * 3. A policy-only consumer (a pipeline with no cdktf app) installs just the tarball, without the
 *    peers (`--omit=peer`), checks a small plan JSON with `npx aira check`, and must hold no
 *    `cdktf` and no `@cdktf/provider-*` in node_modules.
 *
 * The consumer projects live in a fresh directory under the OS temp dir, not in this repository:
 * Node resolves packages by walking up parent folders, so a consumer inside the repository would
 * silently load the repository's own node_modules (cdktf, every provider) and hide a missing peer.
 * Each consumer asserts it cannot resolve a peer it did not install. AIRA_CONSUMER_DIR overrides the
 * parent folder; it is removed after a passing run and kept (its path printed) after a failure.
 *
 * 4. cdktn: the AWS consumer again with the community fork CDK Terrain (`cdktn`, API-compatible with
 *    cdktf) in place of `cdktf`; see `cdktnConsumer`. It reports `cdktn: synth works` or
 *    `cdktn: fails: <reason>` and fails the run only when our own package breaks the set-up.
 *    `--cdktn` runs only the pack and this variant; `--no-cdktn` leaves it out.
 *
 * Consumers run one after another (the CI machines have two cores). Installs try the npm cache first
 * (`--offline`; it holds the packages after the project's own `npm ci`), then `--prefer-offline`.
 * Where npm can reach neither the registry nor a cached copy, prints `SKIPPED: <reason>` and exits 0.
 * Exits 1 with the reason on any other failure.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
/** The tarball. */
const WORK = path.join(ROOT, '.tmp', 'consumer', 'run');
/** Every peer a consumer might wrongly reach: an isolated consumer resolves only what it installed. */
const ALL_PEERS = ['cdktf', 'cdktn', 'constructs', '@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google'];

/** The peer versions the library supports (package.json peerDependencies). */
const PEERS = { cdktf: '0.21.0', constructs: '^10.4.2' } as const;

/**
 * CDK Terrain, the community fork of cdktf (HashiCorp deprecated cdktf on 2025-12-10). 0.24.0 is the
 * version the npm registry lists (`npm view cdktn versions`); its peer is `constructs >=10.6.0 <10.8.0`
 * (`npm view cdktn peerDependencies`), so the consumer pins constructs 10.7.x. The prebuilt
 * `@cdktf/provider-aws@21.22.1` and aira-constructs both peer on `cdktf`: the npm `overrides` entry
 * makes that peer the fork (an `npm:` alias), as the "transitional period" of the fork's upgrade guide
 * (https://cdktn.io/docs/release/upgrade-guide-v0-22) leaves prebuilt `@cdktf/provider-*` packages in place.
 */
const CDKTN = { version: '0.24.0', constructs: '10.7.2' } as const;

const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  // No cdktf telemetry, no update checks, no npm banners in the output we parse.
  CHECKPOINT_DISABLE: '1',
  DISABLE_VERSION_CHECK: '1',
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
  NO_COLOR: '1',
  CI: 'true',
};

/**
 * Errors of npm that mean "registry unreachable and not in the cache": the run is skipped, not failed.
 * npm reports a peer whose metadata it could not fetch as ERESOLVE "Found: cdktf@undefined".
 */
const OFFLINE = /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network request to .* failed|request to .* failed, reason|Found: \S+@undefined/;

interface Consumer {
  readonly name: string;
  /** The stack Level2Platform creates (its id). */
  readonly stack?: string;
  /** Provider key expected under `provider` in the stack's cdk.tf.json. */
  readonly provider?: string;
  readonly dependencies: Record<string, string>;
  readonly mainJs?: string;
}

const TAGS = "{ workload: 'consumer-test', owner: 'ml-platform', costCenter: 'cc-1004', dataClassification: 'confidential' }";

/** The ~20-line app of a cloud consumer: only `aira-constructs/<cloud>` plus the root entry point. */
function mainJs(cloud: string, kitCall: string, stack: string, cidr: string): string {
  return [
    "'use strict';",
    `// A consumer of aira-constructs that only knows the ${cloud} entry point and the root one.`,
    "const { App } = require('cdktf');",
    "const { Level2Platform } = require('aira-constructs');",
    `const { ${kitCall.split('(')[0]} } = require('aira-constructs/${cloud}');`,
    '',
    'const app = new App();',
    `const kit = ${kitCall};`,
    `new Level2Platform(app, '${stack}', {`,
    '  kit,',
    `  cidr: '${cidr}',`,
    "  name: 'consumer-l2',",
    `  tags: ${TAGS},`,
    '});',
    'app.synth();',
    '',
  ].join('\n');
}

const CONSUMERS: readonly Consumer[] = [
  {
    name: 'aws',
    stack: 'consumer-aws',
    provider: 'aws',
    dependencies: { '@cdktf/provider-aws': '21.22.1' },
    mainJs: mainJs('aws', "awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] })", 'consumer-aws', '10.14.0.0/16'),
  },
  {
    name: 'azure',
    stack: 'consumer-azure',
    provider: 'azurerm',
    dependencies: { '@cdktf/provider-azurerm': '14.23.1' },
    // Placeholders, as in examples/level2-azure.ts: a syntactically valid key and the nil UUID.
    mainJs: mainJs(
      'azure',
      "azureKit({ location: 'eastus', zones: ['1', '2'], adminSshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReplaceThisWithTheOperatorsOwnPublicKey000 ops@example.com', lustre: { resourceProviderPrincipalId: '00000000-0000-0000-0000-000000000000' } })",
      'consumer-azure',
      '10.24.0.0/16',
    ),
  },
  {
    name: 'gcp',
    stack: 'consumer-gcp',
    provider: 'google',
    dependencies: { '@cdktf/provider-google': '16.12.1' },
    mainJs: mainJs('gcp', "gcpKit({ project: 'aira-consumer', region: 'europe-west4', zones: ['europe-west4-a', 'europe-west4-b'] })", 'consumer-gcp', '10.34.0.0/16'),
  },
  { name: 'policy-only', dependencies: {} },
];

/** Files a consumer may receive: everything else in the tarball is a packaging mistake. */
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^RULES\.md$/, /^bin\/aira\.js$/, /^schemas\/[^/]+\.json$/, /^dist\/(lib|policies)\/.+\.(js|d\.ts|json)$/];
/** Files a consumer cannot do without. */
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'RULES.md', 'bin/aira.js', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/cli/index.js', ...['aws', 'azure', 'gcp', 'policy'].flatMap((e) => [`dist/lib/${e}/index.js`, `dist/lib/${e}/index.d.ts`])];

/** A plan with one public, unencrypted bucket: the policy-only consumer must find it failing. */
const PLAN = {
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: {
    root_module: {
      resources: [
        { address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: 'consumer-logs', force_destroy: false, tags: {} } },
        {
          address: 'aws_s3_bucket_public_access_block.logs',
          mode: 'managed',
          type: 'aws_s3_bucket_public_access_block',
          name: 'logs',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          values: { bucket: 'consumer-logs', block_public_acls: false, block_public_policy: false, ignore_public_acls: false, restrict_public_buckets: false },
        },
      ],
    },
  },
  configuration: { root_module: {} },
};

class Skip extends Error {}
class Fail extends Error {}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function secs(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

function run(cmd: string, args: readonly string[], cwd: string, timeoutMs = 240_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs });
}

function tail(r: SpawnSyncReturns<string>): string {
  return `${r.stderr ?? ''}${r.stdout ?? ''}${r.error ? String(r.error) : ''}`.trim().slice(-3000);
}

function must(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Fail(`${what} failed (exit ${r.status ?? r.signal})\n${tail(r)}`);
  return r.stdout;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

interface Packed {
  readonly file: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

function pack(): Packed {
  const r = run('npm', ['pack', '--json', '--pack-destination', WORK], ROOT, 120_000);
  const out = must(r, 'npm pack');
  const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  const files = info.files.map((f) => f.path).sort();
  const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  if (stray.length) throw new Fail(`the tarball holds files a consumer does not need: ${stray.slice(0, 10).join(', ')}${stray.length > 10 ? ` (+${stray.length - 10})` : ''}`);
  // `tsc` never deletes outputs: a compiled file whose source is gone would ship as dead code.
  const stale = files.filter((f) => /^dist\/.+\.(js|json)$/.test(f) && !fs.existsSync(path.join(ROOT, f.replace(/^dist\//, '').replace(/\.js$/, '.ts'))));
  if (stale.length) throw new Fail(`the tarball holds compiled files without a source (delete dist/ and rebuild): ${stale.slice(0, 10).join(', ')}`);
  const missing = REQUIRED.filter((f) => !files.includes(f));
  if (missing.length) throw new Fail(`the tarball lacks ${missing.join(', ')} (run \`npm run build\` first)`);
  return { file: path.join(WORK, info.filename), size: info.size, unpackedSize: info.unpackedSize, files };
}

/**
 * Installs the consumer. First from the npm cache alone (`--offline`: fast, and the usual case after the
 * project's own `npm ci`); when that fails, `--prefer-offline` with one network
 * retry. When that second attempt fails on the network or does not finish, the run is skipped.
 */
function install(dir: string, extra: readonly string[] = []): string {
  const t0 = Date.now();
  const common = ['install', '--no-audit', '--no-fund', ...extra];
  const cached = run('npm', [...common, '--offline'], dir);
  if (cached.status === 0) return `${secs(t0)} from the cache`;
  // Whatever failed from the cache alone (ENOTCACHED, or ERESOLVE when a peer's metadata is not
  // cached) is retried with the registry, which then tells a real failure from a missing package.
  const r = run('npm', [...common, '--prefer-offline', '--fetch-retries=1'], dir, 180_000);
  if (r.status === 0) return `${secs(t0)} with the registry`;
  const out = tail(r);
  if (r.error || r.signal || OFFLINE.test(out)) {
    throw new Skip(`the npm cache lacks a package and the registry is unreachable (${r.error || r.signal ? 'no answer within 180 s' : out.match(OFFLINE)?.[0]})`);
  }
  throw new Fail(`npm install failed (exit ${r.status})\n${out}`);
}

/** Runs `aira check` in the consumer; returns the parsed report and the exit code. */
function airaCheck(dir: string, input: string): { report: AiraReport; status: number } {
  const r = run('npx', ['--no-install', 'aira', 'check', input, '--format', 'json'], dir, 120_000);
  if (r.status !== 0 && r.status !== 1) throw new Fail(`aira check exited ${r.status ?? r.signal}\n${tail(r)}`);
  try {
    return { report: JSON.parse(r.stdout) as AiraReport, status: r.status };
  } catch (e) {
    throw new Fail(`aira check printed no JSON report (${(e as Error).message})\n${tail(r)}`);
  }
}

interface AiraReport {
  inputs: Array<{ file: string; stack?: string; resources: number }>;
  summary: { failing: number; passed: boolean; resources: number; bySeverity: Record<string, Record<string, number>> };
  results: Array<{ ruleId: string; address: string; status: string; severity: string }>;
}

/** Fails at high or above, counted from the summary (the exit code says the same, asserted too). */
function highFails(report: AiraReport): number {
  return ['critical', 'high'].reduce((n, s) => n + (report.summary.bySeverity[s]?.fail ?? 0) + (report.summary.bySeverity[s]?.error ?? 0), 0);
}

interface StackJson {
  '//'?: unknown;
  provider?: Record<string, unknown>;
  resource?: Record<string, Record<string, unknown>>;
}

function stackJson(dir: string, stack: string): StackJson {
  const file = path.join(dir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json');
  if (!fs.existsSync(file)) throw new Fail(`synth wrote no ${path.relative(dir, file)}`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function createProject(c: Consumer, tarball: string, parent: string): string {
  const dir = path.join(parent, c.name);
  fs.mkdirSync(dir, { recursive: true });
  const cloud = c.mainJs !== undefined;
  writeJson(path.join(dir, 'package.json'), {
    name: `aira-consumer-${c.name}`,
    version: '0.0.0',
    private: true,
    license: 'UNLICENSED',
    dependencies: {
      'aira-constructs': `file:${tarball}`,
      ...(cloud ? { cdktf: PEERS.cdktf, constructs: PEERS.constructs } : {}),
      ...c.dependencies,
    },
  });
  if (cloud) {
    writeJson(path.join(dir, 'cdktf.json'), { language: 'javascript', app: 'node main.js', output: 'cdktf.out', projectId: `aira-consumer-${c.name}`, sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} });
    fs.writeFileSync(path.join(dir, 'main.js'), c.mainJs as string);
  } else {
    writeJson(path.join(dir, 'plan.json'), PLAN);
  }
  return dir;
}

/** Asserts the consumer resolves exactly the peers it installed (nothing leaks in from a parent folder). */
function checkIsolation(dir: string, installed: readonly string[]): void {
  const probe = `for (const p of ${JSON.stringify(ALL_PEERS)}) { try { require.resolve(p + '/package.json'); console.log(p); } catch {} }`;
  const found = must(run('node', ['-e', probe], dir, 30_000), 'node -e require.resolve').split('\n').filter(Boolean).sort();
  const expected = ALL_PEERS.filter((p) => installed.includes(p)).sort();
  if (found.join() !== expected.join()) throw new Fail(`the consumer in ${dir} resolves ${found.join(', ') || 'no peer'}, expected ${expected.join(', ') || 'none'}: it is not isolated from a parent node_modules`);
}

/** Each cloud consumer's synthesized stack, by consumer name: the cdktn variant compares with the AWS one. */
const SYNTHESIZED = new Map<string, StackJson>();

function cloudConsumer(c: Consumer, dir: string, withCli: boolean): string {
  const stack = c.stack as string;
  let t0 = Date.now();
  must(run('node', ['main.js'], dir, 180_000), 'node main.js');
  const synth = secs(t0);
  const tf = stackJson(dir, stack);
  SYNTHESIZED.set(c.name, tf);
  const provider = c.provider as string;
  if (!tf.provider?.[provider]) throw new Fail(`stack ${stack} has no "${provider}" provider (has ${Object.keys(tf.provider ?? {}).join(', ') || 'none'})`);
  const foreign = Object.keys(tf.provider).filter((p) => p !== provider && ['aws', 'azurerm', 'google', 'google-beta'].includes(p));
  if (foreign.length) throw new Fail(`stack ${stack} configures other clouds' providers: ${foreign.join(', ')}`);
  const resources = Object.values(tf.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  if (resources === 0) throw new Fail(`stack ${stack} has no resources`);
  const leaked = Object.keys(tf.resource ?? {}).filter((t) => !t.startsWith(`${provider}_`) && !t.startsWith('google_') && !/^(random|tls|time|null|terraform)_/.test(t));
  if (leaked.length) throw new Fail(`stack ${stack} holds resources of another provider: ${leaked.join(', ')}`);

  let cli = '';
  if (withCli) {
    // The same app through the cdktf CLI (this repository's cdktf-cli; the consumer does not install it):
    // `cdktf synth` runs cdktf.json's app command in the consumer and must write the same stack.
    const before = JSON.stringify(tf);
    fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
    t0 = Date.now();
    const bin = path.join(ROOT, 'node_modules', '.bin', 'cdktf');
    if (!fs.existsSync(bin)) throw new Fail(`${path.relative(ROOT, bin)} is missing: run npm ci in the repository`);
    must(run(bin, ['synth'], dir, 240_000), 'cdktf synth');
    cli = `, cdktf synth ${secs(t0)}`;
    if (JSON.stringify(stackJson(dir, stack)) !== before) throw new Fail(`cdktf synth and node main.js wrote different ${stack} stacks`);
  }

  t0 = Date.now();
  const { report, status } = airaCheck(dir, 'cdktf.out');
  const check = secs(t0);
  const input = report.inputs.find((i) => i.stack === stack);
  if (!input) throw new Fail(`the report has no input for stack ${stack} (inputs: ${report.inputs.map((i) => i.stack ?? i.file).join(', ')})`);
  const high = highFails(report);
  if (status !== 0 || high > 0 || !report.summary.passed) {
    const failing = report.results.filter((r) => r.status === 'fail' || r.status === 'error').slice(0, 5);
    throw new Fail(`aira check exit ${status}, ${high} failing at high or above: ${failing.map((r) => `${r.ruleId} ${r.address}`).join('; ')}`);
  }
  return `stack ${stack} (${provider}, ${resources} resources), synth ${synth}${cli}, aira check ${check}: ${report.summary.resources} resources, 0 failing at high or above`;
}

function policyConsumer(dir: string): string {
  const t0 = Date.now();
  const { report, status } = airaCheck(dir, 'plan.json');
  const check = secs(t0);
  if (report.summary.resources !== PLAN.planned_values.root_module.resources.length) throw new Fail(`aira check saw ${report.summary.resources} resources in plan.json, expected ${PLAN.planned_values.root_module.resources.length}`);
  // The plan's public-access block is wide open: the rules must have run and found it.
  if (status !== 1 || report.summary.failing === 0) throw new Fail(`aira check passed a plan with an open S3 public access block (exit ${status})`);
  const modules = path.join(dir, 'node_modules');
  const present = ['cdktf', 'constructs', 'cdktf-cli'].filter((p) => fs.existsSync(path.join(modules, p)));
  const providers = fs.existsSync(path.join(modules, '@cdktf')) ? fs.readdirSync(path.join(modules, '@cdktf')).map((p) => `@cdktf/${p}`) : [];
  if (present.length || providers.length) throw new Fail(`the policy-only consumer installed ${[...present, ...providers].join(', ')}`);
  const failed = [...new Set(report.results.filter((r) => r.status === 'fail').map((r) => r.ruleId))].sort();
  return `aira check plan.json ${check}: exit 1 as expected, ${report.summary.failing} failing (${failed.join(', ')}); no cdktf, constructs or @cdktf/* installed`;
}

/** What the cdktn variant found: reported, never a failed run (unless our own package is at fault). */
class Finding extends Error {}

/** The lines of an npm or Node error that say what went wrong, without the noise around them. */
function reason(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/^npm (error|ERR!) ?/, '').trim());
  const eresolve = lines.findIndex((l) => /ERESOLVE/.test(l));
  if (eresolve >= 0) {
    return lines.slice(eresolve).filter((l) => /ERESOLVE|^Found:|^Could not resolve|^peer |^Conflicting peer/.test(l)).slice(0, 5).join(' | ');
  }
  const error = lines.findIndex((l) => /\b\w*Error\b|^npm error code/.test(l));
  if (error < 0) return lines.filter(Boolean).slice(-3).join(' | ');
  const frame = lines.slice(error + 1).find((l) => l.startsWith('at '));
  return [lines[error], frame].filter(Boolean).join(' | ');
}

/** The first place two JSON values differ, as a path (`resource.aws_vpc.x.cidr_block`), or undefined. */
function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return at || '(root)';
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
    const d = firstDifference(ao[k], bo[k], at ? `${at}.${k}` : k);
    if (d !== undefined) return d;
  }
  return at || '(root)';
}

function withoutMetadata(tf: StackJson): StackJson {
  const rest = { ...tf };
  delete rest['//'];
  return rest;
}

/**
 * The AWS consumer on CDK Terrain (`cdktn`). One install holds both ways a team can switch:
 * - `main.js` imports `cdktn` (the fork's upgrade guide: rename the dependency and the imports), while
 *   aira-constructs and the prebuilt provider still `require('cdktf')`, which the override turns into
 *   a second copy of the fork: the two copies meet through the fork's `Symbol.for('cdktf/...')` markers;
 * - `main-cdktf.js` is the unchanged cdktf app: every `require('cdktf')` loads the fork (one copy).
 * Both must write the same stack, equal to the cdktf AWS consumer's apart from the `//` metadata block
 * (when that consumer ran), and pass `aira check` as it does.
 * Returns the finding's line. Throws Fail only where our package breaks the set-up (its peer ranges
 * reject the fork), Skip when the registry cannot be reached.
 */
function cdktnConsumer(tarball: string, parent: string): string {
  const dir = path.join(parent, 'cdktn');
  fs.mkdirSync(dir, { recursive: true });
  writeJson(path.join(dir, 'package.json'), {
    name: 'aira-consumer-cdktn',
    version: '0.0.0',
    private: true,
    license: 'UNLICENSED',
    dependencies: {
      'aira-constructs': `file:${tarball}`,
      cdktn: CDKTN.version,
      constructs: CDKTN.constructs,
      '@cdktf/provider-aws': '21.22.1',
    },
    overrides: { cdktf: `npm:cdktn@${CDKTN.version}` },
  });
  writeJson(path.join(dir, 'cdktf.json'), { language: 'javascript', app: 'node main.js', output: 'cdktf.out', projectId: 'aira-consumer-cdktn', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} });
  const app = mainJs('aws', "awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] })", 'consumer-aws', '10.14.0.0/16');
  fs.writeFileSync(path.join(dir, 'main.js'), app.replace("require('cdktf')", "require('cdktn')"));
  fs.writeFileSync(path.join(dir, 'main-cdktf.js'), app);

  let installTime: string;
  try {
    installTime = install(dir);
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const why = reason(e.message);
    // Our own peer range rejecting the fork is ours to fix (widen peerDependencies); anything else is the fork's.
    if (/Could not resolve dependency: \| peer \S+ from aira-constructs@/.test(why)) throw new Fail(`cdktn: aira-constructs' peerDependencies reject the fork: ${why}`);
    throw new Finding(`npm install: ${why}`);
  }
  log(`  cdktn: npm install ${installTime}`);
  checkIsolation(dir, ['cdktf', 'cdktn', 'constructs', '@cdktf/provider-aws']);
  const aliased = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'cdktf', 'package.json'), 'utf8')) as { name: string; version: string };
  if (aliased.name !== 'cdktn') throw new Finding(`the override left ${aliased.name}@${aliased.version} in node_modules/cdktf`);

  const synth: string[] = [];
  let stack: StackJson | undefined;
  for (const [main, how] of [['main-cdktf.js', "require('cdktf') aliased"], ['main.js', "require('cdktn')"]] as const) {
    fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
    const t0 = Date.now();
    const r = run('node', [main], dir, 120_000);
    if (r.status !== 0) throw new Finding(`node ${main} (${how}) exit ${r.status ?? r.signal}: ${reason(tail(r))}`);
    synth.push(`${how} ${secs(t0)}`);
    const tf = stackJson(dir, 'consumer-aws');
    if (!tf.provider?.aws) throw new Finding(`node ${main} wrote a stack without the aws provider`);
    if (stack) {
      const d = firstDifference(stack, tf);
      if (d) throw new Finding(`require('cdktn') and the aliased require('cdktf') write different stacks, first at ${d}`);
    }
    stack = tf;
  }
  const tf = stack as StackJson;
  const resources = Object.values(tf.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const cdktf = SYNTHESIZED.get('aws');
  let same = 'not compared (the cdktf consumers did not run)';
  if (cdktf) {
    const d = firstDifference(withoutMetadata(cdktf), withoutMetadata(tf));
    if (d) throw new Finding(`the stack differs from the cdktf consumer's, first at ${d}`);
    same = "the same stack as cdktf 0.21.0 apart from the '//' metadata";
  }

  const t0 = Date.now();
  const { report, status } = airaCheck(dir, 'cdktf.out');
  const high = highFails(report);
  if (!report.inputs.some((i) => i.stack === 'consumer-aws')) throw new Finding(`aira check found no stack consumer-aws in cdktf.out (inputs: ${report.inputs.map((i) => i.stack ?? i.file).join(', ')})`);
  if (status !== 0 || high > 0) throw new Finding(`aira check exit ${status}, ${high} failing at high or above`);
  return `synth works: cdktn ${aliased.version} with constructs ${CDKTN.constructs} and @cdktf/provider-aws 21.22.1 (override cdktf -> npm:cdktn@${CDKTN.version}), install ${installTime}, synth ${synth.join(', ')}: ${resources} resources, ${same}; aira check ${secs(t0)}: 0 failing at high or above`;
}

/** Runs the cdktn variant: its line for the summary. Never throws a Finding or Skip; a Fail passes through. */
function cdktnVariant(tarball: string, parent: string): string {
  const t0 = Date.now();
  try {
    const line = `cdktn: ${cdktnConsumer(tarball, parent)} (${secs(t0)} in all)`;
    log(`  ${line}`);
    return line;
  } catch (e) {
    if (!(e instanceof Finding || e instanceof Skip)) throw e;
    const line = e instanceof Skip ? `cdktn: SKIPPED: ${e.message}` : `cdktn: fails: ${e.message} (${secs(t0)})`;
    log(`  ${line}`);
    return line;
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--cdktn' && a !== '--no-cdktn');
  if (unknown.length || args.length > 1) {
    process.stderr.write(`usage: node dist/scripts/test-consumer.js [--cdktn | --no-cdktn]\n  --cdktn     pack and run only the cdktn consumer\n  --no-cdktn  leave the cdktn consumer out\n`);
    process.exit(2);
  }
  const onlyCdktn = args.includes('--cdktn');
  const withCdktn = !args.includes('--no-cdktn');
  const started = Date.now();
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const base = process.env.AIRA_CONSUMER_DIR ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const projects = fs.mkdtempSync(path.join(base, 'aira-consumer-'));
  const summary: string[] = [];
  try {
    const packed = pack();
    const tarball = `tarball ${path.basename(packed.file)}: ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${packed.files.length} files`;
    log(tarball);
    for (const c of onlyCdktn ? [] : CONSUMERS) {
      const dir = createProject(c, packed.file, projects);
      // The policy-only pipeline installs no cdktf: npm would otherwise add the non-optional peers.
      const installTime = install(dir, c.mainJs ? [] : ['--omit=peer']);
      log(`  ${c.name}: npm install ${installTime}`);
      checkIsolation(dir, Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies));
      const line = c.mainJs ? cloudConsumer(c, dir, c.name === 'aws') : policyConsumer(dir);
      summary.push(`${c.name}: ok, install ${installTime}, ${line}`);
      log(`  ${c.name}: ok`);
    }
    if (withCdktn) summary.push(cdktnVariant(packed.file, projects));
    log('\nconsumer summary:');
    for (const s of summary) log(`  ${s}`);
    log(`  ${tarball}`);
    log(`all consumers passed in ${secs(started)}`);
    fs.rmSync(projects, { recursive: true, force: true });
  } catch (e) {
    if (e instanceof Skip) {
      fs.rmSync(projects, { recursive: true, force: true });
      log(`SKIPPED: ${e.message}`);
      process.exit(0);
    }
    for (const s of summary) log(`  ${s}`);
    process.stderr.write(`test:consumer FAILED: ${e instanceof Error ? e.message : String(e)}\n(consumer projects kept in ${projects})\n`);
    process.exit(1);
  }
}

main();
