import { GridIntensity, gridIntensity } from '../../lib/core/catalog/grid-carbon';
import { Cloud } from '../../lib/core/catalog/types';
import { requirePositive } from '../../lib/policy/options';
import { blocks, fail, listAt, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { planeOf, referencedVia } from './planes';

/**
 * Default ceiling, gCO2e per kWh: the world's average electricity carbon intensity in 2023, 480 g/kWh
 * (Ember, Global Electricity Review 2024, https://ember-energy.org/latest-insights/global-electricity-review-2024/).
 * A pool in a region dirtier than the world average is worth a second look.
 */
export const DEFAULT_MAX_GCO2_PER_KWH = 480;

/** Options of the carbon-aware rule. */
export interface CarbonAwareOptions {
  /** Highest acceptable grid intensity of a pool's region, gCO2e per kWh. @default 480 (world average 2023) */
  readonly maxGco2PerKwh?: number;
}

/** Accelerator planes: pools on other planes (data preprocessing, management) are CPU pools. */
const ACCELERATOR_PLANES = new Set(['training', 'inference']);
// Google machine families with attached accelerators (A2, A3, A4 with NVIDIA GPUs; G2 with L4):
// cloud.google.com/compute/docs/accelerator-optimized-machines.
const GCP_ACCELERATOR_MACHINE = /^(a\d|g\d)-/;

type Located = { cloud: Cloud; region: string } | 'unknown' | 'not-a-pool';

/** The region of an AWS pool: from the zones of the subnets it references (`us-east-1a` -> `us-east-1`). */
function awsRegion(r: ResourceView, ctx: RuleContext): Located {
  if (!ACCELERATOR_PLANES.has(planeOf(r) ?? '')) return 'not-a-pool';
  const zones = referencedVia(r, ctx, 'aws_subnet', 'vpc_zone_identifier').map((s) => s.get('availability_zone'));
  const az = listAt(r, ['availability_zones']);
  if (az !== UNKNOWN) zones.push(...az);
  const z = zones.find((v): v is string => typeof v === 'string');
  // An AWS zone name is its region followed by one letter (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html).
  return z ? { cloud: 'aws', region: z.replace(/[a-z]$/, '') } : 'unknown';
}

function gcpRegion(r: ResourceView, ctx: RuleContext): Located {
  const templates = referencedVia(r, ctx, 'google_compute_instance_template', 'version').concat(referencedVia(r, ctx, 'google_compute_region_instance_template', 'version'));
  const accelerated = templates.some((t) => {
    const mt = stringAt(t, ['machine_type']);
    const ga = blocks(t, ['guest_accelerator']);
    return (typeof mt === 'string' && GCP_ACCELERATOR_MACHINE.test(mt)) || (ga !== UNKNOWN && ga.length > 0);
  });
  if (!accelerated) return 'not-a-pool';
  const region = stringAt(r, ['region']);
  if (typeof region === 'string') return { cloud: 'gcp', region };
  const zone = stringAt(r, ['zone']);
  // A Google zone is its region plus `-<letter>` (cloud.google.com/compute/docs/regions-zones).
  return typeof zone === 'string' ? { cloud: 'gcp', region: zone.replace(/-[a-z]$/, '') } : 'unknown';
}

function azureRegion(r: ResourceView): Located {
  if (!ACCELERATOR_PLANES.has(planeOf(r) ?? '')) return 'not-a-pool';
  const loc = stringAt(r, ['location']);
  // azurerm normalizes locations to lower case without spaces ("East US" -> "eastus").
  return typeof loc === 'string' ? { cloud: 'azure', region: loc.toLowerCase().replace(/\s+/g, '') } : 'unknown';
}

function verdict(where: Located, max: number): Verdict {
  if (where === 'not-a-pool') return notApplicable('not an accelerator pool');
  if (where === 'unknown') return unknown('the pool\'s region is not known from this input');
  const g: GridIntensity | undefined = gridIntensity(where.cloud, where.region);
  if (!g) return unknown(`the catalog has no grid intensity for ${where.cloud} ${where.region}`);
  const figure = `${where.region} grid ${g.gco2PerKwh} gCO2e/kWh (${g.asOf}, ${g.source})`;
  return g.gco2PerKwh <= max ? pass(`${figure} is within ${max}`) : fail(`${figure} is above ${max}: place the pool in a cleaner region or record a reasoned exception (a suppression)`);
}

/** Golden rule 5, with its threshold; `carbonAware` is the built-in instance at the default. */
export function carbonAwareRule(opts: CarbonAwareOptions = {}): Rule {
  const max = opts.maxGco2PerKwh ?? DEFAULT_MAX_GCO2_PER_KWH;
  return {
    id: 'AIRA-GLD-006',
    title: 'Accelerator pools run in regions at or below a grid carbon intensity ceiling',
    severity: 'low',
    rationale:
      `Accelerator pools draw kilowatts per node; the same job emits several times more in a coal-heavy grid than in a hydro or nuclear one. ` +
      `The rule compares the pool region's average grid intensity (the catalog's dated figure and its public source) with a ceiling (default ${DEFAULT_MAX_GCO2_PER_KWH} gCO2e/kWh, the 2023 world average). ` +
      'It is a warning: latency, data residency or capacity can outweigh it, and a suppression with its reason records that exception. ' +
      'Averages, not marginal or hourly figures: time-shifting jobs within a region is a scheduler concern the plan cannot show.',
    remediation: 'Move training pools (and batch inference) to a lower-intensity region, or add Suppressions.of(pool).add({ id: "AIRA-GLD-006", reason }) stating why the region is needed. A custom ceiling: --option maxGco2PerKwh=<g> (or carbonAwareRule({ maxGco2PerKwh }) in code).',
    resourceTypes: ['aws_autoscaling_group', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'google_compute_instance_group_manager', 'google_compute_region_instance_group_manager'],
    // No framework entry: EU AI Act Annex XI asks GPAI providers for the model's energy consumption, which
    // a region's average grid intensity against a ceiling does not document.
    frameworks: {},
    references: [],
    docs: ['https://cloud.google.com/sustainability/region-carbon', 'https://www.cloudcarbonfootprint.org/docs/methodology/'],
    options: [{ name: 'maxGco2PerKwh', type: 'number', description: 'Highest acceptable average grid carbon intensity of an accelerator pool\'s region, gCO2e per kWh', default: DEFAULT_MAX_GCO2_PER_KWH }],
    configure(values) {
      return carbonAwareRule({ maxGco2PerKwh: requirePositive('maxGco2PerKwh', values.maxGco2PerKwh, true) });
    },
    check(r, ctx): Verdict {
      if (r.type.startsWith('aws_')) return verdict(awsRegion(r, ctx), max);
      if (r.type.startsWith('azurerm_')) return verdict(azureRegion(r), max);
      return verdict(gcpRegion(r, ctx), max);
    },
  };
}

/** The built-in carbon-aware rule at the default ceiling. */
export const carbonAware: Rule = carbonAwareRule();
