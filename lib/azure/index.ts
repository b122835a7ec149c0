/**
 * `aira-constructs/azure`: the Azure adapter. Importing this entry point loads the azurerm provider
 * bindings it uses (deep imports only) and never the AWS or Google ones.
 */
export * from './stack';
export * from './network';
export * from './network-types';
export type { AzureNetworkAttributes } from './network-import';
