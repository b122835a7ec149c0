/**
 * `aira-constructs/aws`: the AWS adapter. Importing this entry point loads the AWS provider bindings
 * it uses (deep imports only) and never the Azure or Google ones.
 */
export * from './stack';
export * from './key';
export * from './network';
export * from './network-types';
export type { AwsNetworkAttributes } from './network-import';
export * from './pool';
export { DEFAULT_IMAGE_PARAMETERS, resolvePoolImage } from './pool-image';
export type { PoolImage } from './pool-image';
export type { SecondaryEfaType } from './pool-efa';
export * from './storage';
export { SecureBucket } from './storage-bucket';
export type { BucketPolicyStatement, SecureBucketProps } from './storage-bucket';
export { LustreTier } from './storage-lustre';
export { LUSTRE_EFA_STEP_GIB, LUSTRE_THROUGHPUTS, checkLustreSize } from './storage-lustre';
export type { LustreTierProps } from './storage-lustre';
export { checkBucketName } from './storage-names';
export * from './quantum';
export * from './kit';
export * from './internal-lb';
export * from './scheduler';
export * from './vpn-gateway';
export * from './vpn-link';
