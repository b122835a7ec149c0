import { fail, notApplicable, pass, unknown } from '../../lib/policy/rule-kit';
import { Rule, UNKNOWN, Verdict } from '../../lib/policy/types';
import { POOL_NODE_TYPES, isVerdict, poolPlane, poolSku, skuAttribute } from './pool-sku';

/** The reference architecture's minimum node network for training: 100 Gb Ethernet. */
export const MIN_TRAINING_GBPS = 100;

/** Options of the training network rule. */
export interface TrainingNetworkOptions {
  /** Lowest acceptable node network bandwidth of a training pool, Gbps. @default 100 (the reference architecture's 100 GbE minimum) */
  readonly minGbps?: number;
}

/**
 * Accelerator families that train models. A pool's plane is not its workload: FPGA pools and CPU
 * simulators land on the training plane too (a pool's workload defaults to training, and a simulation
 * pool falls back to the training plane when the network has no quantum plane, lib/core/pool-plan.ts),
 * and they exchange no gradients, so they are out of scope. Inferentia is kept: a training-plane pool
 * on it is judged like any other.
 */
const TRAINING_FAMILIES: ReadonlySet<string> = new Set(['gpu', 'trainium', 'inferentia', 'tpu']);

/** Training pools run on SKUs with at least `minGbps` of node networking (the catalog's figure). */
export function trainingNetworkRule(opts: TrainingNetworkOptions = {}): Rule {
  const min = opts.minGbps ?? MIN_TRAINING_GBPS;
  return {
    id: 'AIRA-AI-001',
    title: `Training pools run on SKUs with at least ${min} Gbps networking`,
    severity: 'high',
    rationale:
      'Data-parallel and model-parallel training exchange gradients and activations between nodes every step; below 100 Gbps per node the collective operations, ' +
      'not the accelerators, set the pace, and the reference architecture sets 100 GbE as the minimum for training. ' +
      "The rule reads the SKU of a training-plane pool's node definition (launch template instance_type, scale set sku, instance template machine_type) and compares the catalog's networkGbps " +
      `with ${min} Gbps. Only model-training accelerator families (GPU, Trainium, Inferentia, TPU) are judged: FPGA and CPU pools on the training plane exchange no gradients. ` +
      'A SKU the catalog does not know is reported unknown, never passed.',
    remediation:
      'Move the training pool to a SKU with an accelerator fabric or at least the minimum bandwidth (p5 / trn2 on AWS, ND H100 v5 on Azure, A3 on Google), or place the pool on the plane of its real workload. ' +
      'A stricter minimum: register trainingNetworkRule({ minGbps }) from a --policy-dir module.',
    resourceTypes: [...POOL_NODE_TYPES],
    frameworks: {
      // Capacity management: the nodes deliver the capacity the training workload is planned for (evidence, not certification).
      'iso-27001-2022': ['A.8.6'],
      soc2: ['A1.1'],
    },
    references: [],
    docs: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa.html', 'https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nd-family', 'https://cloud.google.com/compute/docs/gpus/gpu-network-bandwidth'],
    check(r): Verdict {
      const training = poolPlane(r, 'training');
      if (training === UNKNOWN) return unknown('the network tags that carry the plane are known only after apply', 'tags');
      if (!training) return notApplicable('not a training pool');
      const sku = poolSku(r);
      if (sku === undefined) return notApplicable('no SKU set on this node definition');
      if (isVerdict(sku)) return sku;
      if (!TRAINING_FAMILIES.has(sku.spec.family)) return notApplicable(`${sku.id} (family ${sku.spec.family}) is not a model-training accelerator, whatever plane it sits on`);
      const attr = skuAttribute(r);
      const gbps = sku.spec.networkGbps;
      return gbps >= min
        ? pass(`${sku.id}: ${gbps} Gbps (${sku.spec.fabric}), at least ${min}`, attr)
        : fail(`${sku.id}: ${gbps} Gbps of node networking is below the training minimum of ${min} Gbps`, attr);
    },
  };
}

/** The built-in training network rule at the 100 Gbps minimum. */
export const trainingNetworkBandwidth: Rule = trainingNetworkRule();
