import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { level4Multicloud } from '../../examples/level4-multicloud';
import { AwsStack, AwsVpnGateway, awsKit, SegmentedNetwork as AwsNetwork } from '../../lib/aws';
import { AzureStack, AzureVpnGateway, azureKit, SegmentedNetwork as AzureNetwork } from '../../lib/azure';
import { StateBackend } from '../../lib/core/backend';
import { DEFAULT_VPN_ASNS, VPN_PAIRS, gatewayBgpAddresses, planVpn } from '../../lib/core/vpn';
import { gcpKit } from '../../lib/gcp';
import { Level4Demand, Level4Platform, Level4PlatformProps } from '../../lib/platform/level4';
import { readableAcrossStacks } from '../../lib/platform/level4-interconnect';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { loadPath } from '../../lib/policy/load';
import { atOrAbove } from '../../lib/policy/types';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';
import { appIn, readJsonOut } from './helpers/outdir';

const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReplaceThisWithTheOperatorsOwnPublicKey000 ops@example.com';
const aws = () => awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
const azure = () => azureKit({ location: 'eastus', zones: ['1', '2'], adminSshPublicKey: SSH });
const gcp = () => gcpKit({ project: 'acme-ml', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] });
const TWO_CLOUDS: readonly Level4Demand[] = [
  { id: 'pretrain', accelerator: 'H100', count: 16, minInterconnectGbps: 3200, clouds: ['aws'] },
  { id: 'finetune', accelerator: 'TPU v5p', count: 8 },
];
const AWS_ONLY: readonly Level4Demand[] = [{ id: 'pretrain', accelerator: 'H100', count: 16, clouds: ['aws'] }];

function build(name: string, extra: Partial<Level4PlatformProps> = {}, app: App = appIn(name).app) {
  const l4 = new Level4Platform(app, 'l4', { kits: { aws: aws(), azure: azure(), gcp: gcp() }, cidrs: { aws: '10.16.0.0/16', azure: '10.26.0.0/16', gcp: '10.36.0.0/16' }, demands: TWO_CLOUDS, ...extra });
  return { app, l4 };
}

const stackJson = (dir: string, stack: string): any => readJsonOut(dir, 'stacks', stack, 'cdk.tf.json');
const values = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});
const stackNames = (app: App): string[] =>
  app.node
    .findAll()
    .filter((c) => TerraformStack.isStack(c))
    .map((s) => s.node.id)
    .sort();

