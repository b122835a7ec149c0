import { App } from 'cdktf';
import { StateBackend } from '../lib/core/backend';
import { Capacity } from '../lib/core/compute';
import { AcceleratorPool, GcpKey, GcpStack, SegmentedNetwork } from '../lib/gcp';
import { EXAMPLE_GCP_PROJECT } from './stacks';

/**
 * Accelerator pools in us-east5, a region the catalog lists for both A3 Mega and TPU v5p:
 * - an A3 Mega (8x H100) training pool of 4 nodes with GPUDirect-TCPXO (8 GPU NICs on pool-dedicated
 *   networks from the fabric block), compact placement, Spot capacity, scheduled scale-up on weekdays;
 * - a TPU v5p 2x2x2 slice (8 chips on 2 hosts) as a node pool of a private GKE cluster.
 * Both encrypt their disks with one Cloud KMS key and alert on the safety metrics.
 */
export function computeGcp(app: App, backend?: StateBackend): GcpStack {
  const stack = new GcpStack(app, 'compute-gcp', {
    project: EXAMPLE_GCP_PROJECT,
    region: 'us-east5',
    backend,
    tags: { level: 2, workload: 'reference-compute', owner: 'ml-platform', costCenter: 'cc-1001', dataClassification: 'internal' },
  });
  const net = new SegmentedNetwork(stack, 'net', {
    name: 'aira-compute',
    cidr: '10.31.0.0/16',
    zones: ['us-east5-a', 'us-east5-b'],
  });
  net.allow('management', 'training', 443, 'job submission from the management plane to training nodes');
  const key = new GcpKey(stack, 'key', { name: 'aira-compute', description: 'accelerator pool disks and GKE secrets' });
  new AcceleratorPool(stack, 'a3mega', {
    network: net,
    key,
    sku: 'a3-megagpu-8g',
    nodes: { min: 0, desired: 0, max: 4 },
    capacity: Capacity.spot(),
    maxRunDurationSeconds: 7 * 86400,
    demandProfile: { timeZone: 'America/New_York', baselineNodes: 0, windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 7, endHour: 21, nodes: 4 }] },
    alarms: { notifyEmails: ['ml-oncall@example.com'] },
  });
  new AcceleratorPool(stack, 'v5p', {
    network: net,
    key,
    sku: 'ct5p-hightpu-4t',
    tpuTopology: '2x2x2',
    nodes: 2,
  });
  return stack;
}
