import { App, TerraformStack } from 'cdktf';
import { awsKit } from '../lib/aws';
import { StateBackend } from '../lib/core/backend';
import { Level3Platform } from '../lib/platform/level3';

/**
 * Level 3 of the reference architecture, heterogeneous computing, on AWS in US East (N. Virginia),
 * where Braket runs and the catalog offers P5 and C7i:
 * - a segmented VPC over two zones with a quantum plane, one KMS key, buckets for the data lake, model
 *   registry, artifacts and checkpoints;
 * - three pool classes, each an Auto Scaling group that starts empty: a p5.48xlarge GPU pool (EFA,
 *   cluster placement) on the training plane, a c7i quantum simulator on the quantum plane and a c7i
 *   neuromorphic grid (a spiking-network simulator: no public cloud sells neuromorphic hardware);
 * - Braket access (results bucket and a role limited to Braket) for real quantum hardware;
 * - the hybrid scheduler: a private EKS cluster with one managed node group per class, labelled and
 *   tainted by capability, and Kueue manifests in `cdktf.out/stacks/level3-aws/kueue/`, whose flavors
 *   are ordered by estimated carbon per node-hour;
 * - the capability registry in `cdktf.out/aira-registry.json` and in the model registry bucket.
 */
export function level3Hybrid(app: App, backend?: StateBackend): TerraformStack {
  const l3 = new Level3Platform(app, 'level3-aws', {
    kit: awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }),
    cidr: '10.15.0.0/16',
    name: 'aira-l3',
    backend,
    tags: { workload: 'reference-level3', owner: 'ml-platform', costCenter: 'cc-1005', dataClassification: 'confidential' },
    scheduler: { carbonAware: true, namespaces: ['research', 'quantum-lab'] },
  });
  return l3.stack;
}
