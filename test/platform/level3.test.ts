import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { awsKit } from '../../lib/aws';
import { CloudKit } from '../../lib/core/kit';
import { gcpKit } from '../../lib/gcp';
import { Level3Platform, Level3PlatformProps } from '../../lib/platform/level3';
import { REGISTRY_FILE, REGISTRY_OBJECT_KEY, registryJson } from '../../lib/platform/registry';
import { flavorNodeLabels, nodeTaints } from '../../lib/platform/scheduling';
import { parseYaml } from '../../lib/policy/yaml';
import { level3Hybrid } from '../../examples/level3-hybrid';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const TODAY = '2026-11-22';
const aws = () => awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
const gcp = () => gcpKit({ project: 'acme-ml', region: 'europe-west4', zones: ['europe-west4-a', 'europe-west4-b'] });

function app(): App {
  const a = testApp();
  a.node.setContext('aira:today', TODAY);
  return a;
}

function build(kit: CloudKit, extra: Partial<Level3PlatformProps> = {}, a: App = app()) {
  const l3 = new Level3Platform(a, 'l3', { kit, cidr: '10.35.0.0/16', ...extra });
  return { app: a, l3, v: () => synthView(l3.stack) };
}

describe('Level3Platform on Google Cloud', () => {
  test('a GPU pool, a quantum simulator and a neuromorphic grid, the simulators said to be simulators', () => {
    const { l3 } = build(gcp());
    const byName = Object.fromEntries(l3.capabilities.map((c) => [c.name, c]));
    expect(byName['l3-gpu']).toMatchObject({ sku: 'a3-highgpu-8g', family: 'gpu', plane: 'training', nodes: { min: 0, desired: 0, max: 2 } });
    expect(byName['l3-qsim']).toMatchObject({ sku: 'c3-standard-88', family: 'cpu', simulates: 'quantum', workload: 'simulation', plane: 'quantum' });
    expect(byName['l3-neuro']).toMatchObject({ sku: 'c3-standard-88', family: 'cpu', simulates: 'neuromorphic', plane: 'training' });
    expect(l3.network.planes).toContain('quantum');
    // Google has no managed quantum service: nothing deployed, and the registry says so.
    expect(l3.quantumAccess).toMatchObject({ cloud: 'gcp', simulatorOnly: true });
    expect(l3.registry.document.quantumAccess[0].description).toMatch(/no managed quantum service/);
  });

  test('the registry is an object of the model registry bucket with the exact document bytes', () => {
    const { l3, v } = build(gcp());
    const objs = v().list('google_storage_bucket_object');
    expect(objs).toHaveLength(1);
    expect(objs[0]).toMatchObject({ name: REGISTRY_OBJECT_KEY, content: registryJson(l3.registry.document), content_type: 'application/json' });
    expect(objs[0].bucket).toMatch(/google_storage_bucket\.platform_storage_model-registry_bucket_/);
    expect(l3.registry.document.pools.map((p) => p.name)).toEqual(['l3-gpu', 'l3-neuro', 'l3-qsim']);
  });

  test('the scheduler is a private GKE cluster with one labelled, tainted node pool per class and a system pool', () => {
    const { l3, v } = build(gcp());
    const s = v();
    const clusters = s.list('google_container_cluster');
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      private_cluster_config: expect.objectContaining({ enable_private_nodes: true, enable_private_endpoint: true }),
      master_authorized_networks_config: expect.objectContaining({ gcp_public_cidrs_access_enabled: false }),
      database_encryption: { state: 'ENCRYPTED', key_name: expect.stringMatching(/google_kms_crypto_key\.platform_key/) },
      remove_default_node_pool: true,
    });
    expect(l3.scheduler).toMatchObject({ cloud: 'gcp', endpointPrivate: true });
    const pools = s.list('google_container_node_pool');
    expect(pools.map((p) => p.name).sort()).toEqual(['l3-gpu', 'l3-neuro', 'l3-qsim', 'system']);
    for (const c of l3.capabilities) {
      const np = pools.find((p) => p.name === c.name)!;
      // The Kueue flavor's node labels and taints are on the node pool.
      expect(np.node_config.labels).toEqual(expect.objectContaining(flavorNodeLabels(c)));
      expect(np.node_config.taint).toEqual(nodeTaints(c).map((t) => ({ key: t.key, value: t.value, effect: 'NO_SCHEDULE' })));
      expect(np.autoscaling).toEqual({ total_min_node_count: 0, total_max_node_count: c.nodes.max, location_policy: 'ANY' });
      expect(np.node_config).toMatchObject({ machine_type: c.sku, workload_metadata_config: { mode: 'GKE_METADATA' }, boot_disk_kms_key: expect.stringMatching(/platform_key/) });
      expect(np.node_config.labels['aira.io/power-kw']).toBe(String(c.powerKwAtMax / c.nodes.max));
      expect(np.node_config.labels['aira.io/grid-gco2-per-kwh']).toBe('194.35');
    }
    const system = pools.find((p) => p.name === 'system')!;
    expect(system.node_config.taint).toBeUndefined();
    expect(system.autoscaling).toMatchObject({ total_min_node_count: 1 });
  });

  test('pools carry power and carbon labels on their own resources', () => {
    const s = build(gcp()).v();
    const templates = s.withId('google_compute_instance_template', 'quantum-simulator');
    expect(templates.length).toBeGreaterThan(0);
    expect(templates[0].labels).toMatchObject({ 'aira-power-kw-per-node': '0_6', 'aira-grid-gco2-per-kwh': '194_35', 'aira-simulated': 'quantum', 'aira-level': 'level-3' });
  });

  test('synth writes the registry and the Kueue manifests; flavors follow carbon when asked', () => {
    const { app: a, l3 } = build(gcp(), { scheduler: { carbonAware: true } });
    a.synth();
    const registry = JSON.parse(fs.readFileSync(path.join(a.outdir, REGISTRY_FILE), 'utf8'));
    expect(registry.stacks).toEqual(['l3']);
    expect(registry.pools).toEqual(JSON.parse(registryJson(l3.registry.document)).pools);
    const dir = path.join(a.outdir, 'stacks', 'l3', 'kueue');
    expect(fs.readdirSync(dir).sort()).toEqual(['00-namespaces.yaml', '10-resource-flavors.yaml', '20-cluster-queue.yaml', '30-local-queues.yaml']);
    const cq = parseYaml(fs.readFileSync(path.join(dir, '20-cluster-queue.yaml'), 'utf8').replace(/^---\n/, '')) as any;
    // Same grid in one region: carbon per node-hour follows power (0.6 kW simulators before the 10.2 kW GPU nodes).
    expect(cq.spec.resourceGroups[0].flavors.map((f: any) => f.name)).toEqual(['l3-neuro', 'l3-qsim', 'l3-gpu']);
    expect(l3.kueue!.orderedBy).toBe('carbon');
  });

  test('scheduler off: no cluster, no manifests; the registry stays', () => {
    const { l3, v } = build(gcp(), { scheduler: false });
    expect(l3.scheduler).toBeUndefined();
    expect(l3.kueue).toBeUndefined();
    const s = v();
    expect(s.count('google_container_cluster')).toBe(0);
    expect(s.count('google_storage_bucket_object')).toBe(1);
  });
});

