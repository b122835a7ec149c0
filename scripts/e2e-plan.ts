/**
 * `npm run e2e:plan`: the policy engine against a real Terraform plan, offline.
 *
 * For every AWS example stack (examples/stacks.ts): synthesize, copy the stack folder, add a Terraform
 * override file to the copy (never to the library's output) that pins hashicorp/aws to the mirrored
 * 5.100.0 (the synthesized constraint targets 6.x) with AWS's documented example keys and the
 * provider's skip flags, then `terraform init`, `validate`, `plan -out`, `show -json` with a CLI config
 * of our own (filesystem mirror; never the user's ~/.terraformrc). Then `aira check` runs on the plan
 * JSON and on the synthesized stack, and the two reports must agree result by result. The Level 4
 * interconnect stack (`cloud: 'multi'`: aws, azurerm and google providers) is listed as not planned.
 *
 * SSM stub: the pools read their image once per plan with `data "aws_ssm_parameter"` (imageResolution
 * 'plan'), and a data source is an API call, which fails offline (TERRAFORM-OFFLINE.md, "What fails
 * offline"). So the e2e serves SSM itself (scripts/ssm-stub.ts): a local HTTP server answers `AmazonSSM.GetParameter` (AWS JSON
 * 1.1 protocol) with a fixed, well-formed fake AMI id per parameter name (`ami-` + 17 hex digits of a
 * hash of the name, so plans are the same on every run), and the override file points the provider's
 * `endpoints { ssm }` at it. Measured by recording every request (hashicorp/aws 5.100, terraform 1.11):
 * the provider makes one GetParameter call per data source per plan (12 for the 7 AWS example stacks),
 * none on validate, and no other SSM call; any other call is answered with an error and fails the run.
 * The plan holds the fake AMI id as a literal `image_id` (the data source itself is in `prior_state`,
 * not in `resource_changes`). The server listens on 127.0.0.1 only and is closed before the process
 * exits, failed run or not.
 *
 * Prints `SKIPPED: <reason>` and exits 0 when terraform or the provider mirror is absent.
 * The mirror is looked for in $AIRA_TF_PLUGIN_DIR, else a top-level `tf-plugins` folder.
 * Recipe and figures: TERRAFORM-OFFLINE.md of the project's shared notes.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_STACKS } from '../examples/stacks';
import { startSsmStub } from './ssm-stub';

/**
 * Rules whose input a plan of a fresh stack holds only as "known after apply", while the synthesized
 * stack shows it: for them, `unknown` on the plan against `pass` on the stack is the expected
 * difference (the rule says `unknown`, never `pass`, on what it cannot see). Any other difference fails.
 * Empty: AIRA-IAM-001 and AIRA-STO-005, whose policy documents interpolate ARNs the plan creates, read
 * them from the plan's configuration text (`ResourceView.configText`) and now agree with the stack. Kept
 * for a rule whose input no part of the plan holds (a value the provider alone computes).
 */
const UNKNOWN_ON_A_FRESH_PLAN = new Map<string, string>([]);

