import { fail, listAt, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { planeOf, referencedVia } from './planes';

const INFERENCE = 'inference';

/**
 * How many zones a list of subnets spans. In a synthesized stack (and in a plan before apply) a subnet
 * id is a reference to an `aws_subnet` of the same input: its `availability_zone` gives the zone. A
 * literal subnet id of another stack counts as one zone of its own (the rule cannot see it).
 */
function awsSubnetZones(r: ResourceView, ctx: RuleContext, path: string): Verdict {
  const subnets = referencedVia(r, ctx, 'aws_subnet', path);
  const list = listAt(r, [path]);
  const literals = list === UNKNOWN ? [] : list.filter((v): v is string => typeof v === 'string');
  if (!subnets.length && list === UNKNOWN) return unknown(`${path} is known only after apply`, path);
  const zones = new Set<string>(literals.map((l) => `subnet ${l}`));
  for (const s of subnets) {
    const z = s.get('availability_zone') ?? s.get('availability_zone_id');
    zones.add(typeof z === 'string' ? z : `zone of ${s.address}`);
  }
  if (zones.size >= 2) return pass(`spans ${zones.size} zones (${[...zones].join(', ')})`, path);
  if (list !== UNKNOWN && list.includes(UNKNOWN) && subnets.length < list.length) return unknown(`some subnets of ${path} are known only after apply`, path);
  return fail(`spans ${zones.size} zone${zones.size === 1 ? '' : 's'}${zones.size ? ` (${[...zones].join(', ')})` : ''}: one zone's outage takes the inference path down`, path);
}

/** A list of zones (Azure zones, Google distribution zones): distinct known entries. */
function zoneList(r: ResourceView, path: string): Verdict {
  const list = listAt(r, [path]);
  if (list === UNKNOWN || list.includes(UNKNOWN)) return unknown(`${path} is known only after apply`, path);
  const zones = new Set(list.map((v) => String(v)));
  if (zones.size >= 2) return pass(`spans ${zones.size} zones (${[...zones].join(', ')})`, path);
  return fail(`spans ${zones.size} zone${zones.size === 1 ? '' : 's'}${zones.size ? ` (${[...zones].join(', ')})` : ' (no zones: Azure picks no zone redundancy)'}: one zone's outage takes the inference path down`, path);
}

function check(r: ResourceView, ctx: RuleContext): Verdict {
  switch (r.type) {
    case 'aws_autoscaling_group':
      if (planeOf(r) !== INFERENCE) return notApplicable('not an inference pool');
      // An ASG takes subnets (vpc_zone_identifier), each in one zone, or availability_zones in EC2-Classic style.
      return r.get('availability_zones') !== undefined && r.get('vpc_zone_identifier') === undefined ? zoneList(r, 'availability_zones') : awsSubnetZones(r, ctx, 'vpc_zone_identifier');
    case 'aws_lb':
      if (r.get('internal') !== true && r.get('internal') !== 'true') return notApplicable('not an internal load balancer');
      if (planeOf(r) !== INFERENCE) return notApplicable('not an inference load balancer');
      return r.get('subnet_mapping') !== undefined && r.get('subnets') === undefined ? awsSubnetZones(r, ctx, 'subnet_mapping') : awsSubnetZones(r, ctx, 'subnets');
    case 'azurerm_linux_virtual_machine_scale_set':
    case 'azurerm_windows_virtual_machine_scale_set':
    case 'azurerm_orchestrated_virtual_machine_scale_set':
      if (planeOf(r) !== INFERENCE) return notApplicable('not an inference pool');
      return zoneList(r, 'zones');
    case 'google_compute_instance_group_manager': {
      // A zonal managed instance group lives in one zone by construction.
      const zone = stringAt(r, ['zone']);
      if (!/infer/i.test(String(stringAt(r, ['name']) ?? '')) && !/infer/i.test(r.name)) return notApplicable('not an inference pool');
      return fail(`a zonal managed instance group (${typeof zone === 'string' ? zone : 'one zone'}): use a regional group over at least two zones`, 'zone');
    }
    case 'google_compute_region_instance_group_manager':
      if (!/infer/i.test(String(stringAt(r, ['name']) ?? '')) && !/infer/i.test(r.name)) return notApplicable('not an inference pool');
      // Without distribution_policy_zones a regional group spreads over the region's zones (Google default).
      return r.get('distribution_policy_zones') === undefined ? pass('a regional group over the region\'s zones (default distribution)') : zoneList(r, 'distribution_policy_zones');
    default:
      return notApplicable('not a pool or load balancer');
  }
}

/** Golden rule 2: inference pools and their internal load balancers span at least two zones. */
export const inferenceFailover: Rule = {
  id: 'AIRA-GLD-002',
  title: 'Inference pools and their internal load balancers span at least two zones',
  severity: 'high',
  rationale:
    'Fast failover of the serving path needs a surviving replica and a load balancer leg in another zone. ' +
    'This rule checks topology only (how many zones or subnets the pool and its internal load balancer span), not failover latency, which no plan can show: ' +
    'measure that with a zone-failure drill. Inference pools are those tagged aira:plane = inference (AWS, Azure) or, on Google (whose instance groups take no labels), named for inference.',
  remediation: 'Give the inference pool and its internal load balancer subnets (AWS), zones (Azure) or a regional managed instance group (Google) in at least two zones.',
  resourceTypes: [
    'aws_autoscaling_group',
    'aws_lb',
    'azurerm_linux_virtual_machine_scale_set',
    'azurerm_windows_virtual_machine_scale_set',
    'azurerm_orchestrated_virtual_machine_scale_set',
    'google_compute_instance_group_manager',
    'google_compute_region_instance_group_manager',
  ],
  frameworks: {
    'iso-27001-2022': ['A.8.14'],
    soc2: ['A1.2'],
    // No HIPAA entry: the emergency mode operation plan is a procedure a topology cannot show.
    // Art. 15(4) names technical redundancy and fail-safe plans.
    'eu-ai-act': ['Art. 15(4)'],
  },
  references: [],
  docs: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone-balanced.html', 'https://cloud.google.com/compute/docs/instance-groups/regional-migs'],
  check,
};
