import { App } from 'cdktf';
import { AcceleratorPool, AwsKey, AwsStack, QuantumAccess, SegmentedNetwork } from '../lib/aws';
import { StateBackend } from '../lib/core/backend';
import { Capacity } from '../lib/core/compute';

/**
 * Accelerator pools in US East (Ohio), the region where the catalog offers every SKU used here
 * (Trainium2 on demand, H200 through Capacity Blocks):
 * - `h100`: 4 p5.48xlarge for multi-node training, 32 EFA interfaces each, launched into an On-Demand
 *   Capacity Reservation (no placement group is forced on it).
 * - `h200`: 2 p5e.48xlarge on a Capacity Block for ML.
 * - `trn2`: up to 8 trn2.48xlarge in a cluster placement group, scaled up on weekday working hours
 *   by scheduled actions (predictive provisioning), containers on the nodes (IMDS hop limit 2).
 * - `inf2`: inf2.48xlarge inference nodes over three zones on Spot, with an on-demand base.
 * All volumes and alarm topics use one platform key.
 */
export function computeAws(app: App, backend?: StateBackend): AwsStack {
  const stack = new AwsStack(app, 'compute-aws', {
    region: 'us-east-2',
    backend,
    tags: { level: 2, workload: 'reference-compute', owner: 'ml-platform', costCenter: 'cc-1002', dataClassification: 'confidential' },
  });
  const key = new AwsKey(stack, 'key', { description: 'Platform key of the compute example: volumes, logs, alarm topics', alias: 'aira-compute' });
  const network = new SegmentedNetwork(stack, 'net', {
    name: 'aira-compute',
    cidr: '10.11.0.0/16',
    zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'],
    logKey: key,
  });
  const alarms = { notifyEmails: ['ml-oncall@example.com'] };

  new AcceleratorPool(stack, 'h100', {
    network,
    key,
    sku: 'p5.48xlarge',
    nodes: 4,
    zones: ['us-east-2a'],
    capacity: Capacity.reservation({ id: 'cr-0a1b2c3d4e5f60718', zone: 'us-east-2a', instances: 4 }),
    alarms,
  });
  new AcceleratorPool(stack, 'h200', {
    network,
    key,
    sku: 'p5e.48xlarge',
    nodes: 2,
    zones: ['us-east-2b'],
    capacity: Capacity.capacityBlock({ id: 'cr-0f1e2d3c4b5a69788', zone: 'us-east-2b', instances: 2 }),
    alarms,
  });
  new AcceleratorPool(stack, 'trn2', {
    network,
    key,
    sku: 'trn2.48xlarge',
    nodes: { min: 0, max: 8 },
    containers: true,
    demandProfile: {
      timeZone: 'America/New_York',
      baselineNodes: 0,
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 8, endHour: 20, nodes: 8 }],
    },
    alarms,
  });
  new AcceleratorPool(stack, 'inf2', {
    network,
    key,
    sku: 'inf2.48xlarge',
    workload: 'inference',
    nodes: { min: 2, max: 6 },
    capacity: Capacity.spot({ onDemandFallback: true }),
    alarms,
  });
  return stack;
}

/**
 * The FPGA fabric and quantum access, in US East (N. Virginia): the catalog offers F2 in neither Ohio
 * nor Braket in Ohio, so they get a stack of their own.
 * - `f2`: two f2.12xlarge FPGA nodes on the training plane, on demand.
 * - `braket`: Amazon Braket access (results bucket and a role limited to Braket); Braket itself has no
 *   Terraform resources.
 */
export function computeAwsFpga(app: App, backend?: StateBackend): AwsStack {
  const stack = new AwsStack(app, 'compute-aws-fpga', {
    region: 'us-east-1',
    backend,
    tags: { level: 4, workload: 'reference-fpga-quantum', owner: 'ml-platform', costCenter: 'cc-1002', dataClassification: 'confidential' },
  });
  const key = new AwsKey(stack, 'key', { description: 'Platform key of the FPGA and quantum example', alias: 'aira-fpga' });
  const network = new SegmentedNetwork(stack, 'net', {
    name: 'aira-fpga',
    cidr: '10.12.0.0/16',
    zones: ['us-east-1a', 'us-east-1b'],
    logKey: key,
  });
  const f2 = new AcceleratorPool(stack, 'f2', {
    network,
    key,
    sku: 'f2.12xlarge',
    nodes: 2,
    zones: ['us-east-1a'],
    alarms: { notifyEmails: ['ml-oncall@example.com'] },
  });
  new QuantumAccess(stack, 'braket', { key }).grantAssume(f2);
  return stack;
}
