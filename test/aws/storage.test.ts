import { Testing } from 'cdktf';
import { AcceleratorPool, AwsStack, AwsStorageTiersProps, SegmentedNetwork, StorageTiers, checkLustreSize } from '../../lib/aws';
import { IAcceleratorPool } from '../../lib/core/compute';
import { errorCodeOf, parsePolicy, synthView, testApp } from '../helpers/synth';

function build(props: Partial<AwsStorageTiersProps> = {}, networkFlows: Parameters<typeof SegmentedNetwork.prototype.allow>[] = []) {
  const app = testApp();
  app.node.setContext('aira:today', '2026-11-22');
  const stack = new AwsStack(app, 'storage-test', { region: 'us-east-1', tags: { owner: 'data-platform' } });
  const network = new SegmentedNetwork(stack, 'net', { cidr: '10.13.0.0/16', zones: ['us-east-1a', 'us-east-1b'] });
  for (const f of networkFlows) network.allow(...f);
  const tiers = new StorageTiers(stack, 'tiers', { network, ...props } as AwsStorageTiersProps);
  return { app, stack, network, tiers, v: () => synthView(stack) };
}

/** Resources of a type that belong to one role's bucket construct (ids join the path with _). */
const ofRole = (v: ReturnType<typeof synthView>, type: string, role: string) => v.withId(type, `tiers_${role}_`);

