/**
 * Reading a pool's SKU and plane from its node definition: the launch template's `instance_type`
 * (AWS), the scale set's `sku` (Azure), the instance template's `machine_type` (Google).
 */
import { findSku } from '../../lib/core/catalog/lookup';
import { SkuSpec } from '../../lib/core/catalog/types';
import { listAt, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, UNKNOWN, Verdict } from '../../lib/policy/types';
import { planeOf } from '../golden/planes';

/** The node definitions of pools, per cloud. */
export const POOL_NODE_TYPES = [
  'aws_launch_template',
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_windows_virtual_machine_scale_set',
  'google_compute_instance_template',
  'google_compute_region_instance_template',
] as const;

/** The attribute holding the SKU id of a node definition. */
export function skuAttribute(r: ResourceView): string {
  if (r.type === 'aws_launch_template') return 'instance_type';
  if (r.type.startsWith('azurerm_')) return 'sku';
  return 'machine_type';
}

/**
 * A node definition's plane. AWS and Azure carry the `aira:plane` tag. Google instance templates carry
 * no plane label; the constructs give every node the plane's firewall network tag, `<network>-<plane>`
 * (lib/gcp/pool.ts, `network.networkTag(plane)`), so the plane is read from a network tag's suffix.
 */
export function poolPlane(r: ResourceView, plane: string): boolean | typeof UNKNOWN {
  if (!r.type.startsWith('google_')) return planeOf(r) === plane;
  const tags = listAt(r, ['tags']);
  if (tags === UNKNOWN) return UNKNOWN;
  if (tags.some((t) => typeof t === 'string' && t.endsWith(`-${plane}`))) return true;
  // A tag known only after apply may be the plane's.
  return tags.includes(UNKNOWN) ? UNKNOWN : false;
}

/** The catalog entry of a node definition's SKU, or the verdict to return when there is none to judge. */
export function poolSku(r: ResourceView): { id: string; spec: SkuSpec } | Verdict | undefined {
  const attr = skuAttribute(r);
  const id = stringAt(r, [attr]);
  if (id === UNKNOWN) return unknown(`${attr} is known only after apply`, attr);
  if (!id) return undefined;
  const spec = findSku(id);
  if (!spec) return unknown(`the catalog does not know ${attr} = ${id}: its networking and lifecycle cannot be judged`, attr);
  return { id, spec };
}

/** Whether `poolSku` returned a verdict rather than a SKU. */
export const isVerdict = (x: unknown): x is Verdict => typeof x === 'object' && x !== null && 'status' in x;
