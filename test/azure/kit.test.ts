import { App } from 'cdktf';
import { azureKit } from '../../lib/azure';
import { nodeLabels, nodeTaints } from '../../lib/platform/scheduling';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKeyForUnitTests000000000000000000000 test@example.com';

function platform(app: App, options: Partial<Parameters<typeof azureKit>[0]> = {}) {
  const kit = azureKit({ location: 'eastus', adminSshPublicKey: SSH, lustre: { resourceProviderPrincipalId: '11111111-2222-3333-4444-555555555555' }, ...options });
  const stack = kit.createStack(app, 'ai-azure', { tags: { owner: 'ml-platform' } });
  const key = kit.createKey(stack, 'key', 'platform key');
  const network = kit.createNetwork(stack, 'net', { cidr: '10.30.0.0/16' });
  const pool = kit.createPool(stack, 'gpu', { network, key, sku: 'Standard_ND96isr_H100_v5', nodes: 2 });
  const storage = kit.createStorage(stack, 'data', { network, key, hot: { capacityGib: 8 * 1024 } });
  const quantum = kit.createQuantumAccess(stack, 'quantum', { key, providers: [{ id: 'ionq', sku: 'pay-as-you-go-cred' }] });
  return { kit, stack, key, network, pool, storage, quantum };
}

describe('azureKit (CloudKit)', () => {
  test('builds an Azure stack, key, network, pool, storage and quantum workspace through the port', () => {
    const app = testApp();
    app.node.setContext('aira:today', '2026-11-22');
    const { kit, stack, key, network, pool, storage, quantum } = platform(app);
    expect(kit).toMatchObject({ cloud: 'azure', region: 'eastus', zones: ['1', '2', '3'] });
    expect(key.cloud).toBe('azure');
    expect(network.zones).toEqual(['1', '2', '3']);
    expect(pool.capabilities).toMatchObject({ cloud: 'azure', sku: 'Standard_ND96isr_H100_v5' });
    storage.grantReadWrite(pool, ['checkpoints']);
    expect(quantum.description).toContain('ionq');
    const v = synthView(stack);
    expect(v.count('azurerm_key_vault')).toBe(1);
    // The kit's key gets one private endpoint on the network, shared by the pool and the storage tiers.
    expect(v.list('azurerm_private_endpoint').filter((e) => e.private_service_connection.subresource_names[0] === 'vault')).toHaveLength(1);
    expect(v.list('azurerm_disk_encryption_set')[0].key_vault_key_id).toMatch(/azurerm_key_vault_key\.key_/);
    expect(v.count('azurerm_managed_lustre_file_system')).toBe(1);
    expect(v.count('azurerm_resource_group_template_deployment')).toBe(1);
  });

  test('refuses a network or key of another cloud, and a pool without the admin SSH key', () => {
    const app = testApp();
    app.node.setContext('aira:today', '2026-11-22');
    const kit = azureKit({ location: 'eastus' });
    const stack = kit.createStack(app, 's');
    const key = kit.createKey(stack, 'key', 'k');
    const network = kit.createNetwork(stack, 'net', { cidr: '10.30.0.0/16' });
    const fakeAws = { ...network, cloud: 'aws' } as never;
    expect(errorCodeOf(() => kit.createPool(stack, 'p1', { network: fakeAws, key, sku: 'Standard_ND96isr_H100_v5', nodes: 1 }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => kit.createStorage(stack, 'd', { network, key: { cloud: 'gcp', keyRef: 'projects/x' } }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => kit.createPool(stack, 'p2', { network, key, sku: 'Standard_ND96isr_H100_v5', nodes: 1 }))).toBe('AIRA_E_MISSING_PROP');
    expect(errorCodeOf(() => azureKit({ location: 'eastus', zones: ['a'] }))).toBe('AIRA_E_UNKNOWN_ZONE');
  });
});

describe('azureKit: internal load balancer and scheduler cluster', () => {
  test('an internal Standard load balancer on the inference subnet, joined by the pool\'s scale set', () => {
    const app = testApp();
    app.node.setContext('aira:today', '2026-11-22');
    const { kit, stack, network, key } = platform(app);
    const pool = kit.createPool(stack, 'serve', { network, key, sku: 'Standard_ND96asr_v4', workload: 'inference', nodes: 2, zones: ['1', '2'], fabric: false });
    const lb = kit.createInternalLoadBalancer(stack, 'lb', { network, pool, port: 443 });
    expect(lb).toMatchObject({ cloud: 'azure', port: 443 });
    const v = synthView(stack);
    const balancer = v.list('azurerm_lb')[0];
    expect(balancer.sku).toBe('Standard');
    const frontend = balancer.frontend_ip_configuration[0];
    expect(frontend.public_ip_address_id).toBeUndefined();
    expect(frontend.subnet_id).toMatch(/\.net_[a-z-]*inference_[0-9A-F]+\.subnet_id\}$/);
    const ipConfig = (id: string) => v.withId('azurerm_linux_virtual_machine_scale_set', id)[0].network_interface[0].ip_configuration[0];
    expect(ipConfig('serve').load_balancer_backend_address_pool_ids).toEqual([expect.stringMatching(/azurerm_lb_backend_address_pool\./)]);
    // Only the balanced pool joins: the training pool keeps no backend pool.
    expect(ipConfig('gpu').load_balancer_backend_address_pool_ids).toBeUndefined();
  });

  test('the load balancer refuses a pool of another cloud', () => {
    const app = testApp();
    app.node.setContext('aira:today', '2026-11-22');
    const { kit, stack, network } = platform(app);
    const foreign = { capabilities: { cloud: 'aws' } } as never;
    expect(errorCodeOf(() => kit.createInternalLoadBalancer(stack, 'lb', { network, pool: foreign, port: 443 }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('the scheduler is a private AKS cluster without local accounts', () => {
    const app = testApp();
    app.node.setContext('aira:today', '2026-11-22');
    const { kit, stack, network, key, pool } = platform(app);
    const spec = { capabilities: pool.capabilities, labels: nodeLabels(pool.capabilities), taints: nodeTaints(pool.capabilities) };
    const cluster = kit.createSchedulerCluster(stack, 'aks', { network, key, pools: [spec] });
    expect(cluster.cloud).toBe('azure');
    const aks = synthView(stack).list('azurerm_kubernetes_cluster')[0];
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.local_account_disabled).toBe(true);
    const gpuPool = synthView(stack).list('azurerm_kubernetes_cluster_node_pool').find((p) => p.node_taints?.length > 0);
    expect(gpuPool?.node_taints).toEqual(spec.taints.map((t) => `${t.key}=${t.value}:${t.effect}`));
  });
});
