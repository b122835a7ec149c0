import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { KmsGrant } from '@cdktf/provider-aws/lib/kms-grant';
import { Construct } from 'constructs';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { IQuantumAccess, QuantumAccessOptions } from '../core/kit';
import { LifecyclePolicy, translateLifecycle } from '../core/lifecycle';
import { namePrefix } from '../core/naming';
import { ProtectionSpec } from '../core/storage';
import { checkReason } from '../core/network';
import { AiraTags } from '../core/tagging';
import { AwsKey } from './key';
import { PolicyStatement, policyDocument, uniqueIamName } from './pool-iam';
import { SecureBucket } from './storage-bucket';
import { bucketSuffix, checkBucketName } from './storage-names';
import { awsRegionOf } from './stack';

/**
 * Regions with the Amazon Braket API, as of 2026-11 (docs.aws.amazon.com/braket/latest/developerguide/braket-regions.html).
 * Results buckets and the role's region condition must be in one of them.
 */
export const BRAKET_REGIONS: readonly string[] = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-2', 'eu-north-1'];

/** Props of `QuantumAccess`. */
export interface QuantumAccessProps extends QuantumAccessOptions {
  /** Key of the results bucket. @default a new customer-managed key */
  readonly key?: AwsKey;
  /**
   * Braket's service-linked role (`AWSServiceRoleForAmazonBraket`) writes task results to the bucket.
   * `existing`: the account has enabled Braket already, which creates the role (the documented
   * prerequisite). `create`: this construct creates it; apply fails if it exists.
   * @default 'existing'
   */
  readonly serviceLinkedRole?: 'existing' | 'create';
  /** How results age. @default infrequent access after 30 days, no expiry, noncurrent versions kept 90 days */
  readonly resultsLifecycle?: LifecyclePolicy;
  /** Suffix that makes the bucket name globally unique. @default a short hash of the stack, path and region */
  readonly uniqueSuffix?: string;
  /** `prevent_destroy` on the results bucket. @default { preventDestroy: true } */
  readonly protection?: ProtectionSpec;
  /** Accept a region missing from `BRAKET_REGIONS` (Braket has added one since). @default false */
  readonly skipRegionCheck?: boolean;
}

/**
 * Access to Amazon Braket. Braket has no Terraform resources (devices are used through its API, and
 * quantum tasks are created at run time), so this builds what Braket needs around it:
 *
 * - The results bucket: its name starts with `amazon-braket-`, the prefix Braket's service-linked role
 *   may write to (docs.aws.amazon.com/braket/latest/developerguide/braket-slr.html); versioned, public
 *   access blocked, TLS-only, SSE-KMS with the customer-managed key, `prevent_destroy`.
 * - A KMS grant that lets Braket's service-linked role use the key, since its AWS managed policy covers
 *   S3 but not a customer's key.
 * - A role limited to Braket's quantum task and device actions in this region plus the results bucket,
 *   assumable by principals of the account (and by pools granted `grantAssume`).
 */
export class QuantumAccess extends Construct implements IQuantumAccess {
  public readonly cloud = 'aws' as const;
  public readonly description: string;
  public readonly key: AwsKey;
  public readonly bucket: SecureBucket;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: QuantumAccessProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const region = awsRegionOf(this);
    const prefix = namePrefix(props.name, id, where);
    if (!props.skipRegionCheck && !BRAKET_REGIONS.includes(region)) {
      throw new AiraError(
        ErrorCodes.UNAVAILABLE_IN_REGION,
        where,
        `Amazon Braket is not offered in ${region} (offered in: ${BRAKET_REGIONS.join(', ')}; list as of 2026-11)`,
        'create the quantum access in a stack of a Braket region, or set skipRegionCheck if Braket now offers this one',
      );
    }
    const slrMode = props.serviceLinkedRole ?? 'existing';
    if (slrMode !== 'existing' && slrMode !== 'create') throw new AiraError(ErrorCodes.INVALID_PROP, where, `serviceLinkedRole "${String(slrMode)}" is not existing or create`, "use 'existing' (Braket enabled in the account) or 'create'");
    const protection = props.protection ?? { preventDestroy: true };
    if (protection.preventDestroy === false) checkReason(protection.reason, where, 'turning prevent_destroy off');
    AiraTags.of(this).add({ plane: 'quantum', workload: 'quantum-access' });