describe('planVpn: deterministic links, ASNs and inside-tunnel addresses', () => {
  const plan = planVpn(['gcp', 'aws', 'azure']);

  test('one link per pair, in VPN_PAIRS order, with the default ASNs and one key variable each', () => {
    expect(plan.clouds).toEqual(['aws', 'azure', 'gcp']);
    expect(plan.asns).toEqual(DEFAULT_VPN_ASNS);
    expect(plan.links.map((l) => [l.key, l.asnA, l.asnB, l.keyVariable, l.tunnels.length])).toEqual([
      ['aws-azure', 64512, 64513, 'vpn_psk_aws_azure', 4],
      ['aws-gcp', 64512, 64514, 'vpn_psk_aws_gcp', 4],
      ['azure-gcp', 64513, 64514, 'vpn_psk_azure_gcp', 2],
    ]);
  });

  test('the scheme: pair p owns the p-th /27 of 169.254.21.0/24, tunnel t its t-th /30, the first cloud .1 and the second .2', () => {
    const rows = plan.links.flatMap((l) => l.tunnels.map((t) => [l.key, t.insideCidr, `${t.a.cloud}:${t.a.interface}/${t.a.slot}=${t.a.bgpIp}`, `${t.b.cloud}:${t.b.interface}/${t.b.slot}=${t.b.bgpIp}`]));
    expect(rows).toEqual([
      ['aws-azure', '169.254.21.0/30', 'aws:0/0=169.254.21.1', 'azure:0/0=169.254.21.2'],
      ['aws-azure', '169.254.21.4/30', 'aws:0/1=169.254.21.5', 'azure:0/1=169.254.21.6'],
      ['aws-azure', '169.254.21.8/30', 'aws:1/0=169.254.21.9', 'azure:1/0=169.254.21.10'],
      ['aws-azure', '169.254.21.12/30', 'aws:1/1=169.254.21.13', 'azure:1/1=169.254.21.14'],
      ['aws-gcp', '169.254.21.32/30', 'aws:0/0=169.254.21.33', 'gcp:0/0=169.254.21.34'],
      ['aws-gcp', '169.254.21.36/30', 'aws:0/1=169.254.21.37', 'gcp:0/1=169.254.21.38'],
      ['aws-gcp', '169.254.21.40/30', 'aws:1/0=169.254.21.41', 'gcp:1/0=169.254.21.42'],
      ['aws-gcp', '169.254.21.44/30', 'aws:1/1=169.254.21.45', 'gcp:1/1=169.254.21.46'],
      ['azure-gcp', '169.254.21.64/30', 'azure:0/0=169.254.21.65', 'gcp:0/0=169.254.21.66'],
      ['azure-gcp', '169.254.21.68/30', 'azure:1/0=169.254.21.69', 'gcp:1/0=169.254.21.70'],
    ]);
  });

  test('every address is unique, inside Azure APIPA (169.254.21.0-22.255) and clear of the /30s AWS reserves', () => {
    const cidrs = plan.links.flatMap((l) => l.tunnels.map((t) => t.insideCidr));
    expect(new Set(cidrs).size).toBe(cidrs.length);
    const reserved = ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'];
    for (const c of cidrs) {
      expect(c).toMatch(/^169\.254\.2[12]\.\d+\/30$/);
      expect(reserved).not.toContain(c);
    }
  });

  test('a pair keeps its addresses whichever other clouds take part (adding a cloud renumbers nothing)', () => {
    for (const [a, b] of VPN_PAIRS) {
      const alone = planVpn([a, b]);
      expect(alone.links).toHaveLength(1);
      expect(alone.links[0]).toEqual(plan.links.find((l) => l.key === `${a}-${b}`));
    }
    expect(planVpn(['aws', 'gcp'])).toEqual(planVpn(['gcp', 'aws']));
    expect(planVpn(['aws']).links).toEqual([]);
  });

  test('the Azure gateway answers BGP on every Azure end, per instance', () => {
    expect(gatewayBgpAddresses(plan, 'azure')).toEqual([
      ['169.254.21.2', '169.254.21.6', '169.254.21.65'],
      ['169.254.21.10', '169.254.21.14', '169.254.21.69'],
    ]);
    expect(gatewayBgpAddresses(plan, 'aws')).toEqual([]);
  });

  test.each<[string, Record<string, number>]>([
    ['two clouds sharing an ASN', { aws: 65001, gcp: 65001 }],
    ['a public ASN', { aws: 16509 }],
    ['an ASN Azure reserves', { azure: 65515 }],
    ['a 4-byte ASN', { gcp: 4200000001 }],
    ['a fraction', { aws: 64512.5 }],
  ])('%s fails with AIRA_E_INVALID_PROP', (_name, asns) => {
    expect(errorCodeOf(() => planVpn(['aws', 'azure', 'gcp'], asns))).toBe('AIRA_E_INVALID_PROP');
  });

  test('given ASNs are used', () => {
    const p = planVpn(['aws', 'gcp'], { aws: 65010, gcp: 65020 });
    expect([p.links[0].asnA, p.links[0].asnB]).toEqual([65010, 65020]);
  });
});

describe('readableAcrossStacks: local state another stack can find', () => {
  test.each<[StateBackend | undefined, StateBackend]>([
    [undefined, StateBackend.local('../s/terraform.s.tfstate')],
    [StateBackend.local('state/s.tfstate'), StateBackend.local('../s/state/s.tfstate')],
    [StateBackend.local('/var/tf/s.tfstate'), StateBackend.local('/var/tf/s.tfstate')],
    [StateBackend.gcs({ bucket: 'b', prefix: 'p' }), StateBackend.gcs({ bucket: 'b', prefix: 'p' })],
  ])('%j -> %j', (given, expected) => {
    expect(readableAcrossStacks(given, 's')).toEqual(expected);
  });
});

