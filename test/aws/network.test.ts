import { AwsStack, SegmentedNetwork } from '../../lib/aws';
import { AiraError } from '../../lib/core/errors';
import { errorCodeOf, parsePolicy, synthView, testApp } from '../helpers/synth';

const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function build(props: Partial<ConstructorParameters<typeof SegmentedNetwork>[2]> = {}) {
  const app = testApp();
  const stack = new AwsStack(app, 'net-test', { region: 'us-east-1', tags: { owner: 'ml-platform', level: 2 } });
  const net = new SegmentedNetwork(stack, 'net', { cidr: '10.10.0.0/16', zones, ...props });
  return { app, stack, net };
}

describe('AWS SegmentedNetwork', () => {
  test('one private subnet per plane per zone, carved from the base block by fixed slot', () => {
    const { stack } = build();
    const v = synthView(stack);
    const planeSubnets = v.list('aws_subnet').filter((s) => s.tags['aira:plane'] !== 'shared');
    expect(planeSubnets).toHaveLength(5 * 3);
    const cidr = (plane: string, zone: string) => v.list('aws_subnet').find((s) => s.tags['aira:plane'] === plane && s.availability_zone === zone)?.cidr_block;
    expect(cidr('training', 'us-east-1a')).toBe('10.10.0.0/21');
    expect(cidr('training', 'us-east-1c')).toBe('10.10.16.0/21');
    expect(cidr('data', 'us-east-1a')).toBe('10.10.64.0/21');
    expect(cidr('protected', 'us-east-1b')).toBe('10.10.168.0/21');
    expect(v.list('aws_subnet').every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  test('deny by default: plane security groups get no ingress but declared flows', () => {
    const { stack, net } = build();
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    const v = synthView(stack);
    const ingress = v.list('aws_vpc_security_group_ingress_rule');
    // Endpoints take HTTPS from each of the 5 planes; the only plane ingress is the declared flow.
    expect(v.withId('aws_vpc_security_group_ingress_rule', 'endpoints-in-from-')).toHaveLength(5);
    const planeIngress = v.withId('aws_vpc_security_group_ingress_rule', '-in-flow-');
    expect(planeIngress).toHaveLength(1);
    expect(planeIngress[0]).toMatchObject({ from_port: 988, to_port: 988, ip_protocol: 'tcp', description: 'training nodes mount the Lustre file system' });
    expect(planeIngress[0].tags['aira:flow']).toBe('training-to-data-tcp-988');
    expect(planeIngress[0].security_group_id).toMatch(/aws_security_group\.net_sg_data_/);
    expect(planeIngress[0].referenced_security_group_id).toMatch(/aws_security_group\.net_sg_training_/);
    expect(net.allows('training', 'data', 988)).toBe(true);
    expect(net.allows('data', 'training', 988)).toBe(false);
    // No rule anywhere opens a port to the internet unless public ingress is declared.
    expect(ingress.some((r) => r.cidr_ipv4 === '0.0.0.0/0')).toBe(false);
    // The default security group is taken over with no rules.
    expect(v.list('aws_default_security_group')).toEqual([expect.not.objectContaining({ ingress: expect.anything() })]);
  });

  test('egress: HTTPS to endpoints everywhere, to the internet only from non-protected planes', () => {
    const { stack } = build();
    const egress = synthView(stack).list('aws_vpc_security_group_egress_rule');
    const internet = egress.filter((r) => r.cidr_ipv4 === '0.0.0.0/0');
    expect(internet).toHaveLength(4);
    expect(internet.every((r) => r.from_port === 443 && r.to_port === 443)).toBe(true);
    expect(internet.some((r) => String(r.security_group_id).includes('net_sg_protected_'))).toBe(false);
  });

  test('air gap: the protected plane has a route table with no default route and no NAT', () => {
    const { stack } = build();
    const v = synthView(stack);
    const protectedRt = Object.entries(v.of('aws_route_table')).find(([, rt]) => rt.tags['aira:plane'] === 'protected');
    expect(protectedRt).toBeDefined();
    const rtRef = `aws_route_table.${protectedRt![0]}.id`;
    expect(v.list('aws_route').filter((r) => String(r.route_table_id).includes(rtRef))).toHaveLength(0);
    const assoc = v.list('aws_route_table_association').filter((a) => String(a.route_table_id).includes(rtRef));
    expect(assoc).toHaveLength(3);
    // Every other private route table sends its default route to a NAT gateway of its zone.
    const privateDefaults = v.list('aws_route').filter((r) => r.nat_gateway_id);
    expect(privateDefaults).toHaveLength(3);
    expect(v.count('aws_nat_gateway')).toBe(3);
  });

  test('one NAT for the region when asked, none with egress none', () => {
    expect(synthView(build({ egress: 'nat-per-region' }).stack).count('aws_nat_gateway')).toBe(1);
    const none = synthView(build({ egress: 'none' }).stack);
    expect(none.count('aws_nat_gateway')).toBe(0);
    expect(none.count('aws_internet_gateway')).toBe(0);
    expect(none.list('aws_vpc_security_group_egress_rule').some((r) => r.cidr_ipv4 === '0.0.0.0/0')).toBe(false);
  });

  test('private endpoints for S3 (gateway) and KMS (interface, private DNS) on the management plane', () => {
    const { stack, net } = build();
    net.addInterfaceEndpoint('ssm');
    net.addInterfaceEndpoint('ssm');
    const v = synthView(stack);
    const eps = v.list('aws_vpc_endpoint');
    expect(eps.map((e) => e.service_name).sort()).toEqual(['com.amazonaws.us-east-1.kms', 'com.amazonaws.us-east-1.s3', 'com.amazonaws.us-east-1.ssm', 'com.amazonaws.us-east-1.sts']);
    const s3 = eps.find((e) => e.service_name.endsWith('.s3'))!;
    expect(s3).toMatchObject({ vpc_endpoint_type: 'Gateway' });
    expect(s3.route_table_ids).toHaveLength(4);
    const kms = eps.find((e) => e.service_name.endsWith('.kms'))!;
    expect(kms).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true });
    expect(kms.subnet_ids).toHaveLength(3);
    expect(kms.subnet_ids.every((s: string) => s.includes('net_management-us-east-1'))).toBe(true);
  });

  test('flow logs: all traffic to a log group encrypted with a rotating customer-managed key', () => {
    const { stack } = build({ flowLogs: { retentionDays: 90 } });
    const v = synthView(stack);
    expect(v.list('aws_flow_log')[0]).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const lg = v.list('aws_cloudwatch_log_group')[0];
    expect(lg.retention_in_days).toBe(90);
    expect(lg.kms_key_id).toMatch(/^\$\{aws_kms_key\..*\.arn\}$/);
    expect(v.list('aws_kms_key')[0]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const policy = parsePolicy(v.list('aws_kms_key_policy')[0].policy);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['AccountAdministers', 'CloudWatchLogsEncrypt']);
    expect(policy.Statement[1].Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
  });

  test('public ingress: only the inference plane, with its reason', () => {
    const { stack } = build({ publicIngress: [{ plane: 'inference', port: 443, reason: 'public HTTPS API of the inference endpoints' }] });
    const open = synthView(stack).list('aws_vpc_security_group_ingress_rule').filter((r) => r.cidr_ipv4 === '0.0.0.0/0');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ from_port: 443, description: 'public HTTPS API of the inference endpoints' });
    expect(open[0].security_group_id).toMatch(/net_sg_inference_/);
  });

  test('the tagging scheme reaches every taggable resource, plane tags on plane resources', () => {
    const { stack } = build();
    const v = synthView(stack);
    // These AWS resource types take no tags at all.
    const untaggable = new Set(['aws_kms_alias', 'aws_kms_key_policy', 'aws_route', 'aws_route_table_association', 'aws_iam_role_policy']);
    let tagged = 0;
    for (const [type, resources] of Object.entries(v.json.resource as Record<string, Record<string, any>>)) {
      if (untaggable.has(type)) continue;
      for (const r of Object.values(resources)) {
        expect({ type, owner: r.tags?.['aira:owner'], level: r.tags?.['aira:level'] }).toEqual({ type, owner: 'ml-platform', level: 'level-2' });
        tagged++;
      }
    }
    expect(tagged).toBeGreaterThan(50);
    expect(v.withId('aws_security_group', 'net_sg_training').map((sg) => sg.tags['aira:plane'])).toEqual(['training']);
    expect(v.withId('aws_security_group', 'net_sg_endpoints').map((sg) => sg.tags['aira:plane'])).toEqual(['shared']);
  });

  test('fromAttributes: flows on an imported VPC become rules on its security groups', () => {
    const app = testApp();
    const stack = new AwsStack(app, 's', { region: 'us-east-1' });
    const net = SegmentedNetwork.fromAttributes(stack, 'existing', {
      vpcId: 'vpc-0abc',
      cidr: '10.50.0.0/16',
      zones: ['us-east-1a'],
      subnetIds: { training: ['subnet-1'], data: ['subnet-2'] },
      securityGroupIds: { training: 'sg-1', data: 'sg-2' },
    });
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    const v = synthView(stack);
    expect(v.list('aws_vpc_security_group_ingress_rule')[0]).toMatchObject({ security_group_id: 'sg-2', referenced_security_group_id: 'sg-1', from_port: 988 });
    expect(v.count('aws_vpc')).toBe(0);
    expect(net.subnetId('data', 'us-east-1a')).toBe('subnet-2');
    expect(errorCodeOf(() => net.addInterfaceEndpoint('ssm'))).toBe('AIRA_E_UNSUPPORTED_OPTION');
  });

  describe('bad input', () => {
    test.each([
      ['overlapping CIDRs across clouds of one platform', () => {
        const { stack } = build();
        new SegmentedNetwork(stack, 'other', { cidr: '10.10.128.0/17', zones });
      }, 'AIRA_E_CIDR_OVERLAP'],
      ['a base block too small for the planes and zones', () => build({ cidr: '10.0.0.0/24' }), 'AIRA_E_CIDR_TOO_SMALL'],
      ['a block with host bits set', () => build({ cidr: '10.0.0.5/16' }), 'AIRA_E_INVALID_CIDR'],
      ['a zone of another region', () => build({ zones: ['eu-west-1a'] }), 'AIRA_E_UNKNOWN_ZONE'],
      ['five zones', () => build({ zones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e'] }), 'AIRA_E_INVALID_PROP'],
      ['an unknown plane in allow', () => build().net.allow('training', 'gpu' as never, 443, 'a reason long enough'), 'AIRA_E_UNKNOWN_PLANE'],
      ['a plane the network lacks', () => build({ planes: ['training', 'data'] }).net.allow('training', 'quantum', 443, 'a reason long enough'), 'AIRA_E_UNKNOWN_PLANE'],
      ['a flow without a real reason', () => build().net.allow('training', 'data', 443, 'because'), 'AIRA_E_INVALID_FLOW'],
      ['a flow to the same plane', () => build().net.allow('data', 'data', 443, 'a reason long enough'), 'AIRA_E_INVALID_FLOW'],
      ['port 0', () => build().net.allow('training', 'data', 0, 'a reason long enough'), 'AIRA_E_INVALID_FLOW'],
      ['public ingress to the protected plane', () => build({ publicIngress: [{ plane: 'protected', port: 443, reason: 'should never be allowed' }] }), 'AIRA_E_PUBLIC_EXPOSURE'],
      ['public ingress to the training plane', () => build({ publicIngress: [{ plane: 'training', port: 22, reason: 'ssh from anywhere to nodes' }] }), 'AIRA_E_PUBLIC_EXPOSURE'],
      ['a bad tag value', () => build({ tags: { owner: 'ml<platform>' } }), 'AIRA_E_INVALID_TAG'],
      ['a name with spaces', () => build({ name: 'my network' }), 'AIRA_E_INVALID_NAME'],
    ])('%s', (_name, fn, code) => {
      expect(errorCodeOf(fn)).toBe(code);
    });

    test('the error names the construct path and the fix', () => {
      try {
        build({ cidr: '10.0.0.0/24' });
        throw new Error('no error');
      } catch (e) {
        expect(AiraError.isAiraError(e)).toBe(true);
        expect((e as Error).message).toBe(
          'AIRA_E_CIDR_TOO_SMALL: net-test/net: 10.0.0.0/24 leaves /29 subnets for 5 planes x 3 zones, below the /28 minimum. Fix: use a base block of /23 or larger (for example 10.0.0.0/16)',
        );
        expect((e as Error).stack).toBe(`AiraError: ${(e as Error).message}`);
      }
    });
  });
});