describe('AWS StorageTiers: buckets', () => {
  const { tiers, v: synth } = build();
  const v = synth();
  const roles = ['data-lake', 'feature-store', 'model-registry', 'artifacts', 'checkpoints', 'audit'];

  test('one bucket per data role and one for access logs, with stable, checked names', () => {
    expect(tiers.roles).toEqual(roles);
    const names = v.list('aws_s3_bucket').map((b) => b.bucket).sort();
    expect(names).toHaveLength(7);
    const suffix = tiers.bucketName('data-lake').split('-').pop();
    expect(suffix).toMatch(/^[0-9a-f]{8}$/);
    expect(names).toEqual([...roles, 'access-logs'].map((r) => `tiers-${r}-${suffix}`).sort());
  });

  test('all four public access blocks, ACLs disabled, and prevent_destroy on every bucket', () => {
    expect(v.list('aws_s3_bucket_public_access_block')).toHaveLength(7);
    for (const pab of v.list('aws_s3_bucket_public_access_block')) expect(pab).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    for (const o of v.list('aws_s3_bucket_ownership_controls')) expect(o.rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    for (const b of v.list('aws_s3_bucket')) expect(b).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  test('SSE-KMS with the customer-managed key and a bucket key; the log bucket on SSE-S3', () => {
    for (const role of roles) {
      expect(ofRole(v, 'aws_s3_bucket_server_side_encryption_configuration', role)[0].rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.tiers_key_.*\.arn\}$/) }, bucket_key_enabled: true },
      ]);
    }
    expect(ofRole(v, 'aws_s3_bucket_server_side_encryption_configuration', 'access-logs')[0].rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(v.withId('aws_kms_key', 'tiers_key')[0]).toMatchObject({ enable_key_rotation: true });
  });

  test('TLS only: every bucket policy denies plain HTTP and TLS below 1.2', () => {
    for (const p of v.list('aws_s3_bucket_policy')) {
      const statements = parsePolicy(p.policy).Statement;
      expect(statements[0]).toMatchObject({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
      expect(statements[1]).toMatchObject({ Sid: 'DenyTlsBelow12', Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } });
    }
  });

  test('versioning on the lake, registry, checkpoints and audit only', () => {
    const versioned = v.list('aws_s3_bucket_versioning').map((x) => x.bucket.replace(/^\$\{aws_s3_bucket\.tiers_(.*)_bucket_.*$/, '$1')).sort();
    expect(versioned).toEqual(['audit', 'checkpoints', 'data-lake', 'model-registry']);
    for (const x of v.list('aws_s3_bucket_versioning')) expect(x.versioning_configuration).toEqual({ status: 'Enabled' });
  });

  test('lifecycle translated from the cloud-neutral defaults, with noncurrent-version expiry', () => {
    const lake = ofRole(v, 'aws_s3_bucket_lifecycle_configuration', 'data-lake')[0].rule;
    expect(lake[0]).toMatchObject({ id: 'age-out', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] });
    expect(lake[0].transition).toEqual([{ days: 90, storage_class: 'STANDARD_IA' }, { days: 365, storage_class: 'DEEP_ARCHIVE' }]);
    expect(lake[1]).toMatchObject({ id: 'noncurrent-versions', noncurrent_version_expiration: [{ noncurrent_days: 30 }], expiration: [{ expired_object_delete_marker: true }] });
    const checkpoints = ofRole(v, 'aws_s3_bucket_lifecycle_configuration', 'checkpoints')[0].rule;
    expect(checkpoints[0].expiration).toEqual([{ days: 365 }]);
    expect(checkpoints[1].noncurrent_version_expiration).toEqual([{ noncurrent_days: 7 }]);
    expect(ofRole(v, 'aws_s3_bucket_lifecycle_configuration', 'feature-store')[0].rule).toHaveLength(1);
  });

  test('access logging for the lake, registry and audit, allowed in the log bucket per source', () => {
    const logged = v.list('aws_s3_bucket_logging');
    expect(logged.map((l) => l.target_prefix).sort()).toEqual(['audit/', 'data-lake/', 'model-registry/']);
    for (const l of logged) expect(l.target_bucket).toMatch(/aws_s3_bucket\.tiers_access-logs_bucket_/);
    const logPolicy = parsePolicy(ofRole(v, 'aws_s3_bucket_policy', 'access-logs')[0].policy).Statement;
    const delivery = logPolicy.filter((s: any) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(delivery).toHaveLength(3);
    for (const s of delivery) expect(s).toMatchObject({ Effect: 'Allow', Action: 's3:PutObject', Condition: { ArnLike: { 'aws:SourceArn': '<ref>' }, StringEquals: { 'aws:SourceAccount': '<ref>' } } });
    expect(ofRole(v, 'aws_s3_bucket_lifecycle_configuration', 'access-logs')[0].rule[0].expiration).toEqual([{ days: 365 }]);
  });

  test('no hot tier unless asked', () => {
    expect(v.count('aws_fsx_lustre_file_system')).toBe(0);
  });
});

describe('AWS StorageTiers: object lock and protection', () => {
  test('retention on the model registry and audit roles becomes S3 Object Lock', () => {
    const v = build({ objectTiers: ['data-lake', { role: 'model-registry', retention: { days: 365 } }, { role: 'audit', retention: { days: 2557, mode: 'compliance' } }] }).v();
    expect(ofRole(v, 'aws_s3_bucket', 'model-registry')[0].object_lock_enabled).toBe(true);
    expect(ofRole(v, 'aws_s3_bucket', 'data-lake')[0].object_lock_enabled).toBeUndefined();
    expect(ofRole(v, 'aws_s3_bucket_object_lock_configuration', 'model-registry')[0].rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 365 } });
    expect(ofRole(v, 'aws_s3_bucket_object_lock_configuration', 'audit')[0].rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 2557 } });
  });

  test('prevent_destroy can be turned off only with a reason', () => {
    const v = build({ protection: { preventDestroy: false, reason: 'scratch environment torn down nightly' }, hot: { capacityGib: 1200 } }).v();
    for (const b of v.list('aws_s3_bucket')) expect(b.lifecycle).toEqual({ prevent_destroy: false });
    expect(v.list('aws_fsx_lustre_file_system')[0].lifecycle).toEqual({ prevent_destroy: false });
    expect(errorCodeOf(() => build({ protection: { preventDestroy: false, reason: 'why not' } }))).toBe('AIRA_E_INVALID_FLOW');
  });
});

