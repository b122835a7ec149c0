/**
 * Finds the library's building blocks in a stack by what they expose (the cloud-neutral interfaces of
 * lib/core), so the audit manifest and the diagram work for any cloud without importing a cloud folder.
 * Markers: a pool has `capabilities` (PoolCapabilities) and `identity`; a network has `flows`, `planes`
 * and `layout`; storage tiers have `roles` and `bucketName()`; an internal load balancer has `address`,
 * `port` and `zones`; quantum access has `cloud` and `description`.
 */
import { IConstruct } from 'constructs';
import { CLOUDS, Cloud } from '../core/catalog/types';
import { IAcceleratorPool } from '../core/compute';
import { IInternalLoadBalancer, IQuantumAccess } from '../core/kit';
import { INetwork } from '../core/network';
import { IStorageTiers } from '../core/storage';
import { PlannedHotTier } from '../core/storage-plan';

type Bag = Record<string, unknown>;
const bag = (c: IConstruct): Bag => c as unknown as Bag;
const isCloud = (x: unknown): x is Cloud => typeof x === 'string' && (CLOUDS as readonly string[]).includes(x);

/** Whether a construct is an accelerator pool of any cloud. */
export function isPool(c: IConstruct): c is IConstruct & IAcceleratorPool {
  const caps = bag(c).capabilities as Bag | undefined;
  return typeof caps === 'object' && caps !== null && typeof caps.sku === 'string' && isCloud(caps.cloud) && typeof caps.nodes === 'object' && typeof bag(c).identity === 'object';
}

/** Whether a construct is a segmented network of any cloud. */
export function isNetwork(c: IConstruct): c is IConstruct & INetwork {
  const b = bag(c);
  return isCloud(b.cloud) && Array.isArray(b.flows) && Array.isArray(b.planes) && typeof b.layout === 'object' && typeof b.allow === 'function';
}

/** Whether a construct is a set of storage tiers of any cloud. */
export function isStorage(c: IConstruct): c is IConstruct & IStorageTiers {
  const b = bag(c);
  return Array.isArray(b.roles) && typeof b.bucketName === 'function' && typeof b.grantRead === 'function';
}

/** The hot tier of storage tiers, when they have one (every cloud's tiers keep their checked plan). */
export function hotTierOf(s: IStorageTiers): PlannedHotTier | undefined {
  const plan = (s as unknown as Bag).plan as { hot?: PlannedHotTier } | undefined;
  return plan?.hot;
}

/** Whether a construct is an internal load balancer of any cloud. */
export function isEndpoint(c: IConstruct): c is IConstruct & IInternalLoadBalancer {
  const b = bag(c);
  return isCloud(b.cloud) && typeof b.address === 'string' && Number.isInteger(b.port) && Array.isArray(b.zones) && !('capabilities' in b);
}

/** Whether a construct is quantum access of any cloud (a workspace, or Braket's bucket and role). */
export function isQuantum(c: IConstruct): c is IConstruct & IQuantumAccess {
  const b = bag(c);
  return isCloud(b.cloud) && typeof b.description === 'string' && !('keyRef' in b) && !isPool(c) && !isEndpoint(c);
}

/** What one stack holds, each list in construct-tree order. */
export interface StackContents {
  readonly pools: ReadonlyArray<IConstruct & IAcceleratorPool>;
  readonly networks: ReadonlyArray<IConstruct & INetwork>;
  readonly storage: ReadonlyArray<IConstruct & IStorageTiers>;
  readonly endpoints: ReadonlyArray<IConstruct & IInternalLoadBalancer>;
  readonly quantum: ReadonlyArray<IConstruct & IQuantumAccess>;
}

/** Walks the stack once and sorts what it finds into pools, networks, storage, endpoints and quantum access. */
export function contentsOf(stack: IConstruct): StackContents {
  const pools: Array<IConstruct & IAcceleratorPool> = [];
  const networks: Array<IConstruct & INetwork> = [];
  const storage: Array<IConstruct & IStorageTiers> = [];
  const endpoints: Array<IConstruct & IInternalLoadBalancer> = [];
  const quantum: Array<IConstruct & IQuantumAccess> = [];
  for (const c of stack.node.findAll()) {
    if (isPool(c)) pools.push(c);
    else if (isNetwork(c)) networks.push(c);
    else if (isStorage(c)) storage.push(c);
    else if (isEndpoint(c)) endpoints.push(c);
    else if (isQuantum(c)) quantum.push(c);
  }
  return { pools, networks, storage, endpoints, quantum };
}
