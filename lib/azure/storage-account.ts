import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { StorageManagementPolicy, StorageManagementPolicyRule } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { azureName } from '../core/naming';
import { DataRole } from '../core/storage';
import { PlannedObjectTier } from '../core/storage-plan';
import { AiraTags } from '../core/tagging';
import { IAzureKey } from './key';
import { AzurePrivateDnsZone, IAzureNetwork } from './network-types';

/** Replication types of the data accounts. The archive tier takes only LRS, GRS and RA-GRS accounts (learn.microsoft.com/azure/storage/blobs/access-tiers-overview). */
export type StorageReplication = 'LRS' | 'GRS' | 'RAGRS' | 'ZRS' | 'GZRS' | 'RAGZRS';

/** Props of `DataAccount`. */
export interface DataAccountProps {
  /** Globally unique account name (3 to 24 lowercase letters and digits). */
  readonly accountName: string;
  readonly namePrefix: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly network: IAzureNetwork;
  readonly key: IAzureKey;
  /** Data Lake Storage (hierarchical namespace): no versioning or change feed, which Azure refuses on such accounts. */
  readonly hierarchicalNamespace: boolean;
  readonly tiers: readonly PlannedObjectTier[];
  readonly replication: StorageReplication;
  /** Days deleted blobs and containers stay recoverable. */
  readonly softDeleteDays: number;
  /** Days the change feed (the account's log of every change) is kept. */
  readonly changeFeedDays: number;
  /** Shared key access, which only Managed Lustre's blob link needs. */
  readonly sharedKeys: boolean;
  /**
   * Extra private containers beside the roles' ones (for example the Lustre import/export logs), with
   * the account's destroy protection. @default none: only one container per data role
   */
  readonly extraContainers?: readonly string[];
  readonly preventDestroy: boolean;
}

/**
 * One StorageV2 account of the storage tiers, with a private container per data role. Secure by default:
 * HTTPS only, TLS 1.2, no public blob access, public network access off with private endpoints for blob
 * (and dfs on Data Lake accounts) on the data plane registered in the network's private DNS zones,
 * shared keys off (Entra ID only) unless a Managed Lustre link needs them, infrastructure (double)
 * encryption, the platform key through a user-assigned identity for blobs, files, queues and tables,
 * soft delete of blobs and containers, versioning and change feed on flat-namespace accounts, the
 * roles' lifecycle as one management policy, and container-level immutability where a role asks for it.
 *
 * Terraform manages the account through Azure Resource Manager only (the stack sets the provider's
 * `data_plane_available = false`), so it never needs the account's keys or network access, and
 * containers are created with `storage_account_id`.
 */
export class DataAccount extends Construct {
  public readonly account: StorageAccount;
  public readonly identity: UserAssignedIdentity;
  public readonly keyGrant: RoleAssignment;
  public readonly containers = new Map<string, StorageContainer>();

