/** `aira check <path...>`: the thin shell over the engine's `check()`. */
import * as path from 'path';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../policy/builtin';
import { check } from '../policy/check';
import { PolicyError, PolicyErrorCodes } from '../policy/errors';
import { resolveFramework } from '../policy/frameworks';
import { parseOptionPairs } from '../policy/options';
import { loadPolicyDir } from '../policy/policy-dir';
import { FORMATS, Format, render } from '../policy/reporters';
import { ruleSet } from '../policy/rules';
import { Pack, SEVERITIES, Severity } from '../policy/types';
import { OptionSpec, parseArgs, usageError } from './args';
import { CliIo, progressFor, useColor } from './io';

export const CHECK_HELP = `Usage: aira check <path...> [options]

Checks Terraform plans, states and synthesized cdktf stacks against the policy rules.
<path> is a plan JSON (terraform show -json tfplan), a state JSON, a cdk.tf.json, a cdktf.out/
directory (every stack), or - for standard input.

Options:
  --pack <id>                  apply a pack (repeatable); default: every rule at its own severity
  --policy-dir <dir>           load your own rules and packs (.js/.ts modules; repeatable)
  --framework <f>              iso27001|soc2|hipaa|fips140-3|eu-ai-act (repeatable): check only the
                               rules mapped to it (with --pack: the pack's rules mapped to it) and
                               group the report by control. Passing rules is evidence for a control,
                               not certification
  --severity-threshold <sev>   fail on results at or above: critical|high|medium|low|info (default high)
  --soft-fail                  report, but exit 0 even with failing results
  --format <fmt>               text|json|sarif|junit|markdown|html (repeatable; default text;
                               html: one self-contained page, e.g. --format html --output report.html)
  --output <file>              write the preceding --format to a file instead of stdout
  --suppressions <file>        suppressions (JSON or YAML) for every input (repeatable)
  --option <key=value>         a rule option, e.g. a budget: --option maxMonthlyUsd=250000 (repeatable;
                               \`aira rules\` lists each rule's options; an unknown key is an error)
  --include-passed             list pass, unknown and not_applicable results too
  --no-color                   no ANSI colours (also: NO_COLOR=1)
  --quiet                      no progress line (it shows only on a terminal, never when CI is set)

Exit codes: 0 no failing result, 1 failing results, 2 bad usage or unreadable input.

Examples:
  aira check tfplan.json --pack aira-security-baseline --format sarif --output aira.sarif
  aira check cdktf.out --framework iso27001 --format html --output report.html
`;

/** The options `aira check` accepts (exported so tests can validate documented command lines). */
export const SPECS: OptionSpec[] = [
  { name: 'pack', type: 'string', repeat: true },
  { name: 'policy-dir', type: 'string', repeat: true },
  { name: 'framework', type: 'string', repeat: true },
  { name: 'severity-threshold', type: 'string', choices: SEVERITIES },
  { name: 'soft-fail', type: 'boolean' },
  { name: 'format', type: 'string', repeat: true, choices: FORMATS },
  { name: 'output', type: 'string', repeat: true },
  { name: 'suppressions', type: 'string', repeat: true },
  { name: 'option', type: 'string', repeat: true },
  { name: 'include-passed', type: 'boolean' },
  { name: 'no-color', type: 'boolean' },
  { name: 'quiet', type: 'boolean' },
  { name: 'help', type: 'boolean' },
];

/** Pairs each --output with the --format before it; formats without one go to stdout (at most one). */
function outputs(sequence: ReadonlyArray<{ name: string; value: string }>): Array<{ format: Format; file?: string }> {
  const out: Array<{ format: Format; file?: string }> = [];
  for (const { name, value } of sequence) {
    if (name === 'format') out.push({ format: value as Format });
    else if (name === 'output') {
      const last = out[out.length - 1];
      if (!last) throw usageError('check', '--output must follow the --format it is for', 'write e.g. --format sarif --output results.sarif');
      if (last.file) throw usageError('check', `--format ${last.format} has two --output files`, 'give each --format one --output');
      last.file = value;
    }
  }
  if (!out.length) out.push({ format: 'text' });
  const toStdout = out.filter((o) => !o.file);
  if (toStdout.length > 1) throw usageError('check', `${toStdout.map((o) => o.format).join(' and ')} would both go to stdout`, 'give all but one --format an --output file');
  return out;
}

export function runCheck(argv: readonly string[], io: CliIo): number {
  const args = parseArgs('check', argv, SPECS);
  if (args.flags.has('help')) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  if (!args.positionals.length) throw usageError('check', 'no input given', 'pass a plan JSON, a cdk.tf.json, a cdktf.out/ directory or - for stdin');
  const targets = outputs(args.sequence);
  // Names checked before any input is read: a typo fails fast, with the list of frameworks.
  const frameworks = (args.values.get('framework') ?? []).map((f) => resolveFramework(f));
  // Paths stay as the user wrote them (reports name the files that way), resolved against io.cwd when
  // that is not the process's own folder (tests, embedding).
  const resolve = (p: string) => (p === '-' || path.isAbsolute(p) || path.resolve(io.cwd) === process.cwd() ? p : path.join(io.cwd, p));
  const extraRules = [];
  const extraPacks: Pack[] = [];
  for (const dir of args.values.get('policy-dir') ?? []) {
    const found = loadPolicyDir(resolve(dir));
    extraRules.push(...found.rules);
    extraPacks.push(...found.packs);
  }
  const rules = ruleSet([...BUILTIN_RULES, ...extraRules], '--policy-dir');
  const packIds = new Set<string>();
  for (const p of [...BUILTIN_PACKS, ...extraPacks]) {
    if (packIds.has(p.id)) throw new PolicyError(PolicyErrorCodes.INVALID_RULE, '--policy-dir', `two packs have the id ${p.id}`, 'give every pack its own id');
    packIds.add(p.id);
  }
  const progress = progressFor(io, 'check', args.flags.has('quiet'));
  let bundle;
  try {
    bundle = check(
      args.positionals.map(resolve),
      {
        rules,
        packs: [...BUILTIN_PACKS, ...extraPacks],
        packIds: args.values.get('pack') ?? [],
        frameworks,
        suppressionFiles: (args.values.get('suppressions') ?? []).map(resolve),
        ruleOptions: parseOptionPairs(args.values.get('option') ?? []),
        threshold: (args.values.get('severity-threshold')?.[0] as Severity | undefined) ?? 'high',
        includePassed: args.flags.has('include-passed'),
        stdin: () => io.readStdin(),
        cwd: io.cwd,
        onFileLoaded: (f, n, total) => progress.file(f, n, total),
      },
    );
  } finally {
    progress.done();
  }
  const color = useColor(io) && !args.flags.has('no-color');
  for (const t of targets) {
    const text = render(t.format, bundle, { color: color && !t.file });
    if (!t.file) {
      io.stdout(text);
      continue;
    }
    try {
      io.writeFile(resolve(t.file), text);
    } catch (e) {
      throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, t.file, `cannot write the ${t.format} report (${(e as Error).message.split('\n')[0]})`, 'check that the folder exists and is writable');
    }
  }
  return bundle.report.summary.passed || args.flags.has('soft-fail') ? 0 : 1;
}
