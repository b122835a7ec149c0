/** `aira estimate <path...>`: the thin shell over the library's `estimate()`. */
import * as path from 'path';
import { PolicyError, PolicyErrorCodes } from '../policy/errors';
import { ESTIMATE_FORMATS, EstimateFormat, estimate, renderEstimate } from '../policy/estimate';
import { OptionSpec, parseArgs, usageError } from './args';
import { CliIo, progressFor } from './io';

export const ESTIMATE_HELP = `Usage: aira estimate <path...> [--format text|json|markdown] [--output <file>]

Estimates what the accelerator pools of synthesized stacks, plans or states cost and emit at their
maximum sizes: on-demand USD per hour and per month (730 hours), kWh per hour at nominal full-load
power, and kgCO2e per hour at the region's average grid intensity; per pool and per stack, each figure
with its source and date from the catalog. A figure the input cannot give (a size known only after
apply, a SKU without a public price, a region without an intensity) is shown as unknown with the reason.
<path> is a cdktf.out/ directory (every stack), a cdk.tf.json, a plan JSON (terraform show -json
tfplan), a state JSON, or - for standard input.

Options:
  --format <fmt>    text|json|markdown (default text)
  --output <file>   write the estimate to a file instead of stdout
  --quiet           no progress line (it shows only on a terminal, never when CI is set)

List prices and grid intensities are estimates: on-demand prices of one reference region at the date
shown (no discounts, Spot or reservations), nominal power, annual average intensities. Budgets that fail
a run: aira check --pack aira-cost-carbon --option maxMonthlyUsd=<USD> --option maxKgCo2ePerHour=<kg>.

Example:
  aira estimate cdktf.out --format markdown --output estimate.md

Exit codes: 0 estimate written, 2 bad usage or unreadable input.
`;

/** The options `aira estimate` accepts (exported so tests can validate documented command lines). */
export const SPECS: OptionSpec[] = [
  { name: 'format', type: 'string', choices: ESTIMATE_FORMATS },
  { name: 'output', type: 'string' },
  { name: 'quiet', type: 'boolean' },
  { name: 'help', type: 'boolean' },
];

export function runEstimate(argv: readonly string[], io: CliIo): number {
  const args = parseArgs('estimate', argv, SPECS);
  if (args.flags.has('help')) {
    io.stdout(ESTIMATE_HELP);
    return 0;
  }
  if (!args.positionals.length) throw usageError('estimate', 'no input given', 'pass a cdktf.out/ directory, a cdk.tf.json, a plan JSON or - for stdin');
  const resolve = (p: string) => (p === '-' || path.isAbsolute(p) || path.resolve(io.cwd) === process.cwd() ? p : path.join(io.cwd, p));
  const progress = progressFor(io, 'estimate', args.flags.has('quiet'));
  let report;
  try {
    report = estimate(args.positionals.map(resolve), { stdin: () => io.readStdin(), onFileLoaded: (f, n, total) => progress.file(f, n, total) });
  } finally {
    progress.done();
  }
  const format = (args.values.get('format')?.[0] ?? 'text') as EstimateFormat;
  const text = renderEstimate(format, report);
  const file = args.values.get('output')?.[0];
  if (!file) {
    io.stdout(text);
    return 0;
  }
  try {
    io.writeFile(resolve(file), text);
  } catch (e) {
    throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, file, `cannot write the estimate (${(e as Error).message.split('\n')[0]})`, 'check that the folder exists and is writable');
  }
  return 0;
}
