import { AcceleratorPool, AzureAcceleratorPoolProps, AzureKey, AzureStack, SegmentedNetwork } from '../../lib/azure';
import { AcceleratorSku } from '../../lib/core/catalog/sku';
import { Capacity } from '../../lib/core/compute';
import { computeAzure } from '../../examples/compute-azure';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const TODAY = '2026-11-22';
const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKeyForUnitTests000000000000000000000 test@example.com';
const CRG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/cap/providers/Microsoft.Compute/capacityReservationGroups/h100-crg';

/** A stack with a three-zone network, a shared key and one pool (by default 4 ND H100 v5 nodes). */
function build(props: Partial<AzureAcceleratorPoolProps> = {}, opts: { location?: string; today?: string } = {}) {
  const app = testApp();
  app.node.setContext('aira:today', opts.today ?? TODAY);
  const stack = new AzureStack(app, 'pool-test', { location: opts.location ?? 'eastus', tags: { owner: 'ml-platform', level: 2 } });
  const network = new SegmentedNetwork(stack, 'net', { cidr: '10.21.0.0/16', zones: ['1', '2', '3'] });
  const key = new AzureKey(stack, 'key', { network });
  const pool = new AcceleratorPool(stack, 'pool', { network, key, sku: 'Standard_ND96isr_H100_v5', nodes: 4, adminSshPublicKey: SSH, ...props } as AzureAcceleratorPoolProps);
  return { stack, network, key, pool, v: synthView(stack) };
}

const vmss = (v: ReturnType<typeof synthView>) => {
  const list = v.list('azurerm_linux_virtual_machine_scale_set');
  expect(list).toHaveLength(1);
  return list[0];
};

