import { App, Testing } from 'cdktf';
import { awsKit } from '../../lib/aws';
import { CloudKit } from '../../lib/core/kit';
import { gcpKit } from '../../lib/gcp';
import { LEVEL2_DEFAULT_HOT_GIB, Level2Platform, Level2PlatformProps } from '../../lib/platform/level2';
import { level2Aws } from '../../examples/level2-aws';
import { level2Gcp } from '../../examples/level2-gcp';
import { SynthView, errorCodeOf, synthView, testApp } from '../helpers/synth';

const TODAY = '2026-11-22';
const aws = (zones = ['us-east-1a', 'us-east-1b'], region = 'us-east-1') => awsKit({ region, zones });
const gcp = (zones = ['europe-west4-a', 'europe-west4-b']) => gcpKit({ project: 'acme-ml', region: 'europe-west4', zones });

function app(): App {
  const a = testApp();
  a.node.setContext('aira:today', TODAY);
  return a;
}

function build(kit: CloudKit, extra: Partial<Level2PlatformProps> = {}, a: App = app()) {
  const l2 = new Level2Platform(a, 'l2', { kit, cidr: '10.14.0.0/16', ...extra });
  return { app: a, l2, v: () => synthView(l2.stack) };
}

/** Data roles a grant policy names (by the bucket resources it references) and whether it writes. */
function awsGrants(v: SynthView): Array<{ pool: string; roles: string[]; writes: boolean }> {
  return Object.entries(v.of('aws_iam_role_policy'))
    .filter(([id]) => id.includes('storage_grant-'))
    .map(([, p]) => ({
      pool: /aws_iam_role\.platform_([a-z]+)_nodes/.exec(p.role)![1],
      roles: [...new Set([...String(p.policy).matchAll(/platform_storage_([a-z-]+)_bucket/g)].map((m) => m[1]))].sort(),
      writes: /s3:PutObject/.test(p.policy),
    }));
}

