/**
 * The built-in rules and packs. Rules are pure functions over the policy engine's resource view
 * (lib/policy); packs select rules and set severities, nothing else.
 */
import { Pack, Rule } from '../lib/policy/types';
import { acceleratorImage } from './ai/accelerator-image';
import { compactPlacement } from './ai/compact-placement';
import { efaOnEveryCard } from './ai/efa-interfaces';
import { efaSecurityGroupSelfOnly } from './ai/efa-security-group';
import { fabricLayout } from './ai/fabric-layout';
import { parallelFsReach } from './ai/parallel-fs-reach';
import { reservationPlacement } from './ai/reservation-placement';
import { skuRetired, skuRetiredRule, skuRetiring, skuRetiringRule } from './ai/sku-lifecycle';
import { trainingNetworkBandwidth, trainingNetworkRule } from './ai/training-network';
import { statefulStorageDestruction } from './change/stateful-storage-destruction';
import { imdsv2Required } from './compute/imdsv2-required';
import { noPublicIpOnCompute } from './compute/no-public-ip';
import { poolMonthlyCost, poolMonthlyCostRule } from './cost/pool-monthly-cost';
import { stackEmissions, stackEmissionsRule } from './cost/stack-emissions';
import { stackMonthlyCost, stackMonthlyCostRule } from './cost/stack-monthly-cost';
import { carbonAware, carbonAwareRule } from './golden/carbon-aware';
import { inferenceFailover } from './golden/inference-failover';
import { trainingNoSshKeys, trainingReplacedNotMutated } from './golden/immutable-training';
import { trainingPinnedImage } from './golden/pinned-image';
import { protectedAirGap } from './golden/protected-air-gap';
import { diskCmk } from './encryption/disk-cmk';
import { fileSystemCmk } from './encryption/file-system-cmk';
import { objectStorageCmk } from './encryption/object-storage-cmk';
import { zeroTrustFlows } from './golden/zero-trust-flows';
import { noWildcardAdmin } from './iam/no-wildcard-admin';
import { privateControlPlane } from './k8s/private-control-plane';
import { privateNodePools } from './k8s/private-nodes';
import { keyRotation } from './keys/key-rotation';
import { azureAuditDiagnostics } from './logging/azure-diagnostics';
import { cloudTrailIntegrity } from './logging/cloudtrail';
import { flowLogsOnEveryNetwork } from './logging/flow-logs';
import { gcsDataAccessLogs } from './logging/gcs-data-access-logs';
import { noAllPortsFromInternet } from './network/no-all-ports-from-internet';
import { noRdpFromInternet } from './network/no-rdp-from-internet';
import { noSshFromInternet } from './network/no-ssh-from-internet';
import { aiInfrastructurePack } from './packs/ai-infrastructure';
import { baselinePack } from './packs/baseline';
import { changeSafetyPack } from './packs/change-safety';
import { costCarbonPack } from './packs/cost-carbon';
import { goldenRulesPack } from './packs/golden-rules';
import { securityBaselinePack } from './packs/security-baseline';
import { azureStorageHttpsOnly } from './storage/azure-storage-https-only';
import { azureStoragePublicAccess } from './storage/azure-storage-public-access';
import { gcsPublicAccess } from './storage/gcs-public-access';
import { s3BucketEncryption } from './storage/s3-bucket-encryption';
import { s3PublicAccessBlock } from './storage/s3-public-access-block';
import { s3TlsOnly } from './storage/s3-tls-only';

export { statefulStorageDestruction, noRdpFromInternet, noSshFromInternet, azureStorageHttpsOnly, azureStoragePublicAccess, s3BucketEncryption, baselinePack, changeSafetyPack };
export { imdsv2Required, noPublicIpOnCompute, inferenceFailover, trainingNoSshKeys, trainingReplacedNotMutated, trainingPinnedImage, protectedAirGap, zeroTrustFlows, keyRotation, gcsPublicAccess, s3PublicAccessBlock, s3TlsOnly };
export { goldenRulesPack, securityBaselinePack, carbonAware, carbonAwareRule };
export { trainingNetworkBandwidth, trainingNetworkRule, efaOnEveryCard, efaSecurityGroupSelfOnly, skuRetired, skuRetiring, skuRetiredRule, skuRetiringRule, aiInfrastructurePack };
export { poolMonthlyCost, poolMonthlyCostRule, stackMonthlyCost, stackMonthlyCostRule, stackEmissions, stackEmissionsRule, costCarbonPack };
export { fabricLayout, compactPlacement, reservationPlacement, parallelFsReach, acceleratorImage };
export { flowLogsOnEveryNetwork, cloudTrailIntegrity, azureAuditDiagnostics, gcsDataAccessLogs };
export { noWildcardAdmin, noAllPortsFromInternet, privateControlPlane, privateNodePools };
export { objectStorageCmk, fileSystemCmk, diskCmk };
export { INGRESS_TYPES, isInternet } from './network/ingress-forms';
export { STATEFUL_STORAGE_TYPES } from './change/stateful-storage-destruction';

/** Every built-in rule, sorted by id. */
export const BUILTIN_RULES: readonly Rule[] = [
  statefulStorageDestruction,
  noSshFromInternet,
  noRdpFromInternet,
  s3BucketEncryption,
  azureStorageHttpsOnly,
  azureStoragePublicAccess,
  s3PublicAccessBlock,
  s3TlsOnly,
  gcsPublicAccess,
  keyRotation,
  imdsv2Required,
  noPublicIpOnCompute,
  zeroTrustFlows,
  inferenceFailover,
  protectedAirGap,
  trainingNoSshKeys,
  trainingReplacedNotMutated,
  trainingPinnedImage,
  carbonAware,
  trainingNetworkBandwidth,
  efaOnEveryCard,
  efaSecurityGroupSelfOnly,
  skuRetired,
  skuRetiring,
  fabricLayout,
  compactPlacement,
  reservationPlacement,
  parallelFsReach,
  acceleratorImage,
  poolMonthlyCost,
  stackMonthlyCost,
  stackEmissions,
  flowLogsOnEveryNetwork,
  cloudTrailIntegrity,
  azureAuditDiagnostics,
  gcsDataAccessLogs,
  noWildcardAdmin,
  noAllPortsFromInternet,
  privateControlPlane,
  privateNodePools,
  objectStorageCmk,
  fileSystemCmk,
  diskCmk,
].sort((a, b) => a.id.localeCompare(b.id));

/** Every built-in pack. */
export const BUILTIN_PACKS: readonly Pack[] = [baselinePack, changeSafetyPack, securityBaselinePack, goldenRulesPack, aiInfrastructurePack, costCarbonPack];
