import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { isoDays } from '../../policies/keys/key-rotation';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

describe('pack aira-security-baseline', () => {
  test('selects only registered rules, including the new baseline rules', () => {
    const pack = BUILTIN_PACKS.find((p) => p.id === 'aira-security-baseline')!;
    const ids = BUILTIN_RULES.map((r) => r.id);
    for (const id of Object.keys(pack.rules)) expect(ids).toContain(id);
    expect(Object.keys(pack.rules)).toEqual(expect.arrayContaining(['AIRA-STO-003', 'AIRA-STO-004', 'AIRA-KMS-001', 'AIRA-CMP-001', 'AIRA-CMP-002']));
  });
});

describe('AIRA-CMP-001 IMDSv2 on launch templates', () => {
  test.each([
    ['required', { metadata_options: { http_endpoint: 'enabled', http_tokens: 'required' } }, 'pass'],
    ['optional', { metadata_options: { http_tokens: 'optional' } }, 'fail'],
    ['no metadata_options', {}, 'fail'],
    ['metadata service disabled', { metadata_options: { http_endpoint: 'disabled' } }, 'pass'],
    ['from a variable', { metadata_options: { http_tokens: '${var.tokens}' } }, 'unknown'],
  ])('%s', (_n, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ aws_launch_template: { t: values } })).results, 'AIRA-CMP-001', 'aws_launch_template.t')).toBe(expected);
  });

  test('in a plan (blocks as lists)', () => {
    const plan = (tokens: string) => planDoc([{ type: 'aws_launch_template', name: 't', values: { metadata_options: [{ http_endpoint: 'enabled', http_tokens: tokens }] } }]);
    expect(statusOf(checkDoc(plan('required')).results, 'AIRA-CMP-001', 'aws_launch_template.t')).toBe('pass');
    expect(statusOf(checkDoc(plan('optional')).results, 'AIRA-CMP-001', 'aws_launch_template.t')).toBe('fail');
  });
});

describe('AIRA-CMP-002 no public IP on compute', () => {
  test.each([
    ['AWS template, associate_public_ip_address false', 'aws_launch_template', { network_interfaces: [{ associate_public_ip_address: 'false', device_index: 0 }] }, 'pass'],
    ['AWS template, associate_public_ip_address true', 'aws_launch_template', { network_interfaces: [{ associate_public_ip_address: 'true', device_index: 0 }] }, 'fail'],
    ['Google template, no access_config', 'google_compute_instance_template', { network_interface: [{ subnetwork: 's' }] }, 'pass'],
    ['Google template, empty access_config (ephemeral external IP)', 'google_compute_instance_template', { network_interface: [{ subnetwork: 's', access_config: [{}] }] }, 'fail'],
    ['Azure VMSS, private ip_configuration', 'azurerm_linux_virtual_machine_scale_set', { network_interface: [{ name: 'nic', ip_configuration: [{ name: 'ip', subnet_id: 's' }] }] }, 'pass'],
    ['Azure VMSS, public_ip_address block', 'azurerm_linux_virtual_machine_scale_set', { network_interface: [{ name: 'nic', ip_configuration: [{ name: 'ip', public_ip_address: [{ name: 'pip' }] }] }] }, 'fail'],
    ['AWS instance with a public IP', 'aws_instance', { associate_public_ip_address: true }, 'fail'],
  ])('%s', (_n, type, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ [type]: { x: values } })).results, 'AIRA-CMP-002', `${type}.x`)).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type, name: 'x', values }])).results, 'AIRA-CMP-002', `${type}.x`)).toBe(expected);
  });
});

