import { AcceleratorPool, AzureKey, AzureStack, AzureStorageTiersProps, SegmentedNetwork, StorageTiers, checkAmlfsSize, cidrToNid } from '../../lib/azure';
import { storageAzure } from '../../examples/storage-azure';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const PRINCIPAL = '11111111-2222-3333-4444-555555555555';
const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKeyForUnitTests000000000000000000000 test@example.com';

function build(props: Partial<AzureStorageTiersProps> = {}) {
  const app = testApp();
  app.node.setContext('aira:today', '2026-11-22');
  const stack = new AzureStack(app, 'storage-test', { location: 'eastus' });
  const network = new SegmentedNetwork(stack, 'net', { cidr: '10.23.0.0/16', zones: ['1', '2', '3'] });
  const key = new AzureKey(stack, 'key', { network });
  const tiers = new StorageTiers(stack, 'data', { network, key, ...props } as AzureStorageTiersProps);
  return { stack, network, key, tiers, v: () => synthView(stack) };
}

const HOT = { capacityGib: 8 * 1024 };

describe('Azure StorageTiers: accounts and containers', () => {
  test('a Data Lake account for the lake roles and a flat account for the rest, each role a private container', () => {
    const { v, tiers } = build();
    const view = v();
    const accounts = view.withId('azurerm_storage_account', 'data_');
    expect(accounts).toHaveLength(2);
    const lake = accounts.find((a) => a.is_hns_enabled === true)!;
    const flat = accounts.find((a) => a.is_hns_enabled === false)!;
    expect(lake.name).toMatch(/^datadl[0-9a-f]{8}$/);
    expect(flat.name).toMatch(/^dataob[0-9a-f]{8}$/);
    const containers = view.list('azurerm_storage_container');
    expect(containers.map((c) => c.name).sort()).toEqual(['artifacts', 'audit', 'checkpoints', 'data-lake', 'feature-store', 'model-registry']);
    for (const c of containers) expect(c).toMatchObject({ container_access_type: 'private', lifecycle: { prevent_destroy: true } });
    expect(view.withId('azurerm_storage_container', 'data_lake_container-data-lake')[0].storage_account_id).toMatch(/data_lake_account_/);
    expect(tiers.bucketName('checkpoints')).toBe('checkpoints');
    expect(tiers.roles).toHaveLength(6);
  });

  test('secure by default: HTTPS only, TLS 1.2, no public access, shared keys off, infrastructure encryption, CMK through a user-assigned identity', () => {
    for (const a of build().v().withId('azurerm_storage_account', 'data_')) {
      expect(a).toMatchObject({
        account_kind: 'StorageV2',
        https_traffic_only_enabled: true,
        min_tls_version: 'TLS1_2',
        allow_nested_items_to_be_public: false,
        public_network_access_enabled: false,
        shared_access_key_enabled: false,
        default_to_oauth_authentication: true,
        infrastructure_encryption_enabled: true,
        cross_tenant_replication_enabled: false,
        queue_encryption_key_type: 'Account',
        table_encryption_key_type: 'Account',
        network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
        lifecycle: { prevent_destroy: true },
      });
      expect(a.customer_managed_key.key_vault_key_id).toMatch(/azurerm_key_vault_key\.key_[^.]+\.versionless_id/);
      expect(a.customer_managed_key.user_assigned_identity_id).toBe(a.identity.identity_ids[0]);
      expect(a.depends_on).toEqual([expect.stringMatching(/azurerm_role_assignment\.data_(lake|objects)_key-user_/)]);
    }
  });

  test('versioning and change feed on the flat account only; soft delete on both', () => {
    const accounts = build().v().withId('azurerm_storage_account', 'data_');
    const lake = accounts.find((a) => a.is_hns_enabled)!;
    const flat = accounts.find((a) => !a.is_hns_enabled)!;
    expect(flat.blob_properties).toMatchObject({ versioning_enabled: true, change_feed_enabled: true, change_feed_retention_in_days: 365, delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } });
    expect(lake.blob_properties).toMatchObject({ versioning_enabled: false, change_feed_enabled: false, delete_retention_policy: { days: 30 } });
  });

  test('private endpoints on the data plane: blob for both accounts, dfs for the Data Lake, in the network\'s DNS zones; the vault too', () => {
    const eps = build().v().list('azurerm_private_endpoint');
    const names = eps.map((e) => e.private_service_connection.subresource_names[0]).sort();
    expect(names).toEqual(['blob', 'blob', 'dfs', 'vault']);
    for (const e of eps) {
      expect(e.subnet_id).toMatch(/net_nat-assoc-data_/);
      expect(e.private_dns_zone_group.private_dns_zone_ids[0]).toMatch(new RegExp(`net_dns_${e.private_service_connection.subresource_names[0]}_`));
    }
  });

  test('one flat account holds every role when the hierarchical namespace is off', () => {
    const accounts = build({ hierarchicalNamespace: false }).v().withId('azurerm_storage_account', 'data_');
    expect(accounts).toHaveLength(1);
    expect(accounts[0].is_hns_enabled).toBe(false);
  });

  test('retention: container immutability, locked in compliance mode', () => {
    const { v } = build({ objectTiers: [{ role: 'audit', retention: { days: 2557, mode: 'compliance' } }, { role: 'model-registry', retention: { days: 30 } }] });
    const policies = v().list('azurerm_storage_container_immutability_policy');
    expect(policies).toHaveLength(2);
    expect(policies.find((p) => p.immutability_period_in_days === 2557)).toMatchObject({ locked: true });
    expect(policies.find((p) => p.immutability_period_in_days === 30)).toMatchObject({ locked: false });
    for (const p of policies) expect(p.storage_container_resource_manager_id).toMatch(/azurerm_storage_container\.data_objects_container-/);
  });
});

