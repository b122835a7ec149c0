import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsStack, SegmentedNetwork as AwsSegmentedNetwork } from '../../lib/aws';
import { AzureStack, SegmentedNetwork } from '../../lib/azure';
import { AiraError } from '../../lib/core/errors';
import { networkAzure } from '../../examples/network-azure';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const zones = ['1', '2', '3'];
const PLANE_CIDRS = {
  training: '10.20.0.0/19',
  inference: '10.20.32.0/19',
  data: '10.20.64.0/19',
  management: '10.20.96.0/19',
  protected: '10.20.160.0/19',
};
/** Addresses that mean "anyone" in an NSG rule. */
const OPEN = ['*', 'Internet', 'Any', '0.0.0.0/0', '::/0'];

function build(props: Partial<ConstructorParameters<typeof SegmentedNetwork>[2]> = {}) {
  const app = testApp();
  const stack = new AzureStack(app, 'net-test', { location: 'eastus', tags: { owner: 'ml-platform', level: 2 } });
  const net = new SegmentedNetwork(stack, 'net', { cidr: '10.20.0.0/16', zones, ...props });
  return { app, stack, net };
}

/** The synthesized form of token values: each becomes a stack output, read back from the synthesized JSON. */
function synthesized(stack: TerraformStack, values: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(values)) new TerraformOutput(stack, name, { value });
  const out = synthView(stack).json.output;
  return Object.fromEntries(Object.keys(values).map((k) => [k, out[k].value]));
}

/** Security rules of a plane's NSG (the NSG reference names the plane). */
function rulesOf(rules: Record<string, any>[], plane: string) {
  return rules.filter((r) => String(r.network_security_group_name).includes(`net_nsg_${plane}_`));
}

