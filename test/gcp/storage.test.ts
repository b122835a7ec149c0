import { Testing } from 'cdktf';
import { Capacity } from '../../lib/core/compute';
import { LifecyclePolicy } from '../../lib/core/lifecycle';
import { translateLifecycle } from '../../lib/core/lifecycle';
import { AcceleratorPool, GcpKey, GcpStack, GcpStorageTiersProps, SegmentedNetwork, StorageTiers, checkLustreSize, lifecycleRules } from '../../lib/gcp';
import { storageGcp } from '../../examples/storage-gcp';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

function build(props: Partial<GcpStorageTiersProps> = {}) {
  const app = testApp();
  const stack = new GcpStack(app, 'storage-test', { project: 'acme-ml', region: 'us-central1' });
  const net = new SegmentedNetwork(stack, 'net', { cidr: '10.33.0.0/16', zones: ['us-central1-a', 'us-central1-b'] });
  const key = new GcpKey(stack, 'key');
  const tiers = new StorageTiers(stack, 'data', { network: net, key, ...props });
  return { app, stack, net, key, tiers };
}

const KEY_REF = expect.stringMatching(/^\$\{google_kms_crypto_key\.key_.*\.id\}$/);
const bucketOf = (v: ReturnType<typeof synthView>, role: string) => v.list('google_storage_bucket').find((b) => b.labels?.['aira-data-role'] === role) as Record<string, any>;

