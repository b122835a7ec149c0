import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { Construct } from 'constructs';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { namePrefix, shortHash } from '../core/naming';
import { Plane } from '../core/planes';
import { DataRole, IStorageTiers, StorageTiersProps, checkObjectKey, objectContentType } from '../core/storage';
import { PlannedObjectTier, StoragePlan, planStorage } from '../core/storage-plan';
import { AiraTags } from '../core/tagging';
import { AzureKey, IAzureKey, requireAzureKey } from './key';
import { IAzureNetwork } from './network-types';
import { azureStackOf } from './stack';
import { DataAccount, StorageReplication } from './storage-account';
import { LustreMaintenanceWindow, ManagedLustre } from './storage-lustre';

/** Roles kept in the Data Lake Storage account (hierarchical namespace) when `hierarchicalNamespace` is on. */
export const LAKE_ROLES: readonly DataRole[] = ['data-lake', 'feature-store'];

/** Built-in role of `grantRead` (learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage). */
export const BLOB_READER_ROLE = 'Storage Blob Data Reader';
/**
 * Built-in role of `grantReadWrite`, also given to Managed Lustre's resource provider on the linked
 * account (learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage).
 */
export const BLOB_WRITER_ROLE = 'Storage Blob Data Contributor';

/** Azure options of the hot tier. */
export interface AzureLustreOptions {
  /**
   * Object id of the "HPC Cache Resource Provider" service principal in your tenant, which Managed
   * Lustre's blob link acts as: it gets Storage Account Contributor and Storage Blob Data Contributor
   * on the linked account before the file system is created
   * (learn.microsoft.com/azure/azure-managed-lustre/amlfs-prerequisites#access-roles-for-blob-integration).
   * Find it with `az ad sp list --display-name "HPC Cache Resource Provider" --query "[].id" -o tsv`.
   * Required while `hsm` is on and there is a hot tier.
   * @default none: with a hot tier and `hsm` on, the constructor throws `AIRA_E_MISSING_PROP`; fine without a hot tier or with `hsm: false`
   */
  readonly resourceProviderPrincipalId?: string;
  /** Link the file system to the linked role's container (Lustre HSM: import on creation, export with archive jobs). @default true */
  readonly hsm?: boolean;
  /** When Azure may apply updates. @default Sunday 02:00 UTC */
  readonly maintenanceWindow?: LustreMaintenanceWindow;
  /** Planes whose clients keep root on the file system (root is squashed to nobody on all others). @default ['management'] where the network has it */
  readonly trustedPlanes?: readonly Plane[];
}

/** Props of the Azure `StorageTiers`: the cloud-neutral props plus Azure options. */
export interface AzureStorageTiersProps extends StorageTiersProps<IAzureNetwork> {
  /** Key of every account and the file system. @default a new Key Vault key, with a private endpoint on the network */
  readonly key?: IAzureKey;
  /** Resource group of the tiers. @default the stack's resource group */
  readonly resourceGroupName?: string;
  /**
   * Keep the data lake and feature store in a Data Lake Storage account (hierarchical namespace: real
   * directories, atomic renames, POSIX ACLs). Azure offers no blob versioning or change feed on such
   * accounts, so these roles are protected by soft delete and `prevent_destroy` instead; asking for
   * `versioned: true` on them is refused. Off: one flat account holds every role.
   * @default true
   */
  readonly hierarchicalNamespace?: boolean;
  /** Replication of the accounts. The archive tier needs LRS, GRS or RA-GRS. @default 'GRS' */
  readonly replication?: StorageReplication;
  /** Days deleted blobs and containers stay recoverable (1 to 365). @default 30 */
  readonly softDeleteDays?: number;
  /** Days the change feed is kept on the flat account (1 to 146000). @default 365 */
  readonly changeFeedDays?: number;
  /** Planes whose pools reach blob storage (HTTPS to the private endpoints on the data plane); a flow is declared for each. @default the hot tier's consumers, otherwise ['training'] */
  readonly blobConsumers?: readonly Plane[];
  /** Managed Lustre options of the hot tier (ignored without a hot tier). @default `{}`: every option at its own default */
  readonly lustre?: AzureLustreOptions;
}

