import { AiraError, ErrorCodes } from '../errors';
import { SkuSpec } from './types';

/** A checked TPU slice. */
export interface TpuSlice {
  /** Topology as written, for example `2x2x2`. */
  readonly topology: string;
  readonly chips: number;
  /** Host VMs (node pool nodes) the slice needs. */
  readonly hosts: number;
}

/**
 * Checks a TPU slice topology against a TPU SKU: the right number of dimensions for the generation (2
 * for v5e and v6e, 3 for v4 and v5p, per GKE's TPU planning page), a chip count that fills whole hosts
 * and stays within the largest slice. Throws AIRA_E_TPU_TOPOLOGY with the nearest valid shapes.
 */
export function checkTpuTopology(spec: SkuSpec, topology: string | undefined, where: string): TpuSlice {
  const tpu = spec.tpu;
  if (!tpu) {
    throw new AiraError(ErrorCodes.TPU_TOPOLOGY, where, `${spec.id} is not a TPU machine type, so it takes no slice topology`, 'leave tpuTopology out, or pick a TPU SKU');
  }
  const example = tpu.dims === 3 ? '2x2x2' : '4x4';
  if (typeof topology !== 'string' || topology.length === 0) {
    throw new AiraError(ErrorCodes.TPU_TOPOLOGY, where, `a TPU ${tpu.version} pool needs a slice topology`, `set tpuTopology, for example "${example}"`);
  }
  const parts = topology.split('x');
  const dims = parts.map(Number);
  if (parts.length !== tpu.dims || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new AiraError(ErrorCodes.TPU_TOPOLOGY, where, `"${topology}" is not a ${tpu.dims}-dimensional topology, which TPU ${tpu.version} slices use`, `write it like "${example}"`);
  }
  const chips = dims.reduce((a, b) => a * b, 1);
  if (chips > tpu.maxChips) {
    throw new AiraError(ErrorCodes.TPU_TOPOLOGY, where, `"${topology}" has ${chips} chips; the largest TPU ${tpu.version} slice has ${tpu.maxChips}`, 'use a smaller slice or several slices');
  }
  if (chips % tpu.chipsPerHost !== 0) {
    throw new AiraError(
      ErrorCodes.TPU_TOPOLOGY,
      where,
      `"${topology}" has ${chips} chips, not a multiple of the ${tpu.chipsPerHost} chips of one ${spec.id} host`,
      `use a topology whose chip count is a multiple of ${tpu.chipsPerHost} (for example "${example}")`,
    );
  }
  return { topology, chips, hosts: chips / tpu.chipsPerHost };
}