describe('Google Cloud StorageTiers: buckets', () => {
  test('one bucket per data role: uniform access, public access prevention enforced, CMEK, soft delete, prevent_destroy', () => {
    const { stack, tiers } = build();
    const v = synthView(stack);
    expect(tiers.roles).toEqual(['data-lake', 'feature-store', 'model-registry', 'artifacts', 'checkpoints', 'audit']);
    // Six roles and the access log bucket.
    expect(v.count('google_storage_bucket')).toBe(7);
    for (const b of v.list('google_storage_bucket')) {
      expect(b).toMatchObject({ location: 'us-central1', uniform_bucket_level_access: true, public_access_prevention: 'enforced', force_destroy: false, lifecycle: { prevent_destroy: true } });
      expect(b.encryption).toEqual({ default_kms_key_name: KEY_REF });
      expect(b.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
    }
    expect(bucketOf(v, 'data-lake').soft_delete_policy).toEqual({ retention_duration_seconds: 7 * 86400 });
    expect(tiers.bucketName('data-lake')).toMatch(/^data-data-lake-[0-9a-f]{6}$/);
  });

  test('the Cloud Storage service agent gets the key, read from google_storage_project_service_account', () => {
    const v = synthView(build().stack);
    expect(Object.keys(v.json.data.google_storage_project_service_account)).toHaveLength(1);
    expect(v.list('google_kms_crypto_key_iam_member')).toEqual([
      expect.objectContaining({ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: expect.stringMatching(/^serviceAccount:\$\{data\.google_storage_project_service_account\..*\.email_address\}$/) }),
    ]);
  });

  test('versioning for registry, checkpoints, lake and audit; not for artifacts and features', () => {
    const v = synthView(build().stack);
    const on = ['data-lake', 'model-registry', 'checkpoints', 'audit'];
    for (const role of ['data-lake', 'feature-store', 'model-registry', 'artifacts', 'checkpoints', 'audit']) {
      expect(bucketOf(v, role).versioning).toEqual({ enabled: on.includes(role) });
    }
  });

  test('access logging for lake, registry and audit to the log bucket, which the analytics group may write', () => {
    const v = synthView(build().stack);
    const logged = v.list('google_storage_bucket').filter((b) => b.logging);
    expect(logged.map((b) => b.labels['aira-data-role']).sort()).toEqual(['audit', 'data-lake', 'model-registry']);
    expect(logged[0].logging.log_bucket).toMatch(/google_storage_bucket\.data_access-logs_bucket_.*\.name/);
    expect(v.list('google_storage_bucket_iam_member')).toEqual([expect.objectContaining({ role: 'roles/storage.objectCreator', member: 'group:cloud-storage-analytics@google.com' })]);
  });

  test('retention: a locked policy for compliance, an unlocked one for governance, versioning off (Cloud Storage refuses both)', () => {
    const v = synthView(build({ objectTiers: [{ role: 'audit', retention: { days: 2557, mode: 'compliance' } }, { role: 'model-registry', retention: { days: 30 } }] }).stack);
    expect(bucketOf(v, 'audit')).toMatchObject({ retention_policy: { retention_period: 2557 * 86400, is_locked: true }, versioning: { enabled: false } });
    expect(bucketOf(v, 'model-registry')).toMatchObject({ retention_policy: { retention_period: 30 * 86400, is_locked: false } });
  });

  test('the default lifecycle is translated: SetStorageClass moves, expiry, noncurrent expiry, multipart abort', () => {
    const v = synthView(build().stack);
    expect(bucketOf(v, 'data-lake').lifecycle_rule).toEqual([
      { action: { type: 'SetStorageClass', storage_class: 'NEARLINE' }, condition: { age: 90, with_state: 'LIVE', matches_storage_class: ['STANDARD'] } },
      { action: { type: 'SetStorageClass', storage_class: 'ARCHIVE' }, condition: { age: 365, with_state: 'LIVE', matches_storage_class: ['STANDARD', 'NEARLINE', 'COLDLINE'] } },
      { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 30, with_state: 'ARCHIVED' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
    ]);
  });

  test.each<[string, LifecyclePolicy, unknown[]]>([
    ['warm -> infrequent -> cold -> archive -> expire', { infrequentAfterDays: 30, coldAfterDays: 90, archiveAfterDays: 365, expireAfterDays: 730 }, ['NEARLINE@30', 'COLDLINE@90', 'ARCHIVE@365', 'Delete@730']],
    ['archive only, then expiry of noncurrent versions', { archiveAfterDays: 180, noncurrentExpireAfterDays: 14 }, ['ARCHIVE@180', 'noncurrent@14']],
  ])('lifecycle table: %s', (_name, policy, expected) => {
    const rules = lifecycleRules(translateLifecycle(policy, 'gcp', 'test'), true)
      .filter((r) => r.action.type !== 'AbortIncompleteMultipartUpload')
      .map((r) => (r.action.type === 'SetStorageClass' ? `${r.action.storageClass}@${r.condition.age}` : r.condition.age !== undefined ? `Delete@${r.condition.age}` : `noncurrent@${r.condition.daysSinceNoncurrentTime}`));
    expect(rules).toEqual(expected);
  });

  test('grants: read gives objectViewer, read-write objectUser, on the named roles only, to the pool service account', () => {
    const { stack, net, key, tiers } = build();
    const pool = new AcceleratorPool(stack, 'train', { network: net, key, sku: 'a2-highgpu-8g', nodes: 2, capacity: Capacity.onDemand() });
    tiers.grantRead(pool, ['data-lake']);
    tiers.grantReadWrite(pool, ['checkpoints']);
    tiers.grantRead(pool, ['data-lake']);
    const grants = synthView(stack).list('google_storage_bucket_iam_member').filter((g) => g.member.startsWith('serviceAccount:'));
    expect(grants).toHaveLength(2);
    expect(grants.map((g) => g.role).sort()).toEqual(['roles/storage.objectUser', 'roles/storage.objectViewer']);
    for (const g of grants) expect(g.member).toMatch(/^serviceAccount:\$\{google_service_account\.train_identity_account_.*\.email\}$/);
  });

  test('protection can be turned off with a reason only', () => {
    const v = synthView(build({ protection: { preventDestroy: false, reason: 'ephemeral test environment torn down nightly' } }).stack);
    for (const b of v.list('google_storage_bucket')) expect(b.lifecycle).toEqual({ prevent_destroy: false });
    expect(errorCodeOf(() => build({ protection: { preventDestroy: false, reason: 'no' } }))).toBe('AIRA_E_INVALID_FLOW');
  });
});

describe('Google Cloud StorageTiers: hot tier', () => {
  test('Managed Lustre on the network through private services access, with prevent_destroy', () => {
    const { stack } = build({ hot: { capacityGib: 36000 } });
    const v = synthView(stack);
    expect(v.list('google_lustre_instance')).toEqual([
      expect.objectContaining({ location: 'us-central1-a', capacity_gib: '36000', per_unit_storage_throughput: '250', filesystem: 'data', gke_support_enabled: false, lifecycle: { prevent_destroy: true } }),
    ]);
    expect(v.list('google_lustre_instance')[0].network).toMatch(/google_compute_network\.net_network_.*\.id/);
    expect(v.list('google_compute_global_address')).toEqual([expect.objectContaining({ purpose: 'VPC_PEERING', address: '10.33.192.0', prefix_length: 19 })]);
    expect(v.list('google_service_networking_connection')).toEqual([expect.objectContaining({ service: 'servicenetworking.googleapis.com' })]);
  });

  test('reachable from the consumer planes only: declared flows and a firewall rule from the service range to their tags', () => {
    const { stack, net } = build({ hot: { capacityGib: 36000, consumers: ['training', 'inference'] } });
    expect(net.allows('training', 'data', 988)).toBe(true);
    expect(net.allows('inference', 'data', 988)).toBe(true);
    expect(net.allows('management', 'data', 988)).toBe(false);
    const rule = synthView(stack).list('google_compute_firewall').find((r) => r.name === 'data-lustre-to-clients');
    expect(rule).toMatchObject({ direction: 'INGRESS', source_ranges: ['10.33.192.0/19'], target_tags: ['net-training', 'net-inference'], allow: [{ protocol: 'tcp', ports: ['988'] }] });
  });

  test('Filestore as the small option: CMEK with its service agent, private services access, exports to the consumer planes', () => {
    const v = synthView(build({ hot: { kind: 'filestore', capacityGib: 1024 } }).stack);
    const [fs] = v.list('google_filestore_instance');
    expect(fs).toMatchObject({ tier: 'ZONAL', location: 'us-central1-a', kms_key_name: KEY_REF, deletion_protection_enabled: true });
    expect(fs.file_shares.nfs_export_options).toEqual([{ ip_ranges: ['10.33.0.0/19'], access_mode: 'READ_WRITE', squash_mode: 'ROOT_SQUASH' }]);
    expect(fs.networks[0]).toMatchObject({ connect_mode: 'PRIVATE_SERVICE_ACCESS', modes: ['MODE_IPV4'] });
    expect(v.list('google_kms_crypto_key_iam_member').some((g) => g.member.includes('cloud-filer'))).toBe(true);
  });

  test('Lustre sizes per performance tier', () => {
    expect(() => checkLustreSize(9000, 1000, 'x')).not.toThrow();
    expect(() => checkLustreSize(1_602_000, 1000, 'x')).not.toThrow();
    expect(errorCodeOf(() => checkLustreSize(1_539_000, 1000, 'x'))).toBe('AIRA_E_STORAGE_SIZE');
    expect(errorCodeOf(() => checkLustreSize(18000, 250, 'x'))).toBe('AIRA_E_STORAGE_SIZE');
    expect(errorCodeOf(() => checkLustreSize(72000, 300, 'x'))).toBe('AIRA_E_STORAGE_SIZE');
  });
});

describe('Google Cloud StorageTiers: bad input', () => {
  test.each<[string, Partial<GcpStorageTiersProps>, string]>([
    ['Lustre below the tier minimum', { hot: { capacityGib: 18000 } }, 'AIRA_E_STORAGE_SIZE'],
    ['Lustre off the step', { hot: { capacityGib: 40000 } }, 'AIRA_E_STORAGE_SIZE'],
    ['Lustre throughput that is no tier', { hot: { capacityGib: 36000, throughputMbpsPerTib: 200 } }, 'AIRA_E_STORAGE_SIZE'],
    ['Filestore off the steps', { hot: { kind: 'filestore', capacityGib: 1000 } }, 'AIRA_E_STORAGE_SIZE'],
    ['EFA on Google', { hot: { capacityGib: 36000, efa: true } }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['lifecycle going backwards', { objectTiers: [{ role: 'artifacts', lifecycle: { infrequentAfterDays: 90, archiveAfterDays: 60 } }] }, 'AIRA_E_LIFECYCLE_ORDER'],
    ['lifecycle leaving Archive before 365 days', { objectTiers: [{ role: 'artifacts', lifecycle: { archiveAfterDays: 30, expireAfterDays: 100 } }] }, 'AIRA_E_LIFECYCLE_ORDER'],
    ['bucket name with google in it', { bucketNames: { 'data-lake': 'my-google-lake' } }, 'AIRA_E_INVALID_NAME'],
    ['bucket name with capitals', { bucketNames: { 'data-lake': 'Acme_Lake' } }, 'AIRA_E_INVALID_NAME'],
    ['bucket name too long', { bucketNames: { 'data-lake': 'a'.repeat(64) } }, 'AIRA_E_INVALID_NAME'],
    ['retention on a role that takes none', { objectTiers: [{ role: 'artifacts', retention: { days: 30 } }] }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['hot tier consumers without a declared flow', { hot: { capacityGib: 36000, declareFlows: false } }, 'AIRA_E_INVALID_FLOW'],
    ['soft delete out of range', { softDeleteDays: 3 }, 'AIRA_E_INVALID_PROP'],
    ['a service range too small for Lustre', { hot: { capacityGib: 36000 }, hotOptions: { serviceRangeCidr: '10.33.192.0/24' } }, 'AIRA_E_CIDR_TOO_SMALL'],
  ])('%s', (_name, props, code) => {
    expect(errorCodeOf(() => build(props))).toBe(code);
  });
});

describe('Google Cloud StorageTiers: output', () => {
  test('synthesis is deterministic', () => {
    const props: Partial<GcpStorageTiersProps> = { hot: { capacityGib: 36000 } };
    expect(Testing.synth(build(props).stack)).toBe(Testing.synth(build(props).stack));
  });

  test('the storage example synthesizes every tier', () => {
    const v = synthView(storageGcp(testApp()));
    expect(v.json.provider.google[0]).toMatchObject({ project: 'aira-examples', region: 'us-central1' });
    expect(v.count('google_lustre_instance')).toBe(1);
    expect(v.count('google_filestore_instance')).toBe(1);
    expect(v.count('google_service_networking_connection')).toBe(1);
    expect(v.list('google_storage_bucket').filter((b) => b.retention_policy)).toHaveLength(2);
  });
});
