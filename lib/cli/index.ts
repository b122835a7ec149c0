/**
 * The `aira` command: a thin shell over library functions that return data. Every bad input ends as
 * one line on stderr and exit code 2, never a stack trace (AIRA_DEBUG=1 prints it for bug reports).
 */
import { isPolicyError } from '../policy/errors';
import { toolVersion } from '../policy/report';
import { didYouMean } from './args';
import { CATALOG_HELP, runCatalog } from './catalog';
import { CHECK_HELP, runCheck } from './check';
import { ESTIMATE_HELP, runEstimate } from './estimate';
import { CliIo, processIo } from './io';
import { RULES_HELP, runRules } from './rules';
import { DIAGRAM_HELP, PLAN_TOPOLOGY_HELP, runDiagram, runPlanTopology } from './topology';

export type { CliIo } from './io';

export const HELP = `Usage: aira <command> [options]

Commands:
  check <path...>   check plans, states and synthesized stacks against the policy rules
  rules             list the rules and packs (RULES.md is \`aira rules --format md\`)
  estimate <path>   estimate the cost, energy and emissions of accelerator pools at maximum size
  catalog           print the accelerator catalog with sources and dates
  plan-topology     place workload demands on clouds, regions and SKUs (Level 4), without synthesizing
  diagram           print the Mermaid topology of a synthesized cdktf.out/

Run \`aira <command> --help\` for its options. \`aira --version\` prints the version.

Example:
  aira check tfplan.json --pack aira-security-baseline --pack aira-golden-rules
`;

const COMMANDS: Record<string, { run: (argv: readonly string[], io: CliIo) => number; help: string }> = {
  check: { run: runCheck, help: CHECK_HELP },
  rules: { run: runRules, help: RULES_HELP },
  estimate: { run: runEstimate, help: ESTIMATE_HELP },
  catalog: { run: runCatalog, help: CATALOG_HELP },
  'plan-topology': { run: runPlanTopology, help: PLAN_TOPOLOGY_HELP },
  diagram: { run: runDiagram, help: DIAGRAM_HELP },
};

/** Runs the CLI; returns the exit code (0 ok, 1 failing results, 2 bad usage or input). */
export function main(argv: readonly string[], io: CliIo = processIo()): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  const cmd = COMMANDS[command];
  if (!cmd) {
    io.stderr(`aira: unknown command "${command}"${didYouMean(command, Object.keys(COMMANDS))}; run \`aira --help\`\n`);
    return 2;
  }
  try {
    return cmd.run(rest, io);
  } catch (e) {
    if (isPolicyError(e)) {
      io.stderr(`aira ${command}: ${oneLine(e.message)}\n`);
      return 2;
    }
    if (io.env.AIRA_DEBUG) io.stderr(`${(e as Error)?.stack ?? String(e)}\n`);
    io.stderr(`aira ${command}: internal error: ${oneLine(e instanceof Error ? e.message : String(e))} (set AIRA_DEBUG=1 for details)\n`);
    return 2;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