describe('AWS StorageTiers: FSx for Lustre hot tier', () => {
  test('PERSISTENT_2 on the data plane subnet, encrypted with the key, protected, linked to the lake both ways', () => {
    const { v: synth, tiers } = build({ hot: { capacityGib: 4800, throughputMbpsPerTib: 500 } });
    const v = synth();
    const fs = v.list('aws_fsx_lustre_file_system')[0];
    expect(fs).toMatchObject({
      deployment_type: 'PERSISTENT_2',
      storage_type: 'SSD',
      storage_capacity: 4800,
      per_unit_storage_throughput: 500,
      file_system_type_version: '2.15',
      automatic_backup_retention_days: 0,
      lifecycle: { prevent_destroy: true },
    });
    expect(fs.subnet_ids).toEqual([expect.stringMatching(/aws_subnet\.net_data-us-east-1a_/)]);
    expect(fs.security_group_ids).toEqual([expect.stringMatching(/net_sg_data_/), expect.stringMatching(/tiers_lustre_servers_/)]);
    expect(fs.kms_key_id).toMatch(/aws_kms_key\.tiers_key_/);
    expect(fs.log_configuration).toEqual({ level: 'WARN_ERROR', destination: expect.stringMatching(/aws_cloudwatch_log_group\.tiers_lustre_logs_/) });
    expect(fs.efa_enabled).toBeUndefined();
    const dra = v.list('aws_fsx_data_repository_association')[0];
    expect(dra).toMatchObject({ file_system_path: '/data-lake', data_repository_path: `s3://${tiers.bucketName('data-lake')}`, batch_import_meta_data_on_create: true, delete_data_in_filesystem: false });
    expect(dra.s3).toEqual({ auto_import_policy: { events: ['NEW', 'CHANGED', 'DELETED'] }, auto_export_policy: { events: ['NEW', 'CHANGED', 'DELETED'] } });
    const grant = v.list('aws_kms_grant')[0];
    expect(grant.grantee_principal).toMatch(/:role\/aws-service-role\/s3\.data-source\.lustre\.fsx\.amazonaws\.com\/AWSServiceRoleForFSxS3Access_\$\{aws_fsx_lustre_file_system\./);
    expect(grant.depends_on).toEqual([expect.stringMatching(/^aws_fsx_data_repository_association\./)]);
  });

  test('reachable from the declared consumer planes only, on the Lustre ports', () => {
    const { network, v } = build({ hot: { capacityGib: 2400, consumers: ['training', 'inference'] } });
    const keys = network.flows.map((f) => f.key).sort();
    expect(keys).toEqual(['inference-to-data-tcp-1018-1023', 'inference-to-data-tcp-988', 'training-to-data-tcp-1018-1023', 'training-to-data-tcp-988']);
    const dataIngress = v().list('aws_vpc_security_group_ingress_rule').filter((r) => String(r.security_group_id).includes('net_sg_data_'));
    expect(dataIngress.map((r) => [r.from_port, r.to_port, String(r.referenced_security_group_id).replace(/^.*net_sg_(\w+?)_.*$/, '$1')]).sort()).toEqual([
      [1018, 1023, 'inference'],
      [1018, 1023, 'training'],
      [988, 988, 'inference'],
      [988, 988, 'training'],
    ]);
    // The servers' own group admits only its members, on the Lustre ports.
    const servers = v().withId('aws_vpc_security_group_ingress_rule', 'tiers_lustre_');
    expect(servers.map((r) => [r.from_port, r.to_port]).sort()).toEqual([[1018, 1023], [988, 988]]);
    for (const r of servers) expect(r.referenced_security_group_id).toBe(r.security_group_id);
  });

  test('flows the user declared already with the same reasons are not declared twice', () => {
    const { network } = build({ hot: { capacityGib: 1200 } }, [
      ['training', 'data', 988, 'training nodes mount the Lustre file system'],
      ['training', 'data', { from: 1018, to: 1023 }, 'Lustre client ports for training nodes'],
    ]);
    expect(network.flows).toHaveLength(2);
  });

  test('EFA-enabled: efa_enabled with a metadata configuration, all traffic among the servers', () => {
    const v = build({ hot: { capacityGib: 9600, throughputMbpsPerTib: 500, efa: true } }).v();
    expect(v.list('aws_fsx_lustre_file_system')[0]).toMatchObject({ efa_enabled: true, metadata_configuration: { mode: 'AUTOMATIC' } });
    expect(v.withId('aws_vpc_security_group_ingress_rule', 'tiers_lustre_')).toEqual([expect.objectContaining({ ip_protocol: '-1' })]);
  });

  test('an EFA pool is connected to an EFA-enabled file system by all-traffic rules between their groups', () => {
    const { stack, network, tiers, v } = build({ hot: { capacityGib: 4800, throughputMbpsPerTib: 1000, efa: true } });
    const pool = new AcceleratorPool(stack, 'h100', { network, sku: 'p5.48xlarge', nodes: 2 });
    tiers.connectEfaPool(pool);
    const rules = [...v().withId('aws_vpc_security_group_ingress_rule', 'tiers_lustre_efa-h100'), ...v().withId('aws_vpc_security_group_egress_rule', 'tiers_lustre_efa-h100')];
    expect(rules).toHaveLength(4);
    for (const r of rules) expect(r.ip_protocol).toBe('-1');
    const pairs = rules.map((r) => [String(r.security_group_id).includes('h100_efa_sg_'), String(r.referenced_security_group_id).includes('tiers_lustre_servers_')]);
    expect(pairs.filter(([client, servers]) => client && servers)).toHaveLength(2);
  });

  test('connecting an EFA pool needs an EFA tier, an EFA pool and a consumer plane', () => {
    const plain = build({ hot: { capacityGib: 1200 } });
    const efaPool = new AcceleratorPool(plain.stack, 'h100', { network: plain.network, sku: 'p5.48xlarge', nodes: 2 });
    expect(errorCodeOf(() => plain.tiers.connectEfaPool(efaPool))).toBe('AIRA_E_UNSUPPORTED_OPTION');
    const efa = build({ hot: { capacityGib: 4800, throughputMbpsPerTib: 1000, efa: true } });
    const cpu = new AcceleratorPool(efa.stack, 'cpu', { network: efa.network, sku: 'c7i.48xlarge', nodes: 2 });
    expect(errorCodeOf(() => efa.tiers.connectEfaPool(cpu))).toBe('AIRA_E_FABRIC_UNSUPPORTED');
    const serving = new AcceleratorPool(efa.stack, 'serve', { network: efa.network, sku: 'p5.48xlarge', nodes: 2, workload: 'inference', zones: ['us-east-1a'], fabric: true });
    expect(errorCodeOf(() => efa.tiers.connectEfaPool(serving))).toBe('AIRA_E_INVALID_FLOW');
  });

  test.each([
    [1200, 250, false, true],
    [2400, 125, false, true],
    [7200, 1000, false, true],
    [1000, 250, false, false],
    [3600, 250, false, false],
    [2400, 200, false, false],
    [4800, 1000, true, true],
    [4800, 500, true, false],
    [19200, 250, true, true],
    [9600, 125, true, false],
  ])('Lustre size %i GiB at %i MB/s/TiB (EFA %s): allowed %s', (capacity, throughput, efa, ok) => {
    const run = () => checkLustreSize(capacity, throughput, efa, 'p');
    if (ok) expect(run).not.toThrow();
    else expect(errorCodeOf(run)).toBe('AIRA_E_STORAGE_SIZE');
  });

  test('the EFA size error states the minimum', () => {
    expect(() => checkLustreSize(4800, 250, true, 'p')).toThrow(/needs a multiple of 19200 GiB \(minimum 19200 GiB\)/);
  });
});

describe('AWS StorageTiers: grants', () => {
  function withPool() {
    const built = build({ objectTiers: ['data-lake', 'feature-store', 'checkpoints'] });
    const pool = new AcceleratorPool(built.stack, 'prep', { network: built.network, sku: 'c7i.48xlarge', workload: 'preprocessing', nodes: 1 });
    return { ...built, pool };
  }

  test('grantRead: list and read of the chosen buckets on the pool role, decrypt through S3 only', () => {
    const { tiers, pool, v } = withPool();
    tiers.grantRead(pool, ['data-lake']);
    const policy = v().withId('aws_iam_role_policy', 'tiers_grant-')[0];
    expect(policy.role).toMatch(/aws_iam_role\.prep_nodes_role_.*\.name/);
    const st = parsePolicy(policy.policy).Statement;
    expect(st.map((s: any) => s.Sid)).toEqual(['ListBuckets', 'ReadObjects', 'DecryptThroughS3']);
    expect(st[0].Resource).toEqual(['<ref>']);
    expect(st[2]).toMatchObject({ Action: ['kms:Decrypt', 'kms:DescribeKey'], Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } });
    expect(JSON.stringify(st)).not.toMatch(/PutObject|DeleteObject/);
  });

  test('grantReadWrite: writes and encryption on every role when none given', () => {
    const { tiers, pool, v } = withPool();
    tiers.grantReadWrite(pool);
    const st = parsePolicy(v().withId('aws_iam_role_policy', 'tiers_grant-')[0].policy).Statement;
    expect(st.map((s: any) => s.Sid)).toEqual(['ListBuckets', 'ReadObjects', 'DecryptThroughS3', 'WriteObjects', 'EncryptThroughS3']);
    expect(st[0].Resource).toHaveLength(3);
    expect(st[3].Action).toEqual(['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']);
  });

  test('a pool of another cloud, or a role without a bucket, is refused', () => {
    const { tiers, pool } = withPool();
    const azurePool = { capabilities: pool.capabilities, identity: { cloud: 'azure', principalId: 'p', identityId: 'i' } } as IAcceleratorPool;
    expect(errorCodeOf(() => tiers.grantRead(azurePool))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => tiers.grantRead(pool, ['audit']))).toBe('AIRA_E_INVALID_PROP');
  });
});

