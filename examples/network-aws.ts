import { App } from 'cdktf';
import { AwsStack, SegmentedNetwork } from '../lib/aws';
import { StateBackend } from '../lib/core/backend';

/**
 * A segmented VPC in us-east-1 across three zones: deny between planes except the declared flows,
 * the protected plane air-gapped, HTTPS ingress to the inference plane only.
 */
export function networkAws(app: App, backend?: StateBackend): AwsStack {
  const stack = new AwsStack(app, 'network-aws', {
    region: 'us-east-1',
    backend,
    tags: { level: 2, workload: 'reference-network', owner: 'ml-platform', costCenter: 'cc-1001', dataClassification: 'internal' },
  });
  const net = new SegmentedNetwork(stack, 'net', {
    name: 'aira-ref',
    cidr: '10.10.0.0/16',
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
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
