import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { controlTitle, controlsOf } from '../../lib/policy/frameworks';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

/** Status of a rule on `type.x` in a synthesized stack of the given resources. */
const synthStatus = (ruleId: string, resources: Record<string, Record<string, Record<string, unknown>>>, address: string) => statusOf(checkDoc(synthDoc(resources)).results, ruleId, address);
const resultOf = (ruleId: string, doc: unknown, address: string) => checkDoc(doc).results.find((r) => r.ruleId === ruleId && r.address === address)!;

describe('the AIRA-ENC rules in the security baseline', () => {
  test('registered, in the pack, mapped to FIPS 140-3 7.9 and ISO 27001 A.8.24 with titles', () => {
    const pack = BUILTIN_PACKS.find((p) => p.id === 'aira-security-baseline')!;
    for (const id of ['AIRA-ENC-001', 'AIRA-ENC-002', 'AIRA-ENC-003']) {
      const rule = BUILTIN_RULES.find((r) => r.id === id)!;
      expect(Object.keys(pack.rules)).toContain(id);
      expect(controlsOf(rule, 'fips-140-3')).toEqual(['7.9']);
      expect(controlsOf(rule, 'iso-27001-2022')).toEqual(['A.8.24']);
      expect(rule.docs).toEqual(expect.arrayContaining(['https://docs.aws.amazon.com/kms/latest/developerguide/kms-internals.html']));
    }
    expect(controlTitle('fips-140-3', '7.9')).toMatch(/Sensitive security parameter management/);
    expect(pack.description).toContain('customer-managed key');
  });
});

