import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Construct } from 'constructs';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { namePrefix, shortHash } from '../core/naming';
import { DataRole, IStorageTiers, StorageTiersProps, checkObjectKey, objectContentType } from '../core/storage';
import { StoragePlan, planStorage } from '../core/storage-plan';
import { AiraTags } from '../core/tagging';
import { AwsKey } from './key';
import type { AcceleratorPool } from './pool';
import { IAwsNetwork } from './network-types';
import { PolicyStatement, bucketReadStatements, policyDocument } from './pool-iam';
import { SecureBucket } from './storage-bucket';
import { LustreTier } from './storage-lustre';
import { bucketSuffix, checkBucketName } from './storage-names';
import { awsRegionOf } from './stack';

/** Retention periods CloudWatch Logs accepts (docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Props of the AWS `StorageTiers`: the cloud-neutral props plus AWS options. */
export interface AwsStorageTiersProps extends StorageTiersProps<IAwsNetwork> {
  /** The platform's customer-managed key, for every tier. @default a new key for these tiers */
  readonly key?: AwsKey;
  /** Days server access logs are kept. @default 365 */
  readonly accessLogRetentionDays?: number;
  /** Days the file system's event log is kept (a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, ... 3653). @default 365 */
  readonly fileSystemLogRetentionDays?: number;
}

/**
 * The storage tiers of the data architecture on AWS: one S3 bucket per data role (data lake, feature
 * store, model registry, artifacts, checkpoints, audit) and, optionally, an FSx for Lustre hot tier
 * linked to the data lake, all encrypted with one customer-managed key.
 *
 * Secure by default: public access blocked, TLS-only bucket policies, SSE-KMS with S3 Bucket Keys,
 * versioning for the lake, registry, checkpoints and audit, access logging for the lake, registry and
 * audit (to a log bucket of its own), lifecycle ageing from the cloud-neutral policy, Object Lock where a
 * retention is asked, and `prevent_destroy` on every bucket and file system unless opted out with a
 * reason. `grantRead` / `grantReadWrite` give a pool's role exactly the access it needs.
 *
 * @example
 * const storage = new StorageTiers(stack, 'data', { network, hot: { capacityGib: 4800, throughputMbpsPerTib: 500 } });
 * storage.grantReadWrite(pool, ['checkpoints']);
 */
