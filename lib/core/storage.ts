import { IAcceleratorPool } from './compute';
import { AiraError, ErrorCodes } from './errors';
import { LifecyclePolicy } from './lifecycle';
import { INetwork } from './network';
import { Plane } from './planes';
import { AiraTagValues } from './tags';

/** The data architecture's object storage roles. */
export const DATA_ROLES = ['data-lake', 'feature-store', 'model-registry', 'artifacts', 'checkpoints', 'audit'] as const;
/** One object storage role (`'data-lake'`, `'checkpoints'`, ...): each gets its own bucket or container. */
export type DataRole = (typeof DATA_ROLES)[number];

/** Roles whose buckets may carry a retention lock (immutability). */
export const RETENTION_ROLES: readonly DataRole[] = ['audit', 'model-registry'];

/** An immutability period: objects cannot be deleted or overwritten before it ends. */
export interface RetentionSpec {
  /** Days each object is kept. */
  readonly days: number;
  /**
   * `governance`: privileged users can lift it (S3 governance mode, unlocked policies elsewhere).
   * `compliance`: nobody can, not even the account root, until it ends. @default 'governance'
   */
  readonly mode?: 'governance' | 'compliance';
}

/** Settings of one object storage role. */
export interface ObjectTierSpec {
  readonly role: DataRole;
  /** @default the role's default policy (see `DEFAULT_LIFECYCLE`) */
  readonly lifecycle?: LifecyclePolicy;
  /** Keep object versions. @default true for data-lake, model-registry, checkpoints and audit */
  readonly versioned?: boolean;
  /** Immutability, for the audit and model-registry roles only. @default none */
  readonly retention?: RetentionSpec;
  /** Log every access to the bucket. @default true for data-lake, model-registry and audit */
  readonly accessLogging?: boolean;
}

/** The hot tier: a parallel file system for training data and checkpoints. */
export interface HotTierSpec {
  /** `lustre` on every cloud; `filestore` is Google's small and cheap option. @default 'lustre' */
  readonly kind?: 'lustre' | 'filestore';
  /** Capacity, GiB, within the service's allowed sizes and steps. */
  readonly capacityGib: number;
  /** Throughput per TiB of capacity, MB/s (a service tier). @default 250 */
  readonly throughputMbpsPerTib?: number;
  /** Planes whose pools mount it; a flow from each to the data plane is declared for the Lustre ports. @default ['training'] */
  readonly consumers?: readonly Plane[];
  /** Zone of the file system. @default the network's first zone */
  readonly zone?: string;
  /** Role whose bucket the file system imports from and exports to. @default 'data-lake' */
  readonly linkedRole?: DataRole;
  /** AWS: EFA-enabled FSx for EFA training pools (larger minimum capacity). @default false */
  readonly efa?: boolean;
  /** Declare the consumer flows on the network; when false they must already be declared. @default true */
  readonly declareFlows?: boolean;
}

/** Protection of stateful resources from `terraform destroy` and from replacement. */
export type ProtectionSpec = { readonly preventDestroy: true } | { readonly preventDestroy: false; readonly reason: string };

/** Props of `StorageTiers`, the same on every cloud. */
export interface StorageTiersProps<N extends INetwork = INetwork> {
  readonly network: N;
  /** Object storage roles. @default every role in `DATA_ROLES`, with its defaults */
  readonly objectTiers?: ReadonlyArray<DataRole | ObjectTierSpec>;
  /** The parallel file system. @default none */
  readonly hot?: HotTierSpec;
  /** `lifecycle { prevent_destroy = true }` on every stateful resource. @default { preventDestroy: true } */
  readonly protection?: ProtectionSpec;
  /** Prefix of resource names (also of globally unique bucket names). @default the construct id */
  readonly name?: string;
  /**
   * Suffix that makes globally unique names (S3 and GCS buckets, Azure storage accounts) unique: for
   * example an organisation or account id. Lowercase letters, digits and `-`.
   * @default a short hash of the stack, construct path and region: it keeps your own stacks apart, not
   * your names from everyone else's, so set it when a name is taken
   */
  readonly uniqueSuffix?: string;
  /** Tags for every resource of the tiers. @default none */
  readonly tags?: AiraTagValues;
}

/** What every cloud's storage tiers expose. */
export interface IStorageTiers {
  /** Roles that have a bucket (or container). */
  readonly roles: readonly DataRole[];
  /** Bucket (S3, GCS) or container (Azure) name of a role. */
  bucketName(role: DataRole): string;
  /** Lets a pool's identity read a role's objects (all roles when none given). */
  grantRead(pool: IAcceleratorPool, roles?: readonly DataRole[]): void;
  /** Lets a pool's identity read and write a role's objects (all roles when none given). */
  grantReadWrite(pool: IAcceleratorPool, roles?: readonly DataRole[]): void;
  /**
   * Stores a small text document the platform generates at synth (for example the capability
   * registry) as an object of a role's bucket, encrypted with the tiers' key. The content type follows
   * the key's extension (`.json` application/json, `.yaml`/`.yml` application/yaml, otherwise
   * text/plain). Each key may be put once per role.
   */
  putObject(role: DataRole, key: string, content: string): void;
}

/** Content type of an object put with `putObject`, from its key's extension. */
export function objectContentType(key: string): string {
  if (/\.json$/i.test(key)) return 'application/json';
  if (/\.ya?ml$/i.test(key)) return 'application/yaml';
  return 'text/plain';
}

/**
 * Checks an object key for `putObject`: 1 to 1024 characters, no leading `/`, no `.` or `..` path
 * segment, no control characters (keys every cloud accepts as they are). Throws AIRA_E_INVALID_NAME.
 */
export function checkObjectKey(key: string, where: string): string {
  const ok =
    typeof key === 'string' &&
    key.length >= 1 &&
    key.length <= 1024 &&
    !key.startsWith('/') &&
    !key.split('/').some((p) => p === '.' || p === '..') &&
    !/[\u0000-\u001f\u007f]/.test(key);
  if (!ok) {
    throw new AiraError(ErrorCodes.INVALID_NAME, where, `object key ${JSON.stringify(key)} is empty, longer than 1024 characters, starts with / or holds a . or .. segment or a control character`, 'use a key such as "aira/capability-registry.json"');
  }
  return key;
}

/** Default lifecycle of each role: the data ages out of the hot class, audit logs are kept 7 years. */
export const DEFAULT_LIFECYCLE: Readonly<Record<DataRole, LifecyclePolicy>> = {
  'data-lake': { infrequentAfterDays: 90, archiveAfterDays: 365, noncurrentExpireAfterDays: 30 },
  'feature-store': { infrequentAfterDays: 60 },
  'model-registry': { infrequentAfterDays: 90, noncurrentExpireAfterDays: 365 },
  artifacts: { infrequentAfterDays: 30, archiveAfterDays: 395, expireAfterDays: 760 },
  checkpoints: { infrequentAfterDays: 30, expireAfterDays: 365, noncurrentExpireAfterDays: 7 },
  audit: { archiveAfterDays: 365, expireAfterDays: 2557 },
};

/** Roles versioned by default. */
export const VERSIONED_BY_DEFAULT: readonly DataRole[] = ['data-lake', 'model-registry', 'checkpoints', 'audit'];
/** Roles with access logging by default. */
export const LOGGED_BY_DEFAULT: readonly DataRole[] = ['data-lake', 'model-registry', 'audit'];
