/**
 * `aira-constructs/gcp`: the Google Cloud adapter. Importing this entry point loads the google provider
 * bindings it uses (deep imports only) and never the AWS or Azure ones.
 */
export * from './stack';
export * from './zones';
export * from './network';
export * from './network-types';
export type { GcpNetworkAttributes, GcpSubnetAttributes } from './network-import';
export { GOOGLE_API_RANGES } from './network-private-access';
export type { GoogleApisVip, GoogleApiRange } from './network-private-access';
export * from './key';
export * from './pool';
export * from './pool-alarms';
export * from './pool-gpu-nics';
export * from './pool-identity';
export * from './pool-scaling';
export * from './pool-template';
export * from './pool-tpu';
export * from './storage';
export * from './storage-buckets';
export * from './storage-hot';
export * from './kit';
export * from './internal-lb';
export * from './scheduler';
export * from './vpn-gateway';
export * from './vpn-link';
