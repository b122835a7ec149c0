import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { awsKit } from '../../lib/aws';
import { IAcceleratorPool, PoolCapabilities } from '../../lib/core/compute';
import { DataRole, IStorageTiers } from '../../lib/core/storage';
import { gcpKit } from '../../lib/gcp';
import { CapabilityRegistry } from '../../lib/platform/registry-construct';
import { REGISTRY_FILE, REGISTRY_OBJECT_KEY, buildRegistry, mergeRegistries, poolClassOf, registryJson } from '../../lib/platform/registry';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';
import { caps, simCaps } from './fixtures';
import { checkSchema } from './schema-check';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../schemas/aira-registry.schema.json'), 'utf8'));

const gpu = caps({ name: 'l3-gpu' });
const qsim = simCaps('l3-qsim', 'quantum');
const neuro = simCaps('l3-neuro', 'neuromorphic', { gridGco2PerKwh: undefined });

describe('buildRegistry', () => {
  test('lists every pool with its capabilities, sorted by stack then name, and fills derived facts', () => {
    const doc = buildRegistry([
      { stack: 'zeta', pools: [gpu] },
      { stack: 'alpha', pools: [qsim, neuro, gpu], quantumAccess: [{ cloud: 'aws', description: 'Braket results bucket and role' }] },
    ]);
    expect(doc.stacks).toEqual(['alpha', 'zeta']);
    expect(doc.pools.map((p) => `${p.stack}/${p.name}`)).toEqual(['alpha/l3-gpu', 'alpha/l3-neuro', 'alpha/l3-qsim', 'zeta/l3-gpu']);
    const [g, n, q] = doc.pools;
    expect(g).toMatchObject({
      class: 'gpu',
      simulated: false,
      simulates: null,
      sku: 'p5.48xlarge',
      accelerators: { vendor: 'nvidia', model: 'H100', count: 8, memoryGb: 80 },
      node: { vcpu: 192, memoryGib: 2048 },
      fabric: 'efa',
      capacityMode: 'on-demand',
      usdPerHourAtMax: 110.08,
      powerKwAtMax: 20.4,
      gridGco2PerKwh: 379.1,
      kgCo2PerHourAtMax: 7.734, // 20.4 kW x 379.1 g/kWh
      tpuTopology: null,
    });
    expect(q).toMatchObject({ class: 'quantum-simulator', simulated: true, simulates: 'quantum', family: 'cpu', accelerators: null, plane: 'quantum' });
    // Unknown facts stay in the document as null, never dropped.
    expect(n).toMatchObject({ class: 'neuromorphic-simulator', gridGco2PerKwh: null, kgCo2PerHourAtMax: null });
    expect(doc.quantumAccess).toEqual([{ stack: 'alpha', cloud: 'aws', description: 'Braket results bucket and role' }]);
    expect(Object.keys(g)).toEqual(Object.keys(schema.$defs.pool.properties));
  });

  test('the document validates against the JSON schema, and the checker catches a broken one', () => {
    const doc = JSON.parse(registryJson(buildRegistry([{ stack: 'l3', pools: [gpu, qsim, neuro, caps({ name: 'unlisted', listed: false, sku: 'x9.big', usdPerHourAtMax: undefined })] }])));
    expect(checkSchema(doc, schema)).toEqual([]);
    const broken = { ...doc, pools: [{ ...doc.pools[0], class: 'photonic', nodes: { min: 0, desired: 0 } }] };
    delete broken.basis;
    expect(checkSchema(broken, schema)).toEqual(expect.arrayContaining(['$: missing basis', '$.pools[0].class: "photonic" not in enum', '$.pools[0].nodes: missing max']));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  test('unlisted SKUs have no node size', () => {
    const doc = buildRegistry([{ stack: 's', pools: [caps({ name: 'x', listed: false, sku: 'x9.big' })] }]);
    expect(doc.pools[0].node).toBeNull();
  });

  test('deterministic: input order does not change a byte', () => {
    const a = registryJson(buildRegistry([{ stack: 'b', pools: [gpu, qsim] }, { stack: 'a', pools: [neuro] }]));
    const b = registryJson(buildRegistry([{ stack: 'a', pools: [neuro] }, { stack: 'b', pools: [qsim, gpu] }]));
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
  });

  test('bad input: stack names, a stack twice, a pool name twice', () => {
    expect(errorCodeOf(() => buildRegistry([{ stack: 'bad/name', pools: [] }]))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => buildRegistry([{ stack: 's', pools: [] }, { stack: 's', pools: [] }]))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => buildRegistry([{ stack: 's', pools: [gpu, { ...qsim, name: 'l3-gpu' }] }]))).toBe('AIRA_E_INVALID_PROP');
  });

  test('mergeRegistries joins stacks, keeps one copy of a repeated pool and refuses a conflicting one', () => {
    const a = buildRegistry([{ stack: 'a', pools: [gpu] }]);
    const b = buildRegistry([{ stack: 'b', pools: [qsim] }]);
    const merged = mergeRegistries([b, a, a]);
    expect(merged.stacks).toEqual(['a', 'b']);
    expect(merged.pools.map((p) => `${p.stack}/${p.name}`)).toEqual(['a/l3-gpu', 'b/l3-qsim']);
    const conflicting = buildRegistry([{ stack: 'a', pools: [{ ...gpu, powerKwAtMax: 1 }] }]);
    expect(errorCodeOf(() => mergeRegistries([a, conflicting]))).toBe('AIRA_E_INVALID_PROP');
  });

  test('pool classes', () => {
    expect(poolClassOf({ family: 'tpu' })).toBe('tpu');
    expect(poolClassOf({ family: 'cpu', simulates: 'neuromorphic' })).toBe('neuromorphic-simulator');
  });
});

