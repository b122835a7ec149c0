import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureCompactName, azureName } from '../core/naming';
import { Suppressions } from '../policy/suppressions';
import { NetworkWatcherRef, TrafficAnalyticsOptions } from './network-types';

/** Longest retention a flow log's retention policy takes, in days (0 would mean "forever"). */
export const MAX_FLOW_LOG_RETENTION_DAYS = 365;

/** Props of `VnetFlowLogs`. */
export interface VnetFlowLogsProps {
  readonly vnetId: string;
  readonly namePrefix: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly retentionDays: number;
  readonly networkWatcher: NetworkWatcherRef;
  readonly trafficAnalytics?: TrafficAnalyticsOptions;
}

/**
 * VNet flow logs of the whole VNet (every subnet, allowed and denied flows, with the NSG rule that
 * decided) into a storage account of their own. VNet flow logs rather than NSG flow logs: NSG flow
 * logs retire on 2027-09-30 and cannot be created since 2025-06-30 (retirement notice on Microsoft's
 * NSG flow log pages, for example learn.microsoft.com/azure/network-watcher/nsg-flow-logs-rest).
 */
export class VnetFlowLogs extends Construct {
  /** The account that holds the logs (container `insights-logs-flowlogflowevent`). */
  public readonly storageAccount: StorageAccount;
  public readonly flowLog: NetworkWatcherFlowLog;

  constructor(scope: Construct, id: string, props: VnetFlowLogsProps) {
    super(scope, id);
    const days = props.retentionDays;
    if (!Number.isInteger(days) || days < 1 || days > MAX_FLOW_LOG_RETENTION_DAYS) {
      throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `flow log retention of ${String(days)} days is not a whole number from 1 to ${MAX_FLOW_LOG_RETENTION_DAYS}`, `keep flow logs 1 to ${MAX_FLOW_LOG_RETENTION_DAYS} days (Network Watcher's retention policy limit)`);
    }
    const ta = props.trafficAnalytics;
    if (ta && ta.intervalMinutes !== undefined && ta.intervalMinutes !== 10 && ta.intervalMinutes !== 60) {
      throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `traffic analytics interval ${String(ta.intervalMinutes)} is not 10 or 60 minutes`, 'use intervalMinutes: 10 or 60');
    }

    this.storageAccount = new StorageAccount(this, 'storage', {
      name: azureCompactName(`${props.namePrefix}flow`, this.node.path),
      resourceGroupName: props.resourceGroupName,
      // Flow logs must go to an account in the VNet's region; retention needs general-purpose v2.
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      // Zone-redundant: the network spans availability zones, so the region has them.
      accountReplicationType: 'ZRS',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      localUserEnabled: false,
      defaultToOauthAuthentication: true,
      // Kept on: the flow log resource of azurerm 4.x cannot name a managed identity, and without one
      // Network Watcher writes with the account's keys ("if you rotate the access keys, virtual network
      // flow logs stop working", learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview).
      // The firewall below keeps every network but trusted Azure services away from the account.
      sharedAccessKeyEnabled: true,
      // Deny by default; Network Watcher is a trusted Azure service and passes the `AzureServices` bypass
      // (learn.microsoft.com/azure/storage/common/storage-network-security-trusted-azure-services).
      publicNetworkAccessEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      blobProperties: { deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 } },
    });

    // No customer-managed key on this account: the network is built before the platform key, whose
    // vault is reached through a private endpoint in this very network. Said in every report instead of hidden.
    Suppressions.of(this.storageAccount).add({
      id: 'AIRA-ENC-001',
      reason:
        'flow-log account of the network: the network exists before the platform key (the key vault private endpoint lives in it), so the account keeps ' +
        'Microsoft-managed keys with infrastructure (double) encryption on; it holds flow metadata, not training data, behind a deny-by-default firewall',
    });

    this.flowLog = new NetworkWatcherFlowLog(this, 'flow-log', {
      name: azureName(props.namePrefix, 'vnet-flow-log'),
      // A flow log lives in its Network Watcher's resource group, not the VNet's.
      networkWatcherName: props.networkWatcher.name,
      resourceGroupName: props.networkWatcher.resourceGroupName,
      location: props.location,
      targetResourceId: props.vnetId,
      storageAccountId: this.storageAccount.id,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days },
      ...(ta
        ? {
            trafficAnalytics: {
              enabled: true,
              workspaceId: ta.workspaceId,
              workspaceRegion: ta.workspaceRegion,
              workspaceResourceId: ta.workspaceResourceId,
              intervalInMinutes: ta.intervalMinutes ?? 60,
            },
          }
        : {}),
    });
  }
}
