import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AcceleratorPool, AwsAcceleratorPoolProps, AwsStack, SegmentedNetwork } from '../../lib/aws';
import { AcceleratorSku } from '../../lib/core/catalog/sku';
import { Capacity } from '../../lib/core/compute';
import { errorCodeOf, parsePolicy, synthView, testApp } from '../helpers/synth';

const TODAY = '2026-11-22';

interface BuildOptions {
  readonly region?: string;
  readonly today?: string;
}

/** A stack with a three-zone network and one pool; `props` override the pool's defaults (a 4-node H100 pool). */
function build(props: Partial<AwsAcceleratorPoolProps> = {}, opts: BuildOptions = {}) {
  const region = opts.region ?? 'us-east-1';
  const app = testApp();
  app.node.setContext('aira:today', opts.today ?? TODAY);
  const stack = new AwsStack(app, 'pool-test', { region, tags: { owner: 'ml-platform', level: 2 } });
  const network = new SegmentedNetwork(stack, 'net', { cidr: '10.11.0.0/16', zones: [`${region}a`, `${region}b`, `${region}c`] });
  const pool = new AcceleratorPool(stack, 'pool', { network, sku: 'p5.48xlarge', nodes: 4, ...props } as AwsAcceleratorPoolProps);
  return { stack, network, pool, v: synthView(stack) };
}

/** The one resource of a type that the pool made (the network's resources are named net_...). */
const only = (v: ReturnType<typeof synthView>, type: string) => {
  const list = v.withId(type, 'pool_');
  expect(list).toHaveLength(1);
  return list[0];
};