/**
 * The storage tiers on Azure: Blob storage per data role, with lifecycle, encryption with the platform
 * key and private endpoints, and Azure Managed Lustre as the hot tier.
 *
 * Accounts: with `hierarchicalNamespace` (the default) the data lake and feature store live in a Data
 * Lake Storage account and the other roles in a flat account with versioning and change feed; otherwise
 * one flat account holds all. Each role is a private container of the same name. See `DataAccount` for
 * the account settings and `ManagedLustre` for the file system.
 *
 * @example
 * const tiers = new StorageTiers(stack, 'data', { network, hot: { capacityGib: 8 * 1024 }, lustre: { resourceProviderPrincipalId } });
 * tiers.grantReadWrite(pool, ['checkpoints']);
 */
export class StorageTiers extends Construct implements IStorageTiers {
  public readonly plan: StoragePlan;
  public readonly key: IAzureKey;
  public readonly roles: readonly DataRole[];
  /** The Data Lake Storage account, when it holds a role. */
  public readonly lakeAccount?: DataAccount;
  /** The flat account, when it holds a role. */
  public readonly objectAccount?: DataAccount;
  public readonly lustre?: ManagedLustre;
  private readonly accountOf = new Map<DataRole, DataAccount>();
  private readonly grants = new Set<string>();
  private readonly objectKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: AzureStorageTiersProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = azureStackOf(this);
    const network = props.network;
    if (network?.cloud !== 'azure' || typeof network.privateDnsZoneId !== 'function') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `network is not an Azure network (cloud ${String(network?.cloud)})`, 'pass a SegmentedNetwork of this stack, or SegmentedNetwork.fromAttributes(...)');
    }
    const prefix = namePrefix(props.name, id, where);
    const hns = props.hierarchicalNamespace ?? true;
    if (hns) {
      for (const t of props.objectTiers ?? []) {
        if (typeof t !== 'string' && LAKE_ROLES.includes(t.role) && t.versioned === true) {
          throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, `role ${t.role} lives in a Data Lake Storage account, where Azure offers no blob versioning`, 'leave versioned out for this role, or set hierarchicalNamespace: false');
        }
      }
    }
    this.plan = planStorage(props, network, where);
    const plan = this.plan;
    const replication = props.replication ?? 'GRS';
    if (!['LRS', 'GRS', 'RAGRS', 'ZRS', 'GZRS', 'RAGZRS'].includes(replication)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `replication "${String(replication)}" is not one of LRS, GRS, RAGRS, ZRS, GZRS, RAGZRS`, "leave replication at 'GRS'");
    }
    if (!['LRS', 'GRS', 'RAGRS'].includes(replication)) {
      const archived = plan.objectTiers.find((t) => t.lifecycle.transitions.some((tr) => tr.storageClass === 'archive'));
      if (archived) {
        throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, `role ${archived.role} moves objects to the archive tier, which ${replication} accounts do not offer`, "use replication 'GRS' (or LRS, RAGRS), or drop archiveAfterDays from the role's lifecycle");
      }
    }
    const softDeleteDays = checkDays(props.softDeleteDays ?? 30, 1, 365, 'softDeleteDays', where);
    const changeFeedDays = checkDays(props.changeFeedDays ?? 365, 1, 146000, 'changeFeedDays', where);
    if (props.tags) AiraTags.of(this).add(props.tags);
    const rg = props.resourceGroupName ?? stack.resourceGroup.name;
    const base = { location: stack.location, resourceGroupName: rg };

    this.key = props.key ? requireAzureKey(props.key, where) : new AzureKey(this, 'key', { description: `Encrypts the storage tiers ${prefix}`, name: `${prefix}-data`, network });
    this.key.addPrivateEndpoint(network);
    this.roles = plan.objectTiers.map((t) => t.role);

    const hot = plan.hot;
    const lustre = props.lustre ?? {};
    const hsm = hot !== undefined && (lustre.hsm ?? true);
    if (hsm && !lustre.resourceProviderPrincipalId) {
      throw new AiraError(
        ErrorCodes.MISSING_PROP,
        where,
        'the Managed Lustre blob link needs the object id of the HPC Cache Resource Provider service principal of your tenant',
        'pass lustre.resourceProviderPrincipalId (az ad sp list --display-name "HPC Cache Resource Provider" --query "[].id" -o tsv), or lustre.hsm: false',
      );
    }
    const lakeTiers = hns ? plan.objectTiers.filter((t) => LAKE_ROLES.includes(t.role)) : [];
    const flatTiers = plan.objectTiers.filter((t) => !lakeTiers.includes(t));
    const suffix = uniquePart(props.uniqueSuffix, `${stack.node.path}/${where}/${stack.location}`, where);
    const logContainer = 'lustre-logs';
    const account = (kind: 'lake' | 'objects', tiers: readonly PlannedObjectTier[]) => {
      const linked = hsm && tiers.some((t) => t.role === hot!.linkedRole);
      const a = new DataAccount(this, kind, {
        accountName: accountName(prefix, kind === 'lake' ? 'dl' : 'ob', suffix),
        namePrefix: prefix,
        ...base,
        network,
        key: this.key,
        hierarchicalNamespace: kind === 'lake',
        tiers,
        replication,
        softDeleteDays,
        changeFeedDays,
        // Managed Lustre's blob link needs storage account key access enabled (amlfs-prerequisites).
        sharedKeys: linked,
        ...(linked ? { extraContainers: [logContainer] } : {}),
        preventDestroy: plan.preventDestroy,
      });
      for (const t of tiers) this.accountOf.set(t.role, a);
      return a;
    };
    if (lakeTiers.length > 0) this.lakeAccount = account('lake', lakeTiers);
    if (flatTiers.length > 0) this.objectAccount = account('objects', flatTiers);

    const consumers = (props.blobConsumers ?? hot?.consumers ?? ['training']).filter((p) => network.planes.includes(p) && p !== 'data');
    for (const p of consumers) {
      if (!network.allows(p, 'data', 443)) network.allow(p, 'data', 443, `${p} pools reach blob storage through its private endpoints`);
    }

    if (hot) {
      let hsmLink: { containerId: string; loggingContainerId: string; dependsOn: RoleAssignment[] } | undefined;
      if (hsm) {
        const linked = this.accountOf.get(hot.linkedRole)!;
        const principalId = lustre.resourceProviderPrincipalId!;
        const roles = ['Storage Account Contributor', BLOB_WRITER_ROLE].map(
          (role, i) => new RoleAssignment(this, `lustre-link-${i}`, { scope: linked.account.id, roleDefinitionName: role, principalId, principalType: 'ServicePrincipal', description: 'Managed Lustre imports from and exports to the linked container' }),
        );
        hsmLink = { containerId: linked.containerId(hot.linkedRole), loggingContainerId: linked.containerId(logContainer), dependsOn: roles };
      }
      const trusted = (lustre.trustedPlanes ?? (network.planes.includes('management') ? ['management' as Plane] : [])).map((p) => network.subnetCidr(p));
      this.lustre = new ManagedLustre(this, 'lustre', {
        name: prefix,
        ...base,
        network,
        hot,
        key: this.key,
        ...(hsmLink ? { hsm: hsmLink } : {}),
        maintenanceWindow: lustre.maintenanceWindow ?? { dayOfWeek: 'Sunday', timeOfDayUtc: '02:00' },
        preventDestroy: plan.preventDestroy,
        trustedCidrs: trusted,
      });
      AiraTags.of(this.lustre).add({ plane: 'data' });
    }
  }

  public bucketName(role: DataRole): string {
    this.account(role);
    return role;
  }

  /** The account that holds a role's container. */
  public account(role: DataRole): DataAccount {
    const a = this.accountOf.get(role);
    if (!a) throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `role ${role} has no container here`, `use one of ${this.roles.join(', ')}`);
    return a;
  }

  public grantRead(pool: IAcceleratorPool, roles?: readonly DataRole[]): void {
    this.grant(pool, roles ?? this.roles, BLOB_READER_ROLE);
  }

  public grantReadWrite(pool: IAcceleratorPool, roles?: readonly DataRole[]): void {
    this.grant(pool, roles ?? this.roles, BLOB_WRITER_ROLE);
  }

  /**
   * Stores a generated text document as a block blob of a role's container (encrypted with the account's
   * customer-managed key like every blob). The upload goes through the account's data plane, unlike the
   * rest of the tiers: Terraform must reach the account's blob private endpoint (run it inside the VNet)
   * and authenticate with Entra ID (shared keys are off: set the provider's `storage_use_azuread`).
   */
  public putObject(role: DataRole, key: string, content: string): void {
    const where = this.node.path;
    checkObjectKey(key, where);
    if (typeof content !== 'string') throw new AiraError(ErrorCodes.INVALID_PROP, where, `the content of object ${key} is not text`, 'pass the document as a string (JSON.stringify it first)');
    const account = this.account(role);
    const id = `${role}|${key}`;
    if (this.objectKeys.has(id)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `object ${key} is already put in the ${role} container`, 'put each key once');
    this.objectKeys.add(id);
    // Argument names from the provider's azurerm_storage_blob docs (4.55.0).
    new StorageBlob(this, `object-${shortHash(id, 10)}`, {
      name: key,
      storageAccountName: account.account.name,
      storageContainerName: account.containers.get(role)!.name,
      type: 'Block',
      sourceContent: content,
      contentType: objectContentType(key),
    });
  }

  /** One role assignment per pool, role and level, scoped to the role's container alone. */
  private grant(pool: IAcceleratorPool, roles: readonly DataRole[], roleName: string): void {
    const identity = pool.identity;
    if (identity?.cloud !== 'azure') throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `the pool's identity is a ${String(identity?.cloud)} identity`, 'grant access to pools of this cloud');
    for (const role of roles) {
      const account = this.account(role);
      const k = `${pool.capabilities.name}|${role}|${roleName}`;
      if (this.grants.has(k)) continue;
      this.grants.add(k);
      new RoleAssignment(this, `grant-${shortHash(k, 10)}`, {
        scope: account.containerId(role),
        roleDefinitionName: roleName,
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
        description: `pool ${pool.capabilities.name}: ${roleName === BLOB_READER_ROLE ? 'read' : 'read and write'} ${role}`,
      });
    }
  }
}

/** A storage account name: the prefix, a kind and the unique part, letters and digits only, at most 24. */
function accountName(prefix: string, kind: string, suffix: string): string {
  const head = prefix.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${head.slice(0, 24 - kind.length - suffix.length)}${kind}${suffix}`;
}

/** The unique part of account names: the user's suffix (letters and digits kept), or a hash of the construct's place. */
function uniquePart(given: string | undefined, place: string, where: string): string {
  if (given === undefined) return shortHash(place, 8);
  if (!/^[a-z0-9-]{1,16}$/.test(given) || given.replace(/-/g, '').length === 0) {
    throw new AiraError(ErrorCodes.INVALID_NAME, where, `uniqueSuffix "${given}" must be 1 to 16 lowercase letters, digits and -`, 'use for example your organisation id, such as "acme01"');
  }
  return given.replace(/-/g, '');
}

function checkDays(v: number, min: number, max: number, name: string, where: string): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new AiraError(ErrorCodes.INVALID_PROP, where, `${name} ${String(v)} is not a whole number from ${min} to ${max}`, `give ${name} in whole days from ${min} to ${max}`);
  return v;
}

