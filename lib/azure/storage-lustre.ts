import { ManagedLustreFileSystem } from '@cdktf/provider-azurerm/lib/managed-lustre-file-system';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureName } from '../core/naming';
import { LUSTRE_PORTS, PlannedHotTier } from '../core/storage-plan';
import { IAzureKey } from './key';
import { IAzureNetwork } from './network-types';

/**
 * Azure Managed Lustre SKUs by throughput per TiB (MB/s), with their capacity rules in TiB (the
 * "Throughput configurations" table of learn.microsoft.com/azure/azure-managed-lustre/create-file-system-portal;
 * larger sizes, up to 2.5 PB, on request).
 */
export const AMLFS_SKUS: Readonly<Record<number, { readonly sku: string; readonly minTib: number; readonly stepTib: number; readonly maxTib: number }>> = {
  40: { sku: 'AMLFS-Durable-Premium-40', minTib: 48, stepTib: 48, maxTib: 768 },
  125: { sku: 'AMLFS-Durable-Premium-125', minTib: 16, stepTib: 16, maxTib: 128 },
  250: { sku: 'AMLFS-Durable-Premium-250', minTib: 8, stepTib: 8, maxTib: 128 },
  500: { sku: 'AMLFS-Durable-Premium-500', minTib: 4, stepTib: 4, maxTib: 128 },
};

/** NSG priority of the file system's outbound rule to Azure cloud services: above the network's baseline band (4000s), below nothing it owns. */
export const AMLFS_AZURE_CLOUD_PRIORITY = 3950;

/**
 * Checks a Managed Lustre size: a throughput tier Azure offers and a capacity that is a whole number of
 * TiB within the tier's minimum, maximum and step. Throws AIRA_E_STORAGE_SIZE. Returns the SKU and TiB.
 */
export function checkAmlfsSize(capacityGib: number, throughputMbpsPerTib: number, where: string): { sku: string; tib: number } {
  const tier = AMLFS_SKUS[throughputMbpsPerTib];
  if (!tier) {
    throw new AiraError(ErrorCodes.STORAGE_SIZE, where, `Azure Managed Lustre offers no ${throughputMbpsPerTib} MB/s per TiB tier`, `use throughputMbpsPerTib ${Object.keys(AMLFS_SKUS).join(', ')}`);
  }
  const tib = capacityGib / 1024;
  if (!Number.isInteger(tib) || tib < tier.minTib || tib > tier.maxTib || tib % tier.stepTib !== 0) {
    const near = Math.min(tier.maxTib, Math.max(tier.minTib, Math.ceil((Number.isFinite(tib) ? tib : 0) / tier.stepTib) * tier.stepTib));
    throw new AiraError(
      ErrorCodes.STORAGE_SIZE,
      where,
      `${capacityGib} GiB is not a ${tier.sku} size: ${tier.minTib} to ${tier.maxTib} TiB in steps of ${tier.stepTib} TiB`,
      `use capacityGib ${near * 1024} (${near} TiB)`,
    );
  }
  return { sku: tier.sku, tib };
}

/** A day and UTC time (HH:MM) when Azure may apply updates. */
export interface LustreMaintenanceWindow {
  readonly dayOfWeek: 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
  readonly timeOfDayUtc: string;
}

/** Props of `ManagedLustre`. */
export interface ManagedLustreProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly network: IAzureNetwork;
  readonly hot: PlannedHotTier;
  readonly key: IAzureKey;
  /** Resource id of the linked container, and of the import/export log container (same account). */
  readonly hsm?: { readonly containerId: string; readonly loggingContainerId: string; readonly dependsOn: readonly ITerraformDependable[] };
  readonly maintenanceWindow: LustreMaintenanceWindow;
  readonly preventDestroy: boolean;
  /** Address ranges whose clients keep root (no root squash); root squash is off when empty. */
  readonly trustedCidrs: readonly string[];
}

/**
 * An Azure Managed Lustre file system on the data plane: CMK encryption through a user-assigned
 * identity, the HSM link to its blob container, the maintenance window, and the network rules the
 * service needs (learn.microsoft.com/azure/azure-managed-lustre/amlfs-prerequisites):
 * - Lustre ports 988 and 1018-1023 from each consumer plane (declared flows) and among the file
 *   system's own servers (flows within the data plane, which the NSG's deny-all blocks otherwise);
 * - HTTPS within the data plane, to the blob private endpoints of the HSM link;
 * - outbound to the `AzureCloud` service tag, on any port, as the service requires: an NSG rule this
 *   construct adds to the data plane's NSG at priority 3950 (the network has no API for service tag
 *   rules yet).
 *
 * The key: Managed Lustre takes a versioned key URL and does not follow rotation; Terraform would see a
 * new version after each rotation, so changes to `encryption_key` are ignored (rotate the file system's
 * key deliberately). A 2048-bit RSA key is required.
 */
export class ManagedLustre extends Construct {
  public readonly fileSystem: ManagedLustreFileSystem;
  public readonly identity: UserAssignedIdentity;
  public readonly sku: string;

