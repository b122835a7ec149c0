import { App } from 'cdktf';
import { AcceleratorPool, AzureKey, AzureStack, QuantumWorkspace, SegmentedNetwork } from '../lib/azure';
import { StateBackend } from '../lib/core/backend';

/**
 * The public half of the example's admin SSH key: a placeholder in the OpenSSH format. Put your own
 * public key here; the private half never enters the configuration.
 */
export const EXAMPLE_SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReplaceThisWithTheOperatorsOwnPublicKey000 ops@example.com';

/**
 * Accelerator compute in East US, where the catalog offers ND H100 v5:
 * - `h100`: up to 8 Standard_ND96isr_H100_v5 nodes for multi-node training, one InfiniBand placement
 *   group in a proximity placement group, Trusted Launch, disks encrypted with the platform key, scaled
 *   to 8 nodes on weekday working hours by autoscale recurrence profiles (predictive provisioning), and
 *   the GPU safety alerts notifying the on-call address.
 * - `quantum`: an Azure Quantum workspace with the IonQ, Quantinuum and Microsoft providers, its
 *   storage account encrypted with the same key.
 */
export function computeAzure(app: App, backend?: StateBackend): AzureStack {
  const stack = new AzureStack(app, 'compute-azure', {
    location: 'eastus',
    backend,
    tags: { level: 2, workload: 'reference-compute', owner: 'ml-platform', costCenter: 'cc-1002', dataClassification: 'confidential' },
  });
  const network = new SegmentedNetwork(stack, 'net', { name: 'aira-compute', cidr: '10.21.0.0/16', zones: ['1', '2', '3'] });
  network.allow('management', 'training', 22, 'operators reach training nodes over SSH from the management plane');
  network.allowWithinPlane('training', 29500, 'torchrun rendezvous between the training nodes');
  const key = new AzureKey(stack, 'key', { name: 'aira-compute', description: 'Platform key of the compute example: disks and quantum job data', network });

  new AcceleratorPool(stack, 'h100', {
    network,
    key,
    sku: 'Standard_ND96isr_H100_v5',
    nodes: { min: 0, max: 8 },
    adminSshPublicKey: EXAMPLE_SSH_PUBLIC_KEY,
    demandProfile: {
      timeZone: 'America/New_York',
      baselineNodes: 0,
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 8, endHour: 20, nodes: 8 }],
    },
    alarms: { notifyEmails: ['ml-oncall@example.com'] },
  });
  new QuantumWorkspace(stack, 'quantum', {
    name: 'aira-quantum',
    key,
    providers: [
      { id: 'ionq', sku: 'pay-as-you-go-cred' },
      { id: 'quantinuum', sku: 'credits1' },
      { id: 'Microsoft', sku: 'DZH3178M639F' },
    ],
  });
  return stack;
}
