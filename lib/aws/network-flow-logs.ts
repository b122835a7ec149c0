import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { AwsKey } from './key';

/** Props of `VpcFlowLogs`. */
export interface VpcFlowLogsProps {
  readonly vpcId: string;
  readonly namePrefix: string;
  readonly region: string;
  readonly retentionDays: number;
  /** Key that encrypts the log group; granted to CloudWatch Logs here. */
  readonly key: AwsKey;
}

/**
 * VPC flow logs of all traffic (accepted and rejected) to a CloudWatch log group encrypted with a
 * customer-managed key. Rejected flows are what shows a zero-trust rule doing its job.
 */
export class VpcFlowLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const logGroupName = `/aira/${props.namePrefix}/vpc-flow-logs`;
    // CloudWatch Logs encrypts with the key only if the key policy lets the regional service use it for
    // this account's log groups (docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
    props.key.grantToService({
      sid: 'CloudWatchLogsEncrypt',
      service: `logs.${props.region}.amazonaws.com`,
      condition: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${props.key.partition}:logs:${props.region}:${props.key.accountId}:log-group:*` },
      },
    });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.key.keyArn,
      dependsOn: [props.key.policy],
    });
    const role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-vpc-flow-logs`,
      description: 'Delivers VPC flow logs to CloudWatch Logs',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    new IamRolePolicy(this, 'role-policy', {
      role: role.id,
      name: 'write-flow-logs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
          },
        ],
      }),
    });
    new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}
