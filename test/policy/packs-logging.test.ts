import { AcceleratorPool, GcpKey, GcpStack, SegmentedNetwork } from '../../lib/gcp';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { synthView, testApp } from '../helpers/synth';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const ref = (...targets: string[]) => ({ references: targets.flatMap((t) => [`${t}.id`, t]) });
const resultOf = (doc: unknown, id: string, address: string) => checkDoc(doc).results.find((r) => r.ruleId === id && r.address === address);

describe('pack aira-security-baseline: logging rules', () => {
  test('selects AIRA-LOG-001 to 004, all registered, with mapped controls that have titles', () => {
    const pack = BUILTIN_PACKS.find((p) => p.id === 'aira-security-baseline')!;
    expect(Object.keys(pack.rules)).toEqual(expect.arrayContaining(['AIRA-LOG-001', 'AIRA-LOG-002', 'AIRA-LOG-003', 'AIRA-LOG-004']));
    for (const id of ['AIRA-LOG-001', 'AIRA-LOG-002', 'AIRA-LOG-003', 'AIRA-LOG-004']) expect(BUILTIN_RULES.map((r) => r.id)).toContain(id);
  });
});

describe('AIRA-LOG-001 flow logs on every network: AWS', () => {
  const synth = (flowLog?: Record<string, unknown>, extra: Record<string, Record<string, Record<string, unknown>>> = {}) =>
    synthDoc({ aws_vpc: { v: { cidr_block: '10.0.0.0/16' } }, ...(flowLog ? { aws_flow_log: { f: { vpc_id: '${aws_vpc.v.id}', ...flowLog } } } : {}), ...extra });

  test.each([
    ['VPC flow log of ALL traffic', { traffic_type: 'ALL' }, 'pass'],
    ['rejected traffic only', { traffic_type: 'REJECT' }, 'fail'],
    ['traffic type from a variable', { traffic_type: '${var.traffic}' }, 'unknown'],
    ['no flow log', undefined, 'fail'],
  ])('synth: %s', (_n, flowLog, expected) => {
    expect(statusOf(checkDoc(synth(flowLog)).results, 'AIRA-LOG-001', 'aws_vpc.v')).toBe(expected);
  });

  test('synth: every subnet logged instead of the VPC passes; one subnet without fails', () => {
    const subnets = { aws_subnet: { a: { vpc_id: '${aws_vpc.v.id}' }, b: { vpc_id: '${aws_vpc.v.id}' } } };
    const both = { aws_flow_log: { fa: { subnet_id: '${aws_subnet.a.id}', traffic_type: 'ALL' }, fb: { subnet_id: '${aws_subnet.b.id}', traffic_type: 'ALL' } } };
    expect(statusOf(checkDoc(synthDoc({ aws_vpc: { v: {} }, ...subnets, ...both })).results, 'AIRA-LOG-001', 'aws_vpc.v')).toBe('pass');
    const one = { aws_flow_log: { fa: { subnet_id: '${aws_subnet.a.id}', traffic_type: 'ALL' } } };
    expect(statusOf(checkDoc(synthDoc({ aws_vpc: { v: {} }, ...subnets, ...one })).results, 'AIRA-LOG-001', 'aws_vpc.v')).toBe('fail');
  });

  test('the failure names the one-direction log', () => {
    expect(resultOf(synth({ traffic_type: 'ACCEPT' }), 'AIRA-LOG-001', 'aws_vpc.v')!.message).toMatch(/aws_flow_log\.f logs ACCEPT only/);
  });

  test('plan: linked by config reference (vpc_id known after apply)', () => {
    const plan = (traffic: string | undefined) =>
      planDoc([
        { type: 'aws_vpc', name: 'v', values: { cidr_block: '10.0.0.0/16' }, afterUnknown: { id: true } },
        ...(traffic ? [{ type: 'aws_flow_log', name: 'f', values: { traffic_type: traffic }, afterUnknown: { vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.v'), traffic_type: { constant_value: traffic } } }] : []),
      ]);
    expect(statusOf(checkDoc(plan('ALL')).results, 'AIRA-LOG-001', 'aws_vpc.v')).toBe('pass');
    expect(statusOf(checkDoc(plan('REJECT')).results, 'AIRA-LOG-001', 'aws_vpc.v')).toBe('fail');
    expect(statusOf(checkDoc(plan(undefined)).results, 'AIRA-LOG-001', 'aws_vpc.v')).toBe('fail');
  });

  test('plan: an existing VPC referenced by its literal id', () => {
    const doc = planDoc([
      { type: 'aws_vpc', name: 'v', values: { id: 'vpc-0abc', cidr_block: '10.0.0.0/16' }, actions: ['no-op'] },
      { type: 'aws_flow_log', name: 'f', values: { vpc_id: 'vpc-0abc', traffic_type: 'ALL' } },
    ]);
    expect(statusOf(checkDoc(doc).results, 'AIRA-LOG-001', 'aws_vpc.v')).toBe('pass');
  });
});

describe('AIRA-LOG-001 flow logs on every network: Azure (VNet flow logs)', () => {
  const synth = (flowLog?: Record<string, unknown>) =>
    synthDoc({
      azurerm_virtual_network: { n: { name: 'n', address_space: ['10.0.0.0/16'] } },
      ...(flowLog ? { azurerm_network_watcher_flow_log: { f: { target_resource_id: '${azurerm_virtual_network.n.id}', ...flowLog } } } : {}),
    });

  test.each([
    ['enabled VNet flow log', { enabled: true }, 'pass'],
    ['disabled', { enabled: false }, 'fail'],
    ['enabled from a variable', { enabled: '${var.on}' }, 'unknown'],
    ['no flow log', undefined, 'fail'],
  ])('synth: %s', (_n, flowLog, expected) => {
    expect(statusOf(checkDoc(synth(flowLog)).results, 'AIRA-LOG-001', 'azurerm_virtual_network.n')).toBe(expected);
  });

  test('an NSG flow log (network_security_group_id) does not cover the VNet', () => {
    const doc = synthDoc({
      azurerm_virtual_network: { n: { name: 'n' } },
      azurerm_network_security_group: { g: { name: 'g' } },
      azurerm_network_watcher_flow_log: { f: { network_security_group_id: '${azurerm_network_security_group.g.id}', enabled: true } },
    });
    expect(statusOf(checkDoc(doc).results, 'AIRA-LOG-001', 'azurerm_virtual_network.n')).toBe('fail');
  });

  test('plan: linked by reference', () => {
    const plan = (enabled: boolean) =>
      planDoc([
        { type: 'azurerm_virtual_network', name: 'n', values: { name: 'n' }, afterUnknown: { id: true } },
        { type: 'azurerm_network_watcher_flow_log', name: 'f', values: { enabled }, afterUnknown: { target_resource_id: true }, expressions: { target_resource_id: ref('azurerm_virtual_network.n'), enabled: { constant_value: enabled } } },
      ]);
    expect(statusOf(checkDoc(plan(true)).results, 'AIRA-LOG-001', 'azurerm_virtual_network.n')).toBe('pass');
    expect(statusOf(checkDoc(plan(false)).results, 'AIRA-LOG-001', 'azurerm_virtual_network.n')).toBe('fail');
  });
});

describe('AIRA-LOG-001 flow logs on every network: Google (per subnetwork)', () => {
  const logConfig = { aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' };
  test.each([
    ['log_config', { log_config: logConfig }, 'pass'],
    ['enable_flow_logs only', { enable_flow_logs: true }, 'pass'],
    ['enable_flow_logs false', { enable_flow_logs: false, log_config: logConfig }, 'fail'],
    ['no log_config', {}, 'fail'],
    ['proxy-only subnet', { purpose: 'REGIONAL_MANAGED_PROXY' }, 'not_applicable'],
  ])('%s (synth and plan)', (_n, o, expected) => {
    const values = { name: 's', ip_cidr_range: '10.0.0.0/24', ...o };
    expect(statusOf(checkDoc(synthDoc({ google_compute_subnetwork: { s: values } })).results, 'AIRA-LOG-001', 'google_compute_subnetwork.s')).toBe(expected);
    const planValues = 'log_config' in values ? { ...values, log_config: [logConfig] } : values;
    expect(statusOf(checkDoc(planDoc([{ type: 'google_compute_subnetwork', name: 's', values: planValues }])).results, 'AIRA-LOG-001', 'google_compute_subnetwork.s')).toBe(expected);
  });
});

describe('AIRA-LOG-002 CloudTrail integrity (the trail is the AWS audit sink)', () => {
  const good = { name: 't', s3_bucket_name: 'audit', enable_log_file_validation: true, is_multi_region_trail: true, kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/abc' };
  test.each([
    ['validation, every region, CMK', good, 'pass'],
    ['no log file validation', { ...good, enable_log_file_validation: false }, 'fail'],
    ['validation unset (default false)', { name: 't', s3_bucket_name: 'audit', is_multi_region_trail: true, kms_key_id: 'k' }, 'fail'],
    ['single region', { ...good, is_multi_region_trail: false }, 'fail'],
    ['no KMS key', { ...good, kms_key_id: undefined }, 'fail'],
    ['logging off', { ...good, enable_logging: false }, 'fail'],
    ['validation from a variable', { ...good, enable_log_file_validation: '${var.v}' }, 'unknown'],
  ])('%s (synth and plan)', (_n, values, expected) => {
    const v = Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined));
    expect(statusOf(checkDoc(synthDoc({ aws_cloudtrail: { t: v } })).results, 'AIRA-LOG-002', 'aws_cloudtrail.t')).toBe(expected);
    if (expected !== 'unknown') expect(statusOf(checkDoc(planDoc([{ type: 'aws_cloudtrail', name: 't', values: v }])).results, 'AIRA-LOG-002', 'aws_cloudtrail.t')).toBe(expected);
  });

  test('plan: a key created with the stack (kms_key_id known after apply) counts as set', () => {
    const doc = planDoc([{ type: 'aws_cloudtrail', name: 't', values: { ...good, kms_key_id: undefined }, afterUnknown: { kms_key_id: true } }]);
    expect(statusOf(checkDoc(doc).results, 'AIRA-LOG-002', 'aws_cloudtrail.t')).toBe('pass');
  });

  test('the failure names the missing setting', () => {
    expect(resultOf(synthDoc({ aws_cloudtrail: { t: { ...good, enable_log_file_validation: false } } }), 'AIRA-LOG-002', 'aws_cloudtrail.t')!.path).toBe('enable_log_file_validation');
  });
});

describe('AIRA-LOG-003 Azure diagnostic settings to the Log Analytics workspace', () => {
  const workspace = { azurerm_log_analytics_workspace: { w: { name: 'w' } } };
  const account = { azurerm_storage_account: { a: { name: 'a' } } };
  const vault = { azurerm_key_vault: { v: { name: 'v' } } };
  const diag = (target: string, log: Record<string, unknown>, ws = '${azurerm_log_analytics_workspace.w.id}') => ({ name: 'd', target_resource_id: target, log_analytics_workspace_id: ws, enabled_log: [log] });

  test('not applicable where the stack declares no workspace, and says so', () => {
    const r = resultOf(synthDoc({ ...account }), 'AIRA-LOG-003', 'azurerm_storage_account.a')!;
    expect(r.status).toBe('not_applicable');
    expect(r.message).toMatch(/declares no audit sink/);
  });

  test.each([
    ['blob service, audit category group', diag('${azurerm_storage_account.a.id}/blobServices/default', { category_group: 'audit' }), 'pass'],
    ['blob service, the three categories', null, 'pass'],
    ['blob service, StorageRead only', diag('${azurerm_storage_account.a.id}/blobServices/default', { category: 'StorageRead' }), 'fail'],
    ['the account itself (metrics only)', diag('${azurerm_storage_account.a.id}', { category_group: 'allLogs' }), 'fail'],
    ['to a storage account, not a workspace', { name: 'd', target_resource_id: '${azurerm_storage_account.a.id}/blobServices/default', storage_account_id: 'x', enabled_log: [{ category_group: 'audit' }] }, 'fail'],
  ])('storage account: %s', (_n, setting, expected) => {
    const d =
      setting ??
      {
        name: 'd',
        target_resource_id: '${azurerm_storage_account.a.id}/blobServices/default',
        log_analytics_workspace_id: '${azurerm_log_analytics_workspace.w.id}',
        enabled_log: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
      };
    const doc = synthDoc({ ...workspace, ...account, azurerm_monitor_diagnostic_setting: { d } });
    expect(statusOf(checkDoc(doc).results, 'AIRA-LOG-003', 'azurerm_storage_account.a')).toBe(expected);
  });

  test('storage account without any diagnostic setting fails', () => {
    expect(statusOf(checkDoc(synthDoc({ ...workspace, ...account })).results, 'AIRA-LOG-003', 'azurerm_storage_account.a')).toBe('fail');
  });

  test.each([
    ['AuditEvent', { category: 'AuditEvent' }, 'pass'],
    ['allLogs', { category_group: 'allLogs' }, 'pass'],
    ['another category', { category: 'AzurePolicyEvaluationDetails' }, 'fail'],
  ])('key vault: %s', (_n, log, expected) => {
    const doc = synthDoc({ ...workspace, ...vault, azurerm_monitor_diagnostic_setting: { d: diag('${azurerm_key_vault.v.id}', log) } });
    expect(statusOf(checkDoc(doc).results, 'AIRA-LOG-003', 'azurerm_key_vault.v')).toBe(expected);
  });

  test('plan: existing account (known id), new setting with its literal blob service target', () => {
    const id = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a';
    const plan = (log: Record<string, unknown>) =>
      planDoc([
        { type: 'azurerm_log_analytics_workspace', name: 'w', values: { name: 'w' } },
        { type: 'azurerm_storage_account', name: 'a', values: { id, name: 'a' }, actions: ['no-op'] },
        { type: 'azurerm_monitor_diagnostic_setting', name: 'd', values: { name: 'd', target_resource_id: `${id}/blobServices/default`, enabled_log: [log] }, afterUnknown: { log_analytics_workspace_id: true }, expressions: { log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w') } },
      ]);
    expect(statusOf(checkDoc(plan({ category_group: 'audit' })).results, 'AIRA-LOG-003', 'azurerm_storage_account.a')).toBe('pass');
    expect(statusOf(checkDoc(plan({ category: 'StorageWrite' })).results, 'AIRA-LOG-003', 'azurerm_storage_account.a')).toBe('fail');
  });

  test('plan: a new account, whose blob service id is known only after apply, is unknown', () => {
    const doc = planDoc([
      { type: 'azurerm_log_analytics_workspace', name: 'w', values: { name: 'w' } },
      { type: 'azurerm_storage_account', name: 'a', values: { name: 'a' }, afterUnknown: { id: true } },
      { type: 'azurerm_monitor_diagnostic_setting', name: 'd', values: { name: 'd', enabled_log: [{ category_group: 'audit' }] }, afterUnknown: { target_resource_id: true, log_analytics_workspace_id: true }, expressions: { target_resource_id: ref('azurerm_storage_account.a'), log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w') } },
    ]);
    expect(statusOf(checkDoc(doc).results, 'AIRA-LOG-003', 'azurerm_storage_account.a')).toBe('unknown');
  });

  test('plan: key vault linked by reference', () => {
    const plan = (log: Record<string, unknown>) =>
      planDoc([
        { type: 'azurerm_log_analytics_workspace', name: 'w', values: { name: 'w' } },
        { type: 'azurerm_key_vault', name: 'v', values: { name: 'v' }, afterUnknown: { id: true } },
        { type: 'azurerm_monitor_diagnostic_setting', name: 'd', values: { name: 'd', enabled_log: [log] }, afterUnknown: { target_resource_id: true, log_analytics_workspace_id: true }, expressions: { target_resource_id: ref('azurerm_key_vault.v'), log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w') } },
      ]);
    expect(statusOf(checkDoc(plan({ category: 'AuditEvent' })).results, 'AIRA-LOG-003', 'azurerm_key_vault.v')).toBe('pass');
    expect(statusOf(checkDoc(plan({ category: 'AzurePolicyEvaluationDetails' })).results, 'AIRA-LOG-003', 'azurerm_key_vault.v')).toBe('fail');
  });
});

describe('AIRA-LOG-004 Cloud Storage data access audit logs', () => {
  const bucket = { google_storage_bucket: { b: { name: 'b', location: 'EU', project: 'p' } } };
  const config = (service: string, types: string[], project = 'p') => ({ project, service, audit_log_config: types.map((log_type) => ({ log_type })) });

  test('not applicable where the stack declares no audit configuration, and says so', () => {
    const r = resultOf(synthDoc(bucket), 'AIRA-LOG-004', 'google_storage_bucket.b')!;
    expect(r.status).toBe('not_applicable');
    expect(r.message).toMatch(/declares no audit configuration/);
  });

  test.each([
    ['storage, read and write', config('storage.googleapis.com', ['DATA_READ', 'DATA_WRITE', 'ADMIN_READ']), 'pass'],
    ['allServices, read and write', config('allServices', ['DATA_READ', 'DATA_WRITE']), 'pass'],
    ['storage, write only', config('storage.googleapis.com', ['DATA_WRITE']), 'fail'],
    ['another service only', config('bigquery.googleapis.com', ['DATA_READ', 'DATA_WRITE']), 'fail'],
    ['another project', config('storage.googleapis.com', ['DATA_READ', 'DATA_WRITE'], 'q'), 'fail'],
  ])('%s (synth and plan)', (_n, c, expected) => {
    expect(statusOf(checkDoc(synthDoc({ ...bucket, google_project_iam_audit_config: { c } })).results, 'AIRA-LOG-004', 'google_storage_bucket.b')).toBe(expected);
    const plan = planDoc([
      { type: 'google_storage_bucket', name: 'b', values: bucket.google_storage_bucket.b },
      { type: 'google_project_iam_audit_config', name: 'c', values: c },
    ]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-LOG-004', 'google_storage_bucket.b')).toBe(expected);
  });

  test('the failure names the missing log type', () => {
    const doc = synthDoc({ ...bucket, google_project_iam_audit_config: { c: config('storage.googleapis.com', ['DATA_WRITE']) } });
    expect(resultOf(doc, 'AIRA-LOG-004', 'google_storage_bucket.b')!.message).toMatch(/lacks DATA_READ/);
  });

  test('an organization-level config counts', () => {
    const doc = synthDoc({ ...bucket, google_organization_iam_audit_config: { o: { org_id: '123', service: 'allServices', audit_log_config: [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }] } } });
    expect(statusOf(checkDoc(doc).results, 'AIRA-LOG-004', 'google_storage_bucket.b')).toBe('pass');
  });
});

describe('AIRA-LOG-001 on the library: Google GPU NIC subnets log their flows', () => {
  function gpuStack(sku: string, region: string) {
    const stack = new GcpStack(testApp(), 'logs-test', { project: 'acme-ml', region });
    const net = new SegmentedNetwork(stack, 'net', { cidr: '10.31.0.0/16', zones: [`${region}-a`, `${region}-b`] });
    new AcceleratorPool(stack, 'train', { network: net, key: new GcpKey(stack, 'key'), sku, nodes: 2, ...(sku === 'a3-ultragpu-8g' ? { zones: [`${region}-a`] } : {}) });
    return synthView(stack).json;
  }
  const subnetResults = (doc: unknown) => checkDoc(doc).results.filter((r) => r.ruleId === 'AIRA-LOG-001' && r.resourceType === 'google_compute_subnetwork');

  test('A3 Mega (GPUDirect-TCPXO): every subnetwork, the 8 GPU NIC subnets included, passes', () => {
    const results = subnetResults(gpuStack('a3-megagpu-8g', 'us-east5'));
    expect(results.filter((r) => r.address.includes('gpu-')).length).toBe(8);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 'pass'));
  });

  test('A3 Ultra: the RoCE subnets carry no log_config and are reported, the gVNIC subnet passes', () => {
    const results = subnetResults(gpuStack('a3-ultragpu-8g', 'us-central1'));
    const rdma = results.filter((r) => r.address.includes('rdma-'));
    expect(rdma.length).toBe(8);
    expect(new Set(rdma.map((r) => r.status))).toEqual(new Set(['fail']));
    expect(results.filter((r) => r.address.includes('gvnic1')).map((r) => r.status)).toEqual(['pass']);
  });
});
