import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { TranslatedLifecycle } from '../core/lifecycle';
import { RetentionSpec } from '../core/storage';
import { AwsKey } from './key';

/** A bucket policy statement (principals included, unlike identity policies). */
export interface BucketPolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: '*' | Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  /**
   * IAM condition block: operator to condition key to value, e.g.
   * `{ Bool: { 'aws:SecureTransport': 'false' } }` (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
   * @default none: the statement applies to every request that matches its principal, action and resource
   */
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Props of `SecureBucket`. */
export interface SecureBucketProps {
  /** The bucket name, checked by the caller (`checkBucketName`). */
  readonly name: string;
  /**
   * Customer-managed key for SSE-KMS with an S3 Bucket Key, or `s3-managed` (SSE-S3) where a service
   * cannot write SSE-KMS objects (the target of server access logs).
   */
  readonly encryption: AwsKey | 's3-managed';
  readonly versioned: boolean;
  /** Lifecycle in S3's terms. @default only incomplete multipart uploads are cleaned up */
  readonly lifecycle?: TranslatedLifecycle;
  /** Object Lock default retention (needs versioning). @default none */
  readonly retention?: Required<RetentionSpec>;
  /** Where server access logs go. @default none */
  readonly accessLogs?: { readonly bucket: SecureBucket; readonly prefix: string };
  /** `lifecycle { prevent_destroy = true }` on the bucket. */
  readonly preventDestroy: boolean;
  /** Tags of the bucket itself (the tagging scheme's tags are added by aspects). @default none */
  readonly tags?: Record<string, string>;
}

/**
 * An S3 bucket with every protection on: all four public access blocks, ACLs disabled (bucket owner
 * enforced), default encryption (SSE-KMS with the customer-managed key and an S3 Bucket Key, which cuts
 * KMS requests for the many small objects of training data), a policy that refuses plain HTTP and TLS
 * older than 1.2, versioning and Object Lock where asked, a lifecycle with noncurrent-version expiry and
 * multipart clean-up, server access logging where asked, and `prevent_destroy`.
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  /** The bucket's ARN (a token). */
  public readonly arn: string;
  /** The resource that makes the bucket usable: its policy (dependents wait for it). */
  public readonly policy: S3BucketPolicy;
  private readonly statements: BucketPolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucketName = props.name;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.name,
      forceDestroy: false,
      ...(props.retention ? { objectLockEnabled: true } : {}),
      ...(props.tags ? { tags: props.tags } : {}),
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.arn = this.bucket.arn;
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, 'public-access-block', { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const key = props.encryption === 's3-managed' ? undefined : props.encryption;
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [key ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.keyArn }, bucketKeyEnabled: true } : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const versioning = props.versioned ? new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } }) : undefined;
    if (props.retention) {
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket,
        rule: { defaultRetention: { mode: props.retention.mode.toUpperCase(), days: props.retention.days } },
        ...(versioning ? { dependsOn: [versioning] } : {}),
      });
    }
    new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket, rule: lifecycleRules(props.lifecycle, props.versioned), ...(versioning ? { dependsOn: [versioning] } : {}) });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, 'access-logging', {
        bucket,
        targetBucket: props.accessLogs.bucket.bucket.id,
        targetPrefix: props.accessLogs.prefix,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
        dependsOn: [props.accessLogs.bucket.policy],
      });
    }
    const objects = [this.arn, `${this.arn}/*`];
    this.statements.push(
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: objects, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'DenyTlsBelow12', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: objects, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } },
    );
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      // Built at synth, after every statement was added (the log bucket learns its sources late).
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: '2012-10-17', Statement: this.statements }) }),
    });
  }

  /** Adds a statement to the bucket policy (ignored if its Sid is there already). */
  public addToPolicy(statement: BucketPolicyStatement): void {
    if (!this.statements.some((s) => s.Sid === statement.Sid)) this.statements.push(statement);
  }
}

/** The lifecycle rules of a bucket: ageing of current objects, and clean-up of old versions and uploads. */
export function lifecycleRules(lc: TranslatedLifecycle | undefined, versioned: boolean): S3BucketLifecycleConfigurationRule[] {
  const rules: S3BucketLifecycleConfigurationRule[] = [
    {
      id: 'age-out',
      status: 'Enabled',
      // An empty filter applies the rule to every object.
      filter: [{}],
      transition: (lc?.transitions ?? []).map((t) => ({ days: t.afterDays, storageClass: t.storageClass })),
      ...(lc?.expireAfterDays !== undefined ? { expiration: [{ days: lc.expireAfterDays }] } : {}),
      // Parts of uploads that never completed are billed but invisible: drop them after a week.
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    },
  ];
  if (versioned && lc?.noncurrentExpireAfterDays !== undefined) {
    rules.push({
      id: 'noncurrent-versions',
      status: 'Enabled',
      filter: [{}],
      noncurrentVersionExpiration: [{ noncurrentDays: lc.noncurrentExpireAfterDays }],
      // Delete markers left with no versions behind them are removed too.
      expiration: [{ expiredObjectDeleteMarker: true }],
    });
  }
  return rules;
}
