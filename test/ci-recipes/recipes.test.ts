/**
 * The CI recipes in examples/ci/ are copied into users' repositories, so they must stay valid: each
 * file parses as YAML (the project's own subset parser), every `npx aira ...` line uses only commands
 * and options the CLI accepts (validated with the CLI's own option specs and parser), the report files
 * it writes are the ones the CI system publishes, and the command line really runs on a plan.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { OptionSpec, parseArgs } from '../../lib/cli/args';
import { SPECS as CATALOG_SPECS } from '../../lib/cli/catalog';
import { SPECS as CHECK_SPECS } from '../../lib/cli/check';
import { CliIo } from '../../lib/cli/io';
import { SPECS as RULES_SPECS } from '../../lib/cli/rules';
import { PLAN_SPECS } from '../../lib/cli/topology';
import { parseYaml } from '../../lib/policy/yaml';
import { planDoc, scratch } from '../policy/helpers/docs';

const CI_DIR = path.resolve(__dirname, '../../examples/ci');
const RECIPES = ['github-actions.yml', 'gitlab-ci.yml', 'azure-pipelines.yml'];

/** The option specs of each `aira` command, as the CLI itself uses them. */
const COMMAND_SPECS: Record<string, readonly OptionSpec[]> = {
  check: CHECK_SPECS,
  rules: RULES_SPECS,
  catalog: CATALOG_SPECS,
  'plan-topology': PLAN_SPECS,
  diagram: [{ name: 'help', type: 'boolean' }],
};

/** Every string value in a parsed YAML document. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** Splits one shell command line into words (quotes honoured); stops at a pipe, redirection or `&&`. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    const bare = m[3];
    if (bare !== undefined && /^(\||>|>>|2>|&&|;|\|\|)/.test(bare)) break;
    words.push(m[1] ?? m[2] ?? bare);
  }
  return words;
}

/** The argv (after `aira`) of every `npx aira ...` command in the parsed recipe. */
function airaCommands(doc: unknown): string[][] {
  const out: string[][] = [];
  for (const s of strings(doc)) {
    for (const line of s.split('\n')) {
      const m = /(?:^|\s)npx\s+aira\s+(.*)$/.exec(line);
      if (m) out.push(shellWords(m[1]));
    }
  }
  return out;
}

/** Validates an `aira` argv with the CLI's own parser; returns the parsed options (throws on bad usage). */
function validate(argv: readonly string[]): ReturnType<typeof parseArgs> {
  const [command, ...rest] = argv;
  const specs = COMMAND_SPECS[command];
  if (!specs) throw new Error(`unknown aira command "${command}"`);
  const args = parseArgs(command, rest, specs);
  if (command === 'check') {
    if (!args.positionals.length) throw new Error('aira check without an input');
    // Mirrors `aira check`: each --output belongs to the --format before it; at most one format goes to stdout.
    let open: string | undefined;
    let toStdout = 0;
    for (const { name } of args.sequence) {
      if (name === 'format') {
        if (open) toStdout++;
        open = 'format';
      } else if (name === 'output') {
        if (!open) throw new Error('--output without a --format before it');
        open = undefined;
      }
    }
    if (open) toStdout++;
    if (toStdout > 1) throw new Error('two formats would go to stdout');
  }
  return args;
}

/** The file each `--format` of an `aira check` argv is written to. */
function outputsByFormat(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let format: string | undefined;
  for (const { name, value } of validate(argv).sequence) {
    if (name === 'format') format = value;
    else if (name === 'output' && format) out[format] = value;
  }
  return out;
}

const docs = new Map(RECIPES.map((f) => [f, fs.readFileSync(path.join(CI_DIR, f), 'utf8')]));
const parsed = (f: string) => parseYaml(docs.get(f)!) as Record<string, any>;

describe('CI recipes: YAML', () => {
  test.each(RECIPES)('%s parses as YAML into a mapping', (f) => {
    const doc = parsed(f);
    expect(doc).toBeInstanceOf(Object);
    expect(Array.isArray(doc)).toBe(false);
  });

  test('the README documents every recipe, and its aira command lines are the recipes\' and valid', () => {
    const readme = fs.readFileSync(path.join(CI_DIR, 'README.md'), 'utf8');
    for (const f of RECIPES) expect(readme).toContain(f);
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).filter((l) => /^npx\s+aira\s/.test(l));
    expect(blocks.length).toBe(RECIPES.length);
    const inRecipes = RECIPES.flatMap((f) => airaCommands(parsed(f)).map((argv) => argv.join(' ')));
    for (const line of blocks) {
      const argv = shellWords(line.replace(/^npx\s+aira\s+/, ''));
      expect(() => validate(argv)).not.toThrow();
      expect(inRecipes).toContain(argv.join(' '));
    }
  });
});

