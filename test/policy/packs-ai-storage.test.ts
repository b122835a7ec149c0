import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const R = 'AIRA-AI-009';
const plane = (p: string) => ({ 'aira:plane': p });
const ref = (address: string, attr = 'id') => ({ references: [`${address}.${attr}`, address] });
type Block = Record<string, Record<string, Record<string, unknown>>>;

describe('AIRA-AI-009 on AWS: FSx for Lustre reachable from its declared consumers', () => {
  const FSX = 'aws_fsx_lustre_file_system.fs';
  const sg = (from: string, to: string, ports: [number, number], flow = true, protocol = 'tcp') => ({
    security_group_id: `\${aws_security_group.${to}.id}`,
    referenced_security_group_id: `\${aws_security_group.${from}.id}`,
    ip_protocol: protocol,
    from_port: ports[0],
    to_port: ports[1],
    ...(flow ? { tags: { 'aira:flow': `${from}-to-${to}-tcp-${ports.join('-')}` } } : {}),
  });
  const doc = (ingress: Record<string, unknown>, egress: Record<string, unknown>, groups = ['${aws_security_group.data.id}', '${aws_security_group.servers.id}']) =>
    synthDoc({
      aws_security_group: { training: { tags: plane('training') }, inference: { tags: plane('inference') }, data: { tags: plane('data') }, servers: { tags: plane('data') } },
      aws_fsx_lustre_file_system: { fs: { deployment_type: 'PERSISTENT_2', storage_capacity: 1200, security_group_ids: groups, tags: plane('data') } },
      aws_vpc_security_group_ingress_rule: ingress as Block[string],
      aws_vpc_security_group_egress_rule: egress as Block[string],
    });
  const inFlows = { i988: sg('training', 'data', [988, 988]), iClient: sg('training', 'data', [1018, 1023]) };
  const outFlows = {
    o988: { ...sg('data', 'training', [988, 988]), security_group_id: '${aws_security_group.training.id}', referenced_security_group_id: '${aws_security_group.data.id}' },
    oClient: { ...sg('data', 'training', [1018, 1023]), security_group_id: '${aws_security_group.training.id}', referenced_security_group_id: '${aws_security_group.data.id}' },
  };

  test.each([
    ['both directions on 988 and 1018-1023 (what StorageTiers declares)', doc(inFlows, outFlows), 'pass'],
    ['the client ports are not declared', doc({ i988: inFlows.i988 }, outFlows), 'fail'],
    ['no egress from the consumer group', doc(inFlows, {}), 'fail'],
    ['egress to anywhere on every protocol covers it', doc(inFlows, { any: { security_group_id: '${aws_security_group.training.id}', cidr_ipv4: '0.0.0.0/0', ip_protocol: '-1' } }), 'pass'],
    ['no declared consumer flow', doc({ x: sg('training', 'data', [988, 988], false) }, outFlows), 'not_applicable'],
    ['security groups from another stack', doc(inFlows, outFlows, ['sg-0123456789abcdef0']), 'unknown'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, FSX)).toBe(expected);
  });

  test('the failure names the plane, the direction and the ports', () => {
    const r = checkDoc(doc({ i988: inFlows.i988 }, { o988: outFlows.o988 })).results.find((x) => x.ruleId === R)!;
    expect(r.message).toBe('not reachable from its declared consumers: training (no ingress to the file system on 1018-1023; no egress from the training groups on 1018-1023)');
    expect(r.severity).toBe('high');
  });

  test('plan form', () => {
    const rule = (type: string, name: string, on: string, peer: string, ports: [number, number]) => ({
      type,
      name,
      values: { ip_protocol: 'tcp', from_port: ports[0], to_port: ports[1], tags: { 'aira:flow': name } },
      afterUnknown: { security_group_id: true, referenced_security_group_id: true },
      expressions: { security_group_id: ref(`aws_security_group.${on}`), referenced_security_group_id: ref(`aws_security_group.${peer}`) },
    });
    const plan = (client: boolean) =>
      planDoc([
        { type: 'aws_security_group', name: 'training', values: { tags: plane('training') } },
        { type: 'aws_security_group', name: 'data', values: { tags: plane('data') } },
        { type: 'aws_fsx_lustre_file_system', name: 'fs', values: { tags: plane('data') }, afterUnknown: { security_group_ids: true }, expressions: { security_group_ids: ref('aws_security_group.data') } },
        rule('aws_vpc_security_group_ingress_rule', 'i988', 'data', 'training', [988, 988]),
        rule('aws_vpc_security_group_egress_rule', 'o988', 'training', 'data', [988, 988]),
        ...(client ? [rule('aws_vpc_security_group_ingress_rule', 'ic', 'data', 'training', [1018, 1023]), rule('aws_vpc_security_group_egress_rule', 'oc', 'training', 'data', [1018, 1023])] : []),
      ]);
    expect(statusOf(checkDoc(plan(true)).results, R, FSX)).toBe('pass');
    expect(statusOf(checkDoc(plan(false)).results, R, FSX)).toBe('fail');
  });
});