describe('Azure StorageTiers: lifecycle', () => {
  test('the cloud-neutral policy becomes management policy rules per container (cool, cold, archive, expiry, noncurrent versions)', () => {
    const { v } = build({
      hierarchicalNamespace: false,
      objectTiers: [
        { role: 'checkpoints', lifecycle: { infrequentAfterDays: 30, coldAfterDays: 60, archiveAfterDays: 150, expireAfterDays: 400, noncurrentExpireAfterDays: 7 } },
        { role: 'artifacts', versioned: false, lifecycle: { infrequentAfterDays: 30 } },
      ],
    });
    const rules = v().list('azurerm_storage_management_policy')[0].rule;
    expect(rules).toEqual([
      {
        name: 'checkpoints',
        enabled: true,
        filters: { blob_types: ['blockBlob'], prefix_match: ['checkpoints/'] },
        actions: {
          base_blob: {
            tier_to_cool_after_days_since_modification_greater_than: 30,
            tier_to_cold_after_days_since_modification_greater_than: 60,
            tier_to_archive_after_days_since_modification_greater_than: 150,
            delete_after_days_since_modification_greater_than: 400,
          },
          version: { delete_after_days_since_creation: 7 },
        },
      },
      {
        name: 'artifacts',
        enabled: true,
        filters: { blob_types: ['blockBlob'], prefix_match: ['artifacts/'] },
        // Versioning is account-wide: an unversioned role drops its old versions after a day.
        actions: { base_blob: { tier_to_cool_after_days_since_modification_greater_than: 30 }, version: { delete_after_days_since_creation: 1 } },
      },
    ]);
  });

  test('Data Lake roles get no version actions', () => {
    const { v } = build({ objectTiers: ['data-lake'] });
    const rule = v().list('azurerm_storage_management_policy')[0].rule[0];
    expect(rule.name).toBe('datalake');
    expect(rule.actions.version).toBeUndefined();
    expect(rule.actions.base_blob).toEqual({ tier_to_cool_after_days_since_modification_greater_than: 90, tier_to_archive_after_days_since_modification_greater_than: 365 });
  });
});

