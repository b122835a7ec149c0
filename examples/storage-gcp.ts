import { App } from 'cdktf';
import { StateBackend } from '../lib/core/backend';
import { GcpKey, GcpStack, SegmentedNetwork, StorageTiers } from '../lib/gcp';
import { EXAMPLE_GCP_PROJECT } from './stacks';

/**
 * Storage tiers in us-central1, encrypted with one Cloud KMS key:
 * - a bucket per data role (data lake, feature store, model registry, artifacts, checkpoints, audit)
 *   with lifecycle to Nearline / Coldline / Archive, versioning, soft delete and access logs; the audit
 *   and model-registry buckets under a retention lock;
 * - a Managed Lustre hot tier (36,000 GiB at 250 MB/s per TiB) for the training plane, reached through
 *   private services access;
 * - a second set of tiers with a small Filestore instance for scratch data, sharing the network's
 *   private services access connection.
 */
export function storageGcp(app: App, backend?: StateBackend): GcpStack {
  const stack = new GcpStack(app, 'storage-gcp', {
    project: EXAMPLE_GCP_PROJECT,
    region: 'us-central1',
    backend,
    tags: { level: 2, workload: 'reference-storage', owner: 'data-platform', costCenter: 'cc-1002', dataClassification: 'confidential' },
  });
  const net = new SegmentedNetwork(stack, 'net', { name: 'aira-storage', cidr: '10.33.0.0/16', zones: ['us-central1-a', 'us-central1-b'] });
  const key = new GcpKey(stack, 'key', { name: 'aira-storage', description: 'storage tiers' });
  new StorageTiers(stack, 'data', {
    name: 'aira-data',
    network: net,
    key,
    objectTiers: [
      'data-lake',
      'feature-store',
      { role: 'model-registry', retention: { days: 365 } },
      'artifacts',
      'checkpoints',
      { role: 'audit', retention: { days: 2557, mode: 'compliance' } },
    ],
    hot: { kind: 'lustre', capacityGib: 36000, throughputMbpsPerTib: 250, consumers: ['training', 'inference'] },
  });
  new StorageTiers(stack, 'scratch', {
    name: 'aira-scratch',
    network: net,
    key,
    objectTiers: ['artifacts'],
    hot: { kind: 'filestore', capacityGib: 1024, consumers: ['training'], linkedRole: 'artifacts' },
    hotOptions: { createServiceConnection: false },
  });
  return stack;
}
