import { App, Testing } from 'cdktf';
import { CloudKit } from '../../lib/core/kit';
import { GcpKey, GcpSimulatorOnlyQuantumAccess, GcpStack, SegmentedNetwork, StorageTiers, AcceleratorPool, gcpKit } from '../../lib/gcp';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const kit: CloudKit = gcpKit({ project: 'acme-ml', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] });

function platform(app: App = testApp()) {
  const stack = kit.createStack(app, 'ai-gcp', { tags: { owner: 'ml-platform' } });
  const key = kit.createKey(stack, 'key', 'platform data and disks');
  const network = kit.createNetwork(stack, 'net', { cidr: '10.40.0.0/16' });
  const storage = kit.createStorage(stack, 'data', { network, key, hot: { capacityGib: 36000 } });
  const pool = kit.createPool(stack, 'train', { network, key, sku: 'a3-highgpu-8g', nodes: 2 });
  storage.grantRead(pool, ['data-lake']);
  return { stack, key, network, storage, pool };
}

describe('gcpKit', () => {
  test('implements the CloudKit port with the Google constructs', () => {
    const { stack, key, network, storage, pool } = platform();
    expect(kit).toMatchObject({ cloud: 'gcp', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] });
    expect(stack).toBeInstanceOf(GcpStack);
    expect(key).toBeInstanceOf(GcpKey);
    expect(network).toBeInstanceOf(SegmentedNetwork);
    expect(network.zones).toEqual(['us-central1-a', 'us-central1-b']);
    expect(storage).toBeInstanceOf(StorageTiers);
    expect(pool).toBeInstanceOf(AcceleratorPool);
    expect(pool.capabilities).toMatchObject({ cloud: 'gcp', region: 'us-central1', sku: 'a3-highgpu-8g', fabric: 'gpudirect-tcpx' });
    const v = synthView(stack as GcpStack);
    expect(v.json.provider.google[0]).toMatchObject({ project: 'acme-ml', region: 'us-central1' });
    expect(v.count('google_kms_crypto_key')).toBe(1);
    expect(v.list('google_kms_crypto_key')[0]).toMatchObject({ purpose: 'ENCRYPT_DECRYPT', rotation_period: '7776000s', lifecycle: { prevent_destroy: true } });
    expect(v.list('google_kms_key_ring')[0]).toMatchObject({ location: 'us-central1', lifecycle: { prevent_destroy: true } });
    expect(v.list('google_storage_bucket_iam_member').some((g) => g.role === 'roles/storage.objectViewer')).toBe(true);
    // Labels reach labelled resources.
    expect(v.list('google_storage_bucket')[0].labels).toMatchObject({ 'aira-owner': 'ml-platform' });
  });

  test('quantum: Google has no managed service; simulator-only access, and a clear error when hardware providers are asked for', () => {
    const { stack, key } = platform();
    const access = kit.createQuantumAccess(stack, 'quantum', { key });
    expect(access).toBeInstanceOf(GcpSimulatorOnlyQuantumAccess);
    expect(access.cloud).toBe('gcp');
    expect(access.description).toMatch(/no managed quantum service/);
    expect(errorCodeOf(() => kit.createQuantumAccess(stack, 'q2', { key, providers: [{ id: 'ionq', sku: 'pay-as-you-go' }] }))).toBe('AIRA_E_UNSUPPORTED_OPTION');
  });

  test('refuses networks and keys of other clouds, and zones of another region', () => {
    const { stack } = platform();
    const foreign = { ...(kit.createNetwork(stack, 'net2', { cidr: '10.41.0.0/16' }) as object), cloud: 'aws' } as never;
    const key = kit.createKey(stack, 'k2', 'x');
    expect(errorCodeOf(() => kit.createPool(stack, 'p', { network: foreign, key, sku: 'a3-highgpu-8g', nodes: 1 }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => gcpKit({ project: 'acme-ml', region: 'us-central1', zones: ['us-east1-b'] }))).toBe('AIRA_E_UNKNOWN_ZONE');
  });

  test('key rotation is bounded at a year', () => {
    const stack = new GcpStack(testApp(), 's', { project: 'acme-ml', region: 'us-central1' });
    expect(errorCodeOf(() => new GcpKey(stack, 'k', { rotationDays: 400 }))).toBe('AIRA_E_INVALID_PROP');
    new GcpKey(stack, 'ok', { rotationDays: 365, protectionLevel: 'HSM' });
    expect(synthView(stack).list('google_kms_crypto_key')[0]).toMatchObject({ rotation_period: '31536000s', version_template: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protection_level: 'HSM' } });
  });

  test('synthesis through the kit is deterministic', () => {
    expect(Testing.synth(platform().stack)).toBe(Testing.synth(platform().stack));
  });
});
