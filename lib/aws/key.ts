import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { Fn, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { IPlatformKey } from '../core/kit';

/** Props of `AwsKey`. */
export interface AwsKeyProps {
  /** What the key protects. */
  readonly description: string;
  /** Alias without the `alias/` prefix. @default none */
  readonly alias?: string;
  /** Days a scheduled deletion waits (7 to 30). @default 30 */
  readonly deletionWindowDays?: number;
}

/** A statement granting an AWS service use of the key. */
export interface KeyServiceGrant {
  /** Statement id, unique in the key policy. */
  readonly sid: string;
  /** Service principal, for example `logs.us-east-1.amazonaws.com`. */
  readonly service: string;
  /** KMS actions. @default encrypt, decrypt, re-encrypt, generate data key, describe */
  readonly actions?: readonly string[];
  /** IAM condition block. @default none */
  readonly condition?: Record<string, Record<string, unknown>>;
}

const USE_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/**
 * A customer-managed KMS key with yearly rotation and a key policy that grows as services are granted
 * use of it. The account and partition in the policy are read from the key's own ARN, so the stack
 * needs no `aws_caller_identity` lookup and can be planned without calling AWS.
 */
export class AwsKey extends Construct implements IPlatformKey {
  public readonly cloud = 'aws' as const;
  /** The key resource. */
  public readonly key: KmsKey;
  /** ARN of the key. */
  public readonly keyArn: string;
  /** The key's ARN (the `IPlatformKey` reference). */
  public readonly keyRef: string;
  /** Account id of the key (a token resolved at apply). */
  public readonly accountId: string;
  /** Partition of the key, for example `aws` (a token resolved at apply). */
  public readonly partition: string;
  private readonly grants: KeyServiceGrant[] = [];

  constructor(scope: Construct, id: string, props: AwsKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
    });
    this.keyArn = this.key.arn;
    this.keyRef = this.key.arn;
    const parts = Fn.split(':', this.key.arn);
    this.partition = Fn.element(parts, 1) as string;
    this.accountId = Fn.element(parts, 4) as string;
    if (props.alias) new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.policy = new KmsKeyPolicy(this, 'policy', {
      keyId: this.key.keyId,
      // Built at synth, after every grant; tokens inside the JSON resolve to Terraform expressions.
      policy: Lazy.stringValue({ produce: () => JSON.stringify(this.document()) }),
    });
  }

  /** The key policy resource: depend on it before a service first uses the key. */
  public readonly policy: KmsKeyPolicy;

  /** Lets an AWS service use the key (statements appear in the order granted). */
  public grantToService(grant: KeyServiceGrant): void {
    if (this.grants.some((g) => g.sid === grant.sid)) return;
    this.grants.push(grant);
  }

  private document(): unknown {
    return {
      Version: '2012-10-17',
      Statement: [
        {
          // Without this statement nobody in the account can administer the key.
          Sid: 'AccountAdministers',
          Effect: 'Allow',
          Principal: { AWS: `arn:${this.partition}:iam::${this.accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        ...this.grants.map((g) => ({
          Sid: g.sid,
          Effect: 'Allow',
          Principal: { Service: g.service },
          Action: [...(g.actions ?? USE_ACTIONS)],
          Resource: '*',
          ...(g.condition ? { Condition: g.condition } : {}),
        })),
      ],
    };
  }
}
