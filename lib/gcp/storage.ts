import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { Construct } from 'constructs';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { IPlatformKey } from '../core/kit';
import { gcpName, namePrefix, shortHash } from '../core/naming';
import { DataRole, IStorageTiers, StorageTiersProps, checkObjectKey, objectContentType } from '../core/storage';
import { StoragePlan, planStorage } from '../core/storage-plan';
import { AiraTags } from '../core/tagging';
import { GcpKey, grantServiceAgentKeyUse, requireGcpKey } from './key';
import { IGcpNetwork } from './network-types';
import { BUCKET_READ_ROLE, BUCKET_READ_WRITE_ROLE } from './pool-identity';
import { AccessLogBucket, RoleBucket, checkBucketName, defaultBucketName } from './storage-buckets';
import { GcpHotTierOptions, HotTier } from './storage-hot';
import { gcpStackOf } from './stack';

/** Props of the Google Cloud `StorageTiers`: the cloud-neutral props plus Google options. */
export interface GcpStorageTiersProps extends StorageTiersProps<IGcpNetwork> {
  /** Customer-managed key (a `GcpKey` in the buckets' location) for every bucket and Filestore. @default a new `GcpKey` for these tiers */
  readonly key?: IPlatformKey;
  /** Location of the buckets: a region, dual-region or multi-region; the key must be in it. @default the stack's region */
  readonly location?: string;
  /** Bucket names per role, instead of the generated `<name>-<role>-<hash>`. @default generated */
  readonly bucketNames?: Partial<Record<DataRole, string>>;
  /** Days deleted objects stay restorable (soft delete): 0, or 7 to 90. @default 7 */
  readonly softDeleteDays?: number;
  /** Days access logs are kept in the log bucket. @default 365 */
  readonly accessLogRetentionDays?: number;
  /** Google options of the hot tier. @default see `GcpHotTierOptions` */
  readonly hotOptions?: GcpHotTierOptions;
}

/**
 * The data architecture's storage on Google Cloud: one Cloud Storage bucket per data role (see
 * `RoleBucket`: uniform access, public access prevention, CMEK, lifecycle, versioning, retention, soft
 * delete), a log bucket for the roles with access logging, and an optional hot tier (Managed Lustre, or
 * Filestore as the small and cheap option; see `HotTier`). The Cloud Storage service agent is granted
 * use of the key before any bucket is created. Buckets and file systems carry `prevent_destroy`
 * unless `protection` opts out with a reason.
 *
 * @example
 * const tiers = new StorageTiers(stack, 'data', { network: net, key, hot: { capacityGib: 36000 } });
 * tiers.grantRead(pool, ['data-lake']);
 */
export class StorageTiers extends Construct implements IStorageTiers {
  /** The key every tier is encrypted with. */
  public readonly key: IPlatformKey;
  public readonly roles: DataRole[];
  public readonly plan: StoragePlan;
  public readonly buckets: Partial<Record<DataRole, RoleBucket>> = {};
  public readonly logBucket?: AccessLogBucket;
  public readonly hot?: HotTier;
  private readonly names: Partial<Record<DataRole, string>> = {};
  private readonly grantIds = new Set<string>();
  private readonly objectIds = new Set<string>();

