import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { KmsGrant } from '@cdktf/provider-aws/lib/kms-grant';
import { Construct, IConstruct } from 'constructs';
import { shortHash } from '../core/naming';
import { AwsKey } from './key';

/**
 * A name for an account-wide IAM resource (roles, instance profiles): IAM names are global to the
 * account, so two stacks (or two regions) with a pool of the same name must not collide. The name ends
 * in a hash of the construct path (which starts with the stack) and the region, and stays within `max`
 * characters.
 */
export function uniqueIamName(scope: IConstruct, base: string, region: string, max = 64): string {
  const hash = shortHash(`${scope.node.path}/${region}`);
  const head = base.slice(0, max - hash.length - 1).replace(/[-_.]+$/, '');
  return `${head}-${hash}`;
}

/** An IAM policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A policy document from statements. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Statements that let a principal read objects of buckets encrypted with a key. */
export function bucketReadStatements(bucketArns: readonly string[], keyArn: string, region: string): PolicyStatement[] {
  return [
    { Sid: 'ListBuckets', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: [...bucketArns] },
    { Sid: 'ReadObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'], Resource: bucketArns.map((b) => `${b}/*`) },
    // SSE-KMS objects are decrypted through S3 only: the condition keeps the key out of direct use.
    { Sid: 'DecryptThroughS3', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: keyArn, Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } } },
  ];
}

/** Props of `NodeRole`. */
export interface NodeRoleProps {
  /** Role and instance profile name. */
  readonly name: string;
  readonly description: string;
  /** Key whose ARN supplies the partition of managed policy ARNs and that decrypts the read buckets. */
  readonly key: AwsKey;
  readonly region: string;
  /** Buckets (names) the nodes read. */
  readonly readBuckets: readonly string[];
}

// AWS managed policies the nodes need and nothing more: Session Manager instead of SSH
// (docs.aws.amazon.com/systems-manager/latest/userguide/setup-instance-permissions.html) and the
// CloudWatch agent that publishes the safety metrics
// (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/create-iam-roles-for-cloudwatch-agent.html).
const MANAGED_POLICIES = ['AmazonSSMManagedInstanceCore', 'CloudWatchAgentServerPolicy'] as const;

/**
 * The identity of a pool's nodes: a role only EC2 can assume, its instance profile, Session Manager
 * core, the CloudWatch agent, and read access to the buckets named for the pool. Storage tiers add
 * their grants to the role (`StorageTiers.grantRead`).
 */
export class NodeRole extends Construct {
  public readonly role: IamRole;
  public readonly instanceProfile: IamInstanceProfile;
  public readonly managedPolicyArns: readonly string[];

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.name,
      description: props.description,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    this.managedPolicyArns = MANAGED_POLICIES.map((p) => `arn:${props.key.partition}:iam::aws:policy/${p}`);
    MANAGED_POLICIES.forEach((p, i) => new IamRolePolicyAttachment(this, p, { role: this.role.name, policyArn: this.managedPolicyArns[i] }));
    this.instanceProfile = new IamInstanceProfile(this, 'profile', { name: props.name, role: this.role.name });
    if (props.readBuckets.length > 0) {
      const arns = props.readBuckets.map((b) => `arn:${props.key.partition}:s3:::${b}`);
      new IamRolePolicy(this, 'read-buckets', { role: this.role.id, name: 'read-pool-buckets', policy: policyDocument(bucketReadStatements(arns, props.key.keyArn, props.region)) });
    }
  }
}

/** Props of `ScalingServiceRole`. */
export interface ScalingServiceRoleProps {
  /** Suffix of the role name `AWSServiceRoleForAutoScaling_<suffix>`. */
  readonly suffix: string;
  /** Key the scaling group's volumes are encrypted with. */
  readonly key: AwsKey;
}

// Operations EC2 Auto Scaling needs on the key of encrypted EBS volumes, as AWS documents them for a
// grant (docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html).
const EBS_KEY_OPERATIONS = ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'DescribeKey', 'CreateGrant'];

/**
 * A service-linked role of the pool's own for EC2 Auto Scaling (a custom suffix, see
 * docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html) and a KMS grant
 * that lets it use the customer-managed key of the pool's volumes. Without the grant, launches with
 * volumes encrypted by a customer-managed key fail. Owning the role (instead of the account's default
 * one) means the grant can follow its creation: a grant to a role that does not exist yet fails.
 */
export class ScalingServiceRole extends Construct {
  public readonly roleArn: string;
  public readonly grant: KmsGrant;

  constructor(scope: Construct, id: string, props: ScalingServiceRoleProps) {
    super(scope, id);
    const slr = new IamServiceLinkedRole(this, 'role', {
      awsServiceName: 'autoscaling.amazonaws.com',
      customSuffix: props.suffix,
      description: 'EC2 Auto Scaling for one accelerator pool, with use of its volume key',
    });
    this.roleArn = slr.arn;
    this.grant = new KmsGrant(this, 'key-grant', {
      name: `autoscaling-${props.suffix}`,
      keyId: props.key.keyArn,
      granteePrincipal: slr.arn,
      operations: EBS_KEY_OPERATIONS,
    });
  }
}