describe('Azure AcceleratorPool: scale set', () => {
  test('ND H100 v5 training pool: one InfiniBand placement group in a zonal proximity placement group, accelerated networking, no public IP', () => {
    const { v } = build();
    const s = vmss(v);
    expect(s).toMatchObject({ sku: 'Standard_ND96isr_H100_v5', instances: 4, zones: ['1'], single_placement_group: true, overprovision: false, upgrade_mode: 'Manual', priority: 'Regular' });
    expect(s.proximity_placement_group_id).toMatch(/azurerm_proximity_placement_group\.pool_nodes_ppg_/);
    expect(v.list('azurerm_proximity_placement_group')).toEqual([expect.objectContaining({ zone: '1', allowed_vm_sizes: ['Standard_ND96isr_H100_v5'] })]);
    const nic = s.network_interface[0];
    expect(nic).toMatchObject({ enable_accelerated_networking: true, primary: true });
    expect(nic.ip_configuration).toHaveLength(1);
    expect(nic.ip_configuration[0].public_ip_address).toBeUndefined();
    expect(nic.ip_configuration[0].subnet_id).toMatch(/net_nat-assoc-training_/);
  });

  test('SSH with a key only, a user-assigned identity, Trusted Launch on a size that supports it', () => {
    const s = vmss(build().v);
    expect(s).toMatchObject({ disable_password_authentication: true, admin_username: 'azureuser', secure_boot_enabled: true, vtpm_enabled: true, encryption_at_host_enabled: false });
    expect(s.admin_ssh_key).toEqual([{ username: 'azureuser', public_key: SSH }]);
    expect(s.admin_password).toBeUndefined();
    expect(s.identity).toEqual({ type: 'UserAssigned', identity_ids: [expect.stringMatching(/pool_identity_nodes_/)] });
    expect(s.source_image_reference).toEqual({ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: expect.stringMatching(/^\$\{data\.azurerm_platform_image\.pool-image-[0-9a-f]{10}\.version\}$/) });
  });

  test('no Trusted Launch where the catalog says the size lacks it (ND A100 v4)', () => {
    const s = vmss(build({ sku: 'Standard_ND96asr_v4' }).v);
    expect(s.secure_boot_enabled).toBeUndefined();
    expect(s.vtpm_enabled).toBeUndefined();
  });

  test('the OS disk is encrypted through a disk encryption set on the key, whose own identity is granted the key before the set exists', () => {
    const { v } = build();
    const s = vmss(v);
    expect(s.os_disk).toMatchObject({ storage_account_type: 'Premium_LRS', disk_size_gb: 256 });
    expect(s.os_disk.disk_encryption_set_id).toMatch(/azurerm_disk_encryption_set\.pool_identity_des_/);
    const des = v.list('azurerm_disk_encryption_set')[0];
    expect(des).toMatchObject({ auto_key_rotation_enabled: true, encryption_type: 'EncryptionAtRestWithPlatformAndCustomerKeys' });
    expect(des.key_vault_key_id).toMatch(/azurerm_key_vault_key\.key_[^.]+\.versionless_id/);
    expect(des.identity.type).toBe('UserAssigned');
    const grant = v.withId('azurerm_role_assignment', 'des-key-user')[0];
    expect(grant).toMatchObject({ role_definition_name: 'Key Vault Crypto Service Encryption User', principal_type: 'ServicePrincipal' });
    expect(grant.scope).toMatch(/resource_versionless_id/);
    expect(grant.principal_id).toMatch(/pool_identity_des-identity_[^.]+\.principal_id/);
    expect(des.depends_on).toEqual([expect.stringMatching(/azurerm_role_assignment\.pool_identity_des-key-user_/)]);
  });

  test('Spot capacity: priority Spot, eviction Delete, capped at the on-demand price', () => {
    const s = vmss(build({ capacity: Capacity.spot() }).v);
    expect(s).toMatchObject({ priority: 'Spot', eviction_policy: 'Delete', max_bid_price: -1 });
  });

  test('a capacity reservation group: the scale set targets it, and no placement group is forced on it', () => {
    const { v } = build({ capacity: Capacity.reservation({ groupId: CRG, instances: 4 }) });
    const s = vmss(v);
    expect(s.capacity_reservation_group_id).toBe(CRG);
    expect(s.proximity_placement_group_id).toBeUndefined();
    expect(v.count('azurerm_proximity_placement_group')).toBe(0);
  });

  test('an NP-series FPGA pool: Ethernet only, no single placement group, the Ubuntu image, a retiring warning', () => {
    const { v, pool } = build({ sku: 'Standard_NP10s', nodes: 2, workload: 'inference' });
    const s = vmss(v);
    expect(s.single_placement_group).toBe(false);
    expect(s.source_image_reference.offer).toBe('0001-com-ubuntu-server-jammy');
    expect(pool.capabilities).toMatchObject({ cloud: 'azure', sku: 'Standard_NP10s', family: 'fpga', fabric: 'ethernet', plane: 'inference', zones: ['1', '2', '3'] });
    expect(pool.node.metadata.some((m) => String(m.data).includes('AIRA_W_SKU_RETIRING'))).toBe(true);
  });

  test('a custom gallery image is used by id; a key the pool was not given is created with a private endpoint', () => {
    const app = testApp();
    app.node.setContext('aira:today', TODAY);
    const stack = new AzureStack(app, 's', { location: 'eastus' });
    const network = new SegmentedNetwork(stack, 'net', { cidr: '10.21.0.0/16', zones: ['1'] });
    new AcceleratorPool(stack, 'pool', { network, sku: 'Standard_D96ds_v5', nodes: 1, workload: 'preprocessing', adminSshPublicKey: SSH, image: '/subscriptions/x/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0' });
    const v = synthView(stack);
    expect(vmss(v).source_image_id).toContain('/galleries/g/images/i/versions/1.0.0');
    expect(v.count('azurerm_key_vault')).toBe(1);
    expect(v.list('azurerm_private_endpoint')[0].private_service_connection.subresource_names).toEqual(['vault']);
  });

  test('capabilities and identity are exposed for the registry and for grants', () => {
    const { pool } = build();
    expect(pool.capabilities).toMatchObject({ name: 'pool', region: 'eastus', sku: 'Standard_ND96isr_H100_v5', fabric: 'infiniband-ndr', capacityMode: 'on-demand', placement: 'cluster', nodes: { min: 4, desired: 4, max: 4 } });
    expect(pool.identity.cloud).toBe('azure');
  });
});

