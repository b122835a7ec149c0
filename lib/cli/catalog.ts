/**
 * `aira catalog`: what the library believes about each accelerator SKU (specs, regions, price, power,
 * lifecycle), with the public source and the date of each figure. Reads lib/core/catalog only: no
 * cdktf, no provider.
 */
import { CATALOG_AS_OF, listSkus } from '../core/catalog/lookup';
import { AcceleratorFamily, CLOUDS, Cloud, FAMILIES, SkuSpec } from '../core/catalog/types';
import { cell } from '../policy/reporters/markdown';
import { OptionSpec, parseArgs, usageError } from './args';
import { CliIo } from './io';

export const CATALOG_HELP = `Usage: aira catalog [--cloud aws|azure|gcp] [--family gpu|trainium|inferentia|tpu|fpga|cpu] [--format text|json|md]

Prints the accelerator catalog: every field of every SKU, with its public source and its date.

Example:
  aira catalog --cloud aws --family gpu --format md
`;

/** The options `aira catalog` accepts (exported so tests can validate documented command lines). */
export const SPECS: OptionSpec[] = [
  { name: 'cloud', type: 'string', choices: CLOUDS },
  { name: 'family', type: 'string', choices: FAMILIES },
  { name: 'format', type: 'string', choices: ['text', 'json', 'md', 'markdown'] },
  { name: 'help', type: 'boolean' },
];

function lifecycleText(s: SkuSpec): string {
  return s.lifecycle.status === 'current' ? 'current' : `${s.lifecycle.status} ${s.lifecycle.date}`;
}

function acceleratorText(s: SkuSpec): string {
  return s.accelerator ? `${s.accelerator.count}x ${s.accelerator.vendor} ${s.accelerator.model} ${s.accelerator.memoryGb} GB` : 'none';
}

function renderText(skus: readonly SkuSpec[]): string {
  const out: string[] = [`Accelerator catalog (reviewed ${CATALOG_AS_OF}), ${skus.length} SKU(s)`];
  for (const s of skus) {
    out.push(
      '',
      `${s.id}  [${s.cloud}, ${s.family}]  ${s.description}`,
      `  accelerator: ${acceleratorText(s)}; vcpu ${s.vcpu}; memory ${s.memoryGib} GiB; network ${s.networkGbps} Gbps (${s.fabric})` +
        `${s.networkCards !== undefined ? `; network cards ${s.networkCards}` : ''}${s.gpuNics !== undefined ? `; GPU NICs ${s.gpuNics}` : ''}`,
      ...(s.tpu ? [`  tpu: ${s.tpu.version}, ${s.tpu.chipsPerHost} chips/host, ${s.tpu.dims}D topology, up to ${s.tpu.maxChips} chips`] : []),
      ...(s.trustedLaunch !== undefined ? [`  trusted launch: ${s.trustedLaunch}`] : []),
      ...(s.maxNodesPerPlacementGroup !== undefined ? [`  max nodes per placement group: ${s.maxNodesPerPlacementGroup}`] : []),
      `  regions (as of ${s.regionsAsOf}): ${s.regions.join(', ')}`,
      s.price ? `  price: ${s.price.usdPerHour} USD/h in ${s.price.region} (as of ${s.price.asOf}; ${s.price.source})` : '  price: no public on-demand price',
      `  power: ${s.power.kw} kW, ${s.power.basis} (as of ${s.power.asOf}; ${s.power.source})`,
      `  lifecycle: ${lifecycleText(s)}`,
      `  source: ${s.source}`,
    );
  }
  return `${out.join('\n')}\n`;
}

function renderMarkdown(skus: readonly SkuSpec[]): string {
  const out = [
    `# Accelerator catalog`,
    '',
    `Reviewed ${CATALOG_AS_OF}. Every figure names its public source and date.`,
    '',
    '| SKU | Cloud | Family | Accelerator | vCPU | Memory GiB | Network Gbps | Fabric | Price USD/h | Power kW | Lifecycle | Source |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...skus.map(
      (s) =>
        `| \`${s.id}\` | ${s.cloud} | ${s.family} | ${cell(acceleratorText(s))} | ${s.vcpu} | ${s.memoryGib} | ${s.networkGbps} | ${s.fabric} | ` +
        `${s.price ? `${s.price.usdPerHour} (${s.price.region}, ${s.price.asOf})` : '-'} | ${s.power.kw} (${s.power.asOf}) | ${lifecycleText(s)} | ${s.source} |`,
    ),
  ];
  return `${out.join('\n')}\n`;
}

export function runCatalog(argv: readonly string[], io: CliIo): number {
  const args = parseArgs('catalog', argv, SPECS);
  if (args.flags.has('help')) {
    io.stdout(CATALOG_HELP);
    return 0;
  }
  if (args.positionals.length) throw usageError('catalog', `unexpected argument ${args.positionals[0]}`, 'run `aira catalog --help`');
  const skus = listSkus({ cloud: args.values.get('cloud')?.[0] as Cloud | undefined, family: args.values.get('family')?.[0] as AcceleratorFamily | undefined });
  const format = args.values.get('format')?.[0] ?? 'text';
  io.stdout(format === 'json' ? `${JSON.stringify({ asOf: CATALOG_AS_OF, skus }, null, 2)}\n` : format === 'text' ? renderText(skus) : renderMarkdown(skus));
  return 0;
}
