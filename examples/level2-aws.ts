import { App, TerraformStack } from 'cdktf';
import { awsKit } from '../lib/aws';
import { StateBackend } from '../lib/core/backend';
import { Level2Platform } from '../lib/platform/level2';

/**
 * Level 2 of the reference architecture on AWS, in US East (N. Virginia), where the catalog offers P5,
 * Trainium and the inference and CPU SKUs:
 * - the platform: a segmented VPC over two zones, one KMS key, buckets for the data lake, model
 *   registry, artifacts and checkpoints, FSx for Lustre for the training plane, a 2-node p5.48xlarge
 *   training pool (EFA on all 32 network cards, cluster placement), a c7i preprocessing pool on the
 *   data plane, and g6e inference nodes in both zones behind an internal Network Load Balancer;
 * - beside it, through the same kit, a Trainium (trn1.32xlarge) training pool that reads the lake and
 *   writes checkpoints, as the reference's AWS row names both.
 */
export function level2Aws(app: App, backend?: StateBackend): TerraformStack {
  const kit = awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
  const l2 = new Level2Platform(app, 'level2-aws', {
    kit,
    cidr: '10.14.0.0/16',
    name: 'aira-l2',
    backend,
    tags: { workload: 'reference-level2', owner: 'ml-platform', costCenter: 'cc-1004', dataClassification: 'confidential' },
  });
  const trn = kit.createPool(l2, 'trainium', { network: l2.network, key: l2.key, name: 'aira-l2-trn', sku: 'trn1.32xlarge', nodes: 2 });
  l2.storage.grantRead(trn, ['data-lake']);
  l2.storage.grantReadWrite(trn, ['checkpoints', 'artifacts', 'model-registry']);
  return l2.stack;
}
