import { Cloud } from './catalog/types';
import { AiraError, ErrorCodes } from './errors';
import { SchedulerPoolSpec } from './kit';
import { INetwork } from './network';

/** Name of the untainted node pool every scheduler cluster keeps for its controllers. */
export const SYSTEM_NODE_POOL = 'system';

/**
 * The cloud-neutral checks of a scheduler cluster's pool classes, shared by the three clouds: at least
 * one class; each a pool of this cloud and of the network's region, named once and not `system`, in zones
 * of the network, with labels and taints given. Throws AIRA_E_MISSING_PROP, AIRA_E_INVALID_PROP,
 * AIRA_E_INVALID_NAME or AIRA_E_UNKNOWN_ZONE naming the cluster's path.
 */
export function checkSchedulerPools(pools: readonly SchedulerPoolSpec[], network: INetwork, cloud: Cloud, where: string): void {
  if (!Array.isArray(pools) || pools.length === 0) {
    throw new AiraError(ErrorCodes.MISSING_PROP, where, 'a scheduler cluster needs at least one pool class', "pass pools: the platform's pools with their labels and taints");
  }
  const names = new Set<string>();
  for (const p of pools) {
    const c = p?.capabilities;
    if (!c) throw new AiraError(ErrorCodes.INVALID_PROP, where, 'a pool class has no capabilities', 'pass each pool as { capabilities: pool.capabilities, labels, taints }');
    if (c.cloud !== cloud) throw new AiraError(ErrorCodes.INVALID_PROP, where, `pool ${c.name} is a ${c.cloud} pool`, `give the ${cloud} scheduler cluster ${cloud} pools only`);
    if (c.region !== network.region) throw new AiraError(ErrorCodes.INVALID_PROP, where, `pool ${c.name} is in ${c.region}, the cluster in ${network.region}`, "schedule pools of the cluster's region");
    if (names.has(c.name) || c.name === SYSTEM_NODE_POOL) {
      throw new AiraError(ErrorCodes.INVALID_NAME, where, `node pool name ${c.name} is taken (pool given twice, or the system pool's name)`, 'give each pool class its own name');
    }
    names.add(c.name);
    if (typeof p.labels !== 'object' || p.labels === null || !Array.isArray(p.taints)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `pool ${c.name} has no labels or taints`, 'build them with nodeLabels() and nodeTaints() of aira-constructs');
    }
    for (const z of c.zones) {
      if (!network.zones.includes(z)) throw new AiraError(ErrorCodes.UNKNOWN_ZONE, where, `zone ${z} of pool ${c.name} is not a zone of the network`, 'use zones of the network');
    }
  }
}
