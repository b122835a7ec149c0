import { App } from 'cdktf';
import { AcceleratorPool, AwsKey, AwsStack, SegmentedNetwork, StorageTiers } from '../lib/aws';
import { StateBackend } from '../lib/core/backend';

/**
 * The storage tiers of the data architecture in US East (N. Virginia):
 * - a bucket per data role (lake, feature store, model registry, artifacts, checkpoints, audit), with
 *   the default lifecycles, a 365-day governance retention on the model registry and a compliance
 *   retention on the audit trail, access logs for lake, registry and audit;
 * - FSx for Lustre (4.8 TiB at 500 MB/s/TiB) on the data plane, linked to the lake with automatic
 *   import and export, mounted from the training plane only;
 * - a preprocessing pool on the data plane that reads the lake and writes features, through grants.
 * Every tier uses one platform key and keeps `prevent_destroy`.
 */
export function storageAws(app: App, backend?: StateBackend): AwsStack {
  const stack = new AwsStack(app, 'storage-aws', {
    region: 'us-east-1',
    backend,
    tags: { level: 2, workload: 'reference-storage', owner: 'data-platform', costCenter: 'cc-1003', dataClassification: 'confidential' },
  });
  const key = new AwsKey(stack, 'key', { description: 'Platform key of the storage example: buckets, file system, logs', alias: 'aira-storage' });
  const network = new SegmentedNetwork(stack, 'net', {
    name: 'aira-storage',
    cidr: '10.13.0.0/16',
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    logKey: key,
  });
  const storage = new StorageTiers(stack, 'tiers', {
    network,
    key,
    name: 'aira-data',
    objectTiers: [
      'data-lake',
      'feature-store',
      { role: 'model-registry', retention: { days: 365, mode: 'governance' } },
      'artifacts',
      'checkpoints',
      { role: 'audit', retention: { days: 2557, mode: 'compliance' } },
    ],
    hot: { capacityGib: 4800, throughputMbpsPerTib: 500, consumers: ['training'] },
  });
  const prep = new AcceleratorPool(stack, 'prep', {
    network,
    key,
    sku: 'c7i.48xlarge',
    workload: 'preprocessing',
    nodes: { min: 0, max: 4 },
  });
  storage.grantRead(prep, ['data-lake']);
  storage.grantReadWrite(prep, ['feature-store']);
  return stack;
}
