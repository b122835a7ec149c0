import { App, TerraformStack } from 'cdktf';
import { StateBackend } from '../lib/core/backend';
import { gcpKit } from '../lib/gcp';
import { Level2Platform } from '../lib/platform/level2';
import { EXAMPLE_GCP_PROJECT } from './stacks';

/**
 * Level 2 of the reference architecture on Google Cloud, in europe-west4, a region the catalog lists
 * for A3 Mega, A2, C3 and TPU v5p:
 * - the platform: a segmented VPC, one Cloud KMS key, buckets for the data lake, model registry,
 *   artifacts and checkpoints, Managed Lustre for the training plane, a 2-node a3-megagpu-8g training
 *   pool (GPUDirect-TCPXO, compact placement), a c3 preprocessing pool on the data plane, and a2
 *   inference nodes over two zones behind an internal passthrough Network Load Balancer;
 * - beside it, through the same kit, a TPU v5p 2x2x2 slice (private GKE) that reads the lake and
 *   writes checkpoints, as the reference's Google row names both A3 and TPU.
 */
export function level2Gcp(app: App, backend?: StateBackend): TerraformStack {
  const kit = gcpKit({ project: EXAMPLE_GCP_PROJECT, region: 'europe-west4', zones: ['europe-west4-a', 'europe-west4-b'] });
  const l2 = new Level2Platform(app, 'level2-gcp', {
    kit,
    cidr: '10.34.0.0/16',
    name: 'aira-l2',
    backend,
    tags: { workload: 'reference-level2', owner: 'ml-platform', costCenter: 'cc-1004', dataClassification: 'confidential' },
  });
  const tpu = kit.createPool(l2, 'tpu', { network: l2.network, key: l2.key, name: 'aira-l2-tpu', sku: 'ct5p-hightpu-4t', tpuTopology: '2x2x2', nodes: 2 });
  l2.storage.grantRead(tpu, ['data-lake']);
  l2.storage.grantReadWrite(tpu, ['checkpoints', 'artifacts', 'model-registry']);
  return l2.stack;
}
