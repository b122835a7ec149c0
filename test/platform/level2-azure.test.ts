import { azureKit } from '../../lib/azure';
import { Level2Platform } from '../../lib/platform/level2';
import { synthView, testApp } from '../helpers/synth';

const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKeyForUnitTests000000000000000000000 test@example.com';

function build() {
  const app = testApp();
  app.node.setContext('aira:today', '2026-11-22');
  const kit = azureKit({ location: 'eastus', zones: ['1', '2'], adminSshPublicKey: SSH, lustre: { resourceProviderPrincipalId: '11111111-2222-3333-4444-555555555555' } });
  const l2 = new Level2Platform(app, 'l2', { kit, cidr: '10.24.0.0/16' });
  return { l2, v: synthView(l2.stack) };
}

describe('Level2Platform on Azure', () => {
  test('the reference Azure row: ND H100 v5 training on InfiniBand, CPU preprocessing, inference over two zones', () => {
    const { l2 } = build();
    expect(l2.cloud).toBe('azure');
    expect(l2.pools.training.capabilities).toMatchObject({ sku: 'Standard_ND96isr_H100_v5', plane: 'training', fabric: 'infiniband-ndr' });
    expect(l2.pools.preprocessing.capabilities.plane).toBe('data');
    expect(l2.pools.inference.capabilities).toMatchObject({ plane: 'inference', zones: ['1', '2'] });
  });

  test('inference sits behind an internal load balancer; only the inference scale set joins its backend pool', () => {
    const { v } = build();
    const lb = v.list('azurerm_lb');
    expect(lb).toHaveLength(1);
    expect(lb[0].sku).toBe('Standard');
    expect(lb[0].frontend_ip_configuration[0].public_ip_address_id).toBeUndefined();
    const sets = v.of('azurerm_linux_virtual_machine_scale_set');
    const joined = Object.entries(sets)
      .filter(([, s]) => s.network_interface[0].ip_configuration[0].load_balancer_backend_address_pool_ids !== undefined)
      .map(([id]) => id);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatch(/inference/);
  });

  test('storage: Managed Lustre for the training plane, every storage account HTTPS-only', () => {
    const { v } = build();
    expect(v.count('azurerm_managed_lustre_file_system')).toBe(1);
    const accounts = v.list('azurerm_storage_account');
    expect(accounts.length).toBeGreaterThan(0);
    for (const a of accounts) expect(a.https_traffic_only_enabled).toBe(true);
  });
});