describe('AWS AcceleratorPool: EFA', () => {
  test('p5.48xlarge: one EFA interface per network card (32), primary EFA on card 0, EFA-only at device index 1 elsewhere', () => {
    const { v } = build();
    const nis = only(v, 'aws_launch_template').network_interfaces;
    expect(nis).toHaveLength(32);
    nis.forEach((ni: any, card: number) => {
      expect(ni).toMatchObject({ network_card_index: card, device_index: card === 0 ? 0 : 1, interface_type: card === 0 ? 'efa' : 'efa-only', associate_public_ip_address: 'false' });
      expect(ni.security_groups).toEqual([expect.stringMatching(/net_sg_training_/), expect.stringMatching(/pool_efa_sg_/)]);
      expect(ni.subnet_id).toBeUndefined();
    });
  });

  test('the card count comes from the catalog (trn1.32xlarge: 8), and secondary cards can be full EFA', () => {
    const nis = only(build({ sku: 'trn1.32xlarge', efaSecondaryInterfaceType: 'efa' }).v, 'aws_launch_template').network_interfaces;
    expect(nis.map((n: any) => n.network_card_index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(nis.every((n: any) => n.interface_type === 'efa')).toBe(true);
  });

  test('the EFA security group admits all traffic from and to itself and nothing else', () => {
    const { v } = build();
    const efaIn = v.withId('aws_vpc_security_group_ingress_rule', 'pool_efa_');
    const efaOut = v.withId('aws_vpc_security_group_egress_rule', 'pool_efa_');
    expect(efaIn).toHaveLength(1);
    expect(efaOut).toHaveLength(1);
    for (const rule of [...efaIn, ...efaOut]) {
      expect(rule).toMatchObject({ ip_protocol: '-1' });
      expect(rule.security_group_id).toMatch(/pool_efa_sg_/);
      expect(rule.referenced_security_group_id).toBe(rule.security_group_id);
      expect(rule.cidr_ipv4).toBeUndefined();
    }
  });

  test('no fabric: a SKU without EFA, or a single node, gets one ENA interface and no EFA group', () => {
    for (const props of [{ sku: 'inf2.48xlarge', workload: 'inference' as const }, { nodes: 1 }]) {
      const { v } = build(props);
      const nis = only(v, 'aws_launch_template').network_interfaces;
      expect(nis).toEqual([{ associate_public_ip_address: 'false', delete_on_termination: 'true', device_index: 0, network_card_index: 0, security_groups: [expect.stringMatching(/net_sg_/)] }]);
      expect(v.withId('aws_security_group', 'pool_efa')).toHaveLength(0);
    }
  });
});

describe('AWS AcceleratorPool: placement and capacity', () => {
  test('multi-node training on demand: a cluster placement group the scaling group launches into', () => {
    const { v } = build();
    expect(only(v, 'aws_placement_group')).toMatchObject({ name: 'pool', strategy: 'cluster' });
    expect(only(v, 'aws_autoscaling_group').placement_group).toMatch(/^\$\{aws_placement_group\.pool_scaling_placement_.*\.name\}$/);
    expect(only(v, 'aws_launch_template').capacity_reservation_specification).toBeUndefined();
  });

  test('a reservation by id: the template targets it and no placement group is forced', () => {
    const { v } = build({ zones: ['us-east-1b'], capacity: Capacity.reservation({ id: 'cr-0123456789abcdef0', zone: 'us-east-1b', instances: 4 }) });
    expect(only(v, 'aws_launch_template').capacity_reservation_specification).toEqual({ capacity_reservation_target: { capacity_reservation_id: 'cr-0123456789abcdef0' } });
    expect(v.count('aws_placement_group')).toBe(0);
    const asg = only(v, 'aws_autoscaling_group');
    expect(asg.placement_group).toBeUndefined();
    expect(asg.vpc_zone_identifier).toEqual([expect.stringMatching(/net_training-us-east-1b_/)]);
  });

  test('a reservation group: the template targets the resource group ARN', () => {
    const arn = 'arn:aws:resource-groups:us-east-1:123456789012:group/h100-odcrs';
    const { v } = build({ capacity: Capacity.reservation({ groupId: arn }) });
    expect(only(v, 'aws_launch_template').capacity_reservation_specification).toEqual({ capacity_reservation_target: { capacity_reservation_resource_group_arn: arn } });
  });

  test('a reservation made in a placement group: the scaling group uses that group, none is created', () => {
    const { v } = build({ placement: 'cluster', capacity: Capacity.reservation({ id: 'cr-0123456789abcdef0', placementGroup: 'h100-odcr-pg' }) });
    expect(v.count('aws_placement_group')).toBe(0);
    expect(only(v, 'aws_autoscaling_group').placement_group).toBe('h100-odcr-pg');
  });

  test('a Capacity Block: market type capacity-block, the block targeted, no placement group', () => {
    const { v } = build({ zones: ['us-east-1a'], capacity: Capacity.capacityBlock({ id: 'cr-0abc123', zone: 'us-east-1a', instances: 4 }) });
    const lt = only(v, 'aws_launch_template');
    expect(lt.instance_market_options).toEqual({ market_type: 'capacity-block' });
    expect(lt.capacity_reservation_specification).toEqual({ capacity_reservation_target: { capacity_reservation_id: 'cr-0abc123' } });
    expect(v.count('aws_placement_group')).toBe(0);
  });

  test('Spot: a mixed instances policy with capacity rebalancing and an on-demand base as fallback', () => {
    const asg = (props: Partial<AwsAcceleratorPoolProps>) => only(build({ nodes: { min: 2, max: 8 }, ...props }).v, 'aws_autoscaling_group');
    const withFallback = asg({ capacity: Capacity.spot({ onDemandFallback: true }) });
    expect(withFallback.capacity_rebalance).toBe(true);
    expect(withFallback.launch_template).toBeUndefined();
    expect(withFallback.mixed_instances_policy.instances_distribution).toEqual({ on_demand_base_capacity: 2, on_demand_percentage_above_base_capacity: 0, spot_allocation_strategy: 'price-capacity-optimized' });
    expect(withFallback.mixed_instances_policy.launch_template.override).toEqual([{ instance_type: 'p5.48xlarge' }]);
    expect(asg({ capacity: Capacity.spot() }).mixed_instances_policy.instances_distribution.on_demand_base_capacity).toBe(0);
    expect(asg({ capacity: Capacity.spot(), spotOnDemandBase: 3 }).mixed_instances_policy.instances_distribution.on_demand_base_capacity).toBe(3);
    expect(only(build({ capacity: Capacity.spot() }).v, 'aws_launch_template').instance_market_options).toBeUndefined();
  });
});

describe('AWS AcceleratorPool: node hardening', () => {
  test('IMDSv2 only with hop limit 1; 2 when containers call the metadata service', () => {
    expect(only(build().v, 'aws_launch_template').name).toBe('pool-nodes');
    expect(only(build().v, 'aws_launch_template').metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' });
    expect(only(build({ containers: true }).v, 'aws_launch_template').metadata_options.http_put_response_hop_limit).toBe(2);
  });

  test('root and data volumes: gp3, encrypted with the pool key; no key pair, no public address', () => {
    const { v } = build({ dataVolumeGib: 1000 });
    const lt = only(v, 'aws_launch_template');
    const keyArn = expect.stringMatching(/^\$\{aws_kms_key\.pool_key_.*\.arn\}$/);
    expect(lt.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 200, volume_type: 'gp3', encrypted: 'true', kms_key_id: keyArn, delete_on_termination: 'true' } },
      { device_name: '/dev/xvdb', ebs: { volume_size: 1000, volume_type: 'gp3', encrypted: 'true', kms_key_id: keyArn, delete_on_termination: 'true' } },
    ]);
    expect(lt.key_name).toBeUndefined();
    expect(lt.network_interfaces.every((n: any) => n.associate_public_ip_address === 'false')).toBe(true);
    expect(only(v, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true });
  });

  test('images: the family image read once per plan, a pinned AMI, a pinned parameter version', () => {
    const image = (props: Partial<AwsAcceleratorPoolProps>, region?: string) => only(build(props, { region }).v, 'aws_launch_template');
    expect(image({}).image_id).toMatch(/^\$\{data\.aws_ssm_parameter\.pool-image-[0-9a-f]{10}\.insecure_value\}$/);
    const trn = image({ sku: 'trn2.48xlarge' }, 'us-east-2');
    expect(trn.image_id).toMatch(/^\$\{data\.aws_ssm_parameter\.pool-image-[0-9a-f]{10}\.insecure_value\}$/);
    expect(trn.block_device_mappings[0].device_name).toBe('/dev/sda1');
    expect(image({ image: 'ami-0123456789abcdef0' }).image_id).toBe('ami-0123456789abcdef0');
    expect(image({ image: '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id:42' }).image_id).toMatch(/^resolve:ssm:\/aws\/service\/.*:42$/);
  });

  test('imageResolution: the family parameter becomes one aws_ssm_parameter data source per stack, whose insecure_value the launch template names', () => {
    const { stack, network, v } = build();
    const data = v.json.data.aws_ssm_parameter;
    const ids = Object.keys(data);
    expect(ids).toHaveLength(1);
    expect(data[ids[0]]).toEqual({ name: '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id' });
    expect(only(v, 'aws_launch_template').image_id).toBe(`\${data.aws_ssm_parameter.${ids[0]}.insecure_value}`);
    // A second GPU pool reads the same data source; a Neuron pool adds its own.
    new AcceleratorPool(stack, 'pool2', { network, sku: 'p5.48xlarge', nodes: 2 });
    new AcceleratorPool(stack, 'neuron', { network, sku: 'trn1.32xlarge', nodes: 2 });
    const again = synthView(stack);
    expect(Object.values(again.json.data.aws_ssm_parameter).map((d: any) => d.name).sort()).toEqual([
      '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id',
      '/aws/service/neuron/dlami/multi-framework/ubuntu-24.04/latest/image_id',
    ]);
    const images = again.list('aws_launch_template').map((t) => t.image_id);
    expect(new Set(images).size).toBe(2);
    expect(images.filter((i) => i === `\${data.aws_ssm_parameter.${ids[0]}.insecure_value}`)).toHaveLength(2);
  });

  test('imageResolution: the data source ids do not depend on the order pools are created in', () => {
    const dataOf = (skus: string[]) => {
      const app = testApp();
      app.node.setContext('aira:today', TODAY);
      const stack = new AwsStack(app, 's', { region: 'us-east-1' });
      const network = new SegmentedNetwork(stack, 'net', { cidr: '10.11.0.0/16', zones: ['us-east-1a'] });
      skus.forEach((sku, i) => new AcceleratorPool(stack, `p${i}`, { network, sku, nodes: 1 }));
      return synthView(stack).json.data;
    };
    expect(JSON.stringify(dataOf(['p5.48xlarge', 'trn1.32xlarge']))).toBe(JSON.stringify(dataOf(['trn1.32xlarge', 'p5.48xlarge'])));
  });

  test("imageResolution 'launch' keeps resolve:ssm (AWS resolves it at each launch) and adds no data source", () => {
    const { v, pool } = build({ imageResolution: 'launch' });
    expect(only(v, 'aws_launch_template').image_id).toBe('resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id');
    expect(v.json.data).toBeUndefined();
    expect(pool.image).toMatchObject({ kind: 'ssm-parameter', resolvedAt: 'launch', rootDeviceName: '/dev/xvda' });
  });

  test('imageResolution: a user-given unversioned parameter is read per plan too; AMI ids and versions stay as given', () => {
    const path = '/acme/images/gpu-base';
    const floating = build({ image: `resolve:ssm:${path}`, rootDeviceName: '/dev/sda1' });
    const [id] = Object.keys(floating.v.json.data.aws_ssm_parameter);
    expect(floating.v.json.data.aws_ssm_parameter[id]).toEqual({ name: path });
    const lt = only(floating.v, 'aws_launch_template');
    expect(lt.image_id).toBe(`\${data.aws_ssm_parameter.${id}.insecure_value}`);
    expect(lt.block_device_mappings[0].device_name).toBe('/dev/sda1');
    expect(floating.pool.image).toMatchObject({ kind: 'ssm-parameter', parameter: path, resolvedAt: 'plan' });
    // A label can move to another version: read per plan as well.
    expect(Object.values(build({ image: `${path}:stable` }).v.json.data.aws_ssm_parameter)).toEqual([{ name: `${path}:stable` }]);
    expect(only(build({ image: path, imageResolution: 'launch' }).v, 'aws_launch_template').image_id).toBe(`resolve:ssm:${path}`);
    for (const image of ['ami-0123456789abcdef0', `resolve:ssm:${path}:7`]) {
      const { v } = build({ image });
      expect(only(v, 'aws_launch_template').image_id).toBe(image);
      expect(v.json.data).toBeUndefined();
    }
  });

  test('imageResolution other than plan or launch is refused', () => {
    expect(errorCodeOf(() => build({ imageResolution: 'boot' as never }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('instance profile: a role only EC2 assumes, Session Manager core and CloudWatch agent, read of named buckets', () => {
    const { v } = build({ readBuckets: ['acme-datasets'] });
    const role = only(v, 'aws_iam_role');
    expect(parsePolicy(role.assume_role_policy).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const attached = v.list('aws_iam_role_policy_attachment').map((a) => a.policy_arn.replace(/^.*:policy\//, ''));
    expect(attached.sort()).toEqual(['AmazonSSMManagedInstanceCore', 'CloudWatchAgentServerPolicy']);
    expect(only(v, 'aws_iam_instance_profile').role).toMatch(/aws_iam_role\.pool_nodes_role_/);
    const read = parsePolicy(only(v, 'aws_iam_role_policy').policy).Statement;
    expect(read.map((s: any) => s.Action)).toEqual([['s3:ListBucket', 's3:GetBucketLocation'], ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'], ['kms:Decrypt', 'kms:DescribeKey']]);
    expect(read[1].Resource).toEqual(['arn:<ref>:s3:::acme-datasets/*']);
    expect(build().v.withId('aws_iam_role_policy', 'pool_')).toHaveLength(0);
  });

  test('the scaling group launches through its own service-linked role, granted the volume key first', () => {
    const { v } = build();
    const slr = only(v, 'aws_iam_service_linked_role');
    expect(slr.aws_service_name).toBe('autoscaling.amazonaws.com');
    expect(slr.custom_suffix).toMatch(/^pool-[0-9a-f]{6}$/);
    const grant = only(v, 'aws_kms_grant');
    expect(grant.operations).toEqual(['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'DescribeKey', 'CreateGrant']);
    expect(grant.grantee_principal).toMatch(/aws_iam_service_linked_role\.pool_scaling-role_.*\.arn/);
    const asg = only(v, 'aws_autoscaling_group');
    expect(asg.service_linked_role_arn).toBe(grant.grantee_principal);
    expect(asg.depends_on).toEqual([expect.stringMatching(/^aws_kms_grant\./)]);
  });

  test('interface endpoints for Session Manager and CloudWatch, unless turned off', () => {
    const services = (props: Partial<AwsAcceleratorPoolProps>) => build(props).v.list('aws_vpc_endpoint').map((e) => e.service_name.replace('com.amazonaws.us-east-1.', '')).sort();
    expect(services({})).toEqual(['ec2messages', 'kms', 'logs', 'monitoring', 's3', 'ssm', 'ssmmessages', 'sts']);
    expect(services({ privateEndpoints: false })).toEqual(['kms', 's3', 'sts']);
  });

  test('instances, volumes and interfaces carry the stack and pool tags; the group does not propagate its own', () => {
    const { v } = build({ tags: { workload: 'llm-pretraining' } });
    const specs = only(v, 'aws_launch_template').tag_specifications;
    expect(specs.map((s: any) => s.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    for (const s of specs) expect(s.tags).toEqual({ Name: 'pool', 'aira:owner': 'ml-platform', 'aira:level': 'level-2', 'aira:plane': 'training', 'aira:workload': 'llm-pretraining' });
    const tags = only(v, 'aws_autoscaling_group').tag;
    expect(tags.every((t: any) => t.propagate_at_launch === false)).toBe(true);
    expect(tags.map((t: any) => t.key)).toEqual(['Name', 'aira:level', 'aira:owner', 'aira:plane', 'aira:workload']);
  });
});

describe('AWS AcceleratorPool: scaling and alarms', () => {
  test('min, desired and max; apply does not wait for accelerator capacity', () => {
    expect(only(build({ nodes: { min: 1, desired: 2, max: 8 } }).v, 'aws_autoscaling_group')).toMatchObject({ min_size: 1, desired_capacity: 2, max_size: 8, wait_for_capacity_timeout: '0', health_check_type: 'EC2' });
  });

  test('predictive provisioning: a scheduled action at the start and end of each demand window', () => {
    const { v } = build({
      nodes: { min: 0, max: 8 },
      demandProfile: { timeZone: 'Europe/Berlin', baselineNodes: 1, windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 8, endHour: 20, nodes: 8 }, { days: ['sat'], startHour: 10, endHour: 24, nodes: 2 }] },
    });
    const schedules = v.list('aws_autoscaling_schedule').map((s) => [s.scheduled_action_name, s.recurrence, s.desired_capacity, s.time_zone, s.min_size, s.max_size]);
    expect(schedules.sort()).toEqual([
      ['pool-w0-end', '0 20 * * 1,2,3,4,5', 1, 'Europe/Berlin', -1, -1],
      ['pool-w0-start', '0 8 * * 1,2,3,4,5', 8, 'Europe/Berlin', -1, -1],
      ['pool-w1-end', '0 0 * * 0', 1, 'Europe/Berlin', -1, -1],
      ['pool-w1-start', '0 10 * * 6', 2, 'Europe/Berlin', -1, -1],
    ]);
    expect(only(v, 'aws_autoscaling_group').lifecycle).toEqual({ ignore_changes: ['desired_capacity'] });
    expect(only(build().v, 'aws_autoscaling_group').lifecycle).toBeUndefined();
  });

  test('GPU safety alarms: thermal overload at 85 C (scales in) and XID errors, to an SNS topic under the CMK', () => {
    const { v } = build({ alarms: { notifyEmails: ['oncall@example.com'] } });
    const alarms = v.list('aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => [a.alarm_name, a.metric_name, a.statistic, a.threshold, a.evaluation_periods])).toEqual([
      ['pool-gpu_temperature_max', 'GpuTemperatureMax', 'Maximum', 85, 3],
      ['pool-gpu_xid_errors', 'GpuXidErrors', 'Sum', 1, 1],
    ]);
    for (const a of alarms) {
      expect(a).toMatchObject({ namespace: 'Aira/Accelerators', period: 60, comparison_operator: 'GreaterThanOrEqualToThreshold', treat_missing_data: 'notBreaching' });
      expect(a.dimensions).toEqual({ AutoScalingGroupName: expect.stringMatching(/aws_autoscaling_group\.pool_scaling_group_.*\.name/) });
      expect(a.alarm_actions[0]).toMatch(/aws_sns_topic\.pool_safety_topic_/);
    }
    expect(alarms[0].alarm_actions[1]).toMatch(/aws_autoscaling_policy\.pool_safety_scale-in_/);
    expect(alarms[1].alarm_actions).toHaveLength(1);
    expect(only(v, 'aws_autoscaling_policy')).toMatchObject({ adjustment_type: 'ChangeInCapacity', scaling_adjustment: -1 });
    expect(only(v, 'aws_sns_topic').kms_master_key_id).toMatch(/aws_kms_key\.pool_key_/);
    expect(only(v, 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: 'oncall@example.com' });
    const keyPolicy = parsePolicy(only(v, 'aws_kms_key_policy').policy);
    expect(keyPolicy.Statement.find((s: any) => s.Sid === 'CloudWatchAlarmsToEncryptedTopics')).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] });
  });

  test('Trainium gets the Neuron alarm; thresholds are settable; alarms can be turned off', () => {
    const trn = build({ sku: 'trn2.48xlarge', alarms: { neuronErrorsPerMinute: 3 } }, { region: 'us-east-2' }).v;
    expect(trn.list('aws_cloudwatch_metric_alarm').map((a) => [a.metric_name, a.threshold])).toEqual([['NeuronHardwareErrors', 3]]);
    expect(trn.count('aws_autoscaling_policy')).toBe(0);
    const off = build({ alarms: { enabled: false } }).v;
    expect(off.count('aws_cloudwatch_metric_alarm')).toBe(0);
    expect(off.count('aws_sns_topic')).toBe(0);
  });

  test('capabilities and identity for the registry and for grants', () => {
    const { stack, pool } = build({ capacity: Capacity.spot() });
    expect(pool.capabilities).toMatchObject({ name: 'pool', cloud: 'aws', region: 'us-east-1', zones: ['us-east-1a'], plane: 'training', sku: 'p5.48xlarge', fabric: 'efa', capacityMode: 'spot', placement: 'cluster', nodes: { min: 4, desired: 4, max: 4 } });
    expect(pool.identity.cloud).toBe('aws');
    new TerraformOutput(stack, 'role-name', { value: pool.identity });
    expect(synthView(stack).json.output['role-name'].value).toEqual({ cloud: 'aws', roleName: expect.stringMatching(/^\$\{aws_iam_role\.pool_nodes_role_.*\.name\}$/), roleArn: expect.stringMatching(/^\$\{aws_iam_role\.pool_nodes_role_.*\.arn\}$/) });
  });
});

describe('AWS AcceleratorPool: bad input', () => {
  const reservation = (zone: string) => Capacity.reservation({ id: 'cr-0123456789abcdef0', zone, instances: 4 });
  test.each([
    ['SKU not offered in the stack region', { sku: 'trn2.48xlarge' }, 'AIRA_E_UNAVAILABLE_IN_REGION'],
    ['SKU of another cloud', { sku: 'Standard_ND96isr_H100_v5' }, 'AIRA_E_SKU_WRONG_CLOUD'],
    ['retired SKU (F1)', { sku: 'f1.2xlarge', nodes: 1 }, 'AIRA_E_SKU_RETIRED'],
    ['unknown SKU', { sku: 'p9.48xlarge' }, 'AIRA_E_UNKNOWN_SKU'],
    ['EFA asked of a SKU without it', { sku: 'inf2.48xlarge', fabric: true }, 'AIRA_E_FABRIC_UNSUPPORTED'],
    ['an unlisted SKU with a fabric AWS lacks', { sku: AcceleratorSku.unlisted({ id: 'x9.48xlarge', cloud: 'aws', family: 'gpu', description: 'x', vcpu: 1, memoryGib: 1, networkGbps: 1, fabric: 'infiniband-ndr', regions: [], regionsAsOf: TODAY, power: { kw: 1, basis: 'x', asOf: TODAY, source: 'x' }, lifecycle: { status: 'current' }, source: 'x' }) }, 'AIRA_E_FABRIC_UNSUPPORTED'],
    ['a reservation in another zone', { capacity: reservation('us-east-1b') }, 'AIRA_E_CAPACITY_CONFLICT'],
    ['Spot on a reservation', { capacity: { kind: 'spot', id: 'cr-0123456789abcdef0' } }, 'AIRA_E_CAPACITY_CONFLICT'],
    ['a placement group forced on a Capacity Block', { placement: 'cluster', capacity: Capacity.capacityBlock({ id: 'cr-0abc', zone: 'us-east-1a', instances: 4 }) }, 'AIRA_E_CAPACITY_CONFLICT'],
    ['more nodes than the reservation holds', { nodes: 8, capacity: reservation('us-east-1a') }, 'AIRA_E_PLACEMENT_LIMIT'],
    ['public exposure on the protected plane', { plane: 'protected', exposure: 'public' }, 'AIRA_E_PUBLIC_EXPOSURE'],
    ['an image that is neither AMI nor SSM path', { image: 'ubuntu-latest' }, 'AIRA_E_INVALID_PROP'],
    ['a root device that is no device', { rootDeviceName: 'sda1' }, 'AIRA_E_INVALID_PROP'],
    ['an on-demand base on an on-demand pool', { spotOnDemandBase: 1 }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['an on-demand base above max', { capacity: Capacity.spot(), spotOnDemandBase: 9 }, 'AIRA_E_INVALID_PROP'],
    ['a root volume too small', { rootVolumeGib: 8 }, 'AIRA_E_INVALID_PROP'],
    ['an alarm address that is no address', { alarms: { notifyEmails: ['ml oncall'] } }, 'AIRA_E_INVALID_PROP'],
    ['an alarm threshold of zero', { alarms: { gpuTemperatureC: 0 } }, 'AIRA_E_INVALID_PROP'],
    ['a demand window above max', { nodes: { max: 4 }, demandProfile: { windows: [{ days: ['mon'], startHour: 8, endHour: 9, nodes: 6 }] } }, 'AIRA_E_INVALID_PROP'],
    ['a name that breaks the naming rules', { name: 'H100_pool' }, 'AIRA_E_INVALID_NAME'],
    ['user data over the EC2 limit', { userData: 'x'.repeat(13000) }, 'AIRA_E_INVALID_PROP'],
  ])('%s', (_name, props, code) => {
    expect(errorCodeOf(() => build(props as Partial<AwsAcceleratorPoolProps>))).toBe(code);
  });

  test('outside an AwsStack', () => {
    const app = testApp();
    const stack = new AwsStack(app, 's', { region: 'us-east-1' });
    const network = new SegmentedNetwork(stack, 'net', { cidr: '10.11.0.0/16', zones: ['us-east-1a'] });
    const other = new TerraformStack(app, 'plain');
    expect(errorCodeOf(() => new AcceleratorPool(other, 'pool', { network, sku: 'p5.48xlarge', nodes: 1 }))).toBe('AIRA_E_WRONG_SCOPE');
  });

  test('a network of another region, and an imported network that cannot take endpoints', () => {
    const app = testApp();
    const east = new AwsStack(app, 'east', { region: 'us-east-1' });
    const network = new SegmentedNetwork(east, 'net', { cidr: '10.11.0.0/16', zones: ['us-east-1a'] });
    const west = new AwsStack(app, 'west', { region: 'us-west-2' });
    expect(errorCodeOf(() => new AcceleratorPool(west, 'pool', { network, sku: 'p5.48xlarge', nodes: 1 }))).toBe('AIRA_E_INVALID_PROP');
    const imported = SegmentedNetwork.fromAttributes(west, 'imported', {
      vpcId: 'vpc-1',
      cidr: '10.20.0.0/16',
      zones: ['us-west-2a'],
      subnetIds: { training: ['subnet-1'] },
      securityGroupIds: { training: 'sg-1' },
    });
    expect(errorCodeOf(() => new AcceleratorPool(west, 'pool2', { network: imported, sku: 'p5.48xlarge', nodes: 1 }))).toBe('AIRA_E_UNSUPPORTED_OPTION');
    expect(() => new AcceleratorPool(west, 'pool3', { network: imported, sku: 'p5.48xlarge', nodes: 1, privateEndpoints: false })).not.toThrow();
  });

  test('retirement is read against the aira:today context, so a build can be reproduced', () => {
    expect(() => build({ sku: 'f1.2xlarge', nodes: 1 }, { today: '2025-06-01' })).not.toThrow();
    expect(errorCodeOf(() => build({}, { today: 'next week' }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('errors name the construct path and the fix', () => {
    expect(() => build({ sku: 'trn2.48xlarge' })).toThrow(/^AIRA_E_UNAVAILABLE_IN_REGION: pool-test\/pool: trn2\.48xlarge is not offered in us-east-1 .*Fix: /);
  });
});

describe('AWS AcceleratorPool: determinism', () => {
  test('two builds synthesize byte-identical stacks', () => {
    const once = () => Testing.synth(build({ demandProfile: { windows: [{ days: ['mon'], startHour: 8, endHour: 18, nodes: 4 }] } }).stack, true);
    expect(once()).toBe(once());
  });
});