describe('Azure AcceleratorPool: one image version per plan (imageResolution)', () => {
  test("the default image's 'latest' is read by one azurerm_platform_image data source in the stack's location; publisher, offer and SKU stay literal", () => {
    const { v } = build({}, { location: 'westus3' });
    const data = v.json.data.azurerm_platform_image as Record<string, unknown>;
    const ids = Object.keys(data);
    expect(ids).toEqual([expect.stringMatching(/^pool-image-[0-9a-f]{10}$/)]);
    expect(data[ids[0]]).toEqual({ location: 'westus3', publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204' });
    expect(vmss(v).source_image_reference).toEqual({ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: `\${data.azurerm_platform_image.${ids[0]}.version}` });
  });

  test('pools of one image share the data source; the ids do not depend on the order pools are created in', () => {
    const dataOf = (skus: string[]) => {
      const app = testApp();
      app.node.setContext('aira:today', TODAY);
      const stack = new AzureStack(app, 's', { location: 'eastus' });
      const network = new SegmentedNetwork(stack, 'net', { cidr: '10.21.0.0/16', zones: ['1'] });
      const key = new AzureKey(stack, 'key', { network });
      skus.forEach((sku, i) => new AcceleratorPool(stack, `p${i}`, { network, key, sku, nodes: 1, workload: 'inference', adminSshPublicKey: SSH }));
      return synthView(stack);
    };
    const a = dataOf(['Standard_ND96isr_H100_v5', 'Standard_ND96asr_v4', 'Standard_NP10s']);
    expect(Object.values(a.json.data.azurerm_platform_image).map((d: any) => d.offer).sort()).toEqual(['0001-com-ubuntu-server-jammy', 'ubuntu-hpc']);
    expect(new Set(a.list('azurerm_linux_virtual_machine_scale_set').map((s) => s.source_image_reference.version)).size).toBe(2);
    expect(JSON.stringify(a.json.data)).toBe(JSON.stringify(dataOf(['Standard_NP10s', 'Standard_ND96asr_v4', 'Standard_ND96isr_H100_v5']).json.data));
  });

  test("'launch' keeps version latest (Azure resolves it per VM) and adds no data source", () => {
    const { v } = build({ imageResolution: 'launch' });
    expect(vmss(v).source_image_reference).toEqual({ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' });
    expect(v.json.data?.azurerm_platform_image).toBeUndefined();
  });

  test("a user-given URN with 'latest' is read per plan too; a version and a gallery id stay as given", () => {
    const given = build({ image: 'nvidia:ngc_base_image_version_b:gen2_24_05:LATEST' }).v;
    expect(Object.values(given.json.data.azurerm_platform_image)).toEqual([{ location: 'eastus', publisher: 'nvidia', offer: 'ngc_base_image_version_b', sku: 'gen2_24_05' }]);
    expect(vmss(given).source_image_reference.version).toMatch(/^\$\{data\.azurerm_platform_image\./);
    const versioned = build({ image: 'microsoft-dsvm:ubuntu-hpc:2204:22.04.2025010101' }).v;
    expect(vmss(versioned).source_image_reference.version).toBe('22.04.2025010101');
    expect(versioned.json.data?.azurerm_platform_image).toBeUndefined();
    const gallery = build({ image: '/subscriptions/x/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i' }).v;
    expect(vmss(gallery).source_image_id).toBe('/subscriptions/x/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i');
    expect(gallery.json.data?.azurerm_platform_image).toBeUndefined();
  });

  test('imageResolution other than plan or launch is refused', () => {
    expect(errorCodeOf(() => build({ imageResolution: 'boot' as never }))).toBe('AIRA_E_INVALID_PROP');
  });
});

describe('Azure AcceleratorPool: scaling, alerts, diagnostics', () => {
  const demandProfile = { timeZone: 'Europe/Berlin', baselineNodes: 1, windows: [{ days: ['mon', 'fri'] as const, startHour: 8, endHour: 20, nodes: 6 }] };

  test('a weekly demand profile becomes recurrence profiles in the Windows time zone, and the scale set leaves its count to autoscale', () => {
    const { v } = build({ nodes: { min: 1, max: 8 }, demandProfile: { ...demandProfile, windows: [{ ...demandProfile.windows[0], days: ['mon', 'fri'] }] } });
    const setting = v.list('azurerm_monitor_autoscale_setting')[0];
    expect(setting.target_resource_id).toMatch(/azurerm_linux_virtual_machine_scale_set\.pool_nodes_vmss_/);
    expect(setting.profile).toEqual([
      { name: 'w0-start', capacity: { minimum: 6, default: 6, maximum: 6 }, recurrence: { timezone: 'W. Europe Standard Time', days: ['Monday', 'Friday'], hours: [8], minutes: [0] } },
      { name: 'w0-end', capacity: { minimum: 1, default: 1, maximum: 1 }, recurrence: { timezone: 'W. Europe Standard Time', days: ['Monday', 'Friday'], hours: [20], minutes: [0] } },
    ]);
    expect(vmss(v).lifecycle).toEqual({ ignore_changes: ['instances'] });
  });

  test('without a demand profile, the default profile scales in by one node on GPU overheating', () => {
    const { v } = build({ nodes: { min: 0, desired: 2, max: 4 } });
    const profile = v.list('azurerm_monitor_autoscale_setting')[0].profile[0];
    expect(profile.capacity).toEqual({ minimum: 0, default: 2, maximum: 4 });
    expect(profile.rule).toEqual([
      expect.objectContaining({
        metric_trigger: expect.objectContaining({ metric_name: 'GpuTemperatureMax', metric_namespace: 'aira/accelerators', operator: 'GreaterThanOrEqual', threshold: 85, time_window: 'PT5M' }),
        scale_action: { direction: 'Decrease', type: 'ChangeCount', value: 1, cooldown: 'PT10M' },
      }),
    ]);
  });

  test('metric alerts on the safety metrics, in the custom namespace, notify an action group', () => {
    const { v } = build({ alarms: { gpuTemperatureC: 80, notifyEmails: ['oncall@example.com'] } });
    const alerts = v.list('azurerm_monitor_metric_alert');
    expect(alerts.map((a) => a.criteria[0].metric_name).sort()).toEqual(['GpuTemperatureMax', 'GpuXidErrors']);
    const hot = alerts.find((a) => a.criteria[0].metric_name === 'GpuTemperatureMax')!;
    expect(hot).toMatchObject({ window_size: 'PT5M', frequency: 'PT1M', severity: 1 });
    expect(hot.criteria[0]).toEqual({ metric_namespace: 'aira/accelerators', metric_name: 'GpuTemperatureMax', aggregation: 'Maximum', operator: 'GreaterThanOrEqual', threshold: 80, skip_metric_validation: true });
    expect(hot.action[0].action_group_id).toMatch(/azurerm_monitor_action_group\.pool_safety_actions_/);
    expect(v.list('azurerm_monitor_action_group')[0]).toMatchObject({ location: 'global', email_receiver: [expect.objectContaining({ email_address: 'oncall@example.com' })] });
  });

  test('alarms off: no alerts, no autoscale for a fixed pool; a log workspace gets a diagnostic setting', () => {
    const { v } = build({ alarms: { enabled: false }, logAnalyticsWorkspaceId: '/subscriptions/x/resourceGroups/g/providers/Microsoft.OperationalInsights/workspaces/w' });
    expect(v.count('azurerm_monitor_metric_alert')).toBe(0);
    expect(v.count('azurerm_monitor_autoscale_setting')).toBe(0);
    expect(v.list('azurerm_monitor_diagnostic_setting')[0]).toMatchObject({ enabled_metric: [{ category: 'AllMetrics' }] });
  });
});

describe('Azure AcceleratorPool: bad input', () => {
  // Every row has its options (even empty): a row shorter than the callback's arity makes jest pass `done`.
  const cases: Array<[string, Partial<AzureAcceleratorPoolProps>, string, { location?: string; today?: string }]> = [
    ['a SKU not offered in the location', { sku: 'Standard_ND96isr_H200_v5' }, 'AIRA_E_UNAVAILABLE_IN_REGION', {}],
    ['a retired SKU (NP past 2027-05-31)', { sku: 'Standard_NP10s', nodes: 1 }, 'AIRA_E_SKU_RETIRED', { today: '2027-06-01' }],
    ['an AWS SKU', { sku: 'p5.48xlarge' }, 'AIRA_E_SKU_WRONG_CLOUD', {}],
    ['an unknown SKU', { sku: 'Standard_ND96isr_H900_v9' }, 'AIRA_E_UNKNOWN_SKU', {}],
    ['InfiniBand asked of a SKU without it', { sku: 'Standard_D96ds_v5', fabric: true }, 'AIRA_E_FABRIC_UNSUPPORTED', {}],
    ['a fabric Azure does not offer (EFA on an unlisted size)', { sku: AcceleratorSku.unlisted({ id: 'Standard_X', cloud: 'azure', family: 'gpu', description: 'x', vcpu: 1, memoryGib: 1, networkGbps: 1, fabric: 'efa', regions: [], regionsAsOf: '2026-01-01', power: { kw: 1, basis: 'x', asOf: '2026-01-01', source: 'x' }, lifecycle: { status: 'current' }, source: 'x' }), nodes: 2, fabric: true }, 'AIRA_E_FABRIC_UNSUPPORTED', {}],
    ['Spot on a capacity reservation group', { capacity: { kind: 'spot', groupId: CRG } as never }, 'AIRA_E_CAPACITY_CONFLICT', {}],
    ['a reservation by single id (Azure targets groups)', { capacity: Capacity.reservation({ id: 'cr-1' }) }, 'AIRA_E_UNSUPPORTED_OPTION', {}],
    ['a reservation group id that is not one', { capacity: Capacity.reservation({ groupId: 'my-crg' }) }, 'AIRA_E_INVALID_PROP', {}],
    ['a reservation in another zone', { capacity: Capacity.reservation({ groupId: CRG, zone: '2' }) }, 'AIRA_E_CAPACITY_CONFLICT', {}],
    ['more nodes than the reservation holds', { nodes: 8, capacity: Capacity.reservation({ groupId: CRG, instances: 4 }) }, 'AIRA_E_PLACEMENT_LIMIT', {}],
    ['more nodes than one InfiniBand placement group holds', { nodes: { max: 120 }, placement: 'none' }, 'AIRA_E_PLACEMENT_LIMIT', {}],
    ['a forced cluster placement on reserved capacity', { placement: 'cluster', capacity: Capacity.reservation({ groupId: CRG }) }, 'AIRA_E_CAPACITY_CONFLICT', {}],
    ['public exposure on the protected plane', { plane: 'protected', exposure: 'public' }, 'AIRA_E_PUBLIC_EXPOSURE', {}],
    ['no SSH public key', { adminSshPublicKey: '' }, 'AIRA_E_MISSING_PROP', {}],
    ['a private key where the public key belongs', { adminSshPublicKey: '-----BEGIN OPENSSH PRIVATE KEY-----' }, 'AIRA_E_INVALID_PROP', {}],
    ['a zone outside the network', { zones: ['4'] }, 'AIRA_E_UNKNOWN_ZONE', {}],
    ['an OS disk too small', { osDiskGib: 10 }, 'AIRA_E_INVALID_PROP', {}],
    ['an image that is neither id nor URN', { image: 'ubuntu' }, 'AIRA_E_INVALID_PROP', {}],
    ['a demand time zone without a Windows id', { nodes: { max: 4 }, demandProfile: { timeZone: 'Pacific/Chatham', windows: [{ days: ['mon'], startHour: 1, endHour: 2, nodes: 2 }] } }, 'AIRA_E_UNSUPPORTED_OPTION', {}],
  ];
  test.each(cases)('%s', (_name, props, code, opts) => {
    expect(errorCodeOf(() => build(props, opts))).toBe(code);
  });

  test('a key of another cloud', () => {
    expect(errorCodeOf(() => build({ key: { cloud: 'aws', keyRef: 'arn:aws:kms:x' } as never }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('a pool outside an AzureStack', () => {
    const app = testApp();
    const { TerraformStack } = jest.requireActual('cdktf');
    const stack = new TerraformStack(app, 'plain');
    expect(errorCodeOf(() => new AcceleratorPool(stack, 'p', { network: {} as never, sku: 'Standard_ND96isr_H100_v5', nodes: 1, adminSshPublicKey: SSH }))).toBe('AIRA_E_WRONG_SCOPE');
  });
});

describe('examples/compute-azure', () => {
  test('synthesizes the ND H100 v5 pool and the quantum workspace, deterministically', () => {
    const synth = () => {
      const app = testApp();
      app.node.setContext('aira:today', TODAY);
      return synthView(computeAzure(app));
    };
    const a = synth();
    expect(a.list('azurerm_linux_virtual_machine_scale_set')[0]).toMatchObject({ sku: 'Standard_ND96isr_H100_v5', single_placement_group: true });
    expect(a.count('azurerm_resource_group_template_deployment')).toBe(1);
    expect(a.count('azurerm_monitor_autoscale_setting')).toBe(1);
    expect(JSON.stringify(synth().json)).toBe(JSON.stringify(a.json));
  });
});
