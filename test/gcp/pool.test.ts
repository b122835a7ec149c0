import { Testing } from 'cdktf';
import { Capacity } from '../../lib/core/compute';
import { AcceleratorPool, GcpAcceleratorPoolProps, GcpKey, GcpStack, SegmentedNetwork, TpuCluster, checkGkeTopology } from '../../lib/gcp';
import { findSku } from '../../lib/core/catalog/lookup';
import { computeGcp } from '../../examples/compute-gcp';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const zones = ['us-east5-a', 'us-east5-b'];

function build(props: Partial<GcpAcceleratorPoolProps> = {}, region = 'us-east5') {
  const app = testApp();
  const stack = new GcpStack(app, 'pool-test', { project: 'acme-ml', region });
  const net = new SegmentedNetwork(stack, 'net', { cidr: '10.31.0.0/16', zones: region === 'us-east5' ? zones : [`${region}-a`, `${region}-b`] });
  const key = new GcpKey(stack, 'key');
  const pool = new AcceleratorPool(stack, 'train', { network: net, key, sku: 'a3-megagpu-8g', nodes: 4, ...props });
  return { app, stack, net, key, pool };
}

describe('Google Cloud AcceleratorPool: GPU instance groups', () => {
  test('A3 Mega with the fabric: nic0 on the plane, 8 GPU NICs on dedicated networks carved from the fabric block', () => {
    const { stack } = build();
    const v = synthView(stack);
    const [template] = v.list('google_compute_instance_template');
    expect(template.machine_type).toBe('a3-megagpu-8g');
    expect(template.network_interface).toHaveLength(9);
    expect(template.network_interface[0]).toEqual({ subnetwork: expect.stringMatching(/^\$\{google_compute_subnetwork\.net_subnet-training_.*\.self_link\}$/), nic_type: 'GVNIC', stack_type: 'IPV4_ONLY' });
    for (const nic of template.network_interface) expect(nic.access_config).toBeUndefined();
    const gpuNets = v.list('google_compute_network').filter((n) => n.name.startsWith('train-gpu-'));
    expect(gpuNets).toHaveLength(8);
    for (const n of gpuNets) expect(n).toMatchObject({ mtu: 8244, auto_create_subnetworks: false, delete_default_routes_on_create: true });
    const ranges = v.list('google_compute_subnetwork').filter((s) => s.name.startsWith('train-gpu-')).map((s) => s.ip_cidr_range).sort();
    expect(ranges).toEqual(['10.31.224.0/24', '10.31.225.0/24', '10.31.226.0/24', '10.31.227.0/24', '10.31.228.0/24', '10.31.229.0/24', '10.31.230.0/24', '10.31.231.0/24']);
    // Only intra-pool traffic on the GPU networks: allow from the own subnet to the pool tag, deny everything else.
    const rules = v.list('google_compute_firewall').filter((r) => r.name.startsWith('train-gpu-0-'));
    expect(rules.find((r) => r.name === 'train-gpu-0-allow-pool-in')).toMatchObject({ source_ranges: ['10.31.224.0/24'], target_tags: ['train-node'], direction: 'INGRESS' });
    expect(rules.find((r) => r.name === 'train-gpu-0-deny-in')).toMatchObject({ priority: 65534, deny: [{ protocol: 'all' }] });
    expect(rules.find((r) => r.name === 'train-gpu-0-deny-out')).toMatchObject({ direction: 'EGRESS', deny: [{ protocol: 'all' }] });
  });

  test('A3 High gets 4 GPU NICs; A3 Ultra 8 MRDMA NICs in one RoCE network plus a second gVNIC', () => {
    const high = synthView(build({ sku: 'a3-highgpu-8g' }).stack);
    expect(high.list('google_compute_instance_template')[0].network_interface).toHaveLength(5);
    const ultra = synthView(build({ sku: 'a3-ultragpu-8g', zones: ['us-central1-a'] }, 'us-central1').stack);
    const nics = ultra.list('google_compute_instance_template')[0].network_interface;
    expect(nics.map((n: any) => n.nic_type)).toEqual(['GVNIC', 'GVNIC', ...Array(8).fill('MRDMA')]);
    const rdma = ultra.list('google_compute_network').find((n) => n.name === 'train-rdma');
    expect(rdma).toMatchObject({ network_profile: 'projects/acme-ml/global/networkProfiles/us-central1-a-vpc-roce', mtu: 8896 });
    expect(ultra.list('google_compute_subnetwork').filter((s) => s.name.startsWith('train-rdma-'))).toHaveLength(8);
  });

  test('hardening: Shielded VM, OS Login, TERMINATE on maintenance, CMEK disks, dedicated service account, plane tag', () => {
    const { stack } = build({ dataDiskGb: 1000 });
    const v = synthView(stack);
    const t = v.list('google_compute_instance_template')[0];
    expect(t.shielded_instance_config).toEqual({ enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true });
    expect(t.metadata).toMatchObject({ 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE' });
    expect(t.scheduling).toMatchObject({ on_host_maintenance: 'TERMINATE', automatic_restart: true, provisioning_model: 'STANDARD' });
    expect(t.disk).toHaveLength(2);
    for (const d of t.disk) expect(d.disk_encryption_key).toEqual({ kms_key_self_link: expect.stringMatching(/^\$\{google_kms_crypto_key\.key_.*\.id\}$/) });
    expect(t.tags).toEqual(['net-training', 'train-node']);
    expect(t.service_account.email).toMatch(/google_service_account\.train_identity_account.*\.email/);
    expect(t.service_account.scopes).toEqual(['cloud-platform']);
    expect(t.can_ip_forward).toBe(false);
    // Minimal project roles; the Compute Engine service agent may use the key, before the template exists.
    expect(v.list('google_project_iam_member').map((m) => m.role).sort()).toEqual(['roles/logging.logWriter', 'roles/monitoring.metricWriter']);
    const grant = v.list('google_kms_crypto_key_iam_member').find((g) => g.member.includes('compute-system'));
    expect(grant).toMatchObject({ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' });
    expect(t.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
  });

  test('compact placement for multi-node training, none on reserved capacity; a specific reservation is targeted by name', () => {
    const v = synthView(build().stack);
    expect(v.list('google_compute_resource_policy')).toEqual([expect.objectContaining({ region: 'us-east5', group_placement_policy: { collocation: 'COLLOCATED' } })]);
    const t = v.list('google_compute_instance_template')[0];
    expect(t.resource_policies).toEqual([expect.stringMatching(/google_compute_resource_policy\..*\.self_link/)]);
    expect(t.reservation_affinity).toEqual({ type: 'ANY_RESERVATION' });
    const r = synthView(build({ capacity: Capacity.reservation({ id: 'a3m-res', zone: 'us-east5-a', instances: 8 }) }).stack);
    expect(r.count('google_compute_resource_policy')).toBe(0);
    expect(r.list('google_compute_instance_template')[0].reservation_affinity).toEqual({
      type: 'SPECIFIC_RESERVATION',
      specific_reservation: { key: 'compute.googleapis.com/reservation-name', values: ['a3m-res'] },
    });
  });

  test('Spot: SPOT provisioning, termination action, max run duration, no reservation', () => {
    const v = synthView(build({ capacity: Capacity.spot(), terminationAction: 'STOP', maxRunDurationSeconds: 86400 }).stack);
    const t = v.list('google_compute_instance_template')[0];
    expect(t.scheduling).toMatchObject({ provisioning_model: 'SPOT', preemptible: true, automatic_restart: false, instance_termination_action: 'STOP', max_run_duration: { seconds: 86400 } });
    expect(t.reservation_affinity).toEqual({ type: 'NO_RESERVATION' });
  });

  test('a one-zone pool is a zonal group of fixed size; a multi-zone inference pool is a regional group', () => {
    const v = synthView(build().stack);
    expect(v.list('google_compute_instance_group_manager')).toEqual([expect.objectContaining({ zone: 'us-east5-a', target_size: 4, update_policy: expect.objectContaining({ type: 'OPPORTUNISTIC' }) })]);
    expect(v.count('google_compute_autoscaler')).toBe(0);
    const r = synthView(build({ workload: 'inference', sku: 'a2-highgpu-8g' }, 'us-central1').stack);
    expect(r.list('google_compute_region_instance_group_manager')).toEqual([expect.objectContaining({ distribution_policy_zones: ['us-central1-a', 'us-central1-b'], target_size: 4 })]);
    // A2 has no GPUDirect: no extra NICs.
    expect(r.list('google_compute_instance_template')[0].network_interface).toHaveLength(1);
  });

  test('a weekly demand profile becomes the autoscaler scaling schedules', () => {
    const v = synthView(
      build({
        nodes: { min: 0, max: 8 },
        demandProfile: { timeZone: 'America/New_York', baselineNodes: 1, windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 8, endHour: 20, nodes: 8 }] },
      }).stack,
    );
    const [scaler] = v.list('google_compute_autoscaler');
    expect(scaler.zone).toBe('us-east5-a');
    expect(scaler.autoscaling_policy).toMatchObject({ min_replicas: 1, max_replicas: 8, mode: 'ON' });
    expect(scaler.autoscaling_policy.scaling_schedules).toEqual([
      { name: 'w0', description: 'Declared demand: 8 nodes', schedule: '0 8 * * 1,2,3,4,5', time_zone: 'America/New_York', duration_sec: 43200, min_required_replicas: 8 },
    ]);
    expect(v.list('google_compute_instance_group_manager')[0].target_size).toBeUndefined();
  });

  test('safety alert policies on the custom metrics, with e-mail and given channels', () => {
    const { stack, pool } = build({ alarms: { gpuTemperatureC: 80, notifyEmails: ['oncall@example.com'] }, notificationChannels: ['projects/acme-ml/notificationChannels/123'] });
    const v = synthView(stack);
    const policies = v.list('google_monitoring_alert_policy');
    expect(policies).toHaveLength(2);
    const temp = policies.find((p) => p.conditions[0].condition_threshold.filter.includes('gpu_temperature_max')) as Record<string, any>;
    expect(temp.conditions[0].condition_threshold).toMatchObject({ comparison: 'COMPARISON_GT', threshold_value: 80 });
    expect(temp.conditions[0].condition_threshold.filter).toBe('metric.type = "custom.googleapis.com/aira/gpu_temperature_max" AND resource.type = "gce_instance" AND metric.labels.pool = "train"');
    expect(temp.notification_channels).toHaveLength(2);
    expect(temp.notification_channels[0]).toBe('projects/acme-ml/notificationChannels/123');
    expect(v.list('google_monitoring_notification_channel')).toEqual([expect.objectContaining({ type: 'email', labels: { email_address: 'oncall@example.com' } })]);
    expect(pool.capabilities).toMatchObject({ cloud: 'gcp', sku: 'a3-megagpu-8g', fabric: 'gpudirect-tcpxo', placement: 'cluster', nodes: { min: 4, desired: 4, max: 4 } });
    expect(pool.identity.cloud).toBe('gcp');
  });

  test('without a key the pool makes its own; a public inference pool still has no external IP', () => {
    const app = testApp();
    const stack = new GcpStack(app, 's', { project: 'acme-ml', region: 'us-central1' });
    const net = new SegmentedNetwork(stack, 'net', { cidr: '10.31.0.0/16', zones: ['us-central1-a'] });
    new AcceleratorPool(stack, 'serve', { network: net, sku: 'a2-highgpu-8g', nodes: 2, workload: 'inference', exposure: 'public' });
    const v = synthView(stack);
    expect(v.list('google_kms_crypto_key')).toEqual([expect.objectContaining({ name: 'serve-pool-key', rotation_period: '7776000s' })]);
    const t = v.list('google_compute_instance_template')[0];
    expect(t.tags).toEqual(['net-inference', 'serve-node']);
    for (const nic of t.network_interface) expect(nic.access_config).toBeUndefined();
  });

  test('a quantum simulator pool is a CPU group that live-migrates, with the decoherence alert only', () => {
    const v = synthView(build({ sku: 'c3-standard-88', workload: 'simulation', simulates: 'quantum', nodes: 2, placement: 'none', alarms: { decoherenceErrorRate: 0.1 } }, 'us-central1').stack);
    const t = v.list('google_compute_instance_template')[0];
    expect(t.scheduling).toMatchObject({ on_host_maintenance: 'MIGRATE', automatic_restart: true });
    const family = Object.entries(v.json.data.google_compute_image as Record<string, unknown>);
    expect(family).toEqual([[expect.any(String), { project: 'ubuntu-os-cloud', family: 'ubuntu-2204-lts' }]]);
    expect(t.disk[0].source_image).toBe(`\${data.google_compute_image.${family[0][0]}.self_link}`);
    const policies = v.list('google_monitoring_alert_policy');
    expect(policies).toHaveLength(1);
    expect(policies[0].conditions[0].condition_threshold).toMatchObject({ threshold_value: 0.1, comparison: 'COMPARISON_GT' });
    expect(policies[0].conditions[0].condition_threshold.filter).toContain('custom.googleapis.com/aira/qsim_decoherence_error_rate');
  });

  test('readBuckets grants object viewer on those buckets only', () => {
    const v = synthView(build({ readBuckets: ['acme-lake'] }).stack);
    expect(v.list('google_storage_bucket_iam_member')).toEqual([expect.objectContaining({ bucket: 'acme-lake', role: 'roles/storage.objectViewer' })]);
  });
});

describe('Google Cloud AcceleratorPool: one boot image per plan (imageResolution)', () => {
  const ACCELERATOR_FAMILY = 'projects/ubuntu-os-accelerator-images/global/images/family/ubuntu-accelerator-2204-amd64-with-nvidia-570';
  const sourceImage = (v: ReturnType<typeof synthView>) => v.list('google_compute_instance_template')[0].disk[0].source_image;

  test('the default family is read by one google_compute_image data source; the template names its self link', () => {
    const { stack } = build();
    const v = synthView(stack);
    const data = v.json.data.google_compute_image as Record<string, unknown>;
    const ids = Object.keys(data);
    expect(ids).toEqual([expect.stringMatching(/^pool-image-[0-9a-f]{10}$/)]);
    expect(data[ids[0]]).toEqual({ project: 'ubuntu-os-accelerator-images', family: 'ubuntu-accelerator-2204-amd64-with-nvidia-570' });
    expect(sourceImage(v)).toBe(`\${data.google_compute_image.${ids[0]}.self_link}`);
  });

  test('pools of one family share the data source; the ids do not depend on the order pools are created in', () => {
    const dataOf = (order: Array<'gpu' | 'cpu'>) => {
      const app = testApp();
      const stack = new GcpStack(app, 's', { project: 'acme-ml', region: 'us-central1' });
      const net = new SegmentedNetwork(stack, 'net', { cidr: '10.31.0.0/16', zones: ['us-central1-a'] });
      const key = new GcpKey(stack, 'key');
      order.forEach((f, i) => new AcceleratorPool(stack, `p${i}`, { network: net, key, nodes: 1, workload: 'inference', ...(f === 'gpu' ? { sku: 'a2-highgpu-8g' } : { sku: 'c3-standard-88' }) }));
      return synthView(stack);
    };
    const a = dataOf(['gpu', 'gpu', 'cpu']);
    expect(Object.keys(a.json.data.google_compute_image)).toHaveLength(2);
    const images = a.list('google_compute_instance_template').map((t) => t.disk[0].source_image);
    expect(new Set(images).size).toBe(2);
    expect(JSON.stringify(a.json.data)).toBe(JSON.stringify(dataOf(['cpu', 'gpu', 'gpu']).json.data));
  });

  test("'launch' keeps the family URL (Compute Engine resolves it per VM) and adds no data source", () => {
    const v = synthView(build({ imageResolution: 'launch' }).stack);
    expect(sourceImage(v)).toBe(ACCELERATOR_FAMILY);
    expect(v.json.data.google_compute_image).toBeUndefined();
  });

  test('a user-given family is read per plan too (in the stack project when it names none); an image stays as given', () => {
    const url = synthView(build({ image: 'https://www.googleapis.com/compute/v1/projects/deeplearning-platform-release/global/images/family/common-cu124-ubuntu-2204' }).stack);
    expect(Object.values(url.json.data.google_compute_image)).toEqual([{ project: 'deeplearning-platform-release', family: 'common-cu124-ubuntu-2204' }]);
    expect(sourceImage(url)).toMatch(/^\$\{data\.google_compute_image\.pool-image-[0-9a-f]{10}\.self_link\}$/);
    const own = synthView(build({ image: 'family/acme-gpu' }).stack);
    expect(Object.values(own.json.data.google_compute_image)).toEqual([{ project: 'acme-ml', family: 'acme-gpu' }]);
    for (const image of ['projects/ubuntu-os-accelerator-images/global/images/ubuntu-accelerator-2204-amd64-with-nvidia-570-v20251120', 'acme-gpu-v3']) {
      const v = synthView(build({ image }).stack);
      expect(sourceImage(v)).toBe(image);
      expect(v.json.data.google_compute_image).toBeUndefined();
    }
    expect(sourceImage(synthView(build({ image: 'family/acme-gpu', imageResolution: 'launch' }).stack))).toBe('family/acme-gpu');
  });

  test('TPU slices take their node image from GKE: no data source', () => {
    const v = synthView(build({ sku: 'ct5p-hightpu-4t', tpuTopology: '2x2x2', nodes: 2, zones: ['us-east5-a'] }).stack);
    expect(v.json.data.google_compute_image).toBeUndefined();
  });

  test('imageResolution other than plan or launch is refused', () => {
    expect(errorCodeOf(() => build({ imageResolution: 'boot' as never }))).toBe('AIRA_E_INVALID_PROP');
  });
});

describe('Google Cloud AcceleratorPool: TPU slices on GKE', () => {
  function tpu(props: Partial<GcpAcceleratorPoolProps> = {}) {
    return build({ sku: 'ct5p-hightpu-4t', tpuTopology: '2x2x2', nodes: 2, ...props });
  }

  test('a private GKE cluster: private nodes and endpoint, Workload Identity, Shielded nodes, CMEK secrets, no default pool', () => {
    const { stack } = tpu();
    const v = synthView(stack);
    const [cluster] = v.list('google_container_cluster');
    expect(cluster).toMatchObject({
      location: 'us-east5',
      remove_default_node_pool: true,
      enable_shielded_nodes: true,
      deletion_protection: true,
      networking_mode: 'VPC_NATIVE',
      release_channel: { channel: 'REGULAR' },
      database_encryption: { state: 'ENCRYPTED', key_name: expect.stringMatching(/^\$\{google_kms_crypto_key\.key_.*\.id\}$/) },
      workload_identity_config: { workload_pool: 'acme-ml.svc.id.goog' },
    });
    expect(cluster.private_cluster_config).toMatchObject({ enable_private_nodes: true, enable_private_endpoint: true, private_endpoint_subnetwork: expect.stringMatching(/^\$\{google_compute_subnetwork\.net_subnet-training_.*\.self_link\}$/) });
    expect(cluster.master_authorized_networks_config).toEqual({ gcp_public_cidrs_access_enabled: false, cidr_blocks: [{ cidr_block: '10.31.96.0/19', display_name: 'authorized-0' }] });
    expect(cluster.ip_allocation_policy).toMatchObject({ cluster_ipv4_cidr_block: '10.31.240.0/21', services_ipv4_cidr_block: '10.31.248.0/22' });
    const members = v.list('google_kms_crypto_key_iam_member').map((m) => m.member);
    expect(members.some((m) => m.includes('container-engine-robot'))).toBe(true);
  });

  test('the slice node pool: TPU machine type, one node per host, tpu_topology placement, hardened nodes', () => {
    const { stack } = tpu();
    const [np] = synthView(stack).list('google_container_node_pool');
    expect(np).toMatchObject({ node_count: 2, node_locations: ['us-east5-a'], placement_policy: { type: 'COMPACT', tpu_topology: '2x2x2' }, management: { auto_repair: true, auto_upgrade: true } });
    expect(np.node_config).toMatchObject({
      machine_type: 'ct5p-hightpu-4t',
      boot_disk_kms_key: expect.stringMatching(/^\$\{google_kms_crypto_key\.key_.*\.id\}$/),
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      workload_metadata_config: { mode: 'GKE_METADATA' },
      tags: ['net-training', 'train-node'],
      spot: false,
    });
    expect(synthView(stack).count('google_compute_instance_template')).toBe(0);
  });

  test('a Spot slice that may scale to zero: all hosts or none, no reservation', () => {
    const [np] = synthView(tpu({ capacity: Capacity.spot(), nodes: { min: 0, desired: 2, max: 2 } }).stack).list('google_container_node_pool');
    expect(np.autoscaling).toEqual({ total_min_node_count: 0, total_max_node_count: 2, location_policy: 'ANY' });
    expect(np.initial_node_count).toBe(2);
    expect(np.node_config).toMatchObject({ spot: true, reservation_affinity: { consume_reservation_type: 'NO_RESERVATION' } });
  });

  test('two TPU pools share a cluster, or clash on its ranges', () => {
    const { stack, net, key, pool } = tpu();
    new AcceleratorPool(stack, 'serve', { network: net, key, sku: 'ct6e-standard-4t', tpuTopology: '4x4', nodes: 4, zones: ['us-east5-a'], tpu: { cluster: pool.cluster as TpuCluster } });
    const v = synthView(stack);
    expect(v.count('google_container_cluster')).toBe(1);
    expect(v.count('google_container_node_pool')).toBe(2);
    expect(errorCodeOf(() => new AcceleratorPool(stack, 'other', { network: net, key, sku: 'ct6e-standard-4t', tpuTopology: '2x2', nodes: 1 }))).toBe('AIRA_E_CIDR_OVERLAP');
  });

  test('GKE slice shapes', () => {
    const v5p = findSku('ct5p-hightpu-4t');
    const v6e = findSku('ct6e-standard-4t');
    expect(() => checkGkeTopology(v5p!, { topology: '4x4x8', chips: 128, hosts: 32 }, 'x')).not.toThrow();
    expect(errorCodeOf(() => checkGkeTopology(v5p!, { topology: '2x6x6', chips: 72, hosts: 18 }, 'x'))).toBe('AIRA_E_TPU_TOPOLOGY');
    expect(errorCodeOf(() => checkGkeTopology(v5p!, { topology: '4x2x2', chips: 16, hosts: 4 }, 'x'))).toBe('AIRA_E_TPU_TOPOLOGY');
    expect(errorCodeOf(() => checkGkeTopology(v6e!, { topology: '2x4', chips: 8, hosts: 2 }, 'x'))).toBe('AIRA_E_TPU_TOPOLOGY');
  });
});

describe('Google Cloud AcceleratorPool: bad input', () => {
  const cases: Array<[string, Partial<GcpAcceleratorPoolProps>, string, string?]> = [
    ['SKU not offered in the region', { sku: 'a3-ultragpu-8g' }, 'AIRA_E_UNAVAILABLE_IN_REGION'],
    ['SKU of another cloud', { sku: 'p5.48xlarge' }, 'AIRA_E_SKU_WRONG_CLOUD'],
    ['fabric on a SKU without one', { sku: 'a2-highgpu-8g', fabric: true }, 'AIRA_E_FABRIC_UNSUPPORTED', 'us-central1'],
    ['reservation in another zone', { capacity: Capacity.reservation({ id: 'r1', zone: 'us-east5-b' }) }, 'AIRA_E_CAPACITY_CONFLICT'],
    ['reservation on a multi-zone pool', { workload: 'inference', capacity: Capacity.reservation({ id: 'r1' }) }, 'AIRA_E_CAPACITY_CONFLICT'],
    ['reservation group on Google', { capacity: Capacity.reservation({ groupId: 'g1' }) }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['Spot consuming any reservation', { capacity: Capacity.spot(), reservationAffinity: 'any' }, 'AIRA_E_CAPACITY_CONFLICT'],
    ['Spot with a reservation id', { capacity: { kind: 'spot', id: 'r1' } as never }, 'AIRA_E_CAPACITY_CONFLICT'],
    ['Spot with on-demand fallback', { capacity: Capacity.spot({ onDemandFallback: true }) }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['more nodes than the reservation', { capacity: Capacity.reservation({ id: 'r1', zone: 'us-east5-a', instances: 2 }) }, 'AIRA_E_PLACEMENT_LIMIT'],
    ['Capacity Block on Google', { capacity: Capacity.capacityBlock({ id: 'cr-0abc', zone: 'us-east5-a', instances: 4 }) }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['TPU topology not matching the chip count', { sku: 'ct5p-hightpu-4t', tpuTopology: '2x2x2', nodes: 4 }, 'AIRA_E_TPU_TOPOLOGY'],
    ['TPU topology GKE does not offer', { sku: 'ct6e-standard-4t', tpuTopology: '2x4', nodes: 2 }, 'AIRA_E_TPU_TOPOLOGY'],
    ['topology on a GPU SKU', { tpuTopology: '2x2' }, 'AIRA_E_TPU_TOPOLOGY'],
    ['public exposure on the protected plane', { plane: 'protected', exposure: 'public' }, 'AIRA_E_PUBLIC_EXPOSURE'],
    ['max run duration out of range', { maxRunDurationSeconds: 10 }, 'AIRA_E_INVALID_PROP'],
    ['zone outside the network', { zones: ['us-east5-c'] }, 'AIRA_E_UNKNOWN_ZONE'],
  ];
  test.each(cases.map(([name, props, code, region]) => ({ name, props, code, region: region ?? 'us-east5' })))('$name', ({ props, code, region }) => {
    expect(errorCodeOf(() => build(props, region))).toBe(code);
  });

  test('a key of another cloud is refused', () => {
    expect(errorCodeOf(() => build({ key: { cloud: 'aws', keyRef: 'arn:aws:kms:x' } }))).toBe('AIRA_E_INVALID_PROP');
  });
});

describe('Google Cloud AcceleratorPool: output', () => {
  test('synthesis is deterministic', () => {
    expect(Testing.synth(build().stack)).toBe(Testing.synth(build().stack));
  });

  test('the compute example synthesizes an A3 Mega TCPXO pool and a TPU v5p slice', () => {
    const app = testApp();
    const stack = computeGcp(app);
    const v = synthView(stack);
    expect(v.list('google_compute_instance_template')[0].machine_type).toBe('a3-megagpu-8g');
    expect(v.list('google_container_node_pool')[0].node_config.machine_type).toBe('ct5p-hightpu-4t');
    expect(v.json.provider.google[0]).toMatchObject({ project: 'aira-examples', region: 'us-east5' });
  });
});