    this.key = props.key ?? new AwsKey(this, 'key', { description: `Encrypts the Braket results of ${prefix}`, alias: `${prefix}-braket` });
    const lifecycle = translateLifecycle(props.resultsLifecycle ?? { infrequentAfterDays: 30, noncurrentExpireAfterDays: 90 }, 'aws', where);
    this.bucket = new SecureBucket(this, 'results', {
      name: checkBucketName(`amazon-braket-${prefix}-${bucketSuffix(this, props.uniqueSuffix, region)}`, where),
      encryption: this.key,
      versioned: true,
      lifecycle,
      preventDestroy: protection.preventDestroy !== false,
    });

    const slrPath = 'role/aws-service-role/braket.amazonaws.com/AWSServiceRoleForAmazonBraket';
    const slr = slrMode === 'create' ? new IamServiceLinkedRole(this, 'braket-service-role', { awsServiceName: 'braket.amazonaws.com' }) : undefined;
    new KmsGrant(this, 'braket-key-grant', {
      name: `braket-${prefix}`,
      keyId: this.key.keyArn,
      granteePrincipal: slr ? slr.arn : `arn:${this.key.partition}:iam::${this.key.accountId}:${slrPath}`,
      operations: ['Encrypt', 'Decrypt', 'GenerateDataKey', 'DescribeKey'],
    });

    this.role = new IamRole(this, 'role', {
      name: uniqueIamName(this, `${prefix}-braket`, region),
      description: 'Amazon Braket quantum tasks and devices, results bucket only',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${this.key.partition}:iam::${this.key.accountId}:root` }, Action: 'sts:AssumeRole' }],
      }),
    });
    const statements: PolicyStatement[] = [
      {
        Sid: 'BraketTasksAndDevices',
        Effect: 'Allow',
        Action: ['braket:CreateQuantumTask', 'braket:GetQuantumTask', 'braket:CancelQuantumTask', 'braket:SearchQuantumTasks', 'braket:GetDevice', 'braket:SearchDevices'],
        // Braket's task and device actions take no narrower resource before the task exists.
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': region } },
      },
      { Sid: 'ResultsBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: this.bucket.arn },
      { Sid: 'ResultsObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${this.bucket.arn}/*` },
      { Sid: 'ResultsKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: this.key.keyArn, Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } } },
    ];
    new IamRolePolicy(this, 'role-policy', { role: this.role.id, name: 'braket-access', policy: policyDocument(statements) });
    const providers = (props.providers ?? []).map((p) => `${p.id}/${p.sku}`);
    this.description =
      `AWS Braket access: results bucket ${this.bucket.bucketName} and a Braket-only role (Braket has no Terraform resources; devices are chosen per task` +
      `${providers.length > 0 ? `, expected: ${providers.join(', ')}` : ''})`;
  }

  /** Lets a pool's nodes assume the Braket role (hybrid workflows that submit quantum tasks). */
  public grantAssume(pool: IAcceleratorPool): void {
    if (pool.identity.cloud !== 'aws') throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `a ${pool.identity.cloud} pool cannot assume an AWS role`, 'grant pools of AWS only');
    new IamRolePolicy(this, `assume-${pool.capabilities.name}`, {
      role: pool.identity.roleName,
      name: `${this.node.id}-assume-braket`,
      policy: policyDocument([{ Sid: 'AssumeBraketRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: this.role.arn }]),
    });
  }
}