export class StorageTiers extends Construct implements IStorageTiers {
  public readonly key: AwsKey;
  public readonly plan: StoragePlan;
  /** The bucket of each role. */
  public readonly buckets: ReadonlyMap<DataRole, SecureBucket>;
  /** The bucket that receives server access logs, when a role logs access. */
  public readonly accessLogBucket?: SecureBucket;
  /** The hot tier, when asked. */
  public readonly lustre?: LustreTier;
  private readonly region: string;
  private grantCount = 0;
  private readonly objectKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: AwsStorageTiersProps) {
    super(scope, id);
    const where = this.node.path;
    this.region = awsRegionOf(this);
    const network = props.network;
    if (network?.cloud !== 'aws' || typeof network.subnetId !== 'function') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `network is not an AWS network (cloud ${String(network?.cloud)})`, 'pass a SegmentedNetwork of this region');
    }
    if (network.region !== this.region) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the network is in ${network.region}, the tiers' stack in ${this.region}`, 'create the tiers in a stack of the network\'s region');
    }
    const prefix = namePrefix(props.name, id, where);
    this.plan = planStorage(props, network, where);
    const suffix = bucketSuffix(this, props.uniqueSuffix, this.region);
    const accessLogDays = props.accessLogRetentionDays ?? 365;
    if (!Number.isInteger(accessLogDays) || accessLogDays < 1) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `accessLogRetentionDays ${accessLogDays} is not a whole number of days`, 'give the retention in whole days');
    }
    const fsLogDays = props.fileSystemLogRetentionDays ?? 365;
    if (!LOG_RETENTION_DAYS.includes(fsLogDays)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `fileSystemLogRetentionDays ${fsLogDays} is not a CloudWatch Logs retention`, `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (props.tags) AiraTags.of(this).add(props.tags);
    AiraTags.of(this).add({ plane: 'data' });

    this.key = props.key ?? new AwsKey(this, 'key', { description: `Encrypts the storage tiers of ${prefix}`, alias: `${prefix}-storage` });
    const preventDestroy = this.plan.preventDestroy;

    if (this.plan.objectTiers.some((t) => t.accessLogging)) {
      // Server access logs can only be delivered to a bucket with SSE-S3 default encryption, and without
      // an Object Lock default retention (docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
      this.accessLogBucket = new SecureBucket(this, 'access-logs', {
        name: checkBucketName(`${prefix}-access-logs-${suffix}`, where),
        encryption: 's3-managed',
        versioned: false,
        lifecycle: { transitions: [], expireAfterDays: accessLogDays },
        preventDestroy,
      });
    }
    const buckets = new Map<DataRole, SecureBucket>();
    for (const tier of this.plan.objectTiers) {
      const logs = tier.accessLogging && this.accessLogBucket ? { bucket: this.accessLogBucket, prefix: `${tier.role}/` } : undefined;
      const b = new SecureBucket(this, tier.role, {
        name: checkBucketName(`${prefix}-${tier.role}-${suffix}`, where),
        encryption: this.key,
        versioned: tier.versioned,
        lifecycle: tier.lifecycle,
        ...(tier.retention ? { retention: tier.retention } : {}),
        ...(logs ? { accessLogs: logs } : {}),
        preventDestroy,
        tags: { 'aira:data-role': tier.role },
      });
      buckets.set(tier.role, b);
      if (logs) this.allowLogDelivery(b);
    }
    this.buckets = buckets;

    if (this.plan.hot) {
      this.lustre = new LustreTier(this, 'lustre', {
        name: prefix,
        region: this.region,
        network,
        hot: this.plan.hot,
        key: this.key,
        bucket: buckets.get(this.plan.hot.linkedRole)!,
        preventDestroy,
        logRetentionDays: fsLogDays,
      });
    }
  }

  public get roles(): readonly DataRole[] {
    return [...this.buckets.keys()];
  }

  public bucketName(role: DataRole): string {
    return this.bucketOf(role).bucketName;
  }

  /** The bucket construct of a role. */
  public bucketOf(role: DataRole): SecureBucket {
    const b = this.buckets.get(role);
    if (!b) throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `role ${role} has no bucket here (roles: ${this.roles.join(', ')})`, 'add the role to objectTiers');
    return b;
  }

  /**
   * Lets a pool's nodes list and read the roles' objects (every role when none given) and decrypt them
   * through S3. The hot tier is reached over the network instead: list the pool's plane in
   * `hot.consumers`.
   */
  public grantRead(pool: IAcceleratorPool, roles?: readonly DataRole[]): void {
    this.grant(pool, roles, false);
  }

  /**
   * Lets a pool's nodes read and write the roles' objects (every role when none given). Writes include
   * deletes: on versioned roles a delete only hides the current version, and Object Lock still holds.
   */
  public grantReadWrite(pool: IAcceleratorPool, roles?: readonly DataRole[]): void {
    this.grant(pool, roles, true);
  }

  private grant(pool: IAcceleratorPool, roles: readonly DataRole[] | undefined, write: boolean): void {
    const identity = pool.identity;
    if (identity.cloud !== 'aws') {
      throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `a ${identity.cloud} pool cannot be granted access to S3 tiers`, 'grant the pool access to the storage tiers of its own cloud');
    }
    const buckets = (roles ?? this.roles).map((r) => this.bucketOf(r));
    const arns = buckets.map((b) => b.arn);
    const statements: PolicyStatement[] = bucketReadStatements(arns, this.key.keyArn, this.region);
    if (write) {
      statements.push(
        { Sid: 'WriteObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: arns.map((a) => `${a}/*`) },
        { Sid: 'EncryptThroughS3', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Encrypt'], Resource: this.key.keyArn, Condition: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } } },
      );
    }
    const n = this.grantCount++;
    new IamRolePolicy(this, `grant-${n}-${pool.capabilities.name}`, {
      role: identity.roleName,
      name: `${this.node.id}-${write ? 'rw' : 'ro'}-${n}`,
      policy: policyDocument(statements),
    });
  }

  /**
   * Stores a generated text document as an object of a role's bucket: SSE-KMS with the tiers' key
   * (named explicitly, so the object never falls back to another default), a SHA-256 checksum (which
   * S3 requires on buckets with Object Lock) and the content type of the key's extension. The object
   * waits for the bucket policy, so the TLS-only rules hold before it is written.
   */
  public putObject(role: DataRole, key: string, content: string): void {
    const where = this.node.path;
    checkObjectKey(key, where);
    if (typeof content !== 'string') throw new AiraError(ErrorCodes.INVALID_PROP, where, `the content of object ${key} is not text`, 'pass the document as a string (JSON.stringify it first)');
    const bucket = this.bucketOf(role);
    const id = `${role}|${key}`;
    if (this.objectKeys.has(id)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `object ${key} is already put in the ${role} bucket`, 'put each key once');
    this.objectKeys.add(id);
    // Argument names from the provider's aws_s3_object docs (hashicorp/aws 5.x and 6.x).
    new S3Object(this, `object-${shortHash(id, 10)}`, {
      bucket: bucket.bucket.id,
      key,
      content,
      contentType: objectContentType(key),
      serverSideEncryption: 'aws:kms',
      kmsKeyId: this.key.keyArn,
      bucketKeyEnabled: true,
      checksumAlgorithm: 'SHA256',
      dependsOn: [bucket.policy],
    });
  }

  /**
   * Connects an EFA pool to an EFA-enabled hot tier: all traffic between the pool's EFA security group
   * and the file servers' group, as EFA (and GPUDirect Storage over it) needs. The pool's plane must
   * be a consumer of the hot tier as well.
   */
  public connectEfaPool(pool: AcceleratorPool): void {
    const hot = this.plan.hot;
    if (!this.lustre || !hot?.efa) {
      throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, this.node.path, 'connecting an EFA pool needs an EFA-enabled hot tier', 'set hot.efa: true (and a capacity that EFA allows)');
    }
    if (!pool.efaSecurityGroupId) {
      throw new AiraError(ErrorCodes.FABRIC_UNSUPPORTED, this.node.path, `pool ${pool.capabilities.name} has no EFA interfaces`, 'connect a multi-node EFA pool, or mount the file system over TCP');
    }
    if (!hot.consumers.includes(pool.capabilities.plane)) {
      throw new AiraError(ErrorCodes.INVALID_FLOW, this.node.path, `pool ${pool.capabilities.name} is on the ${pool.capabilities.plane} plane, which is not a consumer of the hot tier`, `add '${pool.capabilities.plane}' to hot.consumers`);
    }
    this.lustre.admitEfaClients(pool.efaSecurityGroupId, pool.capabilities.name);
  }

  /** Lets S3's log delivery write a source bucket's access logs to the log bucket. */
  private allowLogDelivery(source: SecureBucket): void {
    const logs = this.accessLogBucket!;
    logs.addToPolicy({
      Sid: `LogDeliveryFrom${source.node.id.replace(/[^A-Za-z0-9]/g, '')}`,
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${logs.arn}/${source.node.id}/*`,
      // The logging service principal writes only for this account's source bucket
      // (docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general).
      Condition: { ArnLike: { 'aws:SourceArn': source.arn }, StringEquals: { 'aws:SourceAccount': this.key.accountId } },
    });
  }
}