  constructor(scope: Construct, id: string, props: DataAccountProps) {
    super(scope, id);
    const base = { location: props.location, resourceGroupName: props.resourceGroupName };
    const lifecycle = { preventDestroy: props.preventDestroy };
    this.identity = new UserAssignedIdentity(this, 'identity', { name: azureName(props.namePrefix, id, 'id'), ...base });
    this.keyGrant = props.key.grantEncryptionUse(this, 'key-user', this.identity.principalId);
    const flat = !props.hierarchicalNamespace;
    this.account = new StorageAccount(this, 'account', {
      name: props.accountName,
      ...base,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: props.replication,
      accessTier: 'Hot',
      isHnsEnabled: props.hierarchicalNamespace,
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      publicNetworkAccessEnabled: false,
      // The firewall also denies all but trusted Azure services, should public access be turned on later.
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      sharedAccessKeyEnabled: props.sharedKeys,
      defaultToOauthAuthentication: true,
      crossTenantReplicationEnabled: false,
      localUserEnabled: false,
      sftpEnabled: false,
      infrastructureEncryptionEnabled: true,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      customerManagedKey: { keyVaultKeyId: props.key.keyRef, userAssignedIdentityId: this.identity.id },
      // Queues and tables use the account's key too (settable only when the account is created).
      queueEncryptionKeyType: 'Account',
      tableEncryptionKeyType: 'Account',
      blobProperties: {
        // Azure refuses versioning and change feed on hierarchical namespace accounts (HTTP 409; hashicorp/terraform-provider-azurerm#32722).
        versioningEnabled: flat,
        changeFeedEnabled: flat,
        ...(flat ? { changeFeedRetentionInDays: props.changeFeedDays } : {}),
        deleteRetentionPolicy: { days: props.softDeleteDays },
        containerDeleteRetentionPolicy: { days: props.softDeleteDays },
      },
      dependsOn: [this.keyGrant],
      lifecycle,
    });
    AiraTags.of(this.account).add({ plane: 'data' });

    for (const t of props.tiers) {
      const c = new StorageContainer(this, `container-${t.role}`, { name: t.role, storageAccountId: this.account.id, containerAccessType: 'private', lifecycle });
      this.containers.set(t.role, c);
      if (t.retention) {
        new StorageContainerImmutabilityPolicy(this, `immutability-${t.role}`, {
          // With `storage_account_id`, a container's id is its Resource Manager id.
          storageContainerResourceManagerId: c.id,
          immutabilityPeriodInDays: t.retention.days,
          // Compliance mode is a locked policy: nobody can shorten or remove it until it ends.
          locked: t.retention.mode === 'compliance',
          protectedAppendWritesEnabled: false,
        });
      }
    }
    for (const name of props.extraContainers ?? []) {
      this.containers.set(name, new StorageContainer(this, `container-${name}`, { name, storageAccountId: this.account.id, containerAccessType: 'private', lifecycle }));
    }

    const rules = props.tiers.map((t) => lifecycleRule(t, flat)).filter((r): r is StorageManagementPolicyRule => r !== undefined);
    if (rules.length > 0) new StorageManagementPolicy(this, 'lifecycle', { storageAccountId: this.account.id, rule: rules });

    const zones: AzurePrivateDnsZone[] = props.hierarchicalNamespace ? ['blob', 'dfs'] : ['blob'];
    for (const zone of zones) {
      const pe = new PrivateEndpoint(this, `endpoint-${zone}`, {
        name: azureName(props.namePrefix, id, zone, 'pe'),
        ...base,
        subnetId: props.network.subnetId('data'),
        privateServiceConnection: { name: azureName(props.namePrefix, id, zone), privateConnectionResourceId: this.account.id, subresourceNames: [zone], isManualConnection: false },
        privateDnsZoneGroup: { name: zone, privateDnsZoneIds: [props.network.privateDnsZoneId(zone)] },
      });
      AiraTags.of(pe).add({ plane: 'data' });
    }
  }

  /** Resource Manager id of a role's container (the scope of grants). */
  public containerId(role: DataRole | string): string {
    return this.containers.get(role)!.id;
  }
}

/**
 * A role's lifecycle as a management policy rule on its container's prefix. Azure's conditions read
 * "more than N days since modification", so objects move on day N + 1. Noncurrent versions are deleted
 * on flat accounts only (Data Lake accounts keep no versions); a role that is not versioned on a
 * versioned account has its noncurrent versions deleted after a day, since versioning is account-wide.
 */
export function lifecycleRule(t: PlannedObjectTier, versionedAccount: boolean): StorageManagementPolicyRule | undefined {
  const baseBlob: Record<string, number> = {};
  for (const tr of t.lifecycle.transitions) {
    const key = { cool: 'tierToCoolAfterDaysSinceModificationGreaterThan', cold: 'tierToColdAfterDaysSinceModificationGreaterThan', archive: 'tierToArchiveAfterDaysSinceModificationGreaterThan' }[tr.storageClass];
    if (key) baseBlob[key] = tr.afterDays;
  }
  if (t.lifecycle.expireAfterDays !== undefined) baseBlob.deleteAfterDaysSinceModificationGreaterThan = t.lifecycle.expireAfterDays;
  const noncurrent = versionedAccount ? (t.versioned ? t.lifecycle.noncurrentExpireAfterDays : 1) : undefined;
  if (Object.keys(baseBlob).length === 0 && noncurrent === undefined) return undefined;
  return {
    // Rule names take letters and digits only.
    name: t.role.replace(/[^A-Za-z0-9]/g, ''),
    enabled: true,
    filters: { blobTypes: ['blockBlob'], prefixMatch: [`${t.role}/`] },
    actions: {
      ...(Object.keys(baseBlob).length > 0 ? { baseBlob } : {}),
      ...(noncurrent !== undefined ? { version: { deleteAfterDaysSinceCreation: noncurrent } } : {}),
    },
  };
}