  constructor(scope: Construct, id: string, props: ManagedLustreProps) {
    super(scope, id);
    const where = this.node.path;
    const { hot, network } = props;
    const size = checkAmlfsSize(hot.capacityGib, hot.throughputMbpsPerTib, where);
    this.sku = size.sku;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(props.maintenanceWindow.timeOfDayUtc)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `maintenance time "${props.maintenanceWindow.timeOfDayUtc}" is not HH:MM`, "use 24-hour time in UTC, for example '02:00'");
    }
    const base = { location: props.location, resourceGroupName: props.resourceGroupName };
    if (hot.declareFlows) {
      for (const plane of hot.consumers.filter((p) => p !== 'data')) {
        allowOnce(network, plane, LUSTRE_PORTS.server, `${plane} nodes mount the Managed Lustre file system`);
        allowOnce(network, plane, { from: LUSTRE_PORTS.clientFrom, to: LUSTRE_PORTS.clientTo }, `Lustre client ports of ${plane} nodes`);
      }
    }
    within(network, LUSTRE_PORTS.server, 'Managed Lustre servers talk to each other on the data plane');
    within(network, { from: LUSTRE_PORTS.clientFrom, to: LUSTRE_PORTS.clientTo }, 'Managed Lustre servers use the Lustre client ports among themselves');
    within(network, 443, 'data plane services reach the blob and Key Vault private endpoints');
    new NetworkSecurityRule(this, 'azure-cloud-out', {
      name: azureName(props.name, 'amlfs-azurecloud-out'),
      resourceGroupName: network.resourceGroupName,
      networkSecurityGroupName: network.nsgName('data'),
      direction: 'Outbound',
      access: 'Allow',
      priority: AMLFS_AZURE_CLOUD_PRIORITY,
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: network.subnetCidr('data'),
      destinationAddressPrefix: 'AzureCloud',
      description: 'Managed Lustre reaches Azure cloud services from its subnet (amlfs-prerequisites)',
    });

    this.identity = new UserAssignedIdentity(this, 'identity', { name: azureName(props.name, 'amlfs', 'id'), ...base });
    const grant: RoleAssignment = props.key.grantEncryptionUse(this, 'key-user', this.identity.principalId);
    this.fileSystem = new ManagedLustreFileSystem(this, 'fs', {
      name: azureName(props.name, 'amlfs'),
      ...base,
      skuName: size.sku,
      storageCapacityInTb: size.tib,
      subnetId: network.subnetId('data'),
      zones: [hot.zone],
      maintenanceWindow: { dayOfWeek: props.maintenanceWindow.dayOfWeek, timeOfDayInUtc: props.maintenanceWindow.timeOfDayUtc },
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      encryptionKey: { keyUrl: props.key.versionedKeyUrl, sourceVaultId: props.key.vaultId },
      ...(props.hsm ? { hsmSetting: { containerId: props.hsm.containerId, loggingContainerId: props.hsm.loggingContainerId, importPrefix: '/' } } : {}),
      // Root on a client is root on the file system unless squashed: root on every client but the
      // trusted planes' becomes nobody (learn.microsoft.com/azure/azure-managed-lustre/root-squash-configure-settings).
      ...(props.trustedCidrs.length > 0 ? { rootSquash: { mode: 'RootOnly', noSquashNids: props.trustedCidrs.map(cidrToNid).join(';'), squashUid: 65534, squashGid: 65534 } } : {}),
      dependsOn: [grant, ...(props.hsm?.dependsOn ?? [])],
      lifecycle: { preventDestroy: props.preventDestroy, ignoreChanges: ['encryption_key'] },
    });
  }
}

function allowOnce(network: IAzureNetwork, from: Parameters<IAzureNetwork['allow']>[0], port: Parameters<IAzureNetwork['allow']>[2], reason: string): void {
  const first = typeof port === 'number' ? port : port.from;
  if (!network.allows(from, 'data', first)) network.allow(from, 'data', port, reason);
}

function within(network: IAzureNetwork, port: Parameters<IAzureNetwork['allowWithinPlane']>[1], reason: string): void {
  const first = typeof port === 'number' ? port : port.from;
  if (!network.allows('data', 'data', first)) network.allowWithinPlane('data', port, reason);
}

/**
 * A CIDR as a Lustre NID range: `10.20.96.0/19` becomes `10.20.[96-127].[0-255]@tcp` (the NID format of
 * the root squash settings: one range per octet).
 */
export function cidrToNid(cidr: string): string {
  const [addr, bits] = cidr.split('/');
  const prefix = Number(bits ?? 32);
  const octets = addr.split('.').map(Number);
  return `${octets
    .map((o, i) => {
      const fixed = Math.max(0, Math.min(8, prefix - i * 8));
      if (fixed === 8) return `${o}`;
      const span = 2 ** (8 - fixed);
      const low = o - (o % span);
      return `[${low}-${low + span - 1}]`;
    })
    .join('.')}@tcp`;
}
