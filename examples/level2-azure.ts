import { App, TerraformStack } from 'cdktf';
import { azureKit } from '../lib/azure';
import { StateBackend } from '../lib/core/backend';
import { Level2Platform } from '../lib/platform/level2';
import { EXAMPLE_SSH_PUBLIC_KEY } from './compute-azure';
import { EXAMPLE_LUSTRE_PRINCIPAL_ID } from './storage-azure';

/**
 * Level 2 of the reference architecture on Azure (the reference's Azure row: ND H100 v5), in East US:
 * a segmented VNet over zones 1 and 2, one Key Vault key, Data Lake and blob containers for the lake,
 * model registry, artifacts and checkpoints, Azure Managed Lustre for the training plane (linked to the
 * lake), a 2-node Standard_ND96isr_H100_v5 training pool on InfiniBand, a preprocessing CPU pool on the
 * data plane, and inference nodes in both zones behind an internal Standard load balancer.
 * The SSH key and the Lustre resource provider's principal id are placeholders: put your own.
 */
export function level2Azure(app: App, backend?: StateBackend): TerraformStack {
  const kit = azureKit({
    location: 'eastus',
    zones: ['1', '2'],
    adminSshPublicKey: EXAMPLE_SSH_PUBLIC_KEY,
    lustre: { resourceProviderPrincipalId: EXAMPLE_LUSTRE_PRINCIPAL_ID },
  });
  const l2 = new Level2Platform(app, 'level2-azure', {
    kit,
    cidr: '10.24.0.0/16',
    name: 'aira-l2',
    backend,
    tags: { workload: 'reference-level2', owner: 'ml-platform', costCenter: 'cc-1004', dataClassification: 'confidential' },
  });
  return l2.stack;
}