describe('CI recipes: aira command lines', () => {
  test.each(RECIPES)('%s calls `aira check` only with options the CLI accepts, failing on high', (f) => {
    const cmds = airaCommands(parsed(f));
    // Every `npx aira` in the raw text sits in a parsed string value (none hidden from this check).
    expect(cmds).toHaveLength(docs.get(f)!.match(/npx\s+aira\s/g)!.length);
    expect(cmds.length).toBeGreaterThan(0);
    for (const argv of cmds) {
      expect(() => validate(argv)).not.toThrow();
      expect(argv[0]).toBe('check');
      expect(validate(argv).values.get('severity-threshold')).toEqual(['high']);
      expect(validate(argv).flags.has('soft-fail')).toBe(false);
    }
  });

  test('the validator rejects what the CLI rejects (so the check above can fail)', () => {
    expect(() => validate(['check', 'plan.json', '--format', 'sarif', '--bogus'])).toThrow(/unknown option --bogus/);
    expect(() => validate(['check', 'plan.json', '--format', 'pdf'])).toThrow(/--format must be one of/);
    expect(() => validate(['check', 'plan.json', '--output', 'x'])).toThrow(/--output without a --format/);
    expect(() => validate(['check', 'plan.json', '--format', 'json', '--format', 'text'])).toThrow(/stdout/);
    expect(() => validate(['deploy'])).toThrow(/unknown aira command/);
    expect(shellWords('check plan.json --format "a b" > out.txt')).toEqual(['check', 'plan.json', '--format', 'a b']);
  });

  test('GitHub Actions: uploads the SARIF file aira writes and appends the Markdown one to the job summary', () => {
    const doc = parsed('github-actions.yml');
    const steps = Object.values(doc.jobs as Record<string, any>).flatMap((j) => j.steps as any[]);
    const [argv] = airaCommands(doc);
    const files = outputsByFormat(argv);
    expect(Object.keys(files).sort()).toEqual(['markdown', 'sarif']);
    const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe(files.sarif);
    expect(upload?.if).toBe('always()');
    expect(steps.some((s) => typeof s.run === 'string' && s.run.includes(files.markdown) && s.run.includes('$GITHUB_STEP_SUMMARY'))).toBe(true);
    expect(steps.some((s) => typeof s.run === 'string' && /terraform show -json tfplan > "\$GITHUB_WORKSPACE\/plan\.json"/.test(s.run))).toBe(true);
    // upload-sarif needs this permission.
    expect(doc.permissions['security-events']).toBe('write');
  });

  test('GitLab CI: publishes the JUnit file aira writes as a report artifact, also when the job fails', () => {
    const doc = parsed('gitlab-ci.yml');
    const job = doc['aira-check'];
    const files = outputsByFormat(airaCommands(doc)[0]);
    expect(job.artifacts.reports.junit).toBe(files.junit);
    expect(job.artifacts.when).toBe('always');
    expect(doc['terraform-plan'].artifacts.paths).toContain('plan.json');
  });

  test('Azure Pipelines: publishes the JUnit file aira writes with PublishTestResults@2, also when the check fails', () => {
    const doc = parsed('azure-pipelines.yml');
    const files = outputsByFormat(airaCommands(doc)[0]);
    const publish = (doc.steps as any[]).find((s) => s.task === 'PublishTestResults@2');
    expect(publish.inputs.testResultsFormat).toBe('JUnit');
    expect(publish.inputs.testResultsFiles).toBe(files.junit);
    expect(publish.condition).toBe('succeededOrFailed()');
  });
});

describe('CI recipes: the command lines run', () => {
  const dir = scratch('ci-recipes');
  // One high-severity failure (an S3 bucket without its protections) in a plan at the path the recipes use.
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(planDoc([{ type: 'aws_s3_bucket', name: 'data', values: {} }])));

  test.each(RECIPES)('%s: aira check exits 1 on the high finding and writes the reports the CI publishes', (f) => {
    const [argv] = airaCommands(parsed(f));
    const written = new Map<string, string>();
    let stderr = '';
    const io: CliIo = {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      readStdin: () => '',
      writeFile: (file, text) => {
        written.set(path.relative(dir, file), text);
      },
      env: { CI: 'true' },
      isTTY: false,
      cwd: dir,
    };
    expect(main(argv, io)).toBe(1);
    expect(stderr).toBe('');
    const files = outputsByFormat(argv);
    expect([...written.keys()].sort()).toEqual(Object.values(files).sort());
    if (files.sarif) {
      const sarif = JSON.parse(written.get(files.sarif)!);
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    }
    if (files.markdown) expect(written.get(files.markdown)).toMatch(/aws_s3_bucket\.data/);
    if (files.junit) expect(written.get(files.junit)).toMatch(/<testsuites?[\s>][\s\S]*<failure/);
  });
});