describe('Azure SegmentedNetwork', () => {
  test('one subnet per plane holding its whole layout slot, with no default outbound access', () => {
    const { stack, net } = build();
    const v = synthView(stack);
    expect(v.list('azurerm_virtual_network')).toEqual([expect.objectContaining({ address_space: ['10.20.0.0/16'], name: 'net-vnet', location: 'eastus' })]);
    const subnets = v.list('azurerm_subnet');
    expect(subnets).toHaveLength(5);
    const byName = Object.fromEntries(subnets.map((s) => [s.name, s]));
    for (const [plane, cidr] of Object.entries(PLANE_CIDRS)) {
      expect(byName[`net-${plane}`]).toMatchObject({ address_prefixes: [cidr], default_outbound_access_enabled: false, private_endpoint_network_policies: 'Enabled' });
      expect(net.subnetCidr(plane as keyof typeof PLANE_CIDRS)).toBe(cidr);
      // The Azure subnet is the union of the per-zone blocks the AWS network uses.
      expect(net.layout.planes.find((p) => p.plane === plane)!.cidr).toBe(cidr);
    }
    expect(net.fabricCidr).toBe('10.20.224.0/19');
    expect(net).toMatchObject({ cloud: 'azure', region: 'eastus', location: 'eastus', zones, cidr: '10.20.0.0/16' });
  });

  test('one NSG per plane, attached to its subnet, with explicit deny-all rules at 4096 in both directions', () => {
    const { stack } = build();
    const v = synthView(stack);
    expect(v.list('azurerm_network_security_group').map((n) => n.name).sort()).toEqual(['net-data-nsg', 'net-inference-nsg', 'net-management-nsg', 'net-protected-nsg', 'net-training-nsg']);
    const assoc = v.list('azurerm_subnet_network_security_group_association');
    expect(assoc).toHaveLength(5);
    for (const plane of Object.keys(PLANE_CIDRS)) {
      expect(assoc.filter((a) => a.subnet_id.includes(`net_subnet-${plane}_`) && a.network_security_group_id.includes(`net_nsg_${plane}_`))).toHaveLength(1);
      const denies = rulesOf(v.list('azurerm_network_security_rule'), plane).filter((r) => r.access === 'Deny');
      expect(denies.map((r) => r.direction).sort()).toEqual(['Inbound', 'Outbound']);
      for (const d of denies) {
        expect(d).toMatchObject({ priority: 4096, protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' });
      }
    }
  });

  test('a declared flow is an outbound rule on the source NSG and an inbound rule on the target, with its reason', () => {
    const { stack, net } = build({ flows: [{ from: 'training', to: 'data', port: 988, reason: 'training nodes mount the Lustre file system' }] });
    net.allow('management', 'training', { from: 8000, to: 8100 }, 'job submission from the management plane', 'tcp');
    const rules = synthView(stack).list('azurerm_network_security_rule').filter((r) => r.priority < 3000);
    expect(rules).toHaveLength(4);
    const out = rulesOf(rules, 'training').find((r) => r.direction === 'Outbound')!;
    const inb = rulesOf(rules, 'data').find((r) => r.direction === 'Inbound')!;
    const expected = {
      access: 'Allow',
      priority: 100,
      protocol: 'Tcp',
      source_address_prefix: PLANE_CIDRS.training,
      destination_address_prefix: PLANE_CIDRS.data,
      destination_port_range: '988',
      source_port_range: '*',
      description: 'training nodes mount the Lustre file system',
    };
    expect(out).toMatchObject({ ...expected, name: 'training-to-data-tcp-988-out' });
    expect(inb).toMatchObject({ ...expected, name: 'training-to-data-tcp-988-in' });
    const second = rulesOf(rules, 'training').find((r) => r.direction === 'Inbound')!;
    expect(second).toMatchObject({ priority: 101, destination_port_range: '8000-8100', source_address_prefix: PLANE_CIDRS.management, destination_address_prefix: PLANE_CIDRS.training });
    expect(net.allows('training', 'data', 988)).toBe(true);
    expect(net.allows('data', 'training', 988)).toBe(false);
    expect(net.allows('management', 'training', 8050)).toBe(true);
    expect(net.flows.map((f) => f.key)).toEqual(['training-to-data-tcp-988', 'management-to-training-tcp-8000-8100']);
  });

  test('declaring a flow twice makes one pair of rules; a second reason for it is refused', () => {
    const { stack, net } = build();
    net.allow('training', 'data', 443, 'training nodes read shards from the data plane');
    net.allow('training', 'data', 443, 'training nodes read shards from the data plane');
    expect(synthView(stack).list('azurerm_network_security_rule').filter((r) => r.priority < 3000)).toHaveLength(2);
    expect(errorCodeOf(() => net.allow('training', 'data', 443, 'another reason for the same flow'))).toBe('AIRA_E_INVALID_FLOW');
  });

  test('rule priorities never repeat within one NSG and direction', () => {
    const stack = networkAzure(testApp());
    const rules = synthView(stack).list('azurerm_network_security_rule');
    const seen = new Set<string>();
    for (const r of rules) {
      const key = `${r.network_security_group_name}/${r.direction}/${r.priority}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(r.priority).toBeGreaterThanOrEqual(100);
      expect(r.priority).toBeLessThanOrEqual(4096);
    }
  });

  test('no allow rule takes traffic from anyone, except the reasoned public ingress on the inference plane', () => {
    const { stack } = build({ publicIngress: [{ plane: 'inference', port: 443, reason: 'public HTTPS API of the inference endpoints' }] });
    const allows = synthView(stack).list('azurerm_network_security_rule').filter((r) => r.access === 'Allow');
    const openSources = allows.filter((r) => OPEN.includes(r.source_address_prefix) || (r.source_address_prefixes ?? []).some((s: string) => OPEN.includes(s)));
    expect(openSources).toHaveLength(1);
    expect(openSources[0]).toMatchObject({ direction: 'Inbound', source_address_prefix: 'Internet', destination_address_prefix: PLANE_CIDRS.inference, destination_port_range: '443', priority: 3000, description: 'public HTTPS API of the inference endpoints' });
    expect(openSources[0].network_security_group_name).toMatch(/net_nsg_inference_/);
    // Without public ingress nothing at all is open.
    const closed = synthView(build().stack).list('azurerm_network_security_rule').filter((r) => r.access === 'Allow' && r.direction === 'Inbound');
    expect(closed.some((r) => OPEN.includes(r.source_address_prefix))).toBe(false);
    // Inbound allows never name an open destination either.
    expect(allows.some((r) => r.direction === 'Inbound' && OPEN.includes(r.destination_address_prefix))).toBe(false);
  });

  test('public ingress with named sources lists exactly those sources', () => {
    const { stack } = build({ publicIngress: [{ plane: 'inference', port: { from: 8443, to: 8444 }, sources: ['203.0.113.0/24', '198.51.100.0/24'], reason: 'partner API clients on two known ranges' }] });
    const rule = synthView(stack).list('azurerm_network_security_rule').find((r) => r.name === 'public-0-in')!;
    expect(rule).toMatchObject({ source_address_prefixes: ['203.0.113.0/24', '198.51.100.0/24'], destination_port_range: '8443-8444', protocol: 'Tcp' });
    expect(rule.source_address_prefix).toBeUndefined();
  });

  test('baseline egress: Storage and Key Vault from every plane, HTTPS to the internet only from non-protected planes', () => {
    const rules = synthView(build().stack).list('azurerm_network_security_rule').filter((r) => r.access === 'Allow' && r.direction === 'Outbound');
    for (const [plane, cidr] of Object.entries(PLANE_CIDRS)) {
      const mine = rulesOf(rules, plane);
      expect(mine.map((r) => r.destination_address_prefix).sort()).toEqual(plane === 'protected' ? ['AzureKeyVault', 'Storage'] : ['AzureKeyVault', 'Internet', 'Storage']);
      for (const r of mine) expect(r).toMatchObject({ source_address_prefix: cidr, destination_port_range: '443', protocol: 'Tcp' });
    }
    const none = synthView(build({ egress: 'none' }).stack);
    expect(none.list('azurerm_network_security_rule').some((r) => r.destination_address_prefix === 'Internet')).toBe(false);
    expect(none.count('azurerm_nat_gateway')).toBe(0);
    expect(none.count('azurerm_public_ip')).toBe(0);
  });

  test('load balancer health probes reach the inference plane only', () => {
    const probes = synthView(build().stack).list('azurerm_network_security_rule').filter((r) => r.source_address_prefix === 'AzureLoadBalancer');
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatchObject({ direction: 'Inbound', access: 'Allow', destination_address_prefix: PLANE_CIDRS.inference, priority: 3900 });
  });

  test('air gap: the protected subnet drops its default route, takes no gateway routes and has no NAT', () => {
    const v = synthView(build().stack);
    const [rtId, rt] = Object.entries(v.of('azurerm_route_table'))[0];
    expect(v.count('azurerm_route_table')).toBe(1);
    expect(rt).toMatchObject({ bgp_route_propagation_enabled: false, name: 'net-protected-rt' });
    expect(rt.tags['aira:plane']).toBe('protected');
    expect(v.list('azurerm_route')).toEqual([expect.objectContaining({ address_prefix: '0.0.0.0/0', next_hop_type: 'None', route_table_name: `\${azurerm_route_table.${rtId}.name}` })]);
    const rtAssoc = v.list('azurerm_subnet_route_table_association');
    expect(rtAssoc).toHaveLength(1);
    expect(rtAssoc[0].subnet_id).toMatch(/nsg-assoc-protected/);
    const natAssoc = v.list('azurerm_subnet_nat_gateway_association');
    expect(natAssoc).toHaveLength(4);
    expect(natAssoc.some((a) => a.subnet_id.includes('protected'))).toBe(false);
  });

  test('egress: one Standard NAT gateway for the region by default, with a static Standard public IP', () => {
    const v = synthView(build().stack);
    expect(v.list('azurerm_nat_gateway')).toEqual([expect.objectContaining({ sku_name: 'Standard', name: 'net-nat' })]);
    expect(v.list('azurerm_nat_gateway')[0].zones).toBeUndefined();
    expect(v.list('azurerm_public_ip')).toEqual([expect.objectContaining({ sku: 'Standard', allocation_method: 'Static' })]);
    expect(v.count('azurerm_nat_gateway_public_ip_association')).toBe(1);
    expect(synthView(build({ egress: 'nat-per-region' }).stack).count('azurerm_nat_gateway')).toBe(1);
    expect(build().net.egress).toBe('nat-per-region');
  });

  test('a plane subnet id is handed out after its NSG, route table and NAT are attached', () => {
    const { stack, net } = build();
    // Subnet ids are tokens; their synthesized form names the last association on the subnet.
    const ids = synthesized(stack, { training: net.subnetId('training'), protected: net.subnetId('protected') });
    expect(ids.training).toMatch(/azurerm_subnet_nat_gateway_association\.net_nat-assoc-training_.*\.subnet_id/);
    expect(ids.protected).toMatch(/azurerm_subnet_route_table_association\.net_rt-assoc-protected_.*\.subnet_id/);
    expect(synthView(stack).list('azurerm_subnet_nat_gateway_association').every((a) => /nsg-assoc-/.test(a.subnet_id))).toBe(true);
    const none = build({ egress: 'none' });
    expect(synthesized(none.stack, { data: none.net.subnetId('data') }).data).toMatch(/azurerm_subnet_network_security_group_association\./);
  });

  test('private access: Storage and Key Vault service endpoints on every subnet, private DNS zones linked to the VNet', () => {
    const { stack, net } = build();
    const v = synthView(stack);
    expect(v.list('azurerm_subnet').every((s) => JSON.stringify(s.service_endpoints) === JSON.stringify(['Microsoft.Storage', 'Microsoft.KeyVault']))).toBe(true);
    expect(v.list('azurerm_private_dns_zone').map((z) => z.name).sort()).toEqual(['privatelink.blob.core.windows.net', 'privatelink.dfs.core.windows.net', 'privatelink.vaultcore.azure.net']);
    const links = v.list('azurerm_private_dns_zone_virtual_network_link');
    expect(links).toHaveLength(3);
    for (const l of links) expect(l).toMatchObject({ registration_enabled: false, virtual_network_id: expect.stringMatching(/azurerm_virtual_network\.net_vnet_.*\.id/) });
    expect(synthesized(stack, { blob: net.privateDnsZoneId('blob') }).blob).toMatch(/azurerm_private_dns_zone\.net_dns_blob_.*\.id/);
  });

  test('private DNS zones can be left to a hub; two networks may not create them in one resource group', () => {
    const { stack, net } = build({ privateDnsZones: false });
    expect(synthView(stack).count('azurerm_private_dns_zone')).toBe(0);
    expect(errorCodeOf(() => net.privateDnsZoneId('vault'))).toBe('AIRA_E_UNSUPPORTED_OPTION');
    const two = build();
    expect(errorCodeOf(() => new SegmentedNetwork(two.stack, 'other', { cidr: '10.21.0.0/16', zones }))).toBe('AIRA_E_INVALID_PROP');
    const other = new SegmentedNetwork(two.stack, 'other2', { cidr: '10.22.0.0/16', zones, resourceGroupName: 'other-rg' });
    expect(other.resourceGroupName).toBe('other-rg');
  });

  test('flow logs: VNet flow logs through the region Network Watcher into a locked-down account', () => {
    const v = synthView(build({ flowLogs: { retentionDays: 90 } }).stack);
    const [log] = v.list('azurerm_network_watcher_flow_log');
    expect(v.count('azurerm_network_watcher_flow_log')).toBe(1);
    expect(log).toMatchObject({
      enabled: true,
      version: 2,
      network_watcher_name: 'NetworkWatcher_eastus',
      resource_group_name: 'NetworkWatcherRG',
      retention_policy: { enabled: true, days: 90 },
      target_resource_id: expect.stringMatching(/azurerm_virtual_network\.net_vnet_.*\.id/),
      storage_account_id: expect.stringMatching(/azurerm_storage_account\..*\.id/),
    });
    expect(log.network_security_group_id).toBeUndefined();
    expect(log.traffic_analytics).toBeUndefined();
    expect(v.count('azurerm_network_watcher')).toBe(0);
    const [account] = v.list('azurerm_storage_account');
    expect(account).toMatchObject({
      account_kind: 'StorageV2',
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      infrastructure_encryption_enabled: true,
      cross_tenant_replication_enabled: false,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
    });
    expect(account.name).toMatch(/^[a-z0-9]{3,24}$/);
  });

  test('flow logs: traffic analytics and another Network Watcher when asked', () => {
    const v = synthView(
      build({
        networkWatcher: { name: 'nw-eastus', resourceGroupName: 'network-rg' },
        trafficAnalytics: { workspaceId: '00000000-0000-0000-0000-000000000000', workspaceRegion: 'eastus', workspaceResourceId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z', intervalMinutes: 10 },
      }).stack,
    );
    expect(v.list('azurerm_network_watcher_flow_log')[0]).toMatchObject({
      network_watcher_name: 'nw-eastus',
      resource_group_name: 'network-rg',
      traffic_analytics: { enabled: true, interval_in_minutes: 10, workspace_region: 'eastus' },
    });
  });

  test('the provider manages storage accounts without data-plane calls (the flow log account denies other networks)', () => {
    const json = synthView(build().stack).json;
    expect(json.provider.azurerm[0].features[0].storage).toEqual([{ data_plane_available: false }]);
  });

  test('flows within a plane: an inbound and an outbound rule on the plane NSG', () => {
    const { stack, net } = build();
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    const f = net.allowWithinPlane('training', 22, 'SSH among training nodes for MPI launch');
    expect(f.key).toBe('training-within-tcp-22');
    const rules = rulesOf(synthView(stack).list('azurerm_network_security_rule'), 'training').filter((r) => r.name.startsWith('training-within'));
    expect(rules.map((r) => r.direction).sort()).toEqual(['Inbound', 'Outbound']);
    for (const r of rules) expect(r).toMatchObject({ priority: 101, source_address_prefix: PLANE_CIDRS.training, destination_address_prefix: PLANE_CIDRS.training, destination_port_range: '22' });
    expect(net.allows('training', 'training', 22)).toBe(true);
    expect(errorCodeOf(() => net.allowWithinPlane('training', 22, 'short'))).toBe('AIRA_E_INVALID_FLOW');
  });

  test('the tagging scheme reaches every taggable resource, plane tags on plane resources', () => {
    const v = synthView(build().stack);
    // These azurerm resource types take no tags at all.
    const untaggable = new Set([
      'azurerm_subnet',
      'azurerm_network_security_rule',
      'azurerm_subnet_network_security_group_association',
      'azurerm_subnet_nat_gateway_association',
      'azurerm_subnet_route_table_association',
      'azurerm_nat_gateway_public_ip_association',
      'azurerm_route',
    ]);
    let tagged = 0;
    for (const [type, resources] of Object.entries(v.json.resource as Record<string, Record<string, any>>)) {
      if (untaggable.has(type)) continue;
      for (const r of Object.values(resources)) {
        expect({ type, owner: r.tags?.['aira:owner'], level: r.tags?.['aira:level'] }).toEqual({ type, owner: 'ml-platform', level: 'level-2' });
        tagged++;
      }
    }
    expect(tagged).toBeGreaterThan(15);
    expect(v.list('azurerm_network_security_group').map((n) => n.tags['aira:plane']).sort()).toEqual(['data', 'inference', 'management', 'protected', 'training']);
    expect(v.list('azurerm_virtual_network')[0].tags['aira:plane']).toBe('shared');
    expect(v.list('azurerm_storage_account')[0].tags['aira:plane']).toBe('shared');
  });

  test('fromAttributes: flows on an imported VNet become rules on its NSGs with the subnets’ real prefixes', () => {
    const app = testApp();
    const stack = new AzureStack(app, 's', { location: 'westeurope' });
    const net = SegmentedNetwork.fromAttributes(stack, 'existing', {
      vnetId: '/subscriptions/x/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/ml',
      vnetName: 'ml',
      resourceGroupName: 'hub',
      cidr: '10.50.0.0/16',
      zones: ['1'],
      subnets: { training: { id: 'sub-t', cidr: '10.50.1.0/24' }, data: { id: 'sub-d', cidr: '10.50.2.0/24' } },
      networkSecurityGroups: { training: { id: 'nsg-t-id', name: 'nsg-t' }, data: { id: 'nsg-d-id', name: 'nsg-d' } },
      privateDnsZoneIds: { blob: 'zone-blob' },
      firstFlowPriority: 500,
    });
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    const v = synthView(stack);
    const rules = v.list('azurerm_network_security_rule');
    expect(rules).toHaveLength(2);
    expect(rules.find((r) => r.direction === 'Inbound')).toMatchObject({ network_security_group_name: 'nsg-d', resource_group_name: 'hub', priority: 500, source_address_prefix: '10.50.1.0/24', destination_address_prefix: '10.50.2.0/24' });
    expect(rules.find((r) => r.direction === 'Outbound')).toMatchObject({ network_security_group_name: 'nsg-t' });
    expect(v.count('azurerm_virtual_network')).toBe(0);
    expect(v.count('azurerm_network_security_group')).toBe(0);
    expect(net).toMatchObject({ location: 'westeurope', vnetName: 'ml', planes: ['training', 'data'] });
    expect(net.subnetId('data')).toBe('sub-d');
    expect(net.nsgName('training')).toBe('nsg-t');
    expect(net.privateDnsZoneId('blob')).toBe('zone-blob');
    expect(errorCodeOf(() => net.privateDnsZoneId('vault'))).toBe('AIRA_E_UNSUPPORTED_OPTION');
    expect(errorCodeOf(() => net.subnetId('inference'))).toBe('AIRA_E_UNKNOWN_PLANE');
    expect(errorCodeOf(() =>
      SegmentedNetwork.fromAttributes(stack, 'broken', { vnetId: 'v', vnetName: 'v', resourceGroupName: 'r', cidr: '10.60.0.0/16', zones: ['1'], subnets: { data: { id: 's', cidr: '10.60.0.0/24' } }, networkSecurityGroups: {} }),
    )).toBe('AIRA_E_INVALID_PROP');
  });

  test('networks of one platform on two clouds must not overlap', () => {
    const app = testApp();
    const aws = new AwsStack(app, 'aws', { region: 'us-east-1' });
    new AwsSegmentedNetwork(aws, 'net', { cidr: '10.10.0.0/16', zones: ['us-east-1a'] });
    const azure = new AzureStack(app, 'azure', { location: 'eastus' });
    expect(errorCodeOf(() => new SegmentedNetwork(azure, 'net', { cidr: '10.10.0.0/17', zones }))).toBe('AIRA_E_CIDR_OVERLAP');
    expect(() => new SegmentedNetwork(azure, 'net2', { cidr: '10.20.0.0/16', zones })).not.toThrow();
  });

  describe('bad input', () => {
    test.each([
      ['overlapping CIDRs in one app', () => {
        const { app } = build();
        const other = new AzureStack(app, 'other', { location: 'eastus' });
        new SegmentedNetwork(other, 'net', { cidr: '10.20.128.0/17', zones });
      }, 'AIRA_E_CIDR_OVERLAP'],
      ['a base block too small for the planes and zones', () => build({ cidr: '10.0.0.0/24' }), 'AIRA_E_CIDR_TOO_SMALL'],
      ['a block with host bits set', () => build({ cidr: '10.20.0.5/16' }), 'AIRA_E_INVALID_CIDR'],
      ['an AWS-style zone name', () => build({ zones: ['eastus-1'] }), 'AIRA_E_UNKNOWN_ZONE'],
      ['zone 4', () => build({ zones: ['1', '4'] }), 'AIRA_E_UNKNOWN_ZONE'],
      ['no zones', () => build({ zones: [] }), 'AIRA_E_MISSING_PROP'],
      ['explicit nat-per-zone', () => build({ egress: 'nat-per-zone' }), 'AIRA_E_UNSUPPORTED_OPTION'],
      ['an unknown egress mode', () => build({ egress: 'nat-gateway' as never }), 'AIRA_E_INVALID_PROP'],
      ['an unknown plane in allow', () => build().net.allow('training', 'gpu' as never, 443, 'a reason long enough'), 'AIRA_E_UNKNOWN_PLANE'],
      ['a plane the network lacks', () => build({ planes: ['training', 'data'] }).net.allow('training', 'quantum', 443, 'a reason long enough'), 'AIRA_E_UNKNOWN_PLANE'],
      ['an NSG of a plane the network lacks', () => build({ planes: ['training', 'data'] }).net.nsgId('inference'), 'AIRA_E_UNKNOWN_PLANE'],
      ['a flow without a real reason', () => build().net.allow('training', 'data', 443, 'because'), 'AIRA_E_INVALID_FLOW'],
      ['a flow to the same plane', () => build().net.allow('data', 'data', 443, 'a reason long enough'), 'AIRA_E_INVALID_FLOW'],
      ['port 70000', () => build().net.allow('training', 'data', 70000, 'a reason long enough'), 'AIRA_E_INVALID_FLOW'],
      ['public ingress to the training plane', () => build({ publicIngress: [{ plane: 'training', port: 22, reason: 'ssh from anywhere to nodes' }] }), 'AIRA_E_PUBLIC_EXPOSURE'],
      ['public ingress to the protected plane', () => build({ publicIngress: [{ plane: 'protected', port: 443, reason: 'should never be allowed' }] }), 'AIRA_E_PUBLIC_EXPOSURE'],
      ['flow log retention beyond 365 days', () => build({ flowLogs: { retentionDays: 400 } }), 'AIRA_E_INVALID_PROP'],
      ['a traffic analytics interval of 30 minutes', () => build({ trafficAnalytics: { workspaceId: 'w', workspaceRegion: 'eastus', workspaceResourceId: 'r', intervalMinutes: 30 as never } }), 'AIRA_E_INVALID_PROP'],
      ['a bad tag value', () => build({ tags: { owner: 'ml<platform>' } }), 'AIRA_E_INVALID_TAG'],
      ['a name with spaces', () => build({ name: 'my network' }), 'AIRA_E_INVALID_NAME'],
      ['a network outside an AzureStack', () => {
        const app = testApp();
        const aws = new AwsStack(app, 'aws', { region: 'us-east-1' });
        new SegmentedNetwork(aws, 'net', { cidr: '10.20.0.0/16', zones });
      }, 'AIRA_E_WRONG_SCOPE'],
    ])('%s', (_name, fn, code) => {
      expect(errorCodeOf(fn)).toBe(code);
    });

    test('explicit nat-per-zone names the fix', () => {
      try {
        build({ egress: 'nat-per-zone' });
        throw new Error('no error');
      } catch (e) {
        expect(AiraError.isAiraError(e)).toBe(true);
        expect((e as Error).message).toBe(
          'AIRA_E_UNSUPPORTED_OPTION: net-test/net: egress "nat-per-zone" cannot be built on Azure: a plane has one subnet across all zones and a subnet takes only one NAT gateway. Fix: use egress "nat-per-region" (the Azure default: one NAT gateway serving every zone) or "none"',
        );
      }
    });
  });

  test('two synths of the same input are byte-identical', () => {
    const a = Testing.synth(networkAzure(testApp()), true);
    const b = Testing.synth(networkAzure(testApp()), true);
    expect(a).toBe(b);
  });

  test('the example stack: key resources and counts', () => {
    const stack = networkAzure(testApp());
    expect(stack.node.id).toBe('network-azure');
    const v = synthView(stack);
    const counts = Object.fromEntries(Object.keys(v.json.resource).map((t) => [t, v.count(t)]));
    expect(counts).toEqual({
      azurerm_resource_group: 1,
      azurerm_virtual_network: 1,
      azurerm_subnet: 5,
      azurerm_network_security_group: 5,
      azurerm_subnet_network_security_group_association: 5,
      // 10 deny-all, 10 Storage/Key Vault, 4 internet, 1 probe, 1 public ingress, 4 flows x 2.
      azurerm_network_security_rule: 34,
      azurerm_nat_gateway: 1,
      azurerm_public_ip: 1,
      azurerm_nat_gateway_public_ip_association: 1,
      azurerm_subnet_nat_gateway_association: 4,
      azurerm_route_table: 1,
      azurerm_route: 1,
      azurerm_subnet_route_table_association: 1,
      azurerm_private_dns_zone: 3,
      azurerm_private_dns_zone_virtual_network_link: 3,
      azurerm_storage_account: 1,
      azurerm_network_watcher_flow_log: 1,
    });
    expect(v.list('azurerm_virtual_network')[0]).toMatchObject({ name: 'aira-ref-vnet', address_space: ['10.20.0.0/16'], location: 'eastus' });
    expect(v.list('azurerm_resource_group')[0].tags).toEqual({
      'aira:level': 'level-2',
      'aira:workload': 'reference-network',
      'aira:owner': 'ml-platform',
      'aira:cost-center': 'cc-1001',
      'aira:data-classification': 'internal',
    });
    expect(v.list('azurerm_network_security_rule').filter((r) => r.description === 'Lustre client ports for training nodes').map((r) => r.destination_port_range)).toEqual(['1018-1023', '1018-1023']);
    expect(v.json.terraform.backend.local.path).toBe('terraform.network-azure.tfstate');
  });
});
