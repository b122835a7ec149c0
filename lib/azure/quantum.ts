import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { IQuantumAccess } from '../core/kit';
import { azureCompactName, azureName, namePrefix } from '../core/naming';
import { AiraTags } from '../core/tagging';
import { AiraTagValues } from '../core/tags';
import { IAzureKey, requireAzureKey } from './key';
import { azureStackOf } from './stack';

/**
 * A quantum provider of an Azure Quantum workspace and its billing plan (SKU), as
 * `az quantum offerings list --location <location>` prints them. Well-known plans are typed; any other
 * plan id is accepted as a string.
 */
export type QuantumProviderSpec =
  | { readonly id: 'Microsoft'; readonly sku: 'DZH3178M639F' | (string & {}) }
  | { readonly id: 'ionq'; readonly sku: 'pay-as-you-go-cred' | 'committed-subscription-2' | (string & {}) }
  | { readonly id: 'quantinuum'; readonly sku: 'credits1' | 'basic1' | 'standard1' | 'premium1' | (string & {}) }
  | { readonly id: 'rigetti'; readonly sku: 'azure-quantum-credits' | 'rigetti-pay-as-you-go' | (string & {}) }
  | { readonly id: 'pasqal'; readonly sku: 'azure-quantum-credits' | 'pasqal-pay-as-you-go' | (string & {}) };

/** The Microsoft provider's free plan, as Microsoft's own workspace template names it (learn.microsoft.com/azure/quantum/how-to-manage-quantum-workspaces-with-azure-resource-manager). */
export const DEFAULT_QUANTUM_PROVIDERS: readonly QuantumProviderSpec[] = [{ id: 'Microsoft', sku: 'DZH3178M639F' }];

/** API versions of the template's resources (Microsoft.Quantum/workspaces API reference; Microsoft.Storage 2023-05-01). */
export const QUANTUM_API_VERSION = '2022-01-10-preview';
const STORAGE_API_VERSION = '2023-05-01';
const ROLE_API_VERSION = '2022-04-01';
/** Built-in Contributor role: Microsoft's template gives the workspace it on its storage account, to read and write job data. */
const CONTRIBUTOR_ROLE_GUID = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

/** Props of `QuantumWorkspace`. */
export interface QuantumWorkspaceProps {
  /** Quantum providers and their plans. @default the Microsoft provider's free plan */
  readonly providers?: readonly QuantumProviderSpec[];
  /** Key that encrypts the workspace's storage account. */
  readonly key: IAzureKey;
  /** Log Analytics workspace (resource id) that receives the workspace's logs. @default none */
  readonly logAnalyticsWorkspaceId?: string;
  /** Resource group of the workspace. @default the stack's resource group */
  readonly resourceGroupName?: string;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
  /**
   * `lifecycle { prevent_destroy = true }` on the template deployment: destroying it deletes the
   * workspace and the storage account with every job's inputs and results.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /** Tags of the deployment and of the resources in the template. @default none */
  readonly tags?: AiraTagValues;
}

/**
 * An Azure Quantum workspace with its linked storage account. azurerm has no quantum resource
 * (hashicorp/terraform-provider-azurerm#15061), so both are deployed by `azurerm_resource_group_template_deployment`
 * with an ARM template built here as an object (`template`) and serialized once. Values Terraform knows
 * (identity, key) pass as template parameters, so the template itself is static and reviewable.
 *
 * The workspace has a system-assigned identity, granted Contributor on its storage account as Microsoft's
 * template does. The storage account: StorageV2, HTTPS only, TLS 1.2, no public blob access, no
 * cross-tenant replication, infrastructure (double) encryption, and the platform key through a
 * user-assigned identity. Its network stays open to Azure: quantum providers fetch job inputs and
 * write results through SAS URLs from outside the VNet, which a firewall or private endpoint would block.
 *
 * A template deployment cannot be planned in detail: `terraform plan` shows the template, not the
 * resources inside it.
 */
