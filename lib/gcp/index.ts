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