describe('AIRA-STO-003 S3 public access block, all four settings', () => {
  const all = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
  test('all four on passes; one off fails naming it; none fails', () => {
    const doc = (pab: Record<string, unknown> | undefined) =>
      synthDoc({ aws_s3_bucket: { b: { bucket: 'b' } }, ...(pab ? { aws_s3_bucket_public_access_block: { p: { bucket: '${aws_s3_bucket.b.id}', ...pab } } } : {}) });
    expect(statusOf(checkDoc(doc(all)).results, 'AIRA-STO-003', 'aws_s3_bucket.b')).toBe('pass');
    const off = checkDoc(doc({ ...all, restrict_public_buckets: false })).results.find((r) => r.ruleId === 'AIRA-STO-003')!;
    expect(off.status).toBe('fail');
    expect(off.message).toMatch(/restrict_public_buckets/);
    expect(statusOf(checkDoc(doc(undefined)).results, 'AIRA-STO-003', 'aws_s3_bucket.b')).toBe('fail');
  });

  test('in a plan, linked by reference', () => {
    const plan = (pab: Record<string, unknown>) =>
      planDoc([
        { type: 'aws_s3_bucket', name: 'b', values: { bucket: 'b' } },
        { type: 'aws_s3_bucket_public_access_block', name: 'p', values: pab, afterUnknown: { bucket: true }, expressions: { bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] } } },
      ]);
    expect(statusOf(checkDoc(plan(all)).results, 'AIRA-STO-003', 'aws_s3_bucket.b')).toBe('pass');
    expect(statusOf(checkDoc(plan({ ...all, block_public_policy: false })).results, 'AIRA-STO-003', 'aws_s3_bucket.b')).toBe('fail');
  });
});

describe('AIRA-STO-004 GCS public access prevention and uniform access', () => {
  test.each([
    ['enforced and uniform', { public_access_prevention: 'enforced', uniform_bucket_level_access: true }, 'pass'],
    ['inherited', { public_access_prevention: 'inherited', uniform_bucket_level_access: true }, 'fail'],
    ['unset', { uniform_bucket_level_access: true }, 'fail'],
    ['fine-grained ACLs', { public_access_prevention: 'enforced', uniform_bucket_level_access: false }, 'fail'],
  ])('%s', (_n, o, expected) => {
    const values = { name: 'b', location: 'EU', ...o };
    expect(statusOf(checkDoc(synthDoc({ google_storage_bucket: { b: values } })).results, 'AIRA-STO-004', 'google_storage_bucket.b')).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type: 'google_storage_bucket', name: 'b', values }])).results, 'AIRA-STO-004', 'google_storage_bucket.b')).toBe(expected);
  });
});

describe('AIRA-KMS-001 key rotation', () => {
  test.each([
    ['AWS rotation on', 'aws_kms_key', { enable_key_rotation: true, rotation_period_in_days: 365 }, 'pass'],
    ['AWS rotation off', 'aws_kms_key', { enable_key_rotation: false }, 'fail'],
    ['AWS rotation unset (default off)', 'aws_kms_key', {}, 'fail'],
    ['AWS asymmetric key', 'aws_kms_key', { customer_master_key_spec: 'RSA_4096' }, 'not_applicable'],
    ['Google 90 days', 'google_kms_crypto_key', { rotation_period: '7776000s' }, 'pass'],
    ['Google 400 days', 'google_kms_crypto_key', { rotation_period: '34560000s' }, 'fail'],
    ['Google no rotation', 'google_kms_crypto_key', {}, 'fail'],
    ['Azure automatic rotation after 90 days', 'azurerm_key_vault_key', { rotation_policy: { automatic: { time_after_creation: 'P90D' }, expire_after: 'P180D' } }, 'pass'],
    ['Azure automatic rotation after 2 years', 'azurerm_key_vault_key', { rotation_policy: { automatic: { time_after_creation: 'P2Y' } } }, 'fail'],
    ['Azure notify-only policy', 'azurerm_key_vault_key', { rotation_policy: { expire_after: 'P180D', notify_before_expiry: 'P30D' } }, 'fail'],
    ['Azure no rotation policy', 'azurerm_key_vault_key', {}, 'fail'],
  ])('%s', (_n, type, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ [type]: { k: values } })).results, 'AIRA-KMS-001', `${type}.k`)).toBe(expected);
    // A plan writes the nested blocks as lists.
    const listed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? [Object.fromEntries(Object.entries(v as object).map(([a, b]) => [a, typeof b === 'object' ? [b] : b]))] : v]));
    expect(statusOf(checkDoc(planDoc([{ type, name: 'k', values: listed }])).results, 'AIRA-KMS-001', `${type}.k`)).toBe(expected);
  });

  test.each([
    ['P90D', 90],
    ['P1Y', 365],
    ['P2Y', 730],
    ['P3M', 93],
    ['90 days', undefined],
  ])('ISO duration %s is %s days', (d, days) => {
    expect(isoDays(d)).toBe(days);
  });
});
