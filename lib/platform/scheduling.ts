/**
 * The scheduling vocabulary shared by the Kueue manifests and the scheduler clusters' node pools: the
 * Kubernetes labels and taints a node of a pool class carries. Kueue's `ResourceFlavor` selects nodes
 * by exactly these labels and taints, so a flavor and its node pool can never drift apart: both come
 * from the functions below.
 */
import { PoolCapabilities } from '../core/compute';
import { NodeTaintSpec } from '../core/kit';
import { PoolClass, poolClassOf } from './registry';

/** Label keys (the `aira.io/` prefix keeps them apart from the clouds' and Kubernetes' own). */
export const SCHEDULING_LABELS = {
  /** The pool a node belongs to (one Kueue flavor per pool). */
  pool: 'aira.io/pool',
  /** The pool class: accelerator family, or `quantum-simulator` / `neuromorphic-simulator`. */
  accelerator: 'aira.io/accelerator',
  /** The catalog family of the node's hardware (`cpu` for simulators). */
  family: 'aira.io/family',
  /** Set on simulator nodes only: `quantum` or `neuromorphic`. */
  simulates: 'aira.io/simulates',
  sku: 'aira.io/sku',
  /** Nominal power of one node at full load, kW (energy-aware scheduling). */
  powerKw: 'aira.io/power-kw',
  /** Grid carbon intensity of the node's region, gCO2e per kWh (energy-aware scheduling). */
  gridCarbon: 'aira.io/grid-gco2-per-kwh',
} as const;

/** Taint key every pool node carries: jobs land on a class only by tolerating its value. */
export const CLASS_TAINT_KEY = SCHEDULING_LABELS.accelerator;

/** A Kubernetes label value: at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends. */
export function labelValue(text: string): string {
  const v = text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return v.length > 0 ? v : 'unknown';
}

function perNode(total: number, max: number): string {
  return String(Math.round((total / max) * 1000) / 1000);
}

/** The Kubernetes labels of a pool's nodes, in a fixed key order. */
export function nodeLabels(c: PoolCapabilities): Record<string, string> {
  const cls: PoolClass = poolClassOf(c);
  return {
    [SCHEDULING_LABELS.pool]: labelValue(c.name),
    [SCHEDULING_LABELS.accelerator]: cls,
    [SCHEDULING_LABELS.family]: c.family,
    ...(c.simulates ? { [SCHEDULING_LABELS.simulates]: c.simulates } : {}),
    [SCHEDULING_LABELS.sku]: labelValue(c.sku),
    [SCHEDULING_LABELS.powerKw]: perNode(c.powerKwAtMax, c.nodes.max),
    ...(c.gridGco2PerKwh !== undefined ? { [SCHEDULING_LABELS.gridCarbon]: String(c.gridGco2PerKwh) } : {}),
  };
}

/** The labels a Kueue flavor selects nodes by: pool, class and, for simulators, what they simulate. */
export function flavorNodeLabels(c: Pick<PoolCapabilities, 'name' | 'family' | 'simulates'>): Record<string, string> {
  return {
    [SCHEDULING_LABELS.pool]: labelValue(c.name),
    [SCHEDULING_LABELS.accelerator]: poolClassOf(c),
    ...(c.simulates ? { [SCHEDULING_LABELS.simulates]: c.simulates } : {}),
  };
}

/**
 * The taints of a pool's nodes: `aira.io/accelerator=<class>:NoSchedule`, so no pod lands on an
 * accelerator or simulator node unless it asks for that class (system pods run on the cluster's
 * untainted system pool).
 */
export function nodeTaints(c: Pick<PoolCapabilities, 'family' | 'simulates'>): NodeTaintSpec[] {
  return [{ key: CLASS_TAINT_KEY, value: poolClassOf(c), effect: 'NoSchedule' }];
}
