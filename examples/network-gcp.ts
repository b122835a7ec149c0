import { App } from 'cdktf';
import { StateBackend } from '../lib/core/backend';
import { GcpStack, SegmentedNetwork } from '../lib/gcp';
import { EXAMPLE_GCP_PROJECT } from './stacks';

/**
 * A segmented VPC network in us-central1 (one regional subnetwork per plane, used across three zones):
 * deny between planes except the declared flows, the protected plane air-gapped with Private Google
 * Access only, HTTPS ingress to the inference plane only, Cloud NAT for the other planes.
 */
export function networkGcp(app: App, backend?: StateBackend): GcpStack {
  const stack = new GcpStack(app, 'network-gcp', {
    project: EXAMPLE_GCP_PROJECT,
    region: 'us-central1',
    backend,
    tags: { level: 2, workload: 'reference-network', owner: 'ml-platform', costCenter: 'cc-1001', dataClassification: 'internal' },
  });
  const net = new SegmentedNetwork(stack, 'net', {
    name: 'aira-ref',
    cidr: '10.30.0.0/16',
    zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
    flows: [
      { from: 'training', to: 'data', port: 988, reason: 'training nodes mount the Lustre file system' },
      { from: 'training', to: 'data', port: { from: 1018, to: 1023 }, reason: 'Lustre client ports for training nodes' },
    ],
    publicIngress: [{ plane: 'inference', port: 443, reason: 'public HTTPS API of the inference endpoints' }],
  });
  net.allow('management', 'training', 443, 'job submission from the management plane to training nodes');
  net.allow('inference', 'data', 443, 'inference nodes read model artifacts from the data plane');
  return stack;
}