describe('Level2Platform on AWS', () => {
  test('one stack with the key, the segmented network, the storage tiers and three pools on their planes', () => {
    const a = app();
    const { l2, v } = build(aws(), {}, a);
    expect(a.node.children.map((c) => c.node.id)).toEqual(['l2']);
    expect(l2.stack.node.id).toBe('l2');
    expect(l2.cloud).toBe('aws');
    expect(l2.network.zones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(l2.storage.roles).toEqual(['data-lake', 'model-registry', 'artifacts', 'checkpoints']);
    const caps = Object.fromEntries(l2.capabilities.map((c) => [c.workload, c]));
    expect(caps.training).toMatchObject({ sku: 'p5.48xlarge', plane: 'training', zones: ['us-east-1a'], fabric: 'efa', placement: 'cluster', nodes: { min: 2, desired: 2, max: 2 } });
    expect(caps.preprocessing).toMatchObject({ sku: 'c7i.48xlarge', family: 'cpu', plane: 'data', nodes: { min: 1, desired: 1, max: 1 } });
    expect(caps.inference).toMatchObject({ sku: 'g6e.12xlarge', plane: 'inference', zones: ['us-east-1a', 'us-east-1b'], fabric: 'ethernet' });
    expect(l2.pools.inference.capabilities).toBe(caps.inference);
    const s = v();
    // Manual scaling: no scheduled actions; each pool is its own group.
    expect(s.count('aws_autoscaling_group')).toBe(3);
    expect(s.count('aws_autoscaling_schedule')).toBe(0);
    expect(s.count('aws_s3_bucket')).toBe(5); // four roles and the access log bucket
    const fsx = s.list('aws_fsx_lustre_file_system');
    expect(fsx).toHaveLength(1);
    expect(fsx[0]).toMatchObject({ storage_capacity: LEVEL2_DEFAULT_HOT_GIB.aws, deployment_type: 'PERSISTENT_2', lifecycle: { prevent_destroy: true } });
    // The platform key and the network's flow-log key, no other.
    expect(s.count('aws_kms_key')).toBe(2);
    expect(s.json.provider.aws[0].region).toBe('us-east-1');
  });

  test('the inference pool sits in two zones behind an internal NLB attached to its Auto Scaling group', () => {
    const { l2, v } = build(aws());
    const s = v();
    const lb = s.list('aws_lb');
    expect(lb).toHaveLength(1);
    expect(lb[0]).toMatchObject({ internal: true, load_balancer_type: 'network', enable_cross_zone_load_balancing: true, enable_deletion_protection: true });
    const inferenceSubnets = Object.keys(s.of('aws_subnet')).filter((k) => k.includes('inference'));
    expect(lb[0].subnets).toHaveLength(2);
    for (const sub of lb[0].subnets) expect(inferenceSubnets.some((k) => sub === `\${aws_subnet.${k}.id}`)).toBe(true);
    expect(lb[0].security_groups).toEqual([expect.stringMatching(/aws_security_group\.platform_network_.*inference.*\.id/)]);
    expect(s.list('aws_lb_listener')[0]).toMatchObject({ port: 443, protocol: 'TCP', default_action: [expect.objectContaining({ type: 'forward' })] });
    expect(s.list('aws_lb_target_group')[0]).toMatchObject({ protocol: 'TCP', port: 443, target_type: 'instance', health_check: expect.objectContaining({ protocol: 'TCP', port: '443' }) });
    const asg = Object.entries(s.of('aws_autoscaling_group')).find(([id]) => id.includes('inference'))!;
    expect(asg[1].vpc_zone_identifier).toHaveLength(2);
    expect(s.list('aws_autoscaling_attachment')).toEqual([expect.objectContaining({ autoscaling_group_name: `\${aws_autoscaling_group.${asg[0]}.name}` })]);
    expect(l2.endpoint).toMatchObject({ cloud: 'aws', port: 443, zones: ['us-east-1a', 'us-east-1b'] });
    expect(l2.endpoint.address).toMatch(/^\$\{TfToken/);
  });

  test('flows: management clients to the inference port, training to Lustre; nothing from inference to data', () => {
    const { l2 } = build(aws());
    const keys = l2.network.flows.map((f) => f.key);
    expect(keys).toContain('management-to-inference-tcp-443');
    expect(keys).toContain('training-to-data-tcp-988');
    expect(l2.network.flows.filter((f) => f.from === 'inference')).toEqual([]);
    expect(l2.network.flows.filter((f) => f.to === 'data').every((f) => f.from === 'training')).toBe(true);
  });

  test('grants: preprocessing reads and writes the lake, training reads the lake and writes checkpoints, artifacts and the registry, inference reads the registry', () => {
    const grants = awsGrants(build(aws()).v());
    expect(grants).toEqual(
      expect.arrayContaining([
        { pool: 'preprocessing', roles: ['data-lake'], writes: true },
        { pool: 'training', roles: ['data-lake'], writes: false },
        { pool: 'training', roles: ['artifacts', 'checkpoints', 'model-registry'], writes: true },
        { pool: 'inference', roles: ['model-registry'], writes: false },
      ]),
    );
    expect(grants).toHaveLength(4);
  });

  test('user choices: SKUs, sizes, port and client planes; a feature store is wired between preprocessing and training', () => {
    const { l2, v } = build(aws(['us-east-1a', 'us-east-1b', 'us-east-1c']), {
      training: { sku: 'trn1.32xlarge', nodes: 4 },
      inference: { sku: 'inf2.48xlarge', nodes: 3, port: 8443, clients: ['management', 'training'] },
      storage: { objectTiers: ['data-lake', 'feature-store', 'model-registry', 'checkpoints'], hotCapacityGib: 4800 },
    });
    expect(l2.pools.training.capabilities).toMatchObject({ sku: 'trn1.32xlarge', nodes: { max: 4 } });
    expect(l2.pools.inference.capabilities).toMatchObject({ sku: 'inf2.48xlarge', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    expect(l2.network.flows.map((f) => f.key)).toEqual(expect.arrayContaining(['management-to-inference-tcp-8443', 'training-to-inference-tcp-8443']));
    const s = v();
    expect(s.list('aws_lb')[0].subnets).toHaveLength(3);
    expect(s.list('aws_lb_listener')[0].port).toBe(8443);
    expect(s.list('aws_fsx_lustre_file_system')[0].storage_capacity).toBe(4800);
    const grants = awsGrants(s);
    expect(grants).toContainEqual({ pool: 'preprocessing', roles: ['data-lake', 'feature-store'], writes: true });
    expect(grants).toContainEqual({ pool: 'training', roles: ['data-lake', 'feature-store'], writes: false });
    expect(grants).toContainEqual({ pool: 'training', roles: ['checkpoints', 'model-registry'], writes: true });
  });

  test('the policy guard is on the stack by default and can be turned off', () => {
    expect(build(aws()).l2.guard).toBeDefined();
    expect(build(aws(), { policyGuard: false }).l2.guard).toBeUndefined();
  });

  test('synthesizes the same JSON twice', () => {
    const once = () => Testing.synth(build(aws()).l2.stack);
    expect(once()).toEqual(once());
  });
});

describe('Level2Platform on Google Cloud', () => {
  test('pools on their planes, A3 Mega training with TCPXO, inference across two zones', () => {
    const { l2, v } = build(gcp());
    const caps = Object.fromEntries(l2.capabilities.map((c) => [c.workload, c]));
    expect(caps.training).toMatchObject({ cloud: 'gcp', sku: 'a3-megagpu-8g', plane: 'training', fabric: 'gpudirect-tcpxo', placement: 'cluster' });
    expect(caps.preprocessing).toMatchObject({ sku: 'c3-standard-88', plane: 'data' });
    expect(caps.inference).toMatchObject({ sku: 'a2-highgpu-8g', plane: 'inference', zones: ['europe-west4-a', 'europe-west4-b'] });
    const s = v();
    const regional = s.list('google_compute_region_instance_group_manager');
    expect(regional).toHaveLength(1);
    expect(regional[0].distribution_policy_zones).toEqual(['europe-west4-a', 'europe-west4-b']);
    expect(s.count('google_compute_autoscaler') + s.count('google_compute_region_autoscaler')).toBe(0);
    expect(s.list('google_lustre_instance')[0]).toMatchObject({ capacity_gib: String(LEVEL2_DEFAULT_HOT_GIB.gcp) });
  });

  test('an internal passthrough NLB: INTERNAL backend service on the inference group, forwarding rule on the inference subnet, health-check firewall', () => {
    const { l2, v } = build(gcp());
    const s = v();
    const migId = Object.keys(s.of('google_compute_region_instance_group_manager'))[0];
    const be = s.list('google_compute_region_backend_service');
    expect(be).toEqual([
      expect.objectContaining({
        load_balancing_scheme: 'INTERNAL',
        protocol: 'TCP',
        region: 'europe-west4',
        backend: [{ group: `\${google_compute_region_instance_group_manager.${migId}.instance_group}`, balancing_mode: 'CONNECTION' }],
        log_config: { enable: true, sample_rate: 1 },
      }),
    ]);
    const fr = s.list('google_compute_forwarding_rule');
    expect(fr).toEqual([expect.objectContaining({ load_balancing_scheme: 'INTERNAL', ip_protocol: 'TCP', ports: ['443'], allow_global_access: false })]);
    const inferenceSubnet = Object.keys(s.of('google_compute_subnetwork')).find((k) => k.includes('inference'))!;
    expect(fr[0].subnetwork).toBe(`\${google_compute_subnetwork.${inferenceSubnet}.self_link}`);
    expect(s.list('google_compute_region_health_check')[0].tcp_health_check).toEqual({ port: 443 });
    const hc = s.list('google_compute_firewall').filter((f) => (f.source_ranges ?? []).includes('35.191.0.0/16'));
    expect(hc).toHaveLength(1);
    expect(hc[0]).toMatchObject({ direction: 'INGRESS', source_ranges: ['35.191.0.0/16', '130.211.0.0/22'], allow: [{ protocol: 'tcp', ports: ['443'] }] });
    expect(hc[0].target_tags).toEqual([expect.stringMatching(/infer/)]);
    expect(l2.endpoint).toMatchObject({ cloud: 'gcp', port: 443, zones: ['europe-west4-a', 'europe-west4-b'] });
  });

  test('grants as bucket IAM bindings: viewer for reads, user for writes, per pool service account', () => {
    const s = build(gcp()).v();
    const bindings = s
      .list('google_storage_bucket_iam_member')
      .filter((b) => String(b.member).startsWith('serviceAccount:'))
      .map((b) => ({
        pool: /google_service_account\.platform_([a-z]+)_identity/.exec(b.member)![1],
        role: b.role,
        bucket: /platform_storage_([a-z-]+?)(?:_bucket)?_[A-F0-9]{8}/.exec(b.bucket)?.[1] ?? b.bucket,
      }))
      .map((b) => `${b.pool} ${b.role} ${b.bucket}`)
      .sort();
    expect(bindings).toEqual(
      [
        'inference roles/storage.objectViewer model-registry',
        'preprocessing roles/storage.objectUser data-lake',
        'training roles/storage.objectUser artifacts',
        'training roles/storage.objectUser checkpoints',
        'training roles/storage.objectUser model-registry',
        'training roles/storage.objectViewer data-lake',
      ].sort(),
    );
  });

  test('synthesizes the same JSON twice', () => {
    const once = () => Testing.synth(build(gcp()).l2.stack);
    expect(once()).toEqual(once());
  });
});

describe('Level2Platform: bad input', () => {
  test.each<[string, () => unknown, string]>([
    ['a kit with one zone (inference needs two)', () => build(aws(['us-east-1a'])), 'AIRA_E_INVALID_PROP'],
    ['a Google kit with one zone', () => build(gcp(['europe-west4-a'])), 'AIRA_E_INVALID_PROP'],
    ['inference pinned to one zone', () => build(aws(), { inference: { zones: ['us-east-1a'] } }), 'AIRA_E_INVALID_PROP'],
    ['no kit', () => new Level2Platform(app(), 'l2', { cidr: '10.14.0.0/16' } as unknown as Level2PlatformProps), 'AIRA_E_MISSING_PROP'],
    ['a name too long for the pool names', () => build(aws(), { name: 'a-platform-name-of-25-chr' }), 'AIRA_E_INVALID_NAME'],
    ['no default inference SKU in the region', () => build(aws(['ca-central-1a', 'ca-central-1b'], 'ca-central-1')), 'AIRA_E_UNAVAILABLE_IN_REGION'],
    ['a training SKU of another cloud', () => build(aws(), { training: { sku: 'a3-megagpu-8g' } }), 'AIRA_E_SKU_WRONG_CLOUD'],
    ['clients on the inference plane itself', () => build(aws(), { inference: { clients: ['inference'] } }), 'AIRA_E_INVALID_FLOW'],
    ['a hot tier size the service does not offer', () => build(aws(), { storage: { hotCapacityGib: 1000 } }), 'AIRA_E_STORAGE_SIZE'],
  ])('%s', (_name, fn, code) => {
    expect(errorCodeOf(fn)).toBe(code);
  });

  test('a kit refuses to balance a pool of another cloud', () => {
    const { l2 } = build(aws());
    const g = gcp();
    const stack = g.createStack(app(), 'other');
    const network = g.createNetwork(stack, 'net', { cidr: '10.50.0.0/16' });
    expect(errorCodeOf(() => aws().createInternalLoadBalancer(l2, 'lb2', { network: l2.network, pool: { capabilities: { ...l2.pools.inference.capabilities, cloud: 'gcp' }, identity: { cloud: 'gcp', email: 'x@y' } }, port: 443 }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => g.createInternalLoadBalancer(stack, 'lb', { network, pool: l2.pools.inference, port: 443 }))).toBe('AIRA_E_INVALID_PROP');
  });
});

describe('Level 2 examples', () => {
  test('level2-aws: the platform in us-east-1 with a Trainium pool beside it', () => {
    const a = app();
    const stack = level2Aws(a);
    expect(stack.node.id).toBe('level2-aws');
    const s = synthView(stack);
    expect(s.json.provider.aws[0].region).toBe('us-east-1');
    expect(s.list('aws_launch_template').map((t) => t.instance_type).sort()).toEqual(['c7i.48xlarge', 'g6e.12xlarge', 'p5.48xlarge', 'trn1.32xlarge']);
    expect(s.list('aws_vpc')[0].cidr_block).toBe('10.14.0.0/16');
  });

  test('level2-gcp: the platform in europe-west4 with a TPU v5p slice beside it', () => {
    const a = app();
    const stack = level2Gcp(a);
    expect(stack.node.id).toBe('level2-gcp');
    const s = synthView(stack);
    expect(s.list('google_container_node_pool')).toHaveLength(1);
    expect(s.list('google_compute_instance_template').map((t) => t.machine_type).sort()).toEqual(['a2-highgpu-8g', 'a3-megagpu-8g', 'c3-standard-88']);
  });
});
