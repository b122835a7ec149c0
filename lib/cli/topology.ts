/**
 * `aira plan-topology` and `aira diagram`: the Level 4 placement plan of a demands file, printed
 * without synthesizing, and the Mermaid topology of a synthesized `cdktf.out/`.
 */
import * as path from 'path';
import { AiraError } from '../core/errors';
import { planTopologyReport } from '../placement/report';
import type * as diagramModule from '../platform/diagram';
import { PolicyError, PolicyErrorCodes } from '../policy/errors';
import { OptionSpec, parseArgs, usageError } from './args';
import { CliIo } from './io';

export const PLAN_TOPOLOGY_HELP = `Usage: aira plan-topology <demands.yaml|demands.json> [--format text|json|md]

Places each workload demand on a cloud, region, zone and SKU of the catalog (cheapest feasible, with
the carbon price weighed in) and prints the plan with the reason for each choice and the options it
rejected. Exit 2 when a demand cannot be placed: the message lists the nearest feasible options.

Example:
  aira plan-topology demands.yaml --format md
`;

export const DIAGRAM_HELP = `Usage: aira diagram <cdktf.out>

Prints the Mermaid topology (planes, pools, storage tiers, declared flows, endpoints) of every stack
synthesized with the topology diagram on, as Markdown that renders on GitHub.

Example:
  aira diagram cdktf.out > topology.md
`;

/** The library's own errors (a demand that cannot be placed, a folder without a diagram) as CLI input errors. */
function asInputError(command: string, e: unknown): never {
  if (AiraError.isAiraError(e)) throw new PolicyError(PolicyErrorCodes.USAGE, command, `${e.code}: ${e.problem}`, e.fix);
  throw e;
}

/** The options `aira plan-topology` accepts (exported so tests can validate documented command lines). */
export const PLAN_SPECS: OptionSpec[] = [
  { name: 'format', type: 'string', choices: ['text', 'json', 'md', 'markdown'] },
  { name: 'help', type: 'boolean' },
];

export function runPlanTopology(argv: readonly string[], io: CliIo): number {
  const args = parseArgs('plan-topology', argv, PLAN_SPECS);
  if (args.flags.has('help')) {
    io.stdout(PLAN_TOPOLOGY_HELP);
    return 0;
  }
  if (args.positionals.length !== 1) throw usageError('plan-topology', 'give exactly one demands file', 'run `aira plan-topology --help`');
  const given = args.values.get('format')?.[0] ?? 'text';
  const format = given === 'md' ? 'markdown' : (given as 'text' | 'json' | 'markdown');
  try {
    io.stdout(planTopologyReport(path.resolve(io.cwd, args.positionals[0]), format));
  } catch (e) {
    asInputError('plan-topology', e);
  }
  return 0;
}

/** The options `aira diagram` accepts (exported so tests can validate documented command lines). */
export const DIAGRAM_SPECS: OptionSpec[] = [{ name: 'help', type: 'boolean' }];

export function runDiagram(argv: readonly string[], io: CliIo): number {
  const args = parseArgs('diagram', argv, DIAGRAM_SPECS);
  if (args.flags.has('help')) {
    io.stdout(DIAGRAM_HELP);
    return 0;
  }
  if (args.positionals.length !== 1) throw usageError('diagram', 'give the cdktf.out folder', 'run `aira diagram --help`');
  // The diagram module loads cdktf; `aira check` must not, so it is loaded only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderDiagramFromOut } = require('../platform/diagram') as typeof diagramModule;
  try {
    io.stdout(renderDiagramFromOut(path.resolve(io.cwd, args.positionals[0])));
  } catch (e) {
    asInputError('diagram', e);
  }
  return 0;
}