describe('AIRA-ENC-001 object storage with a customer-managed key', () => {
  const sse = (def: Record<string, unknown>) => ({ bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: def }] });
  const s3 = (def?: Record<string, unknown>, extra: Record<string, Record<string, Record<string, unknown>>> = {}) =>
    synthDoc({ aws_kms_key: { k: { enable_key_rotation: true } }, aws_s3_bucket: { b: { bucket: 'data' } }, ...(def ? { aws_s3_bucket_server_side_encryption_configuration: { e: sse(def) } } : {}), ...extra });

  test.each([
    ['aws:kms with the stack\'s key', { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.k.arn}' }, 'pass'],
    ['aws:kms:dsse with a literal key ARN', { sse_algorithm: 'aws:kms:dsse', kms_master_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1234' }, 'pass'],
    ['aws:kms without a key id (aws/s3)', { sse_algorithm: 'aws:kms' }, 'fail'],
    ['aws:kms naming the AWS managed alias', { sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/aws/s3' }, 'fail'],
    ['AES256 (SSE-S3)', { sse_algorithm: 'AES256' }, 'fail'],
    ['a key from a variable', { sse_algorithm: 'aws:kms', kms_master_key_id: '${var.key}' }, 'unknown'],
  ])('S3 synth: %s', (_n, def, expected) => {
    expect(statusOf(checkDoc(s3(def)).results, 'AIRA-ENC-001', 'aws_s3_bucket.b')).toBe(expected);
  });

  test('S3 with no configuration fails and says S3 falls back to SSE-S3', () => {
    const r = resultOf('AIRA-ENC-001', s3(), 'aws_s3_bucket.b');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('SSE-S3');
  });

  test('a server access log target on SSE-S3 is not applicable (S3 delivers logs only there); on a KMS key it passes', () => {
    const logging = { aws_s3_bucket_logging: { l: { bucket: 'other', target_bucket: '${aws_s3_bucket.b.id}', target_prefix: 'x/' } } };
    const na = resultOf('AIRA-ENC-001', s3({ sse_algorithm: 'AES256' }, logging), 'aws_s3_bucket.b');
    expect(na.status).toBe('not_applicable');
    expect(na.message).toContain('server access logs');
    expect(statusOf(checkDoc(s3({ sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.k.arn}' }, logging)).results, 'AIRA-ENC-001', 'aws_s3_bucket.b')).toBe('pass');
  });

  test('S3 plan: the key created in the same apply passes by reference; an unknown key id from elsewhere is unknown; AES256 fails', () => {
    const plan = (def: Record<string, unknown>, keyExpr: Record<string, unknown>, unknownKey: boolean) =>
      planDoc([
        { type: 'aws_kms_key', name: 'k', values: { enable_key_rotation: true } },
        { type: 'aws_s3_bucket', name: 'b', values: { bucket: 'data' } },
        {
          type: 'aws_s3_bucket_server_side_encryption_configuration',
          name: 'e',
          values: { bucket: 'data', rule: [{ apply_server_side_encryption_by_default: [def] }] },
          afterUnknown: unknownKey ? { rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] } : {},
          expressions: { bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] }, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: { constant_value: def.sse_algorithm }, kms_master_key_id: keyExpr }] }] },
        },
      ]);
    expect(statusOf(checkDoc(plan({ sse_algorithm: 'aws:kms' }, { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] }, true)).results, 'AIRA-ENC-001', 'aws_s3_bucket.b')).toBe('pass');
    expect(statusOf(checkDoc(plan({ sse_algorithm: 'aws:kms' }, { references: ['var.key'] }, true)).results, 'AIRA-ENC-001', 'aws_s3_bucket.b')).toBe('unknown');
    expect(statusOf(checkDoc(plan({ sse_algorithm: 'AES256' }, {}, false)).results, 'AIRA-ENC-001', 'aws_s3_bucket.b')).toBe('fail');
  });

  test.each([
    ['customer_managed_key block', { customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}', user_assigned_identity_id: 'id' } }, {}, 'pass'],
    ['the separate azurerm_storage_account_customer_managed_key', {}, { azurerm_storage_account_customer_managed_key: { c: { storage_account_id: '${azurerm_storage_account.a.id}', key_vault_id: 'v', key_name: 'k' } } }, 'pass'],
    ['Microsoft-managed keys', {}, {}, 'fail'],
  ])('Azure synth: %s', (_n, account, extra, expected) => {
    expect(synthStatus('AIRA-ENC-001', { azurerm_key_vault_key: { k: { name: 'k' } }, azurerm_storage_account: { a: { name: 'a', ...account } }, ...extra }, 'azurerm_storage_account.a')).toBe(expected);
  });

  test('Azure plan: customer_managed_key as a list; an unknown key id without a key resource is unknown', () => {
    const plan = (cmk: unknown, unknownKey = false) =>
      planDoc([{ type: 'azurerm_storage_account', name: 'a', values: { name: 'a', customer_managed_key: cmk }, afterUnknown: unknownKey ? { customer_managed_key: [{ key_vault_key_id: true }] } : {} }]);
    expect(statusOf(checkDoc(plan([{ key_vault_key_id: 'https://v.vault.azure.net/keys/k', user_assigned_identity_id: 'i' }])).results, 'AIRA-ENC-001', 'azurerm_storage_account.a')).toBe('pass');
    expect(statusOf(checkDoc(plan([])).results, 'AIRA-ENC-001', 'azurerm_storage_account.a')).toBe('fail');
    expect(statusOf(checkDoc(plan([{ user_assigned_identity_id: 'i' }], true)).results, 'AIRA-ENC-001', 'azurerm_storage_account.a')).toBe('unknown');
  });

  test.each([
    ['default_kms_key_name', { encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' } }, 'pass'],
    ['no encryption block (Google-managed keys)', {}, 'fail'],
  ])('GCS synth: %s', (_n, bucket, expected) => {
    expect(synthStatus('AIRA-ENC-001', { google_kms_crypto_key: { k: { name: 'k' } }, google_storage_bucket: { b: { name: 'b', ...bucket } } }, 'google_storage_bucket.b')).toBe(expected);
  });

  test('GCS plan: encryption as a list', () => {
    const plan = (enc: unknown) => planDoc([{ type: 'google_storage_bucket', name: 'b', values: { name: 'b', encryption: enc } }]);
    expect(statusOf(checkDoc(plan([{ default_kms_key_name: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' }])).results, 'AIRA-ENC-001', 'google_storage_bucket.b')).toBe('pass');
    expect(statusOf(checkDoc(plan([])).results, 'AIRA-ENC-001', 'google_storage_bucket.b')).toBe('fail');
  });
});

describe('AIRA-ENC-002 file systems with a customer-managed key', () => {
  test.each([
    ['FSx for Lustre PERSISTENT_2 with a key', 'aws_fsx_lustre_file_system', { deployment_type: 'PERSISTENT_2', kms_key_id: '${aws_kms_key.k.arn}' }, 'pass'],
    ['FSx for Lustre without kms_key_id (aws/fsx)', 'aws_fsx_lustre_file_system', { deployment_type: 'PERSISTENT_2' }, 'fail'],
    ['FSx for Lustre SCRATCH_2 (service key only)', 'aws_fsx_lustre_file_system', { deployment_type: 'SCRATCH_2' }, 'fail'],
    ['EFS encrypted with a key', 'aws_efs_file_system', { encrypted: true, kms_key_id: 'arn:aws:kms:us-east-1:1:key/k' }, 'pass'],
    ['EFS encrypted with aws/elasticfilesystem', 'aws_efs_file_system', { encrypted: true }, 'fail'],
    ['Azure Managed Lustre with encryption_key', 'azurerm_managed_lustre_file_system', { encryption_key: { key_url: '${azurerm_key_vault_key.k.id}', source_vault_id: 'v' } }, 'pass'],
    ['Azure Managed Lustre without encryption_key', 'azurerm_managed_lustre_file_system', {}, 'fail'],
    ['Filestore with kms_key_name', 'google_filestore_instance', { kms_key_name: '${google_kms_crypto_key.k.id}' }, 'pass'],
    ['Filestore without kms_key_name', 'google_filestore_instance', {}, 'fail'],
    ['Google Managed Lustre (provider 6.50 has no key argument)', 'google_lustre_instance', { capacity_gib: 18000 }, 'not_applicable'],
    ['Google Managed Lustre from a provider with kms_key, set', 'google_lustre_instance', { kms_key: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' }, 'pass'],
    ['Google Managed Lustre from a provider with kms_key, null', 'google_lustre_instance', { kms_key: null }, 'fail'],
  ])('%s', (_n, type, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ [type]: { x: values } })).results, 'AIRA-ENC-002', `${type}.x`)).toBe(expected);
    // The plan form writes nested blocks as lists.
    const planValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' && v !== null && !Array.isArray(v) ? [v] : v]));
    const planStatus = statusOf(checkDoc(planDoc([{ type, name: 'x', values: planValues }])).results, 'AIRA-ENC-002', `${type}.x`);
    // A token is unknown in a plan without its key resource: only literal keys keep their verdict there.
    if (!JSON.stringify(values).includes('${')) expect(planStatus).toBe(expected);
  });

  test('plan: an FSx key created in the same apply passes by reference; an unknown key from a variable is unknown', () => {
    const plan = (refs: string[]) =>
      planDoc([
        { type: 'aws_kms_key', name: 'k', values: {} },
        { type: 'aws_fsx_lustre_file_system', name: 'fs', values: { deployment_type: 'PERSISTENT_2' }, afterUnknown: { kms_key_id: true }, expressions: { deployment_type: { constant_value: 'PERSISTENT_2' }, kms_key_id: { references: refs } } },
      ]);
    expect(statusOf(checkDoc(plan(['aws_kms_key.k.arn', 'aws_kms_key.k'])).results, 'AIRA-ENC-002', 'aws_fsx_lustre_file_system.fs')).toBe('pass');
    expect(statusOf(checkDoc(plan(['var.fsx_key'])).results, 'AIRA-ENC-002', 'aws_fsx_lustre_file_system.fs')).toBe('unknown');
  });
});

describe('AIRA-ENC-003 disks and volumes with a customer-managed key', () => {
  const ebs = (e: Record<string, unknown>) => ({ block_device_mappings: [{ device_name: '/dev/xvda', ebs: e }] });
  test.each([
    ['launch template, encrypted with a key', 'aws_launch_template', ebs({ encrypted: 'true', kms_key_id: 'arn:aws:kms:us-east-1:1:key/k' }), 'pass'],
    ['launch template, encrypted with the account default key', 'aws_launch_template', ebs({ encrypted: 'true' }), 'fail'],
    ['launch template, unencrypted', 'aws_launch_template', ebs({ encrypted: 'false', kms_key_id: 'arn:aws:kms:us-east-1:1:key/k' }), 'fail'],
    ['launch template, no EBS mapping', 'aws_launch_template', {}, 'fail'],
    ['EBS volume with a key', 'aws_ebs_volume', { encrypted: true, kms_key_id: 'arn:aws:kms:us-east-1:1:key/k' }, 'pass'],
    ['EBS volume with aws/ebs by alias', 'aws_ebs_volume', { encrypted: true, kms_key_id: 'alias/aws/ebs' }, 'fail'],
    ['EKS node group without a launch template', 'aws_eks_node_group', { cluster_name: 'c' }, 'fail'],
    ['EKS node group with a launch template (checked on the template)', 'aws_eks_node_group', { launch_template: { id: 'lt-1', version: '1' } }, 'not_applicable'],
    ['VMSS os_disk with a disk encryption set', 'azurerm_linux_virtual_machine_scale_set', { os_disk: { caching: 'ReadWrite', disk_encryption_set_id: 'des' } }, 'pass'],
    ['VMSS os_disk with platform-managed keys', 'azurerm_linux_virtual_machine_scale_set', { os_disk: { caching: 'ReadWrite' } }, 'fail'],
    ['VMSS data disk without a set', 'azurerm_linux_virtual_machine_scale_set', { os_disk: { disk_encryption_set_id: 'des' }, data_disk: [{ lun: 0 }] }, 'fail'],
    ['managed disk with a set', 'azurerm_managed_disk', { disk_encryption_set_id: 'des' }, 'pass'],
    ['managed disk without a set', 'azurerm_managed_disk', {}, 'fail'],
    ['instance template disk with kms_key_self_link', 'google_compute_instance_template', { disk: [{ boot: true, disk_encryption_key: { kms_key_self_link: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' } }] }, 'pass'],
    ['instance template disk without a key', 'google_compute_instance_template', { disk: [{ boot: true }] }, 'fail'],
    ['instance template local SSD is skipped', 'google_compute_instance_template', { disk: [{ boot: true, disk_encryption_key: { kms_key_self_link: 'k' } }, { type: 'SCRATCH' }] }, 'pass'],
    ['compute disk with a key', 'google_compute_disk', { disk_encryption_key: { kms_key_self_link: 'k' } }, 'pass'],
    ['compute disk without a key', 'google_compute_disk', {}, 'fail'],
    ['AKS cluster with a disk encryption set', 'azurerm_kubernetes_cluster', { disk_encryption_set_id: 'des', default_node_pool: { name: 'system' } }, 'pass'],
    ['AKS cluster without a disk encryption set', 'azurerm_kubernetes_cluster', { default_node_pool: { name: 'system' } }, 'fail'],
    ['GKE node pool with a boot disk key', 'google_container_node_pool', { node_config: { boot_disk_kms_key: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' } }, 'pass'],
    ['GKE node pool without a boot disk key', 'google_container_node_pool', { node_config: { machine_type: 'a3-highgpu-8g' } }, 'fail'],
    ['GKE node pool without node_config', 'google_container_node_pool', {}, 'fail'],
    ['GKE cluster whose default pool is removed', 'google_container_cluster', { remove_default_node_pool: true, node_config: { machine_type: 'e2-small' } }, 'not_applicable'],
    ['GKE cluster keeping a default pool without a key', 'google_container_cluster', { node_config: { machine_type: 'e2-small' } }, 'fail'],
    ['GKE cluster keeping a default pool with a key', 'google_container_cluster', { node_config: { boot_disk_kms_key: 'k' } }, 'pass'],
    ['GKE cluster with an inline node pool without a key', 'google_container_cluster', { remove_default_node_pool: true, node_pool: [{ name: 'a', node_config: { machine_type: 'e2-small' } }] }, 'fail'],
    ['GKE Autopilot without auto-provisioning defaults', 'google_container_cluster', { enable_autopilot: true }, 'fail'],
    ['GKE Autopilot with a boot disk key for its pools', 'google_container_cluster', { enable_autopilot: true, cluster_autoscaling: { auto_provisioning_defaults: { boot_disk_kms_key: 'k' } } }, 'pass'],
    ['GKE node auto-provisioning without a key', 'google_container_cluster', { remove_default_node_pool: true, cluster_autoscaling: { enabled: true, auto_provisioning_defaults: { disk_size: 100 } } }, 'fail'],
  ])('%s (synth and plan)', (_n, type, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ [type]: { x: values } })).results, 'AIRA-ENC-003', `${type}.x`)).toBe(expected);
    const asLists = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(asLists) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'object' && x !== null && !Array.isArray(x) ? [asLists(x)] : asLists(x)])) : v;
    expect(statusOf(checkDoc(planDoc([{ type, name: 'x', values: asLists(values) as Record<string, unknown> }])).results, 'AIRA-ENC-003', `${type}.x`)).toBe(expected);
  });

  test('synth: a key or disk encryption set of the stack passes by reference; a variable is unknown', () => {
    const lt = (key: string) => synthDoc({ aws_kms_key: { k: {} }, aws_launch_template: { t: ebs({ encrypted: 'true', kms_key_id: key }) } });
    expect(statusOf(checkDoc(lt('${aws_kms_key.k.arn}')).results, 'AIRA-ENC-003', 'aws_launch_template.t')).toBe('pass');
    expect(statusOf(checkDoc(lt('${var.key}')).results, 'AIRA-ENC-003', 'aws_launch_template.t')).toBe('unknown');
    const vmss = synthDoc({ azurerm_disk_encryption_set: { d: {} }, azurerm_linux_virtual_machine_scale_set: { v: { os_disk: { disk_encryption_set_id: '${azurerm_disk_encryption_set.d.id}' } } } });
    expect(statusOf(checkDoc(vmss).results, 'AIRA-ENC-003', 'azurerm_linux_virtual_machine_scale_set.v')).toBe('pass');
  });

  test('AKS node pools take the key of their cluster\'s disk encryption set; without the cluster in the input they are unknown', () => {
    const doc = (set: Record<string, unknown>, withCluster = true) =>
      synthDoc({
        azurerm_disk_encryption_set: { d: {} },
        ...(withCluster ? { azurerm_kubernetes_cluster: { c: { default_node_pool: { name: 'system' }, ...set } } } : {}),
        azurerm_kubernetes_cluster_node_pool: { p: { name: 'gpu', kubernetes_cluster_id: withCluster ? '${azurerm_kubernetes_cluster.c.id}' : '${var.cluster_id}' } },
      });
    const pool = (d: unknown) => resultOf('AIRA-ENC-003', d, 'azurerm_kubernetes_cluster_node_pool.p');
    expect(pool(doc({ disk_encryption_set_id: '${azurerm_disk_encryption_set.d.id}' }))).toMatchObject({ status: 'pass', path: 'kubernetes_cluster_id' });
    expect(pool(doc({})).status).toBe('fail');
    expect(pool(doc({})).message).toMatch(/inherited from azurerm_kubernetes_cluster\.c: no disk_encryption_set_id/);
    expect(pool(doc({ disk_encryption_set_id: '${var.des}' })).status).toBe('unknown');
    expect(pool(doc({}, false)).status).toBe('unknown');
  });

  test('plan: an unknown kms_key_id from outside the plan is unknown, and the message names the mapping', () => {
    const doc = planDoc([
      {
        type: 'aws_launch_template',
        name: 't',
        values: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }] },
        afterUnknown: { block_device_mappings: [{ ebs: [{ kms_key_id: true }] }] },
        expressions: { block_device_mappings: [{ device_name: { constant_value: '/dev/xvda' }, ebs: [{ encrypted: { constant_value: 'true' }, kms_key_id: { references: ['module.keys.ebs_key_arn', 'module.keys'] } }] }] },
      },
    ]);
    const r = resultOf('AIRA-ENC-003', doc, 'aws_launch_template.t');
    expect(r.status).toBe('unknown');
    expect(r.path).toBe('block_device_mappings.0.ebs.0.kms_key_id');
  });
});
