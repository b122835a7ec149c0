import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { ComputeRoute } from '@cdktf/provider-google/lib/compute-route';
import { Testing } from 'cdktf';
import { AzureStack, SegmentedNetwork as AzureNetwork } from '../../lib/azure';
import { GcpStack, SegmentedNetwork as GcpNetwork } from '../../lib/gcp';
import { testApp } from '../helpers/synth';
import { PlanRes, checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const plane = (p: string) => ({ 'aira:plane': p });
/** A plan expression referencing another resource (what `terraform show -json` writes for `x.y.id`). */
const ref = (address: string, attr = 'id') => ({ references: [`${address}.${attr}`, address] });

const GLD1 = 'AIRA-GLD-001';
const GLD3 = 'AIRA-GLD-003';

describe('AIRA-GLD-001 on Azure: an NSG allow between planes is a declared flow', () => {
  const CIDR: Record<string, string> = { training: '10.20.0.0/19', inference: '10.20.32.0/19', data: '10.20.64.0/19' };
  const network = (rules: Record<string, Record<string, unknown>>, nsgExtra: Record<string, Record<string, unknown>> = {}) =>
    synthDoc({
      azurerm_virtual_network: { vnet: { name: 'vnet', address_space: ['10.20.0.0/16'] } },
      azurerm_subnet: Object.fromEntries(Object.entries(CIDR).map(([p, c]) => [p, { name: `n-${p}`, virtual_network_name: '${azurerm_virtual_network.vnet.name}', address_prefixes: [c] }])),
      azurerm_network_security_group: Object.fromEntries(Object.keys(CIDR).map((p) => [p, { name: `n-${p}-nsg`, tags: plane(p), ...(nsgExtra[p] ?? {}) }])),
      azurerm_subnet_network_security_group_association: Object.fromEntries(
        Object.keys(CIDR).map((p) => [p, { subnet_id: `\${azurerm_subnet.${p}.id}`, network_security_group_id: `\${azurerm_network_security_group.${p}.id}` }]),
      ),
      azurerm_network_security_rule: rules,
    });
  const rule = (nsg: string, o: Record<string, unknown>) => ({
    network_security_group_name: `\${azurerm_network_security_group.${nsg}.name}`,
    resource_group_name: 'rg',
    direction: 'Inbound',
    access: 'Allow',
    priority: 100,
    protocol: 'Tcp',
    source_port_range: '*',
    destination_port_range: '988',
    source_address_prefix: CIDR.training,
    destination_address_prefix: CIDR.data,
    name: 'training-to-data-tcp-988-in',
    description: 'training nodes mount the Lustre file system',
    ...o,
  });

  test.each([
    ['declared flow (name = flow key, reason as description)', rule('data', {}), 'pass'],
    ['declared flow, outbound half on the source plane', rule('training', { direction: 'Outbound', name: 'training-to-data-tcp-988-out' }), 'pass'],
    ['hand-written allow between planes', rule('data', { name: 'allow-lustre' }), 'fail'],
    ['a flow key that does not match the ports opened', rule('data', { destination_port_range: '22' }), 'fail'],
    ['a flow key that names another source plane', rule('data', { source_address_prefix: CIDR.inference }), 'fail'],
    ['declared name without a reason', rule('data', { description: '' }), 'fail'],
    ['source VirtualNetwork covers every plane', rule('data', { source_address_prefix: 'VirtualNetwork' }), 'fail'],
    ['source * covers every plane', rule('data', { source_address_prefix: '*', name: 'any-988' }), 'fail'],
    ['plane-wide allow-all', rule('data', { protocol: '*', destination_port_range: '*', name: 'training-to-data-*-*-in' }), 'fail'],
    ['a prefix spanning two planes', rule('data', { source_address_prefixes: [CIDR.training, CIDR.inference], source_address_prefix: undefined }), 'fail'],
    ['within one plane', rule('data', { source_address_prefix: CIDR.data, name: 'data-within-tcp-988-in' }), 'pass'],
    ['internet ingress (a service tag, no plane)', rule('inference', { source_address_prefix: 'Internet', destination_address_prefix: CIDR.inference, name: 'public-0-in', destination_port_range: '443' }), 'not_applicable'],
    ['a deny rule', rule('data', { access: 'Deny', name: 'deny-all-in', source_address_prefix: '*', protocol: '*', destination_port_range: '*' }), 'not_applicable'],
  ])('%s', (_n, body, expected) => {
    expect(statusOf(checkDoc(network({ r: body })).results, GLD1, 'azurerm_network_security_rule.r')).toBe(expected);
  });

  test('the failure names what the rule opens and the name a declared flow would carry', () => {
    const message = (body: Record<string, unknown>) => checkDoc(network({ r: body })).results.find((r) => r.ruleId === GLD1 && r.address === 'azurerm_network_security_rule.r')!.message;
    expect(message(rule('data', { name: 'allow-lustre', destination_port_range: '1018-1023' }))).toBe(
      'allows training -> data (tcp 1018-1023) but is not a declared flow: SegmentedNetwork.allow would name it training-to-data-tcp-1018-1023-in',
    );
    expect(message(rule('data', { source_address_prefix: 'VirtualNetwork' }))).toMatch(/allows training -> data, inference -> data through the prefix VirtualNetwork, which covers every plane/);
    expect(message(rule('data', { protocol: '*', destination_port_range: '*' }))).toMatch(/every protocol and port/);
  });

  test('inline security_rule blocks of an NSG are judged too', () => {
    const inline = (name: string) => network({}, { data: { security_rule: [{ ...rule('data', { name }), network_security_group_name: undefined, resource_group_name: undefined }] } });
    expect(statusOf(checkDoc(inline('training-to-data-tcp-988-in')).results, GLD1, 'azurerm_network_security_group.data')).toBe('pass');
    expect(statusOf(checkDoc(inline('lustre')).results, GLD1, 'azurerm_network_security_group.data')).toBe('fail');
  });

  test('without the plane subnets in the input (an imported network) the rule cannot map addresses to planes', () => {
    const doc = synthDoc({ azurerm_network_security_rule: { r: { ...rule('data', { name: 'x' }), network_security_group_name: 'imported-nsg' } } });
    expect(statusOf(checkDoc(doc).results, GLD1, 'azurerm_network_security_rule.r')).toBe('not_applicable');
  });

  test('plan form (references from the configuration)', () => {
    const resources = (name: string): PlanRes[] => [
      { type: 'azurerm_virtual_network', name: 'vnet', values: { name: 'vnet' } },
      ...Object.entries(CIDR).flatMap(([p, c]): PlanRes[] => [
        { type: 'azurerm_subnet', name: p, values: { name: `n-${p}`, virtual_network_name: 'vnet', address_prefixes: [c] }, expressions: { virtual_network_name: ref('azurerm_virtual_network.vnet', 'name') } },
        { type: 'azurerm_network_security_group', name: p, values: { name: `n-${p}-nsg`, tags: plane(p) } },
        {
          type: 'azurerm_subnet_network_security_group_association',
          name: p,
          values: {},
          afterUnknown: { subnet_id: true, network_security_group_id: true },
          expressions: { subnet_id: ref(`azurerm_subnet.${p}`), network_security_group_id: ref(`azurerm_network_security_group.${p}`) },
        },
      ]),
      {
        type: 'azurerm_network_security_rule',
        name: 'r',
        values: { ...rule('data', { name }), network_security_group_name: 'n-data-nsg' },
        expressions: { network_security_group_name: ref('azurerm_network_security_group.data', 'name') },
      },
    ];
    expect(statusOf(checkDoc(planDoc(resources('training-to-data-tcp-988-in'))).results, GLD1, 'azurerm_network_security_rule.r')).toBe('pass');
    expect(statusOf(checkDoc(planDoc(resources('allow-training'))).results, GLD1, 'azurerm_network_security_rule.r')).toBe('fail');
  });

  test('end to end: the flows an Azure SegmentedNetwork declares pass; a hand-written NSG rule between planes fails', () => {
    const stack = new AzureStack(testApp(), 'zt', { location: 'eastus' });
    const net = new AzureNetwork(stack, 'net', { cidr: '10.20.0.0/16', zones: ['1', '2'] });
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    net.allowWithinPlane('training', 29500, 'NCCL rendezvous between training nodes');
    new NetworkSecurityRule(stack, 'hand-written', {
      name: 'training-to-data-ssh',
      resourceGroupName: net.resourceGroupName,
      networkSecurityGroupName: net.nsgName('data'),
      direction: 'Inbound',
      access: 'Allow',
      priority: 200,
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationPortRange: '22',
      sourceAddressPrefix: net.subnetCidr('training'),
      destinationAddressPrefix: net.subnetCidr('data'),
      description: 'ssh from training',
    });
    const results = checkDoc(JSON.parse(Testing.synth(stack, true))).results.filter((r) => r.ruleId === GLD1);
    const failed = results.filter((r) => r.status === 'fail').map((r) => r.address);
    expect(failed).toEqual(['azurerm_network_security_rule.hand-written']);
    const passed = results.filter((r) => r.status === 'pass').map((r) => r.message);
    expect(passed).toEqual(expect.arrayContaining(['declared flow training -> data: training nodes mount the Lustre file system', 'within the training plane']));
    expect(passed.length).toBe(4);
  });
});

describe('AIRA-GLD-003 on Google: the protected plane has no way to the internet or to other planes', () => {
  const base = {
    google_compute_network: { net: { name: 'n' }, other: { name: 'other' } },
    google_compute_subnetwork: {
      protected: { name: 'n-protected', network: '${google_compute_network.net.id}', ip_cidr_range: '10.30.160.0/19' },
      training: { name: 'n-training', network: '${google_compute_network.net.id}', ip_cidr_range: '10.30.0.0/19' },
      lonely: { name: 'o-training', network: '${google_compute_network.other.id}', ip_cidr_range: '10.40.0.0/19' },
    },
  };
  const doc = (extra: Record<string, Record<string, Record<string, unknown>>>) => synthDoc({ ...base, ...extra });
  const route = (o: Record<string, unknown>) => doc({ google_compute_route: { r: { name: 'r', network: '${google_compute_network.net.id}', dest_range: '0.0.0.0/0', next_hop_gateway: 'default-internet-gateway', ...o } } });

  test.each([
    ['an internet route tagged for the protected plane', route({ tags: ['n-protected'] }), 'fail'],
    ['an untagged internet route on the network of the protected plane', route({}), 'fail'],
    ['an internet route by gateway URL, untagged', route({ next_hop_gateway: 'https://www.googleapis.com/compute/v1/projects/p/global/gateways/default-internet-gateway' }), 'fail'],
    ['an internet route for the other planes only', route({ tags: ['n-training', 'n-inference'] }), 'pass'],
    ['an untagged route to the private Google API VIP (stays on Google\'s network)', route({ dest_range: '199.36.153.8/30' }), 'not_applicable'],
    ['an untagged internet route on a network without a protected plane', route({ network: '${google_compute_network.other.id}' }), 'not_applicable'],
    ['a route to an internal load balancer', route({ next_hop_gateway: undefined, next_hop_ilb: '10.30.0.10' }), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, GLD3, 'google_compute_route.r')).toBe(expected);
  });

  const nat = (o: Record<string, unknown>) =>
    doc({
      google_compute_router: { router: { name: 'router', network: '${google_compute_network.net.id}', region: 'us-central1' } },
      google_compute_router_nat: { nat: { name: 'nat', router: '${google_compute_router.router.name}', region: 'us-central1', nat_ip_allocate_option: 'AUTO_ONLY', ...o } },
    });
  test.each([
    ['Cloud NAT over every subnetwork of the network', nat({ source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES' }), 'fail'],
    ['Cloud NAT listing the protected subnetwork', nat({ source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS', subnetwork: [{ name: '${google_compute_subnetwork.protected.id}', source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }] }), 'fail'],
    ['Cloud NAT listing the protected subnetwork by a literal self link', nat({ source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS', subnetwork: [{ name: 'projects/p/regions/us-central1/subnetworks/n-protected', source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }] }), 'fail'],
    ['Cloud NAT listing the other planes only', nat({ source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS', subnetwork: [{ name: '${google_compute_subnetwork.training.id}', source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }] }), 'pass'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, GLD3, 'google_compute_router_nat.nat')).toBe(expected);
  });

  const template = (nic: Record<string, unknown>, tags = ['n-protected'], extra: Record<string, Record<string, Record<string, unknown>>> = {}) =>
    doc({ google_compute_instance_template: { t: { machine_type: 'a3-highgpu-8g', tags, network_interface: [{ subnetwork: '${google_compute_subnetwork.protected.self_link}', ...nic }] } }, ...extra });
  test.each([
    ['a protected template without an external IP', template({}), 'pass'],
    ['a protected template with an external IP', template({ access_config: [{ network_tier: 'PREMIUM' }] }), 'fail'],
    ['a protected template with an external IPv6', template({ ipv6_access_config: [{ network_tier: 'PREMIUM' }] }), 'fail'],
    ['a template on the protected subnetwork carrying a tag another internet route serves', template({}, ['n-protected', 'n-training'], { google_compute_route: { r: { network: '${google_compute_network.net.id}', dest_range: '0.0.0.0/0', next_hop_gateway: 'default-internet-gateway', tags: ['n-training'] } } }), 'fail'],
    ['a template off the protected plane with an external IP', template({ subnetwork: '${google_compute_subnetwork.training.self_link}', access_config: [{}] }, ['n-training']), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, GLD3, 'google_compute_instance_template.t')).toBe(expected);
  });

  test('a VPC peering of the network that holds the protected plane fails; of another network it is not judged', () => {
    const peering = (network: string) => doc({ google_compute_network_peering: { p: { name: 'p', network: `\${google_compute_network.${network}.self_link}`, peer_network: 'projects/partner/global/networks/shared' } } });
    expect(statusOf(checkDoc(peering('net')).results, GLD3, 'google_compute_network_peering.p')).toBe('fail');
    expect(statusOf(checkDoc(peering('other')).results, GLD3, 'google_compute_network_peering.p')).toBe('not_applicable');
  });

  test('a Private Service Connect endpoint on the protected plane must reach a service of the protected plane', () => {
    const endpoint = (target: string, producerSubnet = 'protected') =>
      doc({
        google_compute_forwarding_rule: {
          ep: { name: 'ep', load_balancing_scheme: '', network: '${google_compute_network.net.id}', subnetwork: '${google_compute_subnetwork.protected.id}', target },
          ilb: { name: 'ilb', load_balancing_scheme: 'INTERNAL', subnetwork: `\${google_compute_subnetwork.${producerSubnet}.id}` },
        },
        google_compute_service_attachment: { sa: { name: 'sa', target_service: '${google_compute_forwarding_rule.ilb.id}', connection_preference: 'ACCEPT_MANUAL' } },
      });
    expect(statusOf(checkDoc(endpoint('${google_compute_service_attachment.sa.id}')).results, GLD3, 'google_compute_forwarding_rule.ep')).toBe('pass');
    expect(statusOf(checkDoc(endpoint('${google_compute_service_attachment.sa.id}', 'training')).results, GLD3, 'google_compute_forwarding_rule.ep')).toBe('fail');
    expect(statusOf(checkDoc(endpoint('projects/vendor/regions/us-central1/serviceAttachments/api')).results, GLD3, 'google_compute_forwarding_rule.ep')).toBe('fail');
    expect(statusOf(checkDoc(endpoint('all-apis')).results, GLD3, 'google_compute_forwarding_rule.ep')).toBe('not_applicable');
  });

  test('external IPv6 on the protected subnetwork fails', () => {
    const d = synthDoc({ google_compute_subnetwork: { protected: { name: 'n-protected', stack_type: 'IPV4_IPV6', ipv6_access_type: 'EXTERNAL' } } });
    expect(statusOf(checkDoc(d).results, GLD3, 'google_compute_subnetwork.protected')).toBe('fail');
  });

  test('plan form (references from the configuration)', () => {
    const plan = (tags: string[] | undefined) =>
      planDoc([
        { type: 'google_compute_network', name: 'net', values: { name: 'n' } },
        { type: 'google_compute_subnetwork', name: 'protected', values: { name: 'n-protected', ip_cidr_range: '10.30.160.0/19' }, afterUnknown: { network: true }, expressions: { network: ref('google_compute_network.net') } },
        {
          type: 'google_compute_route',
          name: 'r',
          values: { name: 'r', dest_range: '0.0.0.0/0', next_hop_gateway: 'default-internet-gateway', ...(tags ? { tags } : {}) },
          afterUnknown: { network: true },
          expressions: { network: ref('google_compute_network.net') },
        },
        {
          type: 'google_compute_instance_template',
          name: 't',
          values: { machine_type: 'a3-highgpu-8g', tags: ['n-protected'], network_interface: [{ access_config: [{ network_tier: 'PREMIUM' }] }] },
          afterUnknown: { network_interface: [{ subnetwork: true }] },
          expressions: { network_interface: [{ subnetwork: ref('google_compute_subnetwork.protected', 'self_link') }] },
        },
      ]);
    expect(statusOf(checkDoc(plan(undefined)).results, GLD3, 'google_compute_route.r')).toBe('fail');
    expect(statusOf(checkDoc(plan(['n-training'])).results, GLD3, 'google_compute_route.r')).toBe('pass');
    expect(statusOf(checkDoc(plan(['n-training'])).results, GLD3, 'google_compute_instance_template.t')).toBe('fail');
  });

  test('end to end: a Google SegmentedNetwork keeps its protected plane air-gapped; an untagged internet route breaks it', () => {
    const stack = new GcpStack(testApp(), 'gap', { project: 'acme-ml', region: 'us-central1' });
    const net = new GcpNetwork(stack, 'net', { cidr: '10.30.0.0/16', zones: ['us-central1-a'] });
    const before = checkDoc(JSON.parse(Testing.synth(stack, true))).results.filter((r) => r.ruleId === GLD3);
    expect(before.filter((r) => r.status === 'fail' || r.status === 'unknown')).toEqual([]);
    expect(before.filter((r) => r.status === 'pass').map((r) => r.resourceType).sort()).toEqual(['google_compute_route', 'google_compute_router_nat', 'google_compute_subnetwork']);
    new ComputeRoute(stack, 'shortcut', { name: 'shortcut', network: net.networkId, destRange: '0.0.0.0/0', nextHopGateway: 'default-internet-gateway', priority: 900 });
    const after = checkDoc(JSON.parse(Testing.synth(stack, true))).results.filter((r) => r.ruleId === GLD3 && r.status === 'fail');
    expect(after.map((r) => r.address)).toEqual(['google_compute_route.shortcut']);
  });
});
