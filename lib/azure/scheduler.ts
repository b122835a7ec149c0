import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { KubernetesCluster, aksBindings } from './aks-bindings';
import { checkSchedulerPools } from '../core/scheduler-plan';
import { ISchedulerCluster, SchedulerNodePool, SchedulerPoolSpec } from '../core/kit';
import { azureName, namePrefix } from '../core/naming';
import { Plane, assertPlane } from '../core/planes';
import { IAzureKey } from './key';
import { IAzureNetwork } from './network-types';
import { PoolDiskEncryption } from './pool-identity';

/** Size of the system node pool (learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/dv5-series). */
export const AKS_SYSTEM_VM_SIZE = 'Standard_D4ds_v5';

/** Props of `AksSchedulerCluster`. */
export interface AksSchedulerClusterProps {
  readonly network: IAzureNetwork;
  readonly key: IAzureKey;
  readonly pools: readonly SchedulerPoolSpec[];
  /** Plane of the nodes' subnet (system and user pools). @default 'training' */
  readonly plane?: Plane;
  /**
   * Prefix of resource names and of the private cluster's DNS prefix (starts with a letter; letters,
   * digits, -; at most 30, lower-cased). @default the construct id
   */
  readonly name?: string;
}

/**
 * The hybrid scheduler's cluster on Azure: a private AKS cluster (no public FQDN), local accounts off,
 * Entra ID RBAC, etcd secrets encrypted with the Key Vault key (KMS plugin), OS disks with the disk
 * encryption set, workload identity, Azure Policy; an untainted system pool (CriticalAddonsOnly) and one
 * user node pool per class with the labels and taints given, autoscaling from 0 to the pool's max.
 */
export class AksSchedulerCluster extends Construct implements ISchedulerCluster {
  public readonly cloud = 'azure' as const;
  public readonly endpointPrivate = true as const;
  public readonly name: string;
  public readonly cluster: KubernetesCluster;
  public readonly nodePools: ISchedulerCluster['nodePools'];

  constructor(scope: Construct, id: string, props: AksSchedulerClusterProps) {
    super(scope, id);
    const where = this.node.path;
    const network = props.network;
    const prefix = namePrefix(props.name, id, where);
    const plane = assertPlane(props.plane ?? 'training', where, network.planes);
    checkSchedulerPools(props.pools, network, 'azure', where);
    this.name = azureName(prefix, 'sched');
    const base = { location: network.location, resourceGroupName: network.resourceGroupName };
    const disks = new PoolDiskEncryption(this, 'disks', { name: `${prefix}-sched`, ...base, key: props.key });
    // KMS etcd encryption needs a user-assigned control plane identity granted the key (learn.microsoft.com/azure/aks/use-kms-etcd-encryption).
    const identity = new UserAssignedIdentity(this, 'identity', { name: azureName(prefix, 'sched', 'id'), ...base });
    const keyGrant = props.key.grantEncryptionUse(this, 'kms-key-user', identity.principalId);
    const subnet = network.subnetId(plane);
    const { KubernetesCluster, KubernetesClusterNodePool } = aksBindings();
    this.cluster = new KubernetesCluster(this, 'cluster', {
      name: this.name,
      ...base,
      dnsPrefixPrivateCluster: prefix,
      privateClusterEnabled: true,
      privateClusterPublicFqdnEnabled: false,
      privateDnsZoneId: 'System',
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      azurePolicyEnabled: true,
      diskEncryptionSetId: disks.set.id,
      identity: { type: 'UserAssigned', identityIds: [identity.id] },
      keyManagementService: { keyVaultKeyId: props.key.versionedKeyUrl, keyVaultNetworkAccess: 'Public' },
      networkProfile: { networkPlugin: 'azure', networkPolicy: 'azure', outboundType: 'userDefinedRouting' },
      defaultNodePool: {
        name: 'system',
        vmSize: AKS_SYSTEM_VM_SIZE,
        vnetSubnetId: subnet,
        onlyCriticalAddonsEnabled: true,
        autoScalingEnabled: true,
        minCount: 1,
        maxCount: 3,
        zones: [...network.zones],
        nodeLabels: { 'aira.io/system': 'true' },
        hostEncryptionEnabled: true,
      },
      dependsOn: [keyGrant],
    });
    const summaries: SchedulerNodePool[] = [];
    props.pools.forEach((spec, i) => {
      const c = spec.capabilities;
      // Linux node pool names: 1 to 12 lowercase letters and digits (learn.microsoft.com/azure/aks/create-node-pools).
      const npName = `p${i}${c.name.replace(/[^a-z0-9]/g, '')}`.slice(0, 12);
      new KubernetesClusterNodePool(this, `pool-${c.name}`, {
        name: npName,
        kubernetesClusterId: this.cluster.id,
        vmSize: c.sku,
        vnetSubnetId: subnet,
        zones: c.zones.map((z) => z),
        mode: 'User',
        autoScalingEnabled: true,
        minCount: 0,
        maxCount: c.nodes.max,
        nodeCount: 0,
        nodeLabels: { ...spec.labels },
        nodeTaints: spec.taints.map((t) => `${t.key}=${t.value}:${t.effect}`),
        hostEncryptionEnabled: true,
        ...(c.capacityMode === 'spot' ? { priority: 'Spot', evictionPolicy: 'Delete', spotMaxPrice: -1 } : {}),
        lifecycle: { ignoreChanges: ['node_count'] },
      });
      summaries.push({ name: npName, pool: c.name, labels: { ...spec.labels }, taints: [...spec.taints] });
    });
    summaries.push({ name: 'system', labels: { 'aira.io/system': 'true' }, taints: [] });
    this.nodePools = summaries;
  }
}
