import { App } from 'cdktf';
import { AzureStack, SegmentedNetwork } from '../lib/azure';
import { StateBackend } from '../lib/core/backend';

/**
 * A segmented VNet in eastus across three availability zones: deny between planes except the declared
 * flows, the protected plane air-gapped, HTTPS ingress to the inference plane only. The same planes,
 * flows and tags as the AWS example, in its own address block so the two can be connected later.
 */
export function networkAzure(app: App, backend?: StateBackend): AzureStack {
  const stack = new AzureStack(app, 'network-azure', {
    location: 'eastus',
    backend,
    tags: { level: 2, workload: 'reference-network', owner: 'ml-platform', costCenter: 'cc-1001', dataClassification: 'internal' },
  });
  const net = new SegmentedNetwork(stack, 'net', {
    name: 'aira-ref',
    cidr: '10.20.0.0/16',
    zones: ['1', '2', '3'],
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
