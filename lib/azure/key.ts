import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct, IConstruct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { IPlatformKey } from '../core/kit';
import { azureCompactName, azureName, namePrefix } from '../core/naming';
import { oncePerStack } from '../core/once-per-stack';
import { AiraTags } from '../core/tagging';
import { IAzureNetwork } from './network-types';
import { azureStackOf } from './stack';

/** Built-in role that lets a managed identity wrap and unwrap with a key (learn.microsoft.com/azure/role-based-access-control/built-in-roles/security). */
export const KEY_USER_ROLE = 'Key Vault Crypto Service Encryption User';
/** Built-in role that lets the deploying principal create and rotate keys in an RBAC vault. */
export const KEY_OFFICER_ROLE = 'Key Vault Crypto Officer';
/** Longest rotation period the library accepts: yearly, the most any compliance baseline allows. */
export const MAX_ROTATION_DAYS = 365;

/** Props of `AzureKey`. */
export interface AzureKeyProps {
  /** What the key protects (kept as the key's `purpose` tag, shortened to 256 characters). @default none */
  readonly description?: string;
  /** Prefix of the vault and key names. @default the construct id */
  readonly name?: string;
  /** Resource group of the vault. @default the stack's resource group */
  readonly resourceGroupName?: string;
  /**
   * Network whose data plane gets the vault's private endpoint (registered in the network's
   * `privatelink.vaultcore.azure.net` zone). More can be added with `addPrivateEndpoint()`; the
   * library's pools and storage tiers add one for their network themselves.
   * @default none
   */
  readonly network?: IAzureNetwork;
  /**
   * Public addresses (CIDR or single IPs) allowed through the vault firewall, for the machine that runs
   * Terraform. The vault's public network access is off by default, and keys are created and rotated
   * through the vault's data plane: Terraform running outside the VNet (a hosted CI runner, a laptop)
   * cannot create the key then. Either run Terraform from inside the VNet (a self-hosted runner on the
   * management plane, reaching the vault's private endpoint), or list the runner's egress address here,
   * which turns public access on with the firewall denying every other address.
   * @default none: public network access off
   */
  readonly allowedIps?: readonly string[];
  /** Days between automatic rotations (a new key version), 7 to 365. @default 90 */
  readonly rotationDays?: number;
  /**
   * Days after its creation a key version expires. Expiry stops new encryption with the version;
   * unwrapping data keys (what disks, accounts and file systems do) keeps working
   * (learn.microsoft.com/azure/key-vault/keys/about-keys-details). At least `rotationDays` + 28.
   * @default rotationDays + 90
   */
  readonly expireAfterDays?: number;
  /**
   * RSA key size. Azure Managed Lustre takes only 2048-bit RSA keys (the "Disk encryption keys" step of
   * learn.microsoft.com/azure/azure-managed-lustre/create-file-system-portal), and one key serves every
   * tier, so 2048 is the default; disks and storage accounts also take 3072 and 4096.
   * @default 2048
   */
  readonly keySize?: 2048 | 3072 | 4096;
  /** Days a deleted vault or key stays recoverable, 7 to 90. @default 90 */
  readonly softDeleteDays?: number;
  /**
   * Give the principal that runs Terraform (read from `azurerm_client_config`) the Key Vault Crypto
   * Officer role on the vault, which an RBAC vault needs before Terraform can create the key. Turn off
   * when the role is granted outside this stack.
   * @default true
   */
  readonly grantDeployer?: boolean;
  /**
   * `lifecycle { prevent_destroy = true }` on the vault and the key. Every disk, account and file system
   * encrypted with the key becomes unreadable when the key is gone; purge protection keeps a deleted
   * one recoverable for `softDeleteDays`, this keeps Terraform from deleting it at all.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** An Azure Key Vault key as the library's constructs use it. */
export interface IAzureKey extends IPlatformKey {
  readonly cloud: 'azure';
  /** Versionless key URL (`https://<vault>.vault.azure.net/keys/<name>`): the `IPlatformKey` reference, which lets disks and accounts follow rotation. */
  readonly keyRef: string;
  /** Key URL of the current version (for services that take only a versioned key, such as Managed Lustre). */
  readonly versionedKeyUrl: string;
  /** Resource id of the key without version (the scope of role assignments on the key). */
  readonly keyResourceId: string;
  /** Name of the key in its vault. */
  readonly keyName: string;
  /** Resource id of the vault. */
  readonly vaultId: string;
  /** URI of the vault (`https://<vault>.vault.azure.net/`). */
  readonly vaultUri: string;
  /** Lets a managed identity wrap and unwrap with the key; returns the role assignment to depend on. */
  grantEncryptionUse(scope: IConstruct, id: string, principalId: string): RoleAssignment;
  /** Adds a private endpoint of the vault on a network's data plane (once per network). */
  addPrivateEndpoint(network: IAzureNetwork): void;
}

/**
 * A Key Vault and an RSA key with a rotation policy, for customer-managed encryption of disks, storage
 * accounts and file systems. Secure by default: purge protection on, soft delete, RBAC authorization
 * (no access policies), public network access off with a private endpoint on the network's data plane,
 * the firewall denying all but trusted Azure services, and `prevent_destroy`.
 *
 * Services reach the key as managed identities granted "Key Vault Crypto Service Encryption User" on the
 * key alone (`grantEncryptionUse`). Disk encryption sets, storage accounts and Managed Lustre are trusted
 * Azure services and pass the firewall's `AzureServices` bypass
 * (learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints#trusted-services).
 *
 * Deploying: Terraform creates the key through the vault's data plane, so it must reach the vault: see
 * `allowedIps`. Role assignments take a few minutes to reach Key Vault; a first apply that fails with
 * 403 on the key succeeds when re-run.
 *
 * Argument names from the provider's azurerm_key_vault and azurerm_key_vault_key docs (4.55.0).
 *
 * @example
 * const key = new AzureKey(stack, 'key', { description: 'ml platform data', network });
 */
export class AzureKey extends Construct implements IAzureKey {
  public readonly cloud = 'azure' as const;
  public readonly vault: KeyVault;
  public readonly key: KeyVaultKey;
  public readonly keyRef: string;
  public readonly versionedKeyUrl: string;
  public readonly keyResourceId: string;
  public readonly keyName: string;
  public readonly vaultId: string;
  public readonly vaultUri: string;
  /** Rotation period in days. */
  public readonly rotationDays: number;
  private readonly prefix: string;
  private readonly location: string;
  private readonly resourceGroupName: string;
  private readonly endpoints = new Set<string>();
  private readonly grants = new Map<string, RoleAssignment>();