  constructor(scope: Construct, id: string, props: GcpStorageTiersProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = gcpStackOf(this);
    if (props.network?.cloud !== 'gcp') throw new AiraError(ErrorCodes.INVALID_PROP, where, 'the network is not a Google Cloud network', 'pass a SegmentedNetwork of aira-constructs/gcp');
    const prefix = namePrefix(props.name, id, where);
    this.key = props.key ? requireGcpKey(props.key, where) : new GcpKey(this, 'key', { name: gcpName(prefix, 'data').slice(0, 30), description: `storage tiers ${prefix}`, location: props.location?.toLowerCase() });
    const key = this.key;
    this.plan = planStorage(props, props.network, where);
    this.roles = this.plan.objectTiers.map((t) => t.role);
    const location = props.location ?? stack.region;
    const softDeleteDays = props.softDeleteDays ?? 7;
    // Soft delete retention is 0 (off) or 7 to 90 days (cloud.google.com/storage/docs/soft-delete).
    if (!Number.isInteger(softDeleteDays) || (softDeleteDays !== 0 && (softDeleteDays < 7 || softDeleteDays > 90))) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `softDeleteDays ${String(softDeleteDays)} is not 0 or a whole number from 7 to 90`, 'leave it at 7, or raise it to keep deleted objects longer');
    }
    const logDays = props.accessLogRetentionDays ?? 365;
    if (!Number.isInteger(logDays) || logDays < 1) throw new AiraError(ErrorCodes.INVALID_PROP, where, `accessLogRetentionDays ${String(logDays)} is not a whole number of days`, 'for example 365');
    if (props.tags) AiraTags.of(this).add(props.tags);

    const agentGrant = grantServiceAgentKeyUse(this, key, 'storage');
    const name = (role: string) => checkBucketName(props.bucketNames?.[role as DataRole] ?? defaultBucketName(prefix, role, stack.project, where), where);
    const preventDestroy = this.plan.preventDestroy;
    if (this.plan.objectTiers.some((t) => t.accessLogging)) {
      this.logBucket = new AccessLogBucket(this, 'access-logs', {
        project: stack.project,
        location,
        name: checkBucketName(defaultBucketName(prefix, 'access-logs', stack.project, where), where),
        keyRef: key.keyRef,
        retentionDays: logDays,
        preventDestroy,
        dependsOn: [agentGrant],
      });
    }
    for (const tier of this.plan.objectTiers) {
      this.names[tier.role] = name(tier.role);
      this.buckets[tier.role] = new RoleBucket(this, tier.role, {
        project: stack.project,
        location,
        name: this.names[tier.role] as string,
        tier,
        keyRef: key.keyRef,
        softDeleteDays,
        logBucket: tier.accessLogging ? this.logBucket?.bucket.name : undefined,
        preventDestroy,
        dependsOn: [agentGrant],
      });
    }
    if (this.plan.hot) {
      const deps = this.plan.hot.kind === 'filestore' ? [grantServiceAgentKeyUse(this, key, 'filestore')] : [];
      this.hot = new HotTier(this, 'hot', {
        ...props.hotOptions,
        network: props.network,
        project: stack.project,
        namePrefix: prefix,
        plan: this.plan.hot,
        keyRef: key.keyRef,
        preventDestroy,
        dependsOn: deps,
        labels: { 'aira-data-role': 'hot-tier' },
      });
    }
  }

  public bucketName(role: DataRole): string {
    const n = this.names[role];
    if (!n) throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `role ${role} has no bucket here`, `use one of ${this.roles.join(', ')}`);
    return n;
  }

  public grantRead(pool: IAcceleratorPool, roles?: readonly DataRole[]): void {
    this.grant(pool, roles, BUCKET_READ_ROLE);
  }

  public grantReadWrite(pool: IAcceleratorPool, roles?: readonly DataRole[]): void {
    this.grant(pool, roles, BUCKET_READ_WRITE_ROLE);
  }

  /**
   * Stores a generated text document as an object of a role's bucket, encrypted with the tiers' key
   * (named on the object as well as the bucket's default) and with the content type of the key's
   * extension. Argument names from the provider's google_storage_bucket_object docs (6.50.0).
   */
  public putObject(role: DataRole, key: string, content: string): void {
    const where = this.node.path;
    checkObjectKey(key, where);
    if (typeof content !== 'string') throw new AiraError(ErrorCodes.INVALID_PROP, where, `the content of object ${key} is not text`, 'pass the document as a string (JSON.stringify it first)');
    const bucket = this.buckets[role];
    if (!bucket) throw new AiraError(ErrorCodes.INVALID_PROP, where, `role ${role} has no bucket here`, `use one of ${this.roles.join(', ')}`);
    const id = `object-${shortHash(`${role}|${key}`, 10)}`;
    if (this.objectIds.has(id)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `object ${key} is already put in the ${role} bucket`, 'put each key once');
    this.objectIds.add(id);
    new StorageBucketObject(this, id, { bucket: bucket.bucket.name, name: key, content, contentType: objectContentType(key), kmsKeyName: this.key.keyRef });
  }

  /** Object access for a pool's service account on each role's bucket: objectViewer or objectUser, nothing on the bucket itself. */
  private grant(pool: IAcceleratorPool, roles: readonly DataRole[] | undefined, role: string): void {
    const identity = pool.identity;
    if (identity.cloud !== 'gcp') throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `the pool is a ${identity.cloud} pool`, 'grant Google storage to Google pools only');
    const who = Construct.isConstruct(pool) ? pool.node.path : pool.capabilities.name;
    for (const r of roles ?? this.roles) {
      const bucket = this.buckets[r];
      if (!bucket) throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `role ${r} has no bucket here`, `use one of ${this.roles.join(', ')}`);
      const id = `grant-${shortHash(`${who}|${r}|${role}`, 10)}`;
      if (this.grantIds.has(id)) continue;
      this.grantIds.add(id);
      new StorageBucketIamMember(this, id, { bucket: bucket.bucket.name, role, member: `serviceAccount:${identity.email}` });
    }
  }
}