/** A storage port that records what is put into it. */
class RecordingStorage implements IStorageTiers {
  public readonly puts: Array<{ role: DataRole; key: string; content: string }> = [];
  constructor(public readonly roles: DataRole[]) {}
  bucketName(role: DataRole): string {
    return `b-${role}`;
  }
  grantRead(): void {}
  grantReadWrite(): void {}
  putObject(role: DataRole, key: string, content: string): void {
    this.puts.push({ role, key, content });
  }
}

const fakePool = (c: PoolCapabilities): IAcceleratorPool => ({ capabilities: c, identity: { cloud: 'aws', roleName: 'r', roleArn: 'arn' } });

describe('CapabilityRegistry', () => {
  test('stores the stack document in the registry bucket and writes the app-wide document at synth', () => {
    const app = testApp();
    const s1 = new TerraformStack(app, 'stack-b');
    const s2 = new TerraformStack(app, 'stack-a');
    const storage = new RecordingStorage(['model-registry', 'artifacts']);
    const r1 = new CapabilityRegistry(s1, 'registry', { pools: [fakePool(gpu), fakePool(qsim)], storage });
    new CapabilityRegistry(new Construct(s2, 'platform'), 'registry', { pools: [fakePool(neuro)] });
    expect(storage.puts).toEqual([{ role: 'model-registry', key: REGISTRY_OBJECT_KEY, content: registryJson(r1.document) }]);
    expect(r1.object).toEqual({ role: 'model-registry', key: REGISTRY_OBJECT_KEY });
    expect(JSON.parse(storage.puts[0].content).stacks).toEqual(['stack-b']);
    app.synth();
    const written = fs.readFileSync(path.join(app.outdir, REGISTRY_FILE), 'utf8');
    const doc = JSON.parse(written);
    expect(doc.stacks).toEqual(['stack-a', 'stack-b']);
    expect(doc.pools.map((p: any) => `${p.stack}/${p.name}`)).toEqual(['stack-a/l3-neuro', 'stack-b/l3-gpu', 'stack-b/l3-qsim']);
    expect(checkSchema(doc, schema)).toEqual([]);
    expect(written).toBe(registryJson(CapabilityRegistry.appDocument(s1)));
  });

  test('refuses a storage without the registry role, and no pools', () => {
    const app = testApp();
    const s = new TerraformStack(app, 's');
    expect(errorCodeOf(() => new CapabilityRegistry(s, 'r', { pools: [fakePool(gpu)], storage: new RecordingStorage(['artifacts']) }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => new CapabilityRegistry(s, 'r2', {} as any))).toBe('AIRA_E_MISSING_PROP');
  });
});

describe('putObject', () => {
  test('AWS: an aws_s3_object with the content, SSE-KMS with the platform key, JSON content type and a checksum', () => {
    const app = testApp();
    const kit = awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
    const stack = kit.createStack(app, 'aws');
    const key = kit.createKey(stack, 'key', 'k');
    const network = kit.createNetwork(stack, 'net', { cidr: '10.40.0.0/16' });
    const storage = kit.createStorage(stack, 'data', { network, key, objectTiers: ['model-registry', 'artifacts'] });
    storage.putObject('model-registry', 'aira/capability-registry.json', '{"a":1}\n');
    storage.putObject('artifacts', 'notes/readme.txt', 'hello');
    const v = synthView(stack);
    const objs = v.list('aws_s3_object');
    expect(objs).toHaveLength(2);
    const json = objs.find((o) => o.key === 'aira/capability-registry.json')!;
    expect(json).toMatchObject({ content: '{"a":1}\n', content_type: 'application/json', server_side_encryption: 'aws:kms', bucket_key_enabled: true, checksum_algorithm: 'SHA256' });
    expect(json.bucket).toMatch(/aws_s3_bucket\.data_model-registry_bucket_.*\.id/);
    expect(json.kms_key_id).toMatch(/aws_kms_key\.key_[A-F0-9]+\.arn/);
    expect(json.depends_on).toEqual([expect.stringMatching(/aws_s3_bucket_policy\.data_model-registry_policy/)]);
    expect(objs.find((o) => o.key === 'notes/readme.txt')!.content_type).toBe('text/plain');
  });

  test('Google: a google_storage_bucket_object encrypted with the tiers key', () => {
    const app = testApp();
    const kit = gcpKit({ project: 'acme-ml', region: 'europe-west4', zones: ['europe-west4-a'] });
    const stack = kit.createStack(app, 'gcp');
    const key = kit.createKey(stack, 'key', 'k');
    const network = kit.createNetwork(stack, 'net', { cidr: '10.41.0.0/16' });
    const storage = kit.createStorage(stack, 'data', { network, key, objectTiers: ['model-registry'] });
    storage.putObject('model-registry', 'aira/capability-registry.json', '{}\n');
    const objs = synthView(stack).list('google_storage_bucket_object');
    expect(objs).toEqual([
      expect.objectContaining({ name: 'aira/capability-registry.json', content: '{}\n', content_type: 'application/json', kms_key_name: expect.stringMatching(/google_kms_crypto_key\.key_/) }),
    ]);
    expect(objs[0].bucket).toMatch(/google_storage_bucket\.data_model-registry_bucket_.*\.name/);
  });

  test('bad keys, a role without a bucket, the same key twice', () => {
    const app = testApp();
    const kit = awsKit({ region: 'us-east-1', zones: ['us-east-1a'] });
    const stack = kit.createStack(app, 'aws');
    const key = kit.createKey(stack, 'key', 'k');
    const storage = kit.createStorage(stack, 'data', { network: kit.createNetwork(stack, 'net', { cidr: '10.42.0.0/16' }), key, objectTiers: ['artifacts'] });
    for (const bad of ['', '/abs.json', 'a/../b.json', 'x'.repeat(1025), 'a\nb']) expect(errorCodeOf(() => storage.putObject('artifacts', bad, '{}'))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => storage.putObject('model-registry', 'k.json', '{}'))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => storage.putObject('artifacts', 'k.json', 42 as any))).toBe('AIRA_E_INVALID_PROP');
    storage.putObject('artifacts', 'k.json', '{}');
    expect(errorCodeOf(() => storage.putObject('artifacts', 'k.json', '{}'))).toBe('AIRA_E_INVALID_PROP');
    expect(Testing.synth(stack)).toContain('aws_s3_object');
  });
});
