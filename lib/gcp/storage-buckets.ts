import { StorageBucket, StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { TranslatedLifecycle } from '../core/lifecycle';
import { shortHash } from '../core/naming';
import { PlannedObjectTier } from '../core/storage-plan';

/** GCS classes in the order objects age through them; a move only applies to objects in an earlier class. */
const CLASS_ORDER = ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'];
/** Days incomplete multipart uploads are kept before they are aborted (they are billed while they wait). */
const ABORT_UPLOADS_AFTER_DAYS = 7;

/**
 * Checks a bucket name against Cloud Storage's rules (cloud.google.com/storage/docs/buckets#naming):
 * 3 to 63 characters of lowercase letters, digits, `-` and `_` (dots only in domain-named buckets,
 * which need domain verification and are not offered), starting and ending with a letter or digit,
 * not starting with `goog` and not containing `google` or a close misspelling. Names are global
 * across every Google Cloud customer. Throws AIRA_E_INVALID_NAME.
 */
export function checkBucketName(name: string, where: string): string {
  const ok = typeof name === 'string' && /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/.test(name) && !/^goog/.test(name) && !/g[o0]{2}g[l1]e/.test(name);
  if (!ok) {
    throw new AiraError(
      ErrorCodes.INVALID_NAME,
      where,
      `"${String(name)}" is not a Cloud Storage bucket name: 3 to 63 lowercase letters, digits, - and _, starting and ending with a letter or digit, without "goog" at the start or "google" anywhere`,
      'bucket names are global across all Google Cloud customers: add your organization and a suffix, for example "acme-ml-data-lake-7f3a"',
    );
  }
  return name;
}

/**
 * Default bucket name: `<prefix>-<role>-<hash>`, where the hash of the project and construct path makes
 * a clash with another customer's bucket unlikely and keeps the name stable between runs.
 */
export function defaultBucketName(prefix: string, role: string, project: string, path: string): string {
  return `${prefix}-${role}-${shortHash(`${project}/${path}/${role}`)}`;
}

/**
 * GCS lifecycle rules of a translated policy: `SetStorageClass` moves of live objects in an earlier
 * class, `Delete` of live objects at expiry, `Delete` of noncurrent versions (versioned buckets), and
 * the abort of stale multipart uploads. Rule syntax from cloud.google.com/storage/docs/lifecycle.
 */
export function lifecycleRules(lc: TranslatedLifecycle, versioned: boolean): StorageBucketLifecycleRule[] {
  const rules: StorageBucketLifecycleRule[] = lc.transitions.map((t) => ({
    action: { type: 'SetStorageClass', storageClass: t.storageClass },
    condition: { age: t.afterDays, withState: 'LIVE', matchesStorageClass: CLASS_ORDER.slice(0, CLASS_ORDER.indexOf(t.storageClass)) },
  }));
  if (lc.expireAfterDays !== undefined) rules.push({ action: { type: 'Delete' }, condition: { age: lc.expireAfterDays, withState: 'LIVE' } });
  if (versioned && lc.noncurrentExpireAfterDays !== undefined) {
    rules.push({ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: lc.noncurrentExpireAfterDays, withState: 'ARCHIVED' } });
  }
  rules.push({ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: ABORT_UPLOADS_AFTER_DAYS } });
  return rules;
}

/** Props of `RoleBucket`. */
export interface RoleBucketProps {
  readonly project: string;
  readonly location: string;
  readonly name: string;
  readonly tier: PlannedObjectTier;
  readonly keyRef: string;
  readonly softDeleteDays: number;
  /** Name of the bucket that receives this bucket's access logs (object prefix: the bucket's name). @default none: access logging off */
  readonly logBucket?: string;
  readonly preventDestroy: boolean;
  /** The key grant of the Cloud Storage service agent: the bucket cannot use the key before it. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The bucket of one data role: uniform bucket-level access (IAM only, no ACLs), public access
 * prevention enforced, the customer-managed key as default key, the role's lifecycle, soft delete,
 * access logs to the log bucket where asked, `prevent_destroy` unless opted out.
 *
 * Retention: a bucket retention policy (locked for `compliance`, so nobody can shorten or remove it)
 * keeps every object from deletion and overwrite for its period. Cloud Storage refuses Object
 * Versioning on a bucket with a retention policy (cloud.google.com/storage/docs/bucket-lock), so such
 * a bucket is not versioned: while the lock holds, no object can be replaced, which is what versions
 * would have protected against.
 */
export class RoleBucket extends Construct {
  public readonly bucket: StorageBucket;
  public readonly versioned: boolean;

  constructor(scope: Construct, id: string, p: RoleBucketProps) {
    super(scope, id);
    const t = p.tier;
    this.versioned = t.versioned && !t.retention;
    this.bucket = new StorageBucket(this, 'bucket', {
      project: p.project,
      name: p.name,
      location: p.location,
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      encryption: { defaultKmsKeyName: p.keyRef },
      versioning: { enabled: this.versioned },
      lifecycleRule: lifecycleRules(t.lifecycle, this.versioned),
      softDeletePolicy: { retentionDurationSeconds: p.softDeleteDays * 86400 },
      ...(t.retention ? { retentionPolicy: { retentionPeriod: t.retention.days * 86400, isLocked: t.retention.mode === 'compliance' } } : {}),
      ...(p.logBucket ? { logging: { logBucket: p.logBucket, logObjectPrefix: p.name } } : {}),
      forceDestroy: false,
      labels: { 'aira-data-role': t.role },
      dependsOn: p.dependsOn,
      lifecycle: { preventDestroy: p.preventDestroy },
    });
  }
}

/** Props of `AccessLogBucket`. */
export interface AccessLogBucketProps {
  readonly project: string;
  readonly location: string;
  readonly name: string;
  readonly keyRef: string;
  /** Days access logs are kept. */
  readonly retentionDays: number;
  readonly preventDestroy: boolean;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The bucket Cloud Storage writes usage (access) logs of the logged buckets to, with the same
 * protections, and the write grant of the `cloud-storage-analytics@google.com` group that delivers the
 * logs (cloud.google.com/storage/docs/access-logs#delivery).
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: StorageBucket;

  constructor(scope: Construct, id: string, p: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new StorageBucket(this, 'bucket', {
      project: p.project,
      name: p.name,
      location: p.location,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      encryption: { defaultKmsKeyName: p.keyRef },
      versioning: { enabled: false },
      lifecycleRule: [{ action: { type: 'Delete' }, condition: { age: p.retentionDays } }],
      forceDestroy: false,
      labels: { 'aira-data-role': 'access-logs' },
      dependsOn: p.dependsOn,
      lifecycle: { preventDestroy: p.preventDestroy },
    });
    new StorageBucketIamMember(this, 'analytics-writer', { bucket: this.bucket.name, role: 'roles/storage.objectCreator', member: 'group:cloud-storage-analytics@google.com' });
  }
}