describe('Level4Platform interconnect: vpn (the default across clouds)', () => {
  let dir: string;
  let l4: Level4Platform;
  let app: App;

  beforeAll(() => {
    const made = appIn('l4-vpn-example');
    app = made.app;
    dir = made.dir;
    level4Multicloud(app);
    l4 = app.node.findChild('level4-multicloud') as Level4Platform;
    app.synth();
  });

  test('the example takes the default: a gateway per cloud and the interconnect stack, deployed after the clouds', () => {
    expect(l4.interconnect).toBe('vpn');
    expect(l4.interconnectStack!.node.id).toBe('level4-multicloud-interconnect');
    expect(stackNames(app)).toEqual(['level4-multicloud-aws', 'level4-multicloud-azure', 'level4-multicloud-gcp', 'level4-multicloud-interconnect']);
    expect(Object.keys(l4.vpn!.gateways).sort()).toEqual(['aws', 'azure', 'gcp']);
    expect(l4.clouds.azure!.vpnGateway).toBe(l4.vpn!.gateways.azure);
    expect(l4.vpn!.links.map((k) => [k.plan.key, k.a.cloud, k.b.cloud, k.keyVariable])).toEqual([
      ['aws-azure', 'aws', 'azure', 'vpn_psk_aws_azure'],
      ['aws-gcp', 'aws', 'gcp', 'vpn_psk_aws_gcp'],
      ['azure-gcp', 'azure', 'gcp', 'vpn_psk_azure_gcp'],
    ]);
    const manifest = readJsonOut(dir, 'manifest.json');
    // By stack name, as `cdktf deploy` looks them up (cdktf writes construct paths for nested stacks).
    expect([...manifest.stacks['level4-multicloud-interconnect'].dependencies].sort()).toEqual(['level4-multicloud-aws', 'level4-multicloud-azure', 'level4-multicloud-gcp']);
    for (const s of ['level4-multicloud-aws', 'level4-multicloud-azure', 'level4-multicloud-gcp']) expect(manifest.stacks[s].dependencies).toEqual([]);
    for (const s of Object.keys(manifest.stacks)) expect(manifest.stacks[s].annotations).toEqual([]);
  });

  test('AWS: a virtual private gateway on the VPC, propagating into the non-protected route tables only', () => {
    const a = stackJson(dir, 'level4-multicloud-aws');
    const [vgw] = values(a, 'aws_vpn_gateway');
    expect(vgw).toMatchObject({ amazon_side_asn: '64512', vpc_id: expect.stringMatching(/^\$\{aws_vpc\./) });
    const props = values(a, 'aws_vpn_gateway_route_propagation');
    expect(props).toHaveLength(2);
    const tables = a.resource.aws_route_table;
    const propagated = props.map((p) => /^\$\{aws_route_table\.([^.]+)\.id\}$/.exec(p.route_table_id)![1]);
    expect(propagated.map((id) => tables[id].tags.Name).sort()).toEqual(['aira-l4-private-us-east-1a', 'aira-l4-private-us-east-1b']);
    const protectedTable = Object.keys(tables).find((id) => tables[id].tags['aira:plane'] === 'protected')!;
    expect(protectedTable).toBeDefined();
    expect(propagated).not.toContain(protectedTable);
    expect(JSON.stringify(a.resource.aws_route ?? {})).not.toContain('aws_vpn_gateway');
  });

  test('Azure: route-based, active-active VpnGw2AZ gateway with BGP on a /27 GatewaySubnet, two zone-redundant IPs, APIPA per instance', () => {
    const z = stackJson(dir, 'level4-multicloud-azure');
    const subnet = values(z, 'azurerm_subnet').find((s) => s.name === 'GatewaySubnet');
    // The first /27 of the edge slot (slot 6 of 8 in 10.26.0.0/16).
    expect(subnet.address_prefixes).toEqual(['10.26.192.0/27']);
    const [gw] = values(z, 'azurerm_virtual_network_gateway');
    expect(gw).toMatchObject({ type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw2AZ', generation: 'Generation2', active_active: true, enable_bgp: true });
    expect(gw.ip_configuration.map((c: any) => c.name)).toEqual(['instance0', 'instance1']);
    expect(gw.bgp_settings).toEqual({
      asn: 64513,
      peering_addresses: [
        { ip_configuration_name: 'instance0', apipa_addresses: ['169.254.21.2', '169.254.21.6', '169.254.21.65'] },
        { ip_configuration_name: 'instance1', apipa_addresses: ['169.254.21.10', '169.254.21.14', '169.254.21.69'] },
      ],
    });
    const ips = values(z, 'azurerm_public_ip').filter((p) => p.name.includes('-vpn-'));
    expect(ips.map((p) => [p.sku, p.allocation_method, p.zones])).toEqual([
      ['Standard', 'Static', ['1', '2', '3']],
      ['Standard', 'Static', ['1', '2', '3']],
    ]);
    // The protected plane's route table takes no gateway routes.
    const rt = values(z, 'azurerm_route_table').find((t) => t.tags['aira:plane'] === 'protected');
    expect(rt.bgp_route_propagation_enabled).toBe(false);
    expect(values(z, 'azurerm_subnet_route_table_association')).toHaveLength(1);
  });

  test('Google: HA VPN gateway and a Cloud Router advertising the non-protected planes only', () => {
    const g = stackJson(dir, 'level4-multicloud-gcp');
    expect(values(g, 'google_compute_ha_vpn_gateway')).toEqual([expect.objectContaining({ region: 'us-central1', stack_type: 'IPV4_ONLY' })]);
    const router = values(g, 'google_compute_router').find((r) => r.bgp);
    expect(router.bgp.asn).toBe(64514);
    expect(router.bgp.advertise_mode).toBe('CUSTOM');
    const protectedRange = l4.clouds.gcp!.network.layout.planes.find((p) => p.plane === 'protected')!.cidr;
    const ranges = router.bgp.advertised_ip_ranges.map((r: any) => r.range);
    expect(ranges).toEqual(l4.clouds.gcp!.network.layout.planes.filter((p) => p.plane !== 'protected').map((p) => p.cidr));
    expect(ranges).not.toContain(protectedRange);
  });

  test('interconnect stack: all three providers, and per link the resources of each end', () => {
    const ic = stackJson(dir, 'level4-multicloud-interconnect');
    expect(Object.keys(ic.provider).sort()).toEqual(['aws', 'azurerm', 'google']);
    const counts = Object.fromEntries(Object.entries<any>(ic.resource).map(([t, v]) => [t, Object.keys(v).length]));
    expect(counts).toEqual({
      aws_customer_gateway: 4,
      aws_vpn_connection: 4,
      azurerm_local_network_gateway: 6,
      azurerm_virtual_network_gateway_connection: 6,
      google_compute_external_vpn_gateway: 2,
      google_compute_vpn_tunnel: 6,
      google_compute_router_interface: 6,
      google_compute_router_peer: 6,
    });
    // AWS: one customer gateway per peer interface, with the peer's ASN; BGP, IKEv2, the plan's /30s.
    expect(values(ic, 'aws_customer_gateway').map((c) => c.bgp_asn).sort()).toEqual(['64513', '64513', '64514', '64514']);
    const conns = values(ic, 'aws_vpn_connection');
    expect(conns.every((c) => c.static_routes_only === false && c.tunnel1_ike_versions.join() === 'ikev2' && c.tunnel2_ike_versions.join() === 'ikev2')).toBe(true);
    expect(conns.flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr]).sort()).toEqual(
      ['169.254.21.0/30', '169.254.21.4/30', '169.254.21.8/30', '169.254.21.12/30', '169.254.21.32/30', '169.254.21.36/30', '169.254.21.40/30', '169.254.21.44/30'].sort(),
    );
    expect(conns.every((c) => c.tunnel1_phase1_dh_group_numbers.join() === '14' && c.tunnel1_phase1_encryption_algorithms.join() === 'AES256')).toBe(true);
    // Azure: a local network gateway per tunnel, BGP to the far end's address; IKEv2 connections with the custom APIPA pair.
    const lngs = values(ic, 'azurerm_local_network_gateway').map((g) => [g.bgp_settings.asn, g.bgp_settings.bgp_peering_address]);
    expect(lngs.sort()).toEqual(
      [
        [64512, '169.254.21.1'],
        [64512, '169.254.21.5'],
        [64512, '169.254.21.9'],
        [64512, '169.254.21.13'],
        [64514, '169.254.21.66'],
        [64514, '169.254.21.70'],
      ].sort(),
    );
    const azConns = values(ic, 'azurerm_virtual_network_gateway_connection');
    expect(azConns.every((c) => c.type === 'IPsec' && c.enable_bgp === true && c.connection_protocol === 'IKEv2' && c.ipsec_policy.dh_group === 'DHGroup14')).toBe(true);
    expect(azConns.map((c) => `${c.custom_bgp_addresses.primary}|${c.custom_bgp_addresses.secondary}`).sort()).toEqual(
      ['169.254.21.2|169.254.21.10', '169.254.21.2|169.254.21.10', '169.254.21.6|169.254.21.14', '169.254.21.6|169.254.21.14', '169.254.21.65|169.254.21.69', '169.254.21.65|169.254.21.69'].sort(),
    );
    // Google: four-interface peer for AWS, two for Azure; IKEv2 tunnels; router interfaces and BGP peers per tunnel.
    expect(values(ic, 'google_compute_external_vpn_gateway').map((g) => [g.redundancy_type, g.interface.length])).toEqual([
      ['FOUR_IPS_REDUNDANCY', 4],
      ['TWO_IPS_REDUNDANCY', 2],
    ]);
    expect(values(ic, 'google_compute_vpn_tunnel').every((t) => t.ike_version === 2)).toBe(true);
    expect(values(ic, 'google_compute_vpn_tunnel').map((t) => `${t.vpn_gateway_interface}->${t.peer_external_gateway_interface}`).sort()).toEqual(['0->0', '0->0', '0->1', '1->1', '1->2', '1->3']);
    expect(values(ic, 'google_compute_router_interface').map((i) => i.ip_range).sort()).toEqual(
      ['169.254.21.34/30', '169.254.21.38/30', '169.254.21.42/30', '169.254.21.46/30', '169.254.21.66/30', '169.254.21.70/30'].sort(),
    );
    expect(values(ic, 'google_compute_router_peer').map((p) => [p.peer_asn, p.peer_ip_address]).sort()).toEqual(
      [
        [64512, '169.254.21.33'],
        [64512, '169.254.21.37'],
        [64512, '169.254.21.41'],
        [64512, '169.254.21.45'],
        [64513, '169.254.21.65'],
        [64513, '169.254.21.69'],
      ].sort(),
    );
  });

  test('the far ends are read from the clouds\' stacks through cross-stack references (relative local state paths)', () => {
    const ic = stackJson(dir, 'level4-multicloud-interconnect');
    const remote = Object.values<any>(ic.data.terraform_remote_state).map((r) => r.config.path).sort();
    expect(remote).toEqual(['../level4-multicloud-aws/terraform.level4-multicloud-aws.tfstate', '../level4-multicloud-azure/terraform.level4-multicloud-azure.tfstate', '../level4-multicloud-gcp/terraform.level4-multicloud-gcp.tfstate']);
    // The producer writes its state at the same place from its own folder.
    expect(stackJson(dir, 'level4-multicloud-aws').terraform.backend.local.path).toBe('../level4-multicloud-aws/terraform.level4-multicloud-aws.tfstate');
    const [vpnConn] = values(ic, 'aws_vpn_connection');
    expect(vpnConn.vpn_gateway_id).toMatch(/^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.cross-stack-output-aws_vpn_gateway/);
    const azurePeer = values(ic, 'google_compute_external_vpn_gateway').find((g) => g.redundancy_type === 'TWO_IPS_REDUNDANCY');
    expect(azurePeer.interface.map((i: any) => i.ip_address)).toEqual([expect.stringContaining('azurerm_public_ip'), expect.stringContaining('azurerm_public_ip')]);
    const awsPeer = values(ic, 'google_compute_external_vpn_gateway').find((g) => g.redundancy_type === 'FOUR_IPS_REDUNDANCY');
    expect(awsPeer.interface.map((i: any) => i.ip_address.replace(/^\$\{aws_vpn_connection\.[^.]+\./, ''))).toEqual(['tunnel1_address}', 'tunnel2_address}', 'tunnel1_address}', 'tunnel2_address}']);
    expect(Object.keys(stackJson(dir, 'level4-multicloud-gcp').output).length).toBeGreaterThan(0);
  });

  test('pre-shared keys: one sensitive variable per link, referenced by every tunnel, never a literal', () => {
    const ic = stackJson(dir, 'level4-multicloud-interconnect');
    expect(Object.keys(ic.variable).sort()).toEqual(['vpn_psk_aws_azure', 'vpn_psk_aws_gcp', 'vpn_psk_azure_gcp']);
    for (const [name, v] of Object.entries<any>(ic.variable)) {
      expect(v).toMatchObject({ type: 'string', sensitive: true, nullable: false });
      expect(v.default).toBeUndefined();
      expect(v.validation[0].condition).toContain(`var.${name}`);
    }
    const keys = [
      ...values(ic, 'aws_vpn_connection').flatMap((c) => [c.tunnel1_preshared_key, c.tunnel2_preshared_key]),
      ...values(ic, 'azurerm_virtual_network_gateway_connection').map((c) => c.shared_key),
      ...values(ic, 'google_compute_vpn_tunnel').map((t) => t.shared_secret),
    ];
    expect(keys).toHaveLength(8 + 6 + 6);
    for (const k of keys) expect(k).toMatch(/^\$\{var\.vpn_psk_(aws_azure|aws_gcp|azure_gcp)\}$/);
    const counts = Object.fromEntries(['aws_azure', 'aws_gcp', 'azure_gcp'].map((l) => [l, keys.filter((k) => k === `\${var.vpn_psk_${l}}`).length]));
    expect(counts).toEqual({ aws_azure: 4 + 4, aws_gcp: 4 + 4, azure_gcp: 2 + 2 });
    // No key material anywhere in the synthesized output of any stack.
    for (const s of fs.readdirSync(path.join(dir, 'stacks'))) {
      const text = fs.readFileSync(path.join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8');
      expect(text).not.toMatch(/"(tunnel[12]_preshared_key|shared_key|shared_secret)": "(?!\$\{var\.)/);
    }
  });

  test('every built-in policy pack passes on the new stacks with no fail, error or unknown at high or above', () => {
    const inputs = loadPath(dir);
    expect(inputs.map((i) => i.stack).sort()).toEqual(['level4-multicloud-aws', 'level4-multicloud-azure', 'level4-multicloud-gcp', 'level4-multicloud-interconnect']);
    const bundle = checkInputs(inputs, { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: BUILTIN_PACKS.map((p) => p.id), includePassed: true });
    const bad = bundle.all.filter((r) => (r.status === 'fail' || r.status === 'error' || r.status === 'unknown') && atOrAbove(r.severity, 'high')).map((r) => `${r.ruleId} ${r.status} ${r.address}: ${r.message}`);
    expect(bad).toEqual([]);
    // The air-gap rule still passes on the protected route tables with the gateways in place.
    const airGap = bundle.all.filter((r) => r.ruleId === 'AIRA-GLD-003');
    expect(airGap.some((r) => r.status === 'pass')).toBe(true);
    expect(airGap.filter((r) => r.status === 'fail')).toEqual([]);
    expect(l4.vpn!.guard).toBeDefined();
  });
});

describe('Level4Platform interconnect: none, one cloud, options and bad input', () => {
  test("'none' builds no gateway and no interconnect stack, and leaves the state paths alone", () => {
    const { app, l4 } = build('l4-vpn-none', { interconnect: 'none' });
    app.synth();
    expect(l4.interconnect).toBe('none');
    expect(l4.vpn).toBeUndefined();
    expect(l4.interconnectStack).toBeUndefined();
    expect(stackNames(app)).toEqual(['l4-aws', 'l4-gcp']);
    const a = stackJson(app.outdir, 'l4-aws');
    expect(a.resource.aws_vpn_gateway).toBeUndefined();
    expect(a.resource.aws_vpn_gateway_route_propagation).toBeUndefined();
    expect(a.terraform.backend.local.path).toBe('terraform.l4-aws.tfstate');
    expect(a.output).toBeUndefined();
    const g = stackJson(app.outdir, 'l4-gcp');
    expect(g.resource.google_compute_ha_vpn_gateway).toBeUndefined();
    expect(l4.clouds.aws!.vpnGateway).toBeUndefined();
  });

  test.each<[string, Partial<Level4PlatformProps>]>([
    ['by default', {}],
    ["even when 'vpn' is asked", { interconnect: 'vpn' }],
  ])('a single-cloud plan builds no interconnect %s', (_name, extra) => {
    const { app, l4 } = build(`l4-vpn-single-${extra.interconnect ?? 'default'}`, { demands: AWS_ONLY, ...extra });
    app.synth();
    expect(l4.plan.clouds).toEqual(['aws']);
    expect(l4.interconnect).toBe('none');
    expect(l4.vpn).toBeUndefined();
    expect(stackNames(app)).toEqual(['l4-aws']);
    expect(stackJson(app.outdir, 'l4-aws').resource.aws_vpn_gateway).toBeUndefined();
  });

  test('two clouds: one link (aws-gcp) with the same addresses as in a three-cloud plan; ASNs and the interconnect backend can be given', () => {
    const backend = (stack: string) => StateBackend.s3({ bucket: 'acme-tfstate', key: `aira/${stack}.tfstate`, region: 'us-east-1' });
    const { app, l4 } = build('l4-vpn-two', { backend, vpn: { asns: { aws: 65010, gcp: 65020 } } });
    app.synth();
    expect(stackNames(app)).toEqual(['l4-aws', 'l4-gcp', 'l4-interconnect']);
    expect(l4.vpn!.links.map((k) => k.plan.key)).toEqual(['aws-gcp']);
    expect(l4.vpn!.plan.links[0].tunnels).toEqual(planVpn(['aws', 'azure', 'gcp']).links[1].tunnels);
    const ic = stackJson(app.outdir, 'l4-interconnect');
    // The platform's backend function names the interconnect stack's state too; remote state stays where it is.
    expect(ic.terraform.backend.s3.key).toBe('aira/l4-interconnect.tfstate');
    expect(stackJson(app.outdir, 'l4-aws').terraform.backend.s3.key).toBe('aira/l4-aws.tfstate');
    expect(Object.values<any>(ic.data.terraform_remote_state).map((r) => [r.backend, r.config.key]).sort()).toEqual([
      ['s3', 'aira/l4-aws.tfstate'],
      ['s3', 'aira/l4-gcp.tfstate'],
    ]);
    expect(values(ic, 'aws_customer_gateway').map((c) => c.bgp_asn)).toEqual(['65020', '65020']);
    expect(stackJson(app.outdir, 'l4-aws').resource.aws_vpn_gateway).toBeDefined();
    expect(Object.values<any>(stackJson(app.outdir, 'l4-aws').resource.aws_vpn_gateway)[0].amazon_side_asn).toBe('65010');
    expect(Object.keys(ic.variable)).toEqual(['vpn_psk_aws_gcp']);

    const own = build('l4-vpn-own-backend', { vpn: { backend: StateBackend.gcs({ bucket: 'acme-tf', prefix: 'aira/ic' }) } });
    own.app.synth();
    expect(stackJson(own.app.outdir, 'l4-interconnect').terraform.backend).toEqual({ gcs: { bucket: 'acme-tf', prefix: 'aira/ic' } });
  });

  test.each<[string, Partial<Level4PlatformProps>, string]>([
    ['an unknown interconnect mode', { interconnect: 'fiber' as never }, 'AIRA_E_INVALID_PROP'],
    ['a bad ASN', { vpn: { asns: { gcp: 65515 } } }, 'AIRA_E_INVALID_PROP'],
    ['two clouds with one ASN', { vpn: { asns: { aws: 65001, gcp: 65001 } } }, 'AIRA_E_INVALID_PROP'],
    ['a kit without VPN support', { kits: { aws: aws(), gcp: { ...gcp(), vpn: undefined } } }, 'AIRA_E_UNSUPPORTED_OPTION'],
  ])('%s fails with its code', (name, extra, code) => {
    expect(errorCodeOf(() => build(`l4-vpn-bad-${name.replace(/\W+/g, '-')}`, extra))).toBe(code);
  });

  test('a kit without VPN support is fine with interconnect none', () => {
    expect(() => build('l4-vpn-custom-kit-none', { interconnect: 'none', kits: { aws: aws(), gcp: { ...gcp(), vpn: undefined } } })).not.toThrow();
  });
});

describe('the gateways on their own', () => {
  const azureNet = () => {
    const stack = new AzureStack(testApp(), 'az', { location: 'eastus' });
    return { stack, network: new AzureNetwork(stack, 'net', { cidr: '10.26.0.0/16', zones: ['1', '2'] }) };
  };
  const bgp = [['169.254.21.2'], ['169.254.21.10']];

  test('Azure: the kit option picks another availability-zone SKU; a SKU without zones and a non-APIPA address fail', () => {
    const { stack, network } = azureNet();
    const kit = azureKit({ location: 'eastus', vpnGatewaySku: 'VpnGw3AZ' });
    kit.vpn!.createGateway(stack, 'vpn', { network, asn: 64513, bgpAddresses: bgp });
    expect(synthView(stack).list('azurerm_virtual_network_gateway')[0].sku).toBe('VpnGw3AZ');
    const bad = azureNet();
    expect(errorCodeOf(() => new AzureVpnGateway(bad.stack, 'vpn', { network: bad.network, asn: 64513, bgpAddresses: bgp, sku: 'VpnGw2' as never }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => new AzureVpnGateway(bad.stack, 'vpn2', { network: bad.network, asn: 64513, bgpAddresses: [['169.254.30.2'], ['169.254.21.10']] }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => new AzureVpnGateway(bad.stack, 'vpn3', { network: bad.network, asn: 64513, bgpAddresses: [['169.254.21.2']] }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('AWS: an imported VPC cannot take a gateway (its route tables are unknown); a public ASN fails', () => {
    const stack = new AwsStack(testApp(), 'a', { region: 'us-east-1' });
    const imported = AwsNetwork.fromAttributes(stack, 'imp', { vpcId: 'vpc-0123', cidr: '10.16.0.0/16', zones: ['us-east-1a'], subnetIds: { training: ['subnet-1'] }, securityGroupIds: { training: 'sg-1' } });
    expect(errorCodeOf(() => aws().vpn!.createGateway(stack, 'vpn', { network: imported, asn: 64512, bgpAddresses: [] }))).toBe('AIRA_E_UNSUPPORTED_OPTION');
    const network = new AwsNetwork(stack, 'net', { cidr: '10.16.0.0/16', zones: ['us-east-1a'] });
    expect(errorCodeOf(() => new AwsVpnGateway(stack, 'vpn2', { network, asn: 16509 }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('a kit builds link ends only from its own gateway', () => {
    const { stack, network } = azureNet();
    const gw = azureKit({ location: 'eastus' }).vpn!.createGateway(stack, 'vpn', { network, asn: 64513, bgpAddresses: bgp });
    const link = planVpn(['aws', 'azure']).links[0];
    expect(errorCodeOf(() => aws().vpn!.createLinkEnd(stack, 'end', { gateway: gw, link, side: 'a', peerAddresses: [], sharedKey: 'x' }))).toBe('AIRA_E_INVALID_PROP');
  });
});
