import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend, applyBackend } from '../core/backend';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureName } from '../core/naming';
import { AiraTags } from '../core/tagging';
import { AiraTagValues } from '../core/tags';

/** Props of `AzureStack`. */
export interface AzureStackProps {
  /** Azure region of every resource in the stack, for example `eastus`. */
  readonly location: string;
  /**
   * Subscription to deploy to. azurerm 4 requires one: set it here or in `ARM_SUBSCRIPTION_ID`.
   * @default read by the provider from ARM_SUBSCRIPTION_ID
   */
  readonly subscriptionId?: string;
  /** Name of the resource group that holds the stack's resources. @default `<stack id>-rg` */
  readonly resourceGroupName?: string;
  /** Where Terraform keeps state. @default local file beside the synthesized stack */
  readonly backend?: StateBackend;
  /** Tags for every taggable resource in the stack. @default none */
  readonly tags?: AiraTagValues;
}

/**
 * One Terraform stack for Azure: the azurerm provider, a resource group for the stack's resources, a
 * state backend and the tagging scheme. Constructs of `aira-constructs/azure` go inside it.
 *
 * @example
 * const stack = new AzureStack(app, 'ai-azure', { location: 'eastus', tags: { owner: 'ml-platform' } });
 */
export class AzureStack extends TerraformStack {
  /** The stack's region. */
  public readonly location: string;
  /** The resource group constructs use unless told otherwise. */
  public readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    this.location = props.location;
    new AzurermProvider(this, 'azurerm', {
      subscriptionId: props.subscriptionId,
      features: [
        {
          // Keys and vaults survive a destroy in their soft-deleted state and are recovered on re-create:
          // a purge would make encrypted data unreadable for good.
          keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true, recoverSoftDeletedKeys: true }],
          resourceGroup: [{ preventDeletionIfContainsResources: true }],
          // Storage accounts are managed through Azure Resource Manager only. Otherwise the provider also
          // reads queue and static website properties from each account's data plane, which fails on
          // accounts whose firewall denies the machine running Terraform (the flow log account's does);
          // those settings have their own resources in azurerm 4.x (hashicorp/terraform-provider-azurerm#27818).
          storage: [{ dataPlaneAvailable: false }],
        },
      ],
    });
    applyBackend(this, props.backend, id);
    this.resourceGroup = new ResourceGroup(this, 'rg', { name: props.resourceGroupName ?? azureName(id, 'rg'), location: props.location });
    if (props.tags) AiraTags.of(this).add(props.tags);
  }
}

/** The AzureStack that holds a construct. */
export function azureStackOf(scope: Construct): AzureStack {
  const stack = TerraformStack.of(scope);
  if (stack instanceof AzureStack) return stack;
  throw new AiraError(ErrorCodes.WRONG_SCOPE, scope.node.path, 'Azure constructs must be created inside an AzureStack', "create the stack with new AzureStack(app, 'id', { location }) and build inside it");
}