  constructor(scope: Construct, id: string, props: AzureKeyProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const stack = azureStackOf(this);
    this.prefix = namePrefix(props.name, id, where);
    this.location = stack.location;
    this.resourceGroupName = props.resourceGroupName ?? stack.resourceGroup.name;
    this.rotationDays = wholeDays(props.rotationDays ?? 90, 7, MAX_ROTATION_DAYS, 'rotationDays', where);
    const expire = wholeDays(props.expireAfterDays ?? this.rotationDays + 90, this.rotationDays + 28, 36500, 'expireAfterDays', where);
    const softDelete = wholeDays(props.softDeleteDays ?? 90, 7, 90, 'softDeleteDays', where);
    const keySize = props.keySize ?? 2048;
    if (![2048, 3072, 4096].includes(keySize)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `keySize ${String(keySize)} is not 2048, 3072 or 4096`, 'leave keySize at 2048');
    const allowedIps = [...(props.allowedIps ?? [])];
    for (const ip of allowedIps) {
      if (!/^(\d{1,3}\.){3}\d{1,3}(\/(\d|[12]\d|3[0-2]))?$/.test(ip)) throw new AiraError(ErrorCodes.INVALID_CIDR, where, `allowedIps entry "${ip}" is not an IPv4 address or CIDR`, 'list addresses such as 203.0.113.7 or 203.0.113.0/28');
    }
    const lifecycle = { preventDestroy: props.preventDestroy ?? true };
    const client = clientConfig(this);

    this.vault = new KeyVault(this, 'vault', {
      // 3 to 24 letters, digits and hyphens, globally unique (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault).
      name: azureCompactName(`${this.prefix}kv`, where),
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      tenantId: client.tenantId,
      skuName: 'standard',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: softDelete,
      enabledForDeployment: false,
      enabledForTemplateDeployment: false,
      // Azure Disk Encryption (in-guest BitLocker/dm-crypt) is not used: disks use encryption sets.
      enabledForDiskEncryption: false,
      publicNetworkAccessEnabled: allowedIps.length > 0,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: allowedIps },
      lifecycle,
    });
    this.vaultId = this.vault.id;
    this.vaultUri = this.vault.vaultUri;