describe('AWS StorageTiers: bad input', () => {
  test.each([
    ['a Lustre size off the steps', { hot: { capacityGib: 3000 } }, 'AIRA_E_STORAGE_SIZE'],
    ['a throughput tier PERSISTENT_2 lacks', { hot: { capacityGib: 2400, throughputMbpsPerTib: 200 } }, 'AIRA_E_STORAGE_SIZE'],
    ['an EFA file system below its minimum', { hot: { capacityGib: 2400, efa: true } }, 'AIRA_E_STORAGE_SIZE'],
    ['a lifecycle that goes backwards', { objectTiers: [{ role: 'artifacts', lifecycle: { infrequentAfterDays: 90, archiveAfterDays: 60 } }] }, 'AIRA_E_LIFECYCLE_ORDER'],
    ['a lifecycle that breaks a minimum storage duration', { objectTiers: [{ role: 'artifacts', lifecycle: { archiveAfterDays: 100, expireAfterDays: 200 } }] }, 'AIRA_E_LIFECYCLE_ORDER'],
    ['a bucket name over 63 characters', { name: 'a-very-long-platform-name-here', uniqueSuffix: 'acme-ml-research-01' }, 'AIRA_E_INVALID_NAME'],
    ['a unique suffix with capitals', { uniqueSuffix: 'ACME' }, 'AIRA_E_INVALID_NAME'],
    ['a consumer plane the network lacks', { hot: { capacityGib: 1200, consumers: ['quantum'] } }, 'AIRA_E_UNKNOWN_PLANE'],
    ['a tier on a plane without a declared flow from its consumers', { hot: { capacityGib: 1200, declareFlows: false } }, 'AIRA_E_INVALID_FLOW'],
    ['a retention lock on checkpoints', { objectTiers: [{ role: 'checkpoints', retention: { days: 30 } }] }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['a log retention that is no number of days', { accessLogRetentionDays: 0 }, 'AIRA_E_INVALID_PROP'],
    ['a file system log retention CloudWatch does not offer', { fileSystemLogRetentionDays: 100 }, 'AIRA_E_INVALID_PROP'],
  ])('%s', (_name, props, code) => {
    expect(errorCodeOf(() => build(props as Partial<AwsStorageTiersProps>))).toBe(code);
  });

  test('the bucket name error points at the unique suffix', () => {
    expect(() => build({ name: 'a-very-long-platform-name-here', uniqueSuffix: 'acme-ml-research-01' })).toThrow(/is 6\d characters long; S3 allows 3 to 63\. Fix: .*uniqueSuffix/);
  });

  test('deterministic: two builds synthesize the same stack', () => {
    const once = () => Testing.synth(build({ hot: { capacityGib: 2400 } }).stack, true);
    expect(once()).toBe(once());
  });
});