describe('AIRA-AI-009 on Azure: Managed Lustre reachable through the NSGs', () => {
  const AMLFS = 'azurerm_managed_lustre_file_system.fs';
  const CIDR: Record<string, string> = { training: '10.20.0.0/19', data: '10.20.64.0/19' };
  const nsgRule = (nsg: string, name: string, o: Record<string, unknown>) => ({
    name,
    network_security_group_name: `\${azurerm_network_security_group.${nsg}.name}`,
    resource_group_name: 'rg',
    access: 'Allow',
    protocol: 'Tcp',
    source_port_range: '*',
    source_address_prefix: CIDR.training,
    destination_address_prefix: CIDR.data,
    description: 'Lustre',
    ...o,
  });
  const denyAll = {
    dIn: nsgRule('data', 'deny-all-in', { access: 'Deny', direction: 'Inbound', priority: 4096, protocol: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' }),
    tOut: nsgRule('training', 'deny-all-out', { access: 'Deny', direction: 'Outbound', priority: 4096, protocol: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' }),
  };
  const flow = (ports: string, priority: number) => ({
    [`in${priority}`]: nsgRule('data', `training-to-data-tcp-${ports}-in`, { direction: 'Inbound', priority, destination_port_range: ports }),
    [`out${priority}`]: nsgRule('training', `training-to-data-tcp-${ports}-out`, { direction: 'Outbound', priority, destination_port_range: ports }),
  });
  const doc = (rules: Record<string, unknown>) =>
    synthDoc({
      azurerm_virtual_network: { vnet: { name: 'vnet' } },
      azurerm_subnet: Object.fromEntries(Object.entries(CIDR).map(([p, c]) => [p, { name: `n-${p}`, virtual_network_name: '${azurerm_virtual_network.vnet.name}', address_prefixes: [c] }])),
      azurerm_network_security_group: Object.fromEntries(Object.keys(CIDR).map((p) => [p, { name: `n-${p}-nsg`, tags: plane(p) }])),
      azurerm_subnet_network_security_group_association: Object.fromEntries(
        Object.keys(CIDR).map((p) => [p, { subnet_id: `\${azurerm_subnet.${p}.id}`, network_security_group_id: `\${azurerm_network_security_group.${p}.id}` }]),
      ),
      azurerm_network_security_rule: rules as Block[string],
      // The constructs hand the subnet id on through its associations.
      azurerm_managed_lustre_file_system: { fs: { name: 'fs', sku_name: 'AMLFS-Durable-Premium-250', subnet_id: '${azurerm_subnet_network_security_group_association.data.subnet_id}' } },
    });

  test.each([
    ['flows on 988 and 1018-1023 above the deny-all rules', doc({ ...denyAll, ...flow('988', 100), ...flow('1018-1023', 101) }), 'pass'],
    ['the client ports are denied by the deny-all rules', doc({ ...denyAll, ...flow('988', 100) }), 'fail'],
    ['a deny of higher priority shadows the declared flow', doc({ ...denyAll, ...flow('988', 100), ...flow('1018-1023', 101), block: nsgRule('data', 'block-988', { access: 'Deny', direction: 'Inbound', priority: 90, destination_port_range: '988' }) }), 'fail'],
    ['without deny-all rules Azure\'s default rules allow the VNet', doc({ ...flow('988', 100) }), 'pass'],
    ['no declared consumer flow', doc({ ...denyAll }), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, AMLFS)).toBe(expected);
  });

  test('the subnet of the file system outside the input is unknown, never passed', () => {
    const d = synthDoc({ azurerm_managed_lustre_file_system: { fs: { name: 'fs', subnet_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/data' } } });
    expect(statusOf(checkDoc(d).results, R, AMLFS)).toBe('unknown');
  });

  test('plan form', () => {
    const plan = (clientPorts: boolean) =>
      planDoc([
        ...Object.entries(CIDR).flatMap(([p, c]) => [
          { type: 'azurerm_subnet', name: p, values: { name: `n-${p}`, virtual_network_name: 'vnet', address_prefixes: [c] } },
          { type: 'azurerm_network_security_group', name: p, values: { name: `n-${p}-nsg`, tags: plane(p) } },
          {
            type: 'azurerm_subnet_network_security_group_association',
            name: p,
            values: {},
            afterUnknown: { subnet_id: true, network_security_group_id: true },
            expressions: { subnet_id: ref(`azurerm_subnet.${p}`), network_security_group_id: ref(`azurerm_network_security_group.${p}`) },
          },
        ]),
        ...Object.entries({ ...denyAll, ...flow('988', 100), ...(clientPorts ? flow('1018-1023', 101) : {}) }).map(([name, body]) => {
          const nsg = String((body as Record<string, unknown>).network_security_group_name).includes('.data.') ? 'data' : 'training';
          return { type: 'azurerm_network_security_rule', name, values: { ...(body as Record<string, unknown>), network_security_group_name: `n-${nsg}-nsg` }, expressions: { network_security_group_name: ref(`azurerm_network_security_group.${nsg}`, 'name') } };
        }),
        { type: 'azurerm_managed_lustre_file_system', name: 'fs', values: { name: 'fs' }, afterUnknown: { subnet_id: true }, expressions: { subnet_id: ref('azurerm_subnet.data') } },
      ]);
    expect(statusOf(checkDoc(plan(true)).results, R, AMLFS)).toBe('pass');
    expect(statusOf(checkDoc(plan(false)).results, R, AMLFS)).toBe('fail');
  });
});

describe('AIRA-AI-009 on Google: Managed Lustre reachable through the VPC firewall', () => {
  const LUSTRE = 'google_lustre_instance.fs';
  const fw = (o: Record<string, unknown>) => ({ network: '${google_compute_network.net.id}', priority: 1000, ...o });
  const flow = (from: string) => fw({ name: `allow-${from}`, direction: 'INGRESS', description: `${from} nodes mount the Lustre hot tier`, source_tags: [`n-${from}`], target_tags: ['n-data'], allow: [{ protocol: 'tcp', ports: ['988'] }] });
  const clientsIn = (tags: string[], ports = ['988']) => fw({ name: 'to-clients', direction: 'INGRESS', description: 'Lustre reaches its clients', source_ranges: ['10.30.192.0/19'], target_tags: tags, allow: [{ protocol: 'tcp', ports }] });
  const denyIn = (p: string) => fw({ name: `deny-${p}`, direction: 'INGRESS', priority: 65534, source_ranges: ['0.0.0.0/0'], target_tags: [`n-${p}`], deny: [{ protocol: 'all' }] });
  const doc = (firewalls: Record<string, unknown>, o: { range?: boolean; gke?: boolean } = {}) =>
    synthDoc({
      google_compute_network: { net: { name: 'n' } },
      ...(o.range === false ? {} : { google_compute_global_address: { psa: { name: 'psa', purpose: 'VPC_PEERING', address_type: 'INTERNAL', address: '10.30.192.0', prefix_length: 19, network: '${google_compute_network.net.id}' } } }),
      google_compute_firewall: firewalls as Block[string],
      google_lustre_instance: { fs: { instance_id: 'fs', network: '${google_compute_network.net.id}', gke_support_enabled: o.gke ?? false } },
    });

  test.each([
    ['a declared flow and the service range admitted to the consumer (what the hot tier builds)', doc({ flow: flow('training'), clients: clientsIn(['n-training']), deny: denyIn('training') }), 'pass'],
    ['the service range is not admitted to the consumer tag', doc({ flow: flow('training'), clients: clientsIn(['n-inference']), deny: denyIn('training') }), 'fail'],
    ['no firewall at all for the range: the implied ingress deny', doc({ flow: flow('training') }), 'fail'],
    [
      'a protected consumer whose egress is denied',
      doc({ flow: flow('protected'), clients: clientsIn(['n-protected']), egress: fw({ name: 'deny-out', direction: 'EGRESS', priority: 65534, destination_ranges: ['0.0.0.0/0'], target_tags: ['n-protected'], deny: [{ protocol: 'all' }] }) }),
      'fail',
    ],
    [
      'a protected consumer with its egress to the range allowed',
      doc({
        flow: flow('protected'),
        clients: clientsIn(['n-protected']),
        egress: fw({ name: 'deny-out', direction: 'EGRESS', priority: 65534, destination_ranges: ['0.0.0.0/0'], target_tags: ['n-protected'], deny: [{ protocol: 'all' }] }),
        out: fw({ name: 'to-lustre', direction: 'EGRESS', destination_ranges: ['10.30.192.0/19'], target_tags: ['n-protected'], allow: [{ protocol: 'tcp', ports: ['988'] }] }),
      }),
      'pass',
    ],
    ['GKE support moves Lustre to 6988, which the firewall does not admit', doc({ flow: flow('training'), clients: clientsIn(['n-training']) }, { gke: true }), 'fail'],
    ['GKE support with 6988 admitted', doc({ flow: flow('training'), clients: clientsIn(['n-training'], ['988', '6988']) }, { gke: true }), 'pass'],
    ['the private services access range is not in the input', doc({ flow: flow('training'), clients: clientsIn(['n-training']) }, { range: false }), 'unknown'],
    ['no declared consumer flow', doc({ clients: clientsIn(['n-training']) }), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, LUSTRE)).toBe(expected);
  });

  test('plan form', () => {
    const net = { network: 'projects/p/global/networks/n' };
    const plan = (clients: boolean) =>
      planDoc([
        { type: 'google_compute_network', name: 'net', values: { name: 'n' } },
        { type: 'google_compute_global_address', name: 'psa', values: { purpose: 'VPC_PEERING', address: '10.30.192.0', prefix_length: 19, ...net } },
        { type: 'google_compute_firewall', name: 'flow', values: { ...flow('training'), ...net } },
        ...(clients ? [{ type: 'google_compute_firewall', name: 'clients', values: { ...clientsIn(['n-training']), ...net } }] : []),
        { type: 'google_lustre_instance', name: 'fs', values: { instance_id: 'fs', gke_support_enabled: false, ...net } },
      ]);
    expect(statusOf(checkDoc(plan(true)).results, R, LUSTRE)).toBe('pass');
    expect(statusOf(checkDoc(plan(false)).results, R, LUSTRE)).toBe('fail');
  });
});
