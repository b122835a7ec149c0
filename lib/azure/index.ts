/**
 * `aira-constructs/azure`: the Azure adapter. Importing this entry point loads the azurerm provider
 * bindings it uses (deep imports only) and never the AWS or Google ones.
 */
export * from './stack';
export * from './network';
export * from './network-types';
export type { AzureNetworkAttributes } from './network-import';
export * from './key';
export * from './pool';
export { DEFAULT_IMAGES, resolveImage } from './pool-vmss';
export type { PoolImageRef } from './pool-vmss';
export { WINDOWS_TIME_ZONES, windowsZone } from './pool-scaling';
export { ALERT_WINDOWS } from './pool-alerts';
export * from './quantum';
export * from './storage';
export { DataAccount, lifecycleRule } from './storage-account';
export type { DataAccountProps, StorageReplication } from './storage-account';
export { AMLFS_SKUS, ManagedLustre, checkAmlfsSize, cidrToNid } from './storage-lustre';
export type { LustreMaintenanceWindow } from './storage-lustre';
export * from './kit';
export * from './internal-lb';
export * from './scheduler';
export * from './vpn-gateway';
export * from './vpn-link';
