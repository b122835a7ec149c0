import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, FlowProtocol, INetwork, PortSpec } from '../core/network';
import { Plane } from '../core/planes';

/**
 * Private DNS zones a segmented VNet links, by short name. Private endpoints of Blob storage, Data Lake
 * (dfs) and Key Vault register their addresses in these zones, so the names in them resolve to private
 * addresses inside the VNet (learn.microsoft.com/azure/private-link/private-endpoint-dns).
 */
export const PRIVATE_DNS_ZONES = {
  blob: 'privatelink.blob.core.windows.net',
  dfs: 'privatelink.dfs.core.windows.net',
  vault: 'privatelink.vaultcore.azure.net',
} as const;

/** Short name of one of the private DNS zones in `PRIVATE_DNS_ZONES`. */
export type AzurePrivateDnsZone = keyof typeof PRIVATE_DNS_ZONES;

/** A Network Watcher by name and resource group. */
export interface NetworkWatcherRef {
  /** For example `NetworkWatcher_eastus`. */
  readonly name: string;
  /** For example `NetworkWatcherRG`. */
  readonly resourceGroupName: string;
}

/** Traffic analytics of the VNet flow logs, into a Log Analytics workspace. */
export interface TrafficAnalyticsOptions {
  /** Workspace id (the GUID, `workspace_id` of `azurerm_log_analytics_workspace`). */
  readonly workspaceId: string;
  /** Region of the workspace, for example `eastus`. */
  readonly workspaceRegion: string;
  /** Resource id of the workspace. */
  readonly workspaceResourceId: string;
  /** Minutes between processing runs: 10 or 60. @default 60 */
  readonly intervalMinutes?: 10 | 60;
}

/**
 * What Azure constructs need from a segmented network. Subnets span all zones of a region on Azure, so
 * a plane has one subnet; its network security group (NSG) denies all traffic that no declared flow
 * allows, in both directions.
 */
export interface IAzureNetwork extends INetwork {
  readonly cloud: 'azure';
  /** Azure region of the network (the same value as `region`). */
  readonly location: string;
  /** Resource group that holds the VNet and its NSGs. */
  readonly resourceGroupName: string;
  /** Resource id of the VNet. */
  readonly vnetId: string;
  /** Name of the VNet. */
  readonly vnetName: string;
  /**
   * Block reserved for accelerator fabric networks; nothing in the network uses it. (InfiniBand on
   * Azure ND-series VMs runs outside the VNet and needs no address here.)
   */
  readonly fabricCidr: string;
  /** Resource id of a plane's subnet. */
  subnetId(plane: Plane): string;
  /** Address prefix of a plane's subnet. */
  subnetCidr(plane: Plane): string;
  /** Resource id of a plane's NSG. */
  nsgId(plane: Plane): string;
  /** Name of a plane's NSG (in `resourceGroupName`). */
  nsgName(plane: Plane): string;
  /** Resource id of one of the private DNS zones linked to the VNet, for private endpoints' DNS zone groups. */
  privateDnsZoneId(zone: AzurePrivateDnsZone): string;
  /**
   * Allows traffic between the machines of one plane on a port. The subnet's NSG denies it otherwise
   * (its deny-all rule overrides Azure's default allow inside the VNet); pools that talk among their
   * nodes (for example NCCL bootstrap, SSH, a scheduler) declare it here.
   */
  allowWithinPlane(plane: Plane, port: PortSpec, reason: string, protocol?: FlowProtocol): DeclaredFlow;
}

/**
 * Checks Azure availability zones: Azure numbers a region's zones `1`, `2`, `3`
 * (learn.microsoft.com/azure/reliability/availability-zones-overview). Throws AIRA_E_UNKNOWN_ZONE.
 */
export function checkAzureZones(location: string, zones: readonly string[], where: string): string[] {
  for (const z of Array.isArray(zones) ? zones : []) {
    if (typeof z !== 'string' || !/^[1-3]$/.test(z)) {
      throw new AiraError(ErrorCodes.UNKNOWN_ZONE, where, `zone "${String(z)}" is not an Azure availability zone of ${location}`, 'name zones by number: "1", "2" or "3"');
    }
  }
  return Array.isArray(zones) ? [...zones] : [];
}