const ROOT = path.join(__dirname, '..', '..');
const WORK = path.join(ROOT, '.tmp', 'e2e-plan');
const AWS_VERSION = '5.100.0';
const AWS_MIRROR_PATH = path.join('registry.terraform.io', 'hashicorp', 'aws', AWS_VERSION);
// AWS's documented example credentials (docs.aws.amazon.com, "Understanding and getting your AWS credentials"): never valid.
const DUMMY = { access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function skip(reason: string): never {
  log(`SKIPPED: ${reason}`);
  process.exit(0);
}

function findMirror(): string | undefined {
  const candidates = process.env.AIRA_TF_PLUGIN_DIR ? [process.env.AIRA_TF_PLUGIN_DIR] : ['/tf-plugins', ...safeReaddir('/').map((d) => path.join('/', d, 'tf-plugins'))];
  return candidates.find((c) => fs.existsSync(path.join(c, AWS_MIRROR_PATH)));
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
  if (r.status !== 0) {
    process.stderr.write(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}) in ${cwd}\n${(r.stderr || r.stdout || String(r.error ?? '')).slice(-4000)}\n`);
    process.exit(1);
  }
}

/** Runs a command without blocking (stacks are planned two at a time); rejects with its output on failure. */
function runAsync(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, stdoutFile?: string): Promise<string> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const fd = stdoutFile ? fs.openSync(stdoutFile, 'w') : undefined;
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
    // The child holds its own copy of the descriptor.
    if (fd !== undefined) fs.closeSync(fd);
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(`  ${cmd} ${args[0]} ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code ?? signal}) in ${cwd}\n${output.slice(-4000)}`));
    });
  });
}

interface JsonResult {
  ruleId: string;
  address: string;
  status: string;
}

/** `aira check --format json --include-passed` through the real CLI. */
function airaCheck(target: string): { results: JsonResult[]; resources: number } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'aira.js'), 'check', target, '--format', 'json', '--include-passed', '--soft-fail'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  // Thrown, not exited: the stack fails, and the run still closes the SSM stub and reports.
  if (r.status !== 0) throw new Error(`aira check ${target} failed (exit ${r.status}): ${r.stderr}`);
  const json = JSON.parse(r.stdout) as { results: JsonResult[]; summary: { resources: number } };
  return { results: json.results, resources: json.summary.resources };
}

/** Provider blocks of the override file: the dummy keys and skip flags for each aws provider configuration, and the SSM stub. */
function providerOverride(stackJson: { provider?: { aws?: unknown } }, ssmEndpoint: string): object[] {
  const blocks = stackJson.provider?.aws;
  const list = Array.isArray(blocks) ? blocks : blocks ? [blocks] : [{}];
  return list.map((b) => ({
    ...((b as { alias?: string }).alias ? { alias: (b as { alias: string }).alias } : {}),
    ...DUMMY,
    // Both skip flags are required offline: without either the provider hangs in configure.
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    // The image parameters' data sources call SSM: the local stub answers them (see the header).
    endpoints: { ssm: ssmEndpoint },
  }));
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const tf = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (tf.error || tf.status !== 0) skip('terraform is not on PATH');
  const mirror = findMirror();
  if (!mirror) skip(`no filesystem mirror of hashicorp/aws ${AWS_VERSION} (set AIRA_TF_PLUGIN_DIR, or provide a top-level tf-plugins folder)`);
  const stacks = EXAMPLE_STACKS.filter((s) => s.cloud === 'aws').map((s) => s.name);
  if (!stacks.length) skip('no AWS example stacks in examples/stacks.ts');
  log(`terraform ${JSON.parse(tf.stdout).terraform_version}; mirror ${mirror}; stacks: ${stacks.join(', ')}`);
  // The mirror holds hashicorp/aws only: stacks with other providers are synthesized but not planned.
  const multi = EXAMPLE_STACKS.filter((s) => s.cloud === 'multi').map((s) => s.name);
  if (multi.length) log(`not planned offline (aws, azurerm and google providers; the mirror has aws only): ${multi.join(', ')}`);

  fs.rmSync(WORK, { recursive: true, force: true });
  const outdir = path.join(WORK, 'cdktf.out');
  fs.mkdirSync(WORK, { recursive: true });
  const synthEnv: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' };
  delete synthEnv.AIRA_STATE_BACKEND;
  run(process.execPath, [path.join(ROOT, 'dist', 'examples', 'main.js')], ROOT, synthEnv);
  log(`synthesized ${stacks.length} AWS stack(s) into ${path.relative(ROOT, outdir)}`);

  const cliConfig = path.join(WORK, 'terraformrc');
  fs.writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
  const tfEnv: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', AWS_EC2_METADATA_DISABLED: 'true' };
  for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'TF_DATA_DIR']) delete tfEnv[k];
  // The SSM stub is local: no proxy may stand between the provider and it.
  tfEnv.NO_PROXY = tfEnv.no_proxy = ['127.0.0.1', tfEnv.NO_PROXY ?? tfEnv.no_proxy].filter(Boolean).join(',');

  // Plan-only rules (deletions, replacements) have nothing to say on a synthesized stack: not compared.
  const catalog = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'aira.js'), 'rules', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  const rules = JSON.parse(catalog.stdout) as { rules: Array<{ id: string; sources?: string[] }> };
  const planOnly = new Set(rules.rules.filter((r) => r.sources && !r.sources.includes('synth')).map((r) => r.id));
  // From here on the SSM stub runs: every exit goes through the `finally` below, which closes it.
  const ssm = await startSsmStub();

  const planStack = async (stack: string): Promise<{ lines: string[]; failed: boolean }> => {
    const lines: string[] = [];
    let failed = false;
    const synthDir = path.join(outdir, 'stacks', stack);
    const stackJson = JSON.parse(fs.readFileSync(path.join(synthDir, 'cdk.tf.json'), 'utf8'));
    const synthConstraint = stackJson.terraform?.required_providers?.aws?.version ?? '?';
    const copy = path.join(WORK, 'plan', stack);
    fs.cpSync(synthDir, copy, { recursive: true });
    fs.writeFileSync(
      path.join(copy, 'override.tf.json'),
      JSON.stringify(
        {
          terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_VERSION } }, backend: { local: { path: 'terraform.tfstate' } } },
          provider: { aws: providerOverride(stackJson, ssm.endpoint) },
        },
        null,
        2,
      ),
    );
    lines.push(`${stack}: override.tf.json in a copy pins aws ${AWS_VERSION} (synthesized constraint ${synthConstraint}), example keys, skip flags, the SSM stub endpoint`);
    const planJson = path.join(copy, 'plan.json');
    lines.push(await runAsync('terraform', ['init', '-input=false', '-no-color'], copy, tfEnv));
    lines.push(await runAsync('terraform', ['validate', '-no-color'], copy, tfEnv));
    lines.push(await runAsync('terraform', ['plan', '-input=false', '-lock=false', '-no-color', '-out=tfplan'], copy, tfEnv));
    lines.push(await runAsync('terraform', ['show', '-json', 'tfplan'], copy, tfEnv, planJson));

    const plan = JSON.parse(fs.readFileSync(planJson, 'utf8')) as { resource_changes?: Array<{ address: string; mode: string; change: { actions: string[] } }> };
    const changes = (plan.resource_changes ?? []).filter((r) => r.mode === 'managed');
    const toAdd = changes.filter((r) => r.change.actions.join() === 'create').length;
    const planned = airaCheck(planJson);
    const synthesized = airaCheck(synthDir);

    // Same resources, by Terraform address, on both sides.
    const synthAddresses = new Set(Object.entries(stackJson.resource ?? {}).flatMap(([t, byId]) => Object.keys(byId as object).map((id) => `${t}.${id}`)));
    const planAddresses = new Set(changes.map((r) => r.address));
    const onlyPlan = [...planAddresses].filter((a) => !synthAddresses.has(a));
    const onlySynth = [...synthAddresses].filter((a) => !planAddresses.has(a));

    const key = (r: JsonResult) => `${r.ruleId} ${r.address}`;
    const fromPlan = new Map(planned.results.filter((r) => !planOnly.has(r.ruleId)).map((r) => [key(r), r.status]));
    const fromSynth = new Map(synthesized.results.filter((r) => !planOnly.has(r.ruleId)).map((r) => [key(r), r.status]));
    const differing = [...new Set([...fromPlan.keys(), ...fromSynth.keys()])].filter((k) => fromPlan.get(k) !== fromSynth.get(k)).sort();
    // A difference the plan cannot avoid: the rule's whole input is known only after apply there.
    const applyTime = differing.filter((k) => fromPlan.get(k) === 'unknown' && fromSynth.get(k) === 'pass' && UNKNOWN_ON_A_FRESH_PLAN.has(k.split(' ')[0]));
    const disagreements = differing.filter((k) => !applyTime.includes(k));

    lines.push(`  plan: ${changes.length} managed resources, ${toAdd} to add; aira check: ${planned.results.length} results on the plan, ${synthesized.results.length} on the stack`);
    lines.push(`  plan-only rules (not compared): ${[...planOnly].join(', ') || 'none'}; their verdicts on the plan: ${planned.results.filter((r) => planOnly.has(r.ruleId)).map((r) => r.status).join(', ') || 'none'}`);
    if (onlyPlan.length || onlySynth.length) {
      failed = true;
      lines.push(`  FAIL addresses differ: only in plan ${onlyPlan.join(', ') || '-'}; only in stack ${onlySynth.join(', ') || '-'}`);
    }
    if (applyTime.length) {
      const rules = [...new Set(applyTime.map((k) => k.split(' ')[0]))];
      lines.push(`  ${applyTime.length} verdicts unknown on the plan and pass on the stack, as expected: ${rules.map((id) => `${id} (${UNKNOWN_ON_A_FRESH_PLAN.get(id)})`).join('; ')}`);
    }
    if (disagreements.length) {
      failed = true;
      lines.push(`  FAIL ${disagreements.length} verdicts disagree:`);
      for (const k of disagreements.slice(0, 20)) lines.push(`    ${k}: plan ${fromPlan.get(k) ?? 'none'}, stack ${fromSynth.get(k) ?? 'none'}`);
    } else {
      lines.push(`  ok: ${fromPlan.size} (rule, address) verdicts agree between plan and synthesized stack`);
    }
    return { lines, failed };
  };

  // Two stacks at a time: each plan is a provider process of about 500 MB; the machine has 2 cores.
  const jobs = Math.max(1, Number(process.env.AIRA_E2E_JOBS ?? 2));
  const outcomes: Array<{ lines: string[]; failed: boolean }> = new Array(stacks.length);
  let next = 0;
  const worker = async () => {
    while (next < stacks.length) {
      const i = next++;
      outcomes[i] = await planStack(stacks[i]).catch((e: Error) => ({ lines: [`${stacks[i]}: ${e.message}`], failed: true }));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, stacks.length) }, worker));
  } finally {
    await ssm.close();
  }
  let failures = 0;
  for (const o of outcomes) {
    o.lines.forEach(log);
    if (o.failed) failures++;
  }
  const calls = [...ssm.served.values()].reduce((a, b) => a + b, 0);
  log(`SSM stub: ${calls} GetParameter call(s) for ${ssm.served.size} parameter(s) (${[...ssm.served.keys()].sort().join(', ') || 'none'}); other calls: ${ssm.refused.length ? ssm.refused.join(', ') : 'none'}`);
  if (ssm.refused.length) {
    failures++;
    log('FAIL the provider made SSM calls the stub does not serve: extend the stub, and the header comment, to answer them');
  }
  log(`${failures ? 'FAILED' : 'PASSED'}: ${stacks.length} stack(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(failures ? 1 : 0);
}

main().catch((e: Error) => {
  process.stderr.write(`e2e-plan: ${e.message}\n`);
  process.exit(1);
});
