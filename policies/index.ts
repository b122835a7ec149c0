/**
 * The built-in rules and packs. Rules are pure functions over the policy engine's resource view
 * (lib/policy); packs select rules and set severities, nothing else.
 */
import { Pack, Rule } from '../lib/policy/types';
import { statefulStorageDestruction } from './change/stateful-storage-destruction';
import { noRdpFromInternet } from './network/no-rdp-from-internet';
import { noSshFromInternet } from './network/no-ssh-from-internet';
import { baselinePack } from './packs/baseline';
import { changeSafetyPack } from './packs/change-safety';
import { azureStorageHttpsOnly } from './storage/azure-storage-https-only';
import { s3BucketEncryption } from './storage/s3-bucket-encryption';

export { statefulStorageDestruction, noRdpFromInternet, noSshFromInternet, azureStorageHttpsOnly, s3BucketEncryption, baselinePack, changeSafetyPack };
export { INGRESS_TYPES, isInternet } from './network/ingress-forms';
export { STATEFUL_STORAGE_TYPES } from './change/stateful-storage-destruction';

/** Every built-in rule, sorted by id. */
export const BUILTIN_RULES: readonly Rule[] = [statefulStorageDestruction, noSshFromInternet, noRdpFromInternet, s3BucketEncryption, azureStorageHttpsOnly].sort((a, b) => a.id.localeCompare(b.id));

/** Every built-in pack. */
export const BUILTIN_PACKS: readonly Pack[] = [baselinePack, changeSafetyPack];