describe('Level3Platform on AWS', () => {
  test('the scheduler is an EKS cluster with a private endpoint only, encrypted secrets and control plane logs', () => {
    const { l3, v } = build(aws());
    const s = v();
    const eks = s.list('aws_eks_cluster');
    expect(eks).toHaveLength(1);
    expect(eks[0]).toMatchObject({
      name: 'l3-sched',
      vpc_config: expect.objectContaining({ endpoint_private_access: true, endpoint_public_access: false }),
      encryption_config: { provider: { key_arn: expect.stringMatching(/aws_kms_key\.platform_key/) }, resources: ['secrets'] },
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      access_config: expect.objectContaining({ authentication_mode: 'API' }),
    });
    expect(eks[0].vpc_config.subnet_ids).toHaveLength(2);
    expect(s.list('aws_cloudwatch_log_group').some((g) => g.name === '/aws/eks/l3-sched/cluster' && /platform_key/.test(g.kms_key_id))).toBe(true);
    expect(l3.scheduler).toMatchObject({ cloud: 'aws', name: 'l3-sched', endpointPrivate: true });
    expect(s.withId('aws_iam_role', 'scheduler_cluster-role')[0].assume_role_policy).toContain('"Service":"eks.amazonaws.com"');
    expect(s.withId('aws_iam_role_policy_attachment', 'scheduler_cluster-').map((x) => x.policy_arn)).toEqual([expect.stringMatching(/:iam::aws:policy\/AmazonEKSClusterPolicy$/)]);
  });

  test('one managed node group per class, labelled and tainted as the flavors expect, scaling from zero', () => {
    const { l3, v } = build(aws());
    const s = v();
    const groups = s.list('aws_eks_node_group');
    expect(groups.map((g) => g.node_group_name).sort()).toEqual(['l3-gpu', 'l3-neuro', 'l3-qsim', 'system']);
    for (const c of l3.capabilities) {
      const g = groups.find((x) => x.node_group_name === c.name)!;
      expect(g.labels).toEqual(expect.objectContaining(flavorNodeLabels(c)));
      expect(g.taint).toEqual(nodeTaints(c).map((t) => ({ key: t.key, value: t.value, effect: 'NO_SCHEDULE' })));
      expect(g.scaling_config).toEqual({ min_size: 0, desired_size: 0, max_size: c.nodes.max });
      expect(g.instance_types).toEqual([c.sku]);
      expect(g.ami_type).toBe(c.family === 'gpu' ? 'AL2023_x86_64_NVIDIA' : 'AL2023_x86_64_STANDARD');
    }
    const templates = s.list('aws_launch_template').filter((t) => String(t.name).startsWith('l3-sched-'));
    expect(templates).toHaveLength(4);
    for (const t of templates) expect(t.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
  });

  test('the registry object is SSE-KMS in the model registry bucket, Braket access is built, pools carry energy tags', () => {
    const { l3, v } = build(aws());
    const s = v();
    const obj = s.list('aws_s3_object');
    expect(obj).toEqual([expect.objectContaining({ key: REGISTRY_OBJECT_KEY, content: registryJson(l3.registry.document), server_side_encryption: 'aws:kms' })]);
    expect(obj[0].bucket).toMatch(/platform_storage_model-registry_bucket/);
    expect(l3.quantumAccess?.cloud).toBe('aws');
    expect(s.list('aws_s3_bucket').some((b) => String(b.bucket).startsWith('amazon-braket-'))).toBe(true);
    const gpuTemplate = s.withId('aws_launch_template', 'platform_gpu')[0];
    expect(gpuTemplate.tags).toMatchObject({ 'aira:power-kw-per-node': '10.2', 'aira:power-kw-at-max': '20.4', 'aira:grid-gco2-per-kwh': '379.1', 'aira:simulated': 'false', 'aira:level': 'level-3' });
  });

  test('the example builds level3-aws with carbon-ordered flavors for two namespaces', () => {
    const a = app();
    const stack = level3Hybrid(a);
    expect(stack.node.id).toBe('level3-aws');
    a.synth();
    const text = fs.readFileSync(path.join(a.outdir, 'stacks', 'level3-aws', 'kueue', '30-local-queues.yaml'), 'utf8');
    expect(text.match(/namespace: (\S+)/g)).toEqual(['namespace: quantum-lab', 'namespace: research']);
    const json = JSON.parse(fs.readFileSync(path.join(a.outdir, 'stacks', 'level3-aws', 'cdk.tf.json'), 'utf8'));
    expect(json.provider.aws[0].region).toBe('us-east-1');
  });
});

describe('Level3Platform bad input', () => {
  test('codes', () => {
    expect(errorCodeOf(() => new Level3Platform(app(), 'l3', { cidr: '10.35.0.0/16' } as any))).toBe('AIRA_E_MISSING_PROP');
    expect(errorCodeOf(() => build(gcp(), { objectTiers: ['data-lake', 'artifacts'] }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => build(gcp(), { name: 'a-very-long-platform-name' }))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => build(gcpKit({ project: 'acme-ml', region: 'us-central2', zones: ['us-central2-b'] })))).toBe('AIRA_E_UNAVAILABLE_IN_REGION');
    expect(errorCodeOf(() => build(gcp(), { quantumAccess: { providers: [{ id: 'ionq', sku: 'pay-as-you-go' }] } }))).toBe('AIRA_E_UNSUPPORTED_OPTION');
    expect(errorCodeOf(() => build(gcp(), { scheduler: { namespaces: ['Not_OK'] } }))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => build(awsKit({ region: 'us-east-1', zones: ['us-east-1a'] })))).toBe('AIRA_E_INVALID_PROP');
  });

  test('deterministic: two builds give the same stack and the same registry', () => {
    const one = build(gcp());
    const two = build(gcp());
    expect(JSON.stringify(one.v().json)).toBe(JSON.stringify(two.v().json));
    expect(registryJson(one.l3.registry.document)).toBe(registryJson(two.l3.registry.document));
  });
});