export class QuantumWorkspace extends Construct implements IQuantumAccess {
  public readonly cloud = 'azure' as const;
  public readonly description: string;
  public readonly deployment: ResourceGroupTemplateDeployment;
  /** The ARM template, as deployed. */
  public readonly template: Record<string, unknown>;
  /** Resource id of the workspace (from the deployment's outputs). */
  public readonly workspaceId: string;
  public readonly workspaceName: string;
  public readonly storageAccountName: string;
  /** The identity that unwraps the storage account's key. */
  public readonly storageIdentity: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: QuantumWorkspaceProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = azureStackOf(this);
    const prefix = namePrefix(props.name, id, where);
    const key = requireAzureKey(props.key, where);
    const providers = [...(props.providers ?? DEFAULT_QUANTUM_PROVIDERS)];
    if (providers.length === 0) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no quantum providers', 'list at least one provider, for example { id: "ionq", sku: "pay-as-you-go-cred" }');
    const seen = new Set<string>();
    for (const p of providers) {
      if (typeof p?.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/.test(p.id) || typeof p.sku !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(p.sku)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `quantum provider ${JSON.stringify(p)} needs an id and a sku of letters, digits, '.', '_' and '-'`, 'use the provider and plan ids of az quantum offerings list');
      }
      if (seen.has(p.id.toLowerCase())) throw new AiraError(ErrorCodes.INVALID_PROP, where, `quantum provider ${p.id} is listed twice`, 'list each provider once, with one plan');
      seen.add(p.id.toLowerCase());
    }
    if (props.tags) AiraTags.of(this).add(props.tags);
    const rg = props.resourceGroupName ?? stack.resourceGroup.name;
    // Workspace names: 2 to 54 letters, digits and hyphens.
    this.workspaceName = azureName(prefix, 'quantum').slice(0, 54).replace(/-+$/, '');
    this.storageAccountName = azureCompactName(`${prefix}q`, where);
    this.description = `Azure Quantum workspace ${this.workspaceName} (${providers.map((p) => `${p.id}/${p.sku}`).join(', ')})`;

    this.storageIdentity = new UserAssignedIdentity(this, 'storage-identity', { name: azureName(prefix, 'quantum', 'storage', 'id'), location: stack.location, resourceGroupName: rg });
    const grant = key.grantEncryptionUse(this, 'storage-key-user', this.storageIdentity.principalId);

    this.template = quantumTemplate(providers);
    const lifecycle = { preventDestroy: props.preventDestroy ?? true };
    this.deployment = new ResourceGroupTemplateDeployment(this, 'deployment', {
      name: azureName(prefix, 'quantum'),
      resourceGroupName: rg,
      // Incremental: the deployment adds its resources and leaves the rest of the group alone.
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(this.template),
      parametersContent: JSON.stringify({
        workspaceName: { value: this.workspaceName },
        storageAccountName: { value: this.storageAccountName },
        location: { value: stack.location },
        storageIdentityId: { value: this.storageIdentity.id },
        keyName: { value: key.keyName },
        keyVaultUri: { value: key.vaultUri },
      }),
      dependsOn: [grant],
      lifecycle,
    });
    this.workspaceId = Fn.lookupNested(Fn.jsondecode(this.deployment.outputContent), ['workspaceId', 'value']) as string;

    if (props.logAnalyticsWorkspaceId) {
      new MonitorDiagnosticSetting(this, 'diagnostics', {
        name: azureName(prefix, 'quantum', 'diagnostics'),
        targetResourceId: this.workspaceId,
        logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
        enabledLog: [{ categoryGroup: 'allLogs' }],
      });
    }
  }
}

/** The ARM template of a workspace and its storage account (static: every deployment-specific value is a parameter). */
export function quantumTemplate(providers: readonly QuantumProviderSpec[]): Record<string, unknown> {
  const storageId = "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]";
  const workspaceId = "[resourceId('Microsoft.Quantum/workspaces', parameters('workspaceName'))]";
  const contributor = `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${CONTRIBUTOR_ROLE_GUID}')]`;
  const str = { type: 'string' };
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { workspaceName: str, storageAccountName: str, location: str, storageIdentityId: str, keyName: str, keyVaultUri: str },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: STORAGE_API_VERSION,
        name: "[parameters('storageAccountName')]",
        location: "[parameters('location')]",
        sku: { name: 'Standard_LRS' },
        kind: 'StorageV2',
        identity: { type: 'UserAssigned', userAssignedIdentities: { "[parameters('storageIdentityId')]": {} } },
        properties: {
          supportsHttpsTrafficOnly: true,
          minimumTlsVersion: 'TLS1_2',
          allowBlobPublicAccess: false,
          allowCrossTenantReplication: false,
          encryption: {
            keySource: 'Microsoft.Keyvault',
            requireInfrastructureEncryption: true,
            identity: { userAssignedIdentity: "[parameters('storageIdentityId')]" },
            // No key version: the account follows the key's rotation.
            keyvaultproperties: { keyname: "[parameters('keyName')]", keyvaulturi: "[parameters('keyVaultUri')]" },
            services: { blob: { enabled: true, keyType: 'Account' }, file: { enabled: true, keyType: 'Account' } },
          },
        },
      },
      {
        type: 'Microsoft.Quantum/workspaces',
        apiVersion: QUANTUM_API_VERSION,
        name: "[parameters('workspaceName')]",
        location: "[parameters('location')]",
        identity: { type: 'SystemAssigned' },
        properties: {
          providers: providers.map((p) => ({ providerId: p.id, providerSku: p.sku })),
          storageAccount: storageId,
        },
        dependsOn: [storageId],
      },
      {
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: ROLE_API_VERSION,
        scope: "[format('Microsoft.Storage/storageAccounts/{0}', parameters('storageAccountName'))]",
        name: `[guid(${workspaceId.slice(1, -1)}, '${CONTRIBUTOR_ROLE_GUID}', ${storageId.slice(1, -1)})]`,
        properties: {
          roleDefinitionId: contributor,
          principalId: `[reference(${workspaceId.slice(1, -1)}, '${QUANTUM_API_VERSION}', 'full').identity.principalId]`,
          principalType: 'ServicePrincipal',
        },
        dependsOn: [workspaceId, storageId],
      },
    ],
    outputs: {
      workspaceId: { type: 'string', value: workspaceId },
      principalId: { type: 'string', value: `[reference(${workspaceId.slice(1, -1)}, '${QUANTUM_API_VERSION}', 'full').identity.principalId]` },
    },
  };
}
