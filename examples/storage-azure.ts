import { App } from 'cdktf';
import { AzureKey, AzureStack, SegmentedNetwork, StorageTiers } from '../lib/azure';
import { StateBackend } from '../lib/core/backend';

/**
 * Object id of the "HPC Cache Resource Provider" service principal, which Managed Lustre's blob link
 * acts as. It differs per tenant: replace this placeholder with the output of
 * `az ad sp list --display-name "HPC Cache Resource Provider" --query "[].id" -o tsv`.
 */
export const EXAMPLE_LUSTRE_PRINCIPAL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Every storage tier in East US:
 * - Blob containers for all six data roles: the data lake and feature store in a Data Lake Storage
 *   account, the others in a flat account with versioning and change feed; the roles' lifecycle as a
 *   management policy (hot -> cool -> cold -> archive, noncurrent versions deleted); a 7-year locked
 *   retention on the audit container and a 1-year unlocked one on the model registry.
 * - Azure Managed Lustre (8 TiB at 250 MB/s per TiB) on the data plane, linked to the data-lake
 *   container, mounted by the training and inference planes.
 * Everything is encrypted with one Key Vault key and reachable only through private endpoints.
 */
export function storageAzure(app: App, backend?: StateBackend): AzureStack {
  const stack = new AzureStack(app, 'storage-azure', {
    location: 'eastus',
    backend,
    tags: { level: 2, workload: 'reference-storage', owner: 'data-platform', costCenter: 'cc-1003', dataClassification: 'confidential' },
  });
  const network = new SegmentedNetwork(stack, 'net', { name: 'aira-storage', cidr: '10.23.0.0/16', zones: ['1', '2', '3'] });
  const key = new AzureKey(stack, 'key', { name: 'aira-storage', description: 'Platform key of the storage example: accounts and file system', network });
  new StorageTiers(stack, 'data', {
    name: 'aira-data',
    network,
    key,
    objectTiers: [
      'data-lake',
      'feature-store',
      { role: 'model-registry', retention: { days: 365, mode: 'governance' } },
      'artifacts',
      'checkpoints',
      { role: 'audit', retention: { days: 2557, mode: 'compliance' } },
    ],
    hot: { capacityGib: 8 * 1024, throughputMbpsPerTib: 250, consumers: ['training', 'inference'] },
    lustre: { resourceProviderPrincipalId: EXAMPLE_LUSTRE_PRINCIPAL_ID },
  });
  return stack;
}
