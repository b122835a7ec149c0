import { Testing } from 'cdktf';
import { AwsKey, AwsStack, QuantumAccess, QuantumAccessProps, awsKit } from '../../lib/aws';
import { IPlatformKey } from '../../lib/core/kit';
import { INetwork } from '../../lib/core/network';
import { fakeNetwork } from '../helpers/fake-network';
import { errorCodeOf, parsePolicy, synthView, testApp } from '../helpers/synth';

const kit = () => awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });

function platform() {
  const app = testApp();
  app.node.setContext('aira:today', '2026-11-22');
  const k = kit();
  const stack = k.createStack(app, 'kit-aws', { tags: { owner: 'ml-platform' } });
  const key = k.createKey(stack, 'key', 'Platform key');
  const network = k.createNetwork(stack, 'net', { cidr: '10.20.0.0/16' });
  return { app, k, stack, key, network };
}

describe('awsKit: the CloudKit port on AWS', () => {
  test('describes itself and builds a stack with the provider in its region', () => {
    const { k, stack } = platform();
    expect(k).toMatchObject({ cloud: 'aws', region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
    expect(stack).toBeInstanceOf(AwsStack);
    expect(synthView(stack).json.provider.aws).toEqual([{ region: 'us-east-1' }]);
  });

  test('networks default to the kit zones; keys rotate', () => {
    const { key, network, stack } = platform();
    expect(network.zones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(network.cloud).toBe('aws');
    expect(key).toBeInstanceOf(AwsKey);
    const keys = synthView(stack).list('aws_kms_key');
    expect(keys.find((x) => x.description === 'Platform key')).toMatchObject({ enable_key_rotation: true });
  });

  test('storage, pools and quantum access all use the platform key', () => {
    const { k, stack, key, network } = platform();
    const storage = k.createStorage(stack, 'data', { network, key, objectTiers: ['data-lake', 'checkpoints'] });
    const pool = k.createPool(stack, 'h100', { network, key, sku: 'p5.48xlarge', nodes: 2 });
    const quantum = k.createQuantumAccess(stack, 'braket', { key });
    storage.grantReadWrite(pool, ['checkpoints']);
    const v = synthView(stack);
    const platformKey = Object.entries(v.of('aws_kms_key')).find(([, x]) => x.description === 'Platform key')![0];
    const ref = `\${aws_kms_key.${platformKey}.arn}`;
    // No resource made a key of its own: the network's flow-log key and the platform key only.
    expect(v.count('aws_kms_key')).toBe(2);
    expect(v.list('aws_launch_template')[0].block_device_mappings[0].ebs.kms_key_id).toBe(ref);
    // Lake, checkpoints and Braket results under the platform key; the access log bucket on SSE-S3.
    const sse = v.list('aws_s3_bucket_server_side_encryption_configuration').map((x) => x.rule[0].apply_server_side_encryption_by_default);
    expect(sse.filter((x) => x.sse_algorithm === 'aws:kms').map((x) => x.kms_master_key_id)).toEqual([ref, ref, ref]);
    expect(sse.filter((x) => x.sse_algorithm !== 'aws:kms')).toEqual([{ sse_algorithm: 'AES256' }]);
    expect(pool.capabilities).toMatchObject({ cloud: 'aws', sku: 'p5.48xlarge', fabric: 'efa' });
    expect(storage.roles).toEqual(['data-lake', 'checkpoints']);
    expect(quantum.cloud).toBe('aws');
    expect(quantum.description).toMatch(/^AWS Braket access: results bucket amazon-braket-braket-[0-9a-f]{8} .*no Terraform resources/);
  });

  test.each([
    ['a region that is no region', () => awsKit({ region: 'virginia', zones: ['virginia-a'] }), 'AIRA_E_INVALID_PROP'],
    ['zones of another region', () => awsKit({ region: 'us-east-1', zones: ['us-west-2a'] }), 'AIRA_E_UNKNOWN_ZONE'],
  ])('refuses %s', (_name, fn, code) => {
    expect(errorCodeOf(fn)).toBe(code);
  });

  test('refuses a key or a network of another cloud', () => {
    const { k, stack, key, network } = platform();
    const azureKey: IPlatformKey = { cloud: 'azure', keyRef: 'https://vault.example/keys/k' };
    const azureNetwork: INetwork = fakeNetwork('azure', 'eastus', ['1']);
    expect(errorCodeOf(() => k.createPool(stack, 'p1', { network, key: azureKey, sku: 'p5.48xlarge', nodes: 1 }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => k.createStorage(stack, 's1', { network: azureNetwork, key }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => k.createQuantumAccess(stack, 'q1', { key: azureKey }))).toBe('AIRA_E_INVALID_PROP');
  });
});

describe('QuantumAccess (Amazon Braket)', () => {
  function quantum(props: QuantumAccessProps = {}, region = 'us-east-1') {
    const app = testApp();
    const stack = new AwsStack(app, 'quantum-test', { region });
    const access = new QuantumAccess(stack, 'braket', props);
    return { stack, access, v: synthView(stack) };
  }

  test('a results bucket named amazon-braket-..., versioned, SSE-KMS, public access blocked, TLS only, protected', () => {
    const { v, access } = quantum();
    expect(access.bucket.bucketName).toMatch(/^amazon-braket-braket-[0-9a-f]{8}$/);
    expect(v.list('aws_s3_bucket')[0]).toMatchObject({ bucket: access.bucket.bucketName, lifecycle: { prevent_destroy: true } });
    expect(v.list('aws_s3_bucket_versioning')[0].versioning_configuration).toEqual({ status: 'Enabled' });
    expect(v.list('aws_s3_bucket_server_side_encryption_configuration')[0].rule[0]).toMatchObject({ bucket_key_enabled: true, apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } });
    expect(v.list('aws_s3_bucket_public_access_block')[0]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(parsePolicy(v.list('aws_s3_bucket_policy')[0].policy).Statement[0].Sid).toBe('DenyInsecureTransport');
  });

  test("Braket's service-linked role gets a grant on the key; it can be created here", () => {
    const existing = quantum().v;
    expect(existing.count('aws_iam_service_linked_role')).toBe(0);
    expect(existing.list('aws_kms_grant')[0].grantee_principal).toMatch(/:role\/aws-service-role\/braket\.amazonaws\.com\/AWSServiceRoleForAmazonBraket$/);
    const created = quantum({ serviceLinkedRole: 'create' }).v;
    expect(created.list('aws_iam_service_linked_role')[0].aws_service_name).toBe('braket.amazonaws.com');
    expect(created.list('aws_kms_grant')[0].grantee_principal).toMatch(/aws_iam_service_linked_role\./);
  });

  test('the role is limited to Braket task and device actions in the region and the results bucket', () => {
    const { v } = quantum();
    const st = parsePolicy(v.list('aws_iam_role_policy')[0].policy).Statement;
    const actions = st.flatMap((s: any) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.every((a: string) => /^(braket|s3|kms):/.test(a))).toBe(true);
    expect(actions.filter((a: string) => a.startsWith('braket:')).sort()).toEqual(['braket:CancelQuantumTask', 'braket:CreateQuantumTask', 'braket:GetDevice', 'braket:GetQuantumTask', 'braket:SearchDevices', 'braket:SearchQuantumTasks']);
    expect(st[0].Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': 'us-east-1' } });
    expect(st.filter((s: any) => s.Sid !== 'BraketTasksAndDevices').every((s: any) => s.Resource !== '*')).toBe(true);
  });

  test('grantAssume lets a pool role assume the Braket role', () => {
    const { k, stack, key, network } = platform();
    const pool = k.createPool(stack, 'sim', { network, key, sku: 'c7i.48xlarge', workload: 'simulation', simulates: 'quantum', nodes: 1 });
    const access = new QuantumAccess(stack, 'braket', { key: key as AwsKey });
    access.grantAssume(pool);
    const p = synthView(stack).withId('aws_iam_role_policy', 'braket_assume-sim')[0];
    expect(p.role).toMatch(/aws_iam_role\.sim_nodes_role_/);
    expect(parsePolicy(p.policy).Statement).toEqual([{ Sid: 'AssumeBraketRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '<ref>' }]);
  });

  test.each([
    ['a region without Braket', {}, 'us-east-2', 'AIRA_E_UNAVAILABLE_IN_REGION'],
    ['an unknown service-linked role mode', { serviceLinkedRole: 'maybe' }, 'us-east-1', 'AIRA_E_INVALID_PROP'],
    ['prevent_destroy off without a reason', { protection: { preventDestroy: false, reason: 'x' } }, 'us-east-1', 'AIRA_E_INVALID_FLOW'],
  ])('refuses %s', (_name, props, region, code) => {
    expect(errorCodeOf(() => quantum(props as QuantumAccessProps, region))).toBe(code);
  });

  test('a region Braket added later passes with skipRegionCheck', () => {
    expect(() => quantum({ skipRegionCheck: true }, 'us-east-2')).not.toThrow();
  });

  test('deterministic', () => {
    expect(Testing.synth(quantum().stack)).toBe(Testing.synth(quantum().stack));
  });
});