    const deployer = (props.grantDeployer ?? true)
      ? new RoleAssignment(this, 'deployer', { scope: this.vault.id, roleDefinitionName: KEY_OFFICER_ROLE, principalId: client.objectId, description: 'Terraform creates and rotates the platform key' })
      : undefined;

    this.keyName = azureName(this.prefix, 'key');
    this.key = new KeyVaultKey(this, 'key', {
      name: this.keyName,
      keyVaultId: this.vault.id,
      keyType: 'RSA',
      keySize,
      // Envelope encryption only: services wrap their data keys with it.
      keyOpts: ['wrapKey', 'unwrapKey'],
      rotationPolicy: {
        automatic: { timeAfterCreation: `P${this.rotationDays}D` },
        expireAfter: `P${expire}D`,
        notifyBeforeExpiry: 'P30D',
      },
      ...(props.description ? { tags: { purpose: props.description.slice(0, 256) } } : {}),
      ...(deployer ? { dependsOn: [deployer] } : {}),
      lifecycle,
    });
    this.keyRef = this.key.versionlessId;
    this.versionedKeyUrl = this.key.id;
    this.keyResourceId = this.key.resourceVersionlessId;
    if (props.network) this.addPrivateEndpoint(props.network);
  }

  public grantEncryptionUse(scope: IConstruct, id: string, principalId: string): RoleAssignment {
    const k = `${scope.node.path}/${id}`;
    const existing = this.grants.get(k);
    if (existing) return existing;
    const grant = new RoleAssignment(scope, id, {
      scope: this.keyResourceId,
      roleDefinitionName: KEY_USER_ROLE,
      principalId,
      // A managed identity created in the same apply: skip the directory lookup that fails until it replicates.
      principalType: 'ServicePrincipal',
      skipServicePrincipalAadCheck: true,
      description: 'wraps and unwraps data keys with the platform key',
    });
    this.grants.set(k, grant);
    return grant;
  }

  public addPrivateEndpoint(network: IAzureNetwork): void {
    if (network.location !== this.location) {
      throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `the network is in ${network.location}, the vault in ${this.location}`, 'use a network of the vault\'s region');
    }
    const k = network.vnetId;
    if (this.endpoints.has(k)) return;
    this.endpoints.add(k);
    const n = this.endpoints.size;
    const pe = new PrivateEndpoint(this, n === 1 ? 'endpoint' : `endpoint-${n}`, {
      name: azureName(this.prefix, 'kv', 'pe', n === 1 ? '' : `${n}`),
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      subnetId: network.subnetId('data'),
      privateServiceConnection: { name: azureName(this.prefix, 'kv'), privateConnectionResourceId: this.vault.id, subresourceNames: ['vault'], isManualConnection: false },
      privateDnsZoneGroup: { name: 'vault', privateDnsZoneIds: [network.privateDnsZoneId('vault')] },
    });
    AiraTags.of(pe).add({ plane: 'data' });
  }
}

/** The stack's `azurerm_client_config` (one per stack): tenant and object id of the principal running Terraform. */
export function clientConfig(scope: IConstruct): DataAzurermClientConfig {
  return oncePerStack(azureStackOf(scope), 'aira-client-config', DataAzurermClientConfig, (stack, id) => new DataAzurermClientConfig(stack, id, {}), scope.node.path);
}

/**
 * The key as an Azure key, or an error: AIRA_E_MISSING_PROP without one, AIRA_E_INVALID_PROP for a key
 * of another cloud. Constructs take `IPlatformKey` so a kit can hand them any platform key.
 */
export function requireAzureKey(key: IPlatformKey | undefined, where: string): IAzureKey {
  if (!key) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no customer-managed key given', "create one with new AzureKey(stack, 'key') and pass it as key");
  const k = key as Partial<IAzureKey>;
  if (key.cloud !== 'azure' || typeof k.grantEncryptionUse !== 'function') {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `the key is ${key.cloud === 'azure' ? 'an Azure key without vault handles' : `a ${key.cloud} key`}`, 'pass a Key Vault key of this stack (AzureKey)');
  }
  return key as IAzureKey;
}

/** Checks a whole number of days in a range (AIRA_E_INVALID_PROP otherwise). */
function wholeDays(v: number, min: number, max: number, name: string, where: string): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new AiraError(ErrorCodes.INVALID_PROP, where, `${name} ${String(v)} is not a whole number from ${min} to ${max}`, `give ${name} in whole days from ${min} to ${max}`);
  return v;
}