describe('Azure StorageTiers: Managed Lustre', () => {
  test('sizes follow the service table', () => {
    expect(checkAmlfsSize(8 * 1024, 250, 'x')).toEqual({ sku: 'AMLFS-Durable-Premium-250', tib: 8 });
    expect(checkAmlfsSize(48 * 1024, 40, 'x')).toEqual({ sku: 'AMLFS-Durable-Premium-40', tib: 48 });
    expect(checkAmlfsSize(128 * 1024, 500, 'x').tib).toBe(128);
    expect(cidrToNid('10.23.96.0/19')).toBe('10.23.[96-127].[0-255]@tcp');
  });

  test('the file system: data plane subnet, zone, SKU, CMK with a versioned key URL, HSM link, maintenance window, prevent_destroy', () => {
    const { v } = build({ hot: { ...HOT, consumers: ['training', 'inference'] }, lustre: { resourceProviderPrincipalId: PRINCIPAL } });
    const view = v();
    const fs = view.list('azurerm_managed_lustre_file_system')[0];
    expect(fs).toMatchObject({ sku_name: 'AMLFS-Durable-Premium-250', storage_capacity_in_tb: 8, zones: ['1'], maintenance_window: { day_of_week: 'Sunday', time_of_day_in_utc: '02:00' } });
    expect(fs.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['encryption_key'] });
    expect(fs.subnet_id).toMatch(/net_nat-assoc-data_/);
    expect(fs.encryption_key.key_url).toMatch(/azurerm_key_vault_key\.key_[^.]+\.id/);
    expect(fs.encryption_key.source_vault_id).toMatch(/azurerm_key_vault\.key_vault_/);
    expect(fs.identity.type).toBe('UserAssigned');
    expect(fs.hsm_setting).toMatchObject({ import_prefix: '/' });
    expect(fs.hsm_setting.container_id).toMatch(/data_lake_container-data-lake_/);
    expect(fs.hsm_setting.logging_container_id).toMatch(/data_lake_container-lustre-logs_/);
    expect(fs.root_squash).toMatchObject({ mode: 'RootOnly', no_squash_nids: '10.23.[96-127].[0-255]@tcp' });
    // The linked account takes shared keys (the blob link needs them) and the resource provider's roles.
    const lake = view.withId('azurerm_storage_account', 'data_').find((a) => a.is_hns_enabled)!;
    expect(lake.shared_access_key_enabled).toBe(true);
    const link = view.withId('azurerm_role_assignment', 'lustre-link');
    expect(link.map((r) => r.role_definition_name).sort()).toEqual(['Storage Account Contributor', 'Storage Blob Data Contributor']);
    expect(link.every((r) => r.principal_id === PRINCIPAL)).toBe(true);
    expect(fs.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/data_lustre-link-0_/), expect.stringMatching(/data_lustre_key-user_/)]));
  });

  test('the consumers reach the file system (Lustre ports) and blob endpoints (443) through declared flows; the data plane allows Lustre among its servers and AzureCloud outbound', () => {
    const { network, v } = build({ hot: { ...HOT, consumers: ['training', 'inference'] }, lustre: { resourceProviderPrincipalId: PRINCIPAL } });
    for (const p of ['training', 'inference'] as const) {
      expect(network.allows(p, 'data', 988)).toBe(true);
      expect(network.allows(p, 'data', 1021)).toBe(true);
      expect(network.allows(p, 'data', 443)).toBe(true);
    }
    expect(network.allows('management', 'data', 988)).toBe(false);
    expect(network.allows('data', 'data', 988)).toBe(true);
    const cloud = v().list('azurerm_network_security_rule').find((r) => r.destination_address_prefix === 'AzureCloud')!;
    expect(cloud).toMatchObject({ direction: 'Outbound', access: 'Allow', priority: 3950, source_address_prefix: '10.23.64.0/19' });
  });

  test('grants: a pool identity gets a blob data role scoped to each container', () => {
    const { stack, network, tiers } = build();
    const pool = new AcceleratorPool(stack, 'pool', { network, sku: 'Standard_D96ds_v5', nodes: 1, workload: 'preprocessing', adminSshPublicKey: SSH });
    tiers.grantRead(pool, ['data-lake']);
    tiers.grantReadWrite(pool, ['checkpoints']);
    tiers.grantReadWrite(pool, ['checkpoints']);
    const grants = synthView(stack).withId('azurerm_role_assignment', 'data_grant-');
    expect(grants).toHaveLength(2);
    expect(grants.find((g) => g.role_definition_name === 'Storage Blob Data Reader')!.scope).toMatch(/container-data-lake_/);
    expect(grants.find((g) => g.role_definition_name === 'Storage Blob Data Contributor')!.scope).toMatch(/container-checkpoints_/);
    for (const g of grants) expect(g.principal_id).toMatch(/pool_identity_nodes_[^.]+\.principal_id/);
  });

  test('protection can be turned off with a reason', () => {
    const { v } = build({ protection: { preventDestroy: false, reason: 'scratch environment rebuilt every night' } });
    for (const a of v().withId('azurerm_storage_account', 'data_')) expect(a.lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe('Azure StorageTiers: bad input', () => {
  const cases: Array<[string, Partial<AzureStorageTiersProps>, string]> = [
    ['a capacity off the tier step', { hot: { capacityGib: 10 * 1024 }, lustre: { resourceProviderPrincipalId: PRINCIPAL } }, 'AIRA_E_STORAGE_SIZE'],
    ['a capacity below the tier minimum', { hot: { capacityGib: 4 * 1024, throughputMbpsPerTib: 125 }, lustre: { resourceProviderPrincipalId: PRINCIPAL } }, 'AIRA_E_STORAGE_SIZE'],
    ['a capacity that is not whole TiB', { hot: { capacityGib: 8000 }, lustre: { resourceProviderPrincipalId: PRINCIPAL } }, 'AIRA_E_STORAGE_SIZE'],
    ['a throughput tier Azure does not offer', { hot: { capacityGib: 8 * 1024, throughputMbpsPerTib: 1000 }, lustre: { resourceProviderPrincipalId: PRINCIPAL } }, 'AIRA_E_STORAGE_SIZE'],
    ['the blob link without the resource provider principal', { hot: HOT }, 'AIRA_E_MISSING_PROP'],
    ['a lifecycle going backwards', { objectTiers: [{ role: 'artifacts', lifecycle: { infrequentAfterDays: 90, archiveAfterDays: 60 } }] }, 'AIRA_E_LIFECYCLE_ORDER'],
    ['archive on a zone-redundant account', { replication: 'ZRS' }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['versioning asked of a Data Lake role', { objectTiers: [{ role: 'data-lake', versioned: true }] }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['retention on a role that takes none', { objectTiers: [{ role: 'artifacts', retention: { days: 10 } }] }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['a unique suffix with bad characters', { uniqueSuffix: 'Acme_01' }, 'AIRA_E_INVALID_NAME'],
    ['a hot tier consumer plane without a declared flow (declareFlows off)', { hot: { ...HOT, declareFlows: false }, lustre: { resourceProviderPrincipalId: PRINCIPAL } }, 'AIRA_E_INVALID_FLOW'],
    ['a protection opt-out without a reason', { protection: { preventDestroy: false, reason: 'no' } }, 'AIRA_E_INVALID_FLOW'],
    ['a bad maintenance time', { hot: HOT, lustre: { resourceProviderPrincipalId: PRINCIPAL, maintenanceWindow: { dayOfWeek: 'Sunday', timeOfDayUtc: '25:00' } } }, 'AIRA_E_INVALID_PROP'],
  ];
  test.each(cases)('%s', (_name, props, code) => {
    expect(errorCodeOf(() => build(props))).toBe(code);
  });
});

describe('examples/storage-azure', () => {
  test('synthesizes all tiers, deterministically', () => {
    const synth = () => synthView(storageAzure(testApp()));
    const a = synth();
    expect(a.withId('azurerm_storage_account', 'data_')).toHaveLength(2);
    expect(a.count('azurerm_storage_container')).toBe(7);
    expect(a.count('azurerm_managed_lustre_file_system')).toBe(1);
    expect(a.count('azurerm_storage_container_immutability_policy')).toBe(2);
    expect(JSON.stringify(synth().json)).toBe(JSON.stringify(a.json));
  });
});

describe('Azure StorageTiers: putObject', () => {
  test('a generated document becomes a block blob of the role\'s container with its content type; a key is put once', () => {
    const { tiers, v } = build();
    tiers.putObject('artifacts', 'aira/capability-registry.json', '{"pools":[]}');
    const blob = v().list('azurerm_storage_blob')[0];
    expect(blob).toMatchObject({ name: 'aira/capability-registry.json', type: 'Block', source_content: '{"pools":[]}', content_type: 'application/json' });
    expect(blob.storage_container_name).toMatch(/data_objects_container-artifacts_/);
    expect(errorCodeOf(() => tiers.putObject('artifacts', 'aira/capability-registry.json', '{}'))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => tiers.putObject('artifacts', '../x', '{}'))).toBe('AIRA_E_INVALID_NAME');
  });
});
