/**
 * `aira-constructs/aws`: the AWS adapter. Importing this entry point loads the AWS provider bindings
 * it uses (deep imports only) and never the Azure or Google ones.
 */
export * from './stack';
export * from './key';
export * from './network';
export * from './network-types';
export type { AwsNetworkAttributes } from './network-import';
