import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { PlannedAlarm, SAFETY_NAMESPACE, SafetyMetric } from '../core/safety';
import { AwsKey } from './key';

/** Props of `PoolSafetyAlarms`. */
export interface PoolSafetyAlarmsProps {
  /** Prefix of the topic, policy and alarm names. */
  readonly name: string;
  readonly region: string;
  readonly autoScalingGroupName: string;
  readonly alarms: readonly PlannedAlarm[];
  readonly key: AwsKey;
  readonly notifyEmails: readonly string[];
}

const STATISTIC: Record<SafetyMetric['aggregation'], string> = { max: 'Maximum', sum: 'Sum', mean: 'Average' };

/**
 * The safety mechanisms of a pool (the reference architecture's Level 4): one CloudWatch alarm per
 * safety metric that applies to the pool, on the custom metric its node agents publish, notifying an
 * SNS topic encrypted with the customer-managed key.
 *
 * How the node agents publish: namespace `Aira/Accelerators`, the metric's `metricName`, dimension
 * `AutoScalingGroupName` = the pool's group, one sample per node per minute (the CloudWatch agent's
 * `append_dimensions` / a StatsD or DCGM exporter can set it). The alarm reads one-minute periods and
 * fires after `sustainedMinutes` breaching minutes; missing data counts as not breaching, since a pool
 * scaled to zero sends none.
 *
 * Responses (the metric's documented `response`): every alarm notifies the topic on alarm and on
 * recovery; metrics whose response is to scale in (GPU thermal overload, spike-rate limit) also run a
 * simple scaling policy that lowers the group's desired size by one node, never below its minimum.
 * The node agent is expected to mark the offending node unprotected so the group removes it first.
 */
export class PoolSafetyAlarms extends Construct {
  public readonly topic: SnsTopic;
  public readonly alarms: CloudwatchMetricAlarm[] = [];
  public readonly scaleInPolicy?: AutoscalingPolicy;

  constructor(scope: Construct, id: string, props: PoolSafetyAlarmsProps) {
    super(scope, id);
    const { key } = props;
    // CloudWatch must be able to encrypt messages to a topic under a customer-managed key
    // (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html, "encrypted topics").
    key.grantToService({ sid: 'CloudWatchAlarmsToEncryptedTopics', service: 'cloudwatch.amazonaws.com', actions: ['kms:Decrypt', 'kms:GenerateDataKey*'] });
    this.topic = new SnsTopic(this, 'topic', { name: `${props.name}-safety`, kmsMasterKeyId: key.keyArn, dependsOn: [key.policy] });
    const alarmArns = `arn:${key.partition}:cloudwatch:${props.region}:${key.accountId}:alarm:${props.name}-*`;
    new SnsTopicPolicy(this, 'topic-policy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'SafetyAlarmsOfThisPool',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { ArnLike: { 'aws:SourceArn': alarmArns }, StringEquals: { 'aws:SourceAccount': key.accountId } },
          },
          { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: this.topic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      }),
    });
    props.notifyEmails.forEach((email, i) => new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email }));

    if (props.alarms.some((a) => a.metric.scaleIn)) {
      this.scaleInPolicy = new AutoscalingPolicy(this, 'scale-in', {
        name: `${props.name}-safety-scale-in`,
        autoscalingGroupName: props.autoScalingGroupName,
        policyType: 'SimpleScaling',
        adjustmentType: 'ChangeInCapacity',
        scalingAdjustment: -1,
        cooldown: 600,
      });
    }
    for (const a of props.alarms) {
      const m = a.metric;
      const actions = [this.topic.arn, ...(m.scaleIn && this.scaleInPolicy ? [this.scaleInPolicy.arn] : [])];
      this.alarms.push(
        new CloudwatchMetricAlarm(this, m.id, {
          alarmName: `${props.name}-${m.id}`,
          alarmDescription: `Safety: ${m.source} >= ${a.threshold} ${m.unit}. Response: ${m.response}.`,
          namespace: SAFETY_NAMESPACE,
          metricName: m.metricName,
          dimensions: { AutoScalingGroupName: props.autoScalingGroupName },
          statistic: STATISTIC[m.aggregation],
          period: 60,
          evaluationPeriods: m.sustainedMinutes,
          datapointsToAlarm: m.sustainedMinutes,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          threshold: a.threshold,
          treatMissingData: 'notBreaching',
          alarmActions: actions,
          okActions: [this.topic.arn],
        }),
      );
    }
  }
}
