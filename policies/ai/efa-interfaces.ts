import { findSku } from '../../lib/core/catalog/lookup';
import { blocks, fail, notApplicable, numberAt, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { Rule, UNKNOWN, Verdict } from '../../lib/policy/types';
import { poolPlane } from './pool-sku';

/** Interface types that carry EFA traffic (the provider's `interface_type` values). */
const EFA_TYPES = new Set(['efa', 'efa-only']);

/**
 * Multi-node EFA training pools have an EFA interface on every network card of the instance type.
 * A pool is single-node (and out of scope) only when every scaling group using the template has
 * max_size <= 1; a template no group uses is judged as if it were multi-node.
 */
export const efaOnEveryCard: Rule = {
  id: 'AIRA-AI-002',
  title: 'Multi-node EFA training pools have an EFA interface on every network card',
  severity: 'high',
  rationale:
    'On instance types with several network cards (p5.48xlarge has 32, trn2.48xlarge 16), EFA bandwidth is the sum over the cards: ' +
    'a launch template with one EFA interface uses a fraction of the fabric, and collective operations run many times slower than the SKU allows. ' +
    "AWS asks for one EFA interface per network card; the expected count is the catalog's networkCards for the SKU.",
  remediation: 'Declare one network interface per network card in the launch template (network_card_index 0..N-1, interface_type "efa" on card 0 and "efa" or "efa-only" on the others); the aira AWS pool does this when the fabric is on.',
  resourceTypes: ['aws_launch_template'],
  frameworks: {
    // Capacity management: the nodes deliver the capacity the training workload is planned for (evidence, not certification).
    'iso-27001-2022': ['A.8.6'],
    soc2: ['A1.1'],
  },
  references: [],
  docs: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-acc-inst-types.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa.html'],
  check(r, ctx): Verdict {
    if (poolPlane(r, 'training') !== true) return notApplicable('not a training pool');
    const type = stringAt(r, ['instance_type']);
    if (type === UNKNOWN) return unknown('instance_type is known only after apply', 'instance_type');
    if (!type) return notApplicable('no instance_type on this launch template');
    const spec = findSku(type);
    if (!spec) return unknown(`the catalog does not know instance_type = ${type}: its network cards are unknown`, 'instance_type');
    if (spec.fabric !== 'efa') return notApplicable(`${type} has no EFA fabric (${spec.fabric})`);
    const groups = ctx.referencing(r, { type: 'aws_autoscaling_group' });
    const sizes = groups.map((g) => numberAt(g, ['max_size']));
    if (groups.length > 0 && sizes.every((s) => typeof s === 'number' && s <= 1)) return notApplicable('single-node pool (max_size <= 1): no inter-node fabric traffic');
    const cards = spec.networkCards ?? 1;
    const list = blocks(r, ['network_interfaces']);
    if (list === UNKNOWN) return unknown('network_interfaces are known only after apply', 'network_interfaces');
    const covered = new Set<number>();
    for (const b of list) {
      const it = stringAt(r, [...b, 'interface_type']);
      if (it === UNKNOWN) return unknown('an interface_type is known only after apply', 'network_interfaces');
      const card = numberAt(r, [...b, 'network_card_index']) ?? 0;
      if (card === UNKNOWN) return unknown('a network_card_index is known only after apply', 'network_interfaces');
      if (it && EFA_TYPES.has(it)) covered.add(card);
    }
    const missing = Array.from({ length: cards }, (_, i) => i).filter((i) => !covered.has(i));
    if (missing.length === 0) return pass(`${type}: an EFA interface on each of its ${cards} network cards`, 'network_interfaces');
    return fail(
      `${type} has ${cards} network cards; EFA interfaces on ${covered.size} (missing cards ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', ...' : ''})`,
      'network_interfaces',
    );
  },
};
