import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { carbonAwareRule } from '../../policies/golden/carbon-aware';
import { checkInputs } from '../../lib/policy/check';
import { loadDocument } from '../../lib/policy/load';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const plane = (p: string) => ({ 'aira:plane': p });

describe('pack aira-golden-rules', () => {
  test('selects the golden rules, each registered with complete metadata', () => {
    const pack = BUILTIN_PACKS.find((p) => p.id === 'aira-golden-rules')!;
    expect(Object.keys(pack.rules).sort()).toEqual(['AIRA-GLD-001', 'AIRA-GLD-002', 'AIRA-GLD-003', 'AIRA-GLD-004', 'AIRA-GLD-005', 'AIRA-GLD-006', 'AIRA-GLD-007']);
    for (const id of Object.keys(pack.rules)) expect(BUILTIN_RULES.map((r) => r.id)).toContain(id);
  });
});

describe('AIRA-GLD-001 zero trust: cross-plane allows are declared flows', () => {
  const sgs = { training: { tags: plane('training') }, data: { tags: plane('data') }, endpoints: { tags: plane('shared') } };
  const rule = (from: string, to: string, extra: Record<string, unknown> = {}) =>
    synthDoc({
      aws_security_group: sgs,
      aws_vpc_security_group_ingress_rule: {
        r: { security_group_id: `\${aws_security_group.${to}.id}`, referenced_security_group_id: `\${aws_security_group.${from}.id}`, ip_protocol: 'tcp', from_port: 988, to_port: 988, ...extra },
      },
    });

  test.each([
    ['AWS declared flow (aira:flow tag)', rule('training', 'data', { tags: { 'aira:flow': 'training-to-data-tcp-988' } }), 'pass'],
    ['AWS cross-plane allow without the flow tag', rule('training', 'data'), 'fail'],
    ['AWS plane-wide allow-all, even tagged', rule('training', 'data', { ip_protocol: '-1', tags: { 'aira:flow': 'x' } }), 'fail'],
    ['AWS within one plane', rule('training', 'training'), 'pass'],
    ['AWS to the shared endpoints group', rule('data', 'endpoints'), 'not_applicable'],
  ])('%s', (_n, doc, expected) => {
    expect(statusOf(checkDoc(doc).results, 'AIRA-GLD-001', 'aws_vpc_security_group_ingress_rule.r')).toBe(expected);
  });

  test('AWS aws_security_group_rule form, in a plan (references from the configuration)', () => {
    const plan = (tags: Record<string, string>) =>
      planDoc([
        { type: 'aws_security_group', name: 'training', values: { tags: plane('training') } },
        { type: 'aws_security_group', name: 'data', values: { tags: plane('data') } },
        {
          type: 'aws_security_group_rule',
          name: 'r',
          values: { type: 'ingress', protocol: 'tcp', from_port: 988, to_port: 988, tags },
          afterUnknown: { security_group_id: true, source_security_group_id: true },
          expressions: { security_group_id: { references: ['aws_security_group.data.id', 'aws_security_group.data'] }, source_security_group_id: { references: ['aws_security_group.training.id', 'aws_security_group.training'] } },
        },
      ]);
    expect(statusOf(checkDoc(plan({})).results, 'AIRA-GLD-001', 'aws_security_group_rule.r')).toBe('fail');
    expect(statusOf(checkDoc(plan({ 'aira:flow': 'f' })).results, 'AIRA-GLD-001', 'aws_security_group_rule.r')).toBe('pass');
  });

  const fw = (o: Record<string, unknown>) => synthDoc({ google_compute_firewall: { fw: { name: 'fw', network: 'n', direction: 'INGRESS', source_tags: ['net-training'], target_tags: ['net-data'], ...o } } });
  test.each([
    ['Google declared flow (description = reason)', fw({ description: 'training mounts Lustre', allow: [{ protocol: 'tcp', ports: ['988'] }] }), 'pass'],
    ['Google cross-plane allow without a reason', fw({ allow: [{ protocol: 'tcp', ports: ['988'] }] }), 'fail'],
    ['Google plane-wide allow-all', fw({ description: 'everything', allow: [{ protocol: 'all' }] }), 'fail'],
    ['Google deny rule', fw({ deny: [{ protocol: 'all' }] }), 'not_applicable'],
  ])('%s', (_n, doc, expected) => {
    expect(statusOf(checkDoc(doc).results, 'AIRA-GLD-001', 'google_compute_firewall.fw')).toBe(expected);
  });

  test('Google in a plan', () => {
    const plan = planDoc([{ type: 'google_compute_firewall', name: 'fw', values: { name: 'fw', source_tags: ['net-management'], target_tags: ['net-inference'], allow: [{ protocol: 'tcp', ports: ['443'] }], description: '' } }]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-GLD-001', 'google_compute_firewall.fw')).toBe('fail');
  });
});

describe('AIRA-GLD-002 failover topology: inference pools and load balancers over two zones', () => {
  const subnets = { a: { availability_zone: 'us-east-1a' }, a2: { availability_zone: 'us-east-1a' }, b: { availability_zone: 'us-east-1b' } };
  const asg = (ids: string[], p = 'inference') =>
    synthDoc({ aws_subnet: subnets, aws_autoscaling_group: { g: { max_size: 2, min_size: 2, vpc_zone_identifier: ids.map((i) => `\${aws_subnet.${i}.id}`), tag: [{ key: 'aira:plane', value: p, propagate_at_launch: false }] } } });
  test.each([
    ['AWS ASG over two zones', asg(['a', 'b']), 'pass'],
    ['AWS ASG over two subnets of one zone', asg(['a', 'a2']), 'fail'],
    ['AWS ASG in one subnet', asg(['a']), 'fail'],
    ['AWS training ASG in one subnet', asg(['a'], 'training'), 'not_applicable'],
  ])('%s', (_n, doc, expected) => {
    expect(statusOf(checkDoc(doc).results, 'AIRA-GLD-002', 'aws_autoscaling_group.g')).toBe(expected);
  });

  test('AWS internal load balancer, synth and plan', () => {
    const lb = (ids: string[]) => synthDoc({ aws_subnet: subnets, aws_lb: { lb: { internal: true, load_balancer_type: 'network', subnets: ids.map((i) => `\${aws_subnet.${i}.id}`), tags: plane('inference') } } });
    expect(statusOf(checkDoc(lb(['a', 'b'])).results, 'AIRA-GLD-002', 'aws_lb.lb')).toBe('pass');
    expect(statusOf(checkDoc(lb(['a'])).results, 'AIRA-GLD-002', 'aws_lb.lb')).toBe('fail');
    const plan = (ids: string[]) => planDoc([{ type: 'aws_lb', name: 'lb', values: { internal: true, subnets: ids, tags: plane('inference') } }]);
    expect(statusOf(checkDoc(plan(['subnet-1', 'subnet-2'])).results, 'AIRA-GLD-002', 'aws_lb.lb')).toBe('pass');
    expect(statusOf(checkDoc(plan(['subnet-1'])).results, 'AIRA-GLD-002', 'aws_lb.lb')).toBe('fail');
  });

  test.each([
    ['Azure VMSS over zones 1 and 2', { zones: ['1', '2'] }, 'pass'],
    ['Azure VMSS in zone 1 only', { zones: ['1'] }, 'fail'],
    ['Azure VMSS without zones', {}, 'fail'],
  ])('%s', (_n, o, expected) => {
    const doc = synthDoc({ azurerm_linux_virtual_machine_scale_set: { v: { name: 'v', tags: plane('inference'), ...o } } });
    expect(statusOf(checkDoc(doc).results, 'AIRA-GLD-002', 'azurerm_linux_virtual_machine_scale_set.v')).toBe(expected);
    const plan = planDoc([{ type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { name: 'v', tags: plane('inference'), ...o } }]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-GLD-002', 'azurerm_linux_virtual_machine_scale_set.v')).toBe(expected);
  });

  test('Google: a zonal inference group fails, a regional one over two zones passes', () => {
    const zonal = synthDoc({ google_compute_instance_group_manager: { g: { name: 'aira-infer', zone: 'europe-west4-a' } } });
    expect(statusOf(checkDoc(zonal).results, 'AIRA-GLD-002', 'google_compute_instance_group_manager.g')).toBe('fail');
    const regional = (zones: string[]) => synthDoc({ google_compute_region_instance_group_manager: { g: { name: 'aira-infer', distribution_policy_zones: zones } } });
    expect(statusOf(checkDoc(regional(['europe-west4-a', 'europe-west4-b'])).results, 'AIRA-GLD-002', 'google_compute_region_instance_group_manager.g')).toBe('pass');
    expect(statusOf(checkDoc(regional(['europe-west4-a'])).results, 'AIRA-GLD-002', 'google_compute_region_instance_group_manager.g')).toBe('fail');
  });
});

describe('AIRA-GLD-003 air gap of the protected plane', () => {
  const aws = (target: Record<string, unknown>) =>
    synthDoc({
      aws_route_table: { prot: { tags: plane('protected') }, priv: { tags: {} } },
      aws_internet_gateway: { igw: {} },
      aws_nat_gateway: { nat: {} },
      aws_vpc_endpoint: { s3: {} },
      aws_route: { r: { destination_cidr_block: '0.0.0.0/0', ...target } },
    });
  test.each([
    ['AWS protected route to an internet gateway', { route_table_id: '${aws_route_table.prot.id}', gateway_id: '${aws_internet_gateway.igw.id}' }, 'fail'],
    ['AWS protected route to a NAT gateway', { route_table_id: '${aws_route_table.prot.id}', nat_gateway_id: '${aws_nat_gateway.nat.id}' }, 'fail'],
    ['AWS protected route to a literal igw id', { route_table_id: '${aws_route_table.prot.id}', gateway_id: 'igw-0abc' }, 'fail'],
    ['AWS protected route to a VPC endpoint', { route_table_id: '${aws_route_table.prot.id}', vpc_endpoint_id: '${aws_vpc_endpoint.s3.id}' }, 'pass'],
    ['AWS private route to a NAT gateway', { route_table_id: '${aws_route_table.priv.id}', nat_gateway_id: '${aws_nat_gateway.nat.id}' }, 'not_applicable'],
  ])('%s', (_n, target, expected) => {
    expect(statusOf(checkDoc(aws(target)).results, 'AIRA-GLD-003', 'aws_route.r')).toBe(expected);
  });

  test('AWS in a plan', () => {
    const plan = planDoc([
      { type: 'aws_route_table', name: 'prot', values: { tags: plane('protected') } },
      { type: 'aws_nat_gateway', name: 'nat', values: {} },
      {
        type: 'aws_route',
        name: 'r',
        values: { destination_cidr_block: '0.0.0.0/0' },
        afterUnknown: { route_table_id: true, nat_gateway_id: true },
        expressions: { route_table_id: { references: ['aws_route_table.prot.id', 'aws_route_table.prot'] }, nat_gateway_id: { references: ['aws_nat_gateway.nat.id', 'aws_nat_gateway.nat'] } },
      },
    ]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-GLD-003', 'aws_route.r')).toBe('fail');
  });

  test.each([
    ['Azure protected route to the Internet', 'Internet', 'fail'],
    ['Azure protected drop route (next hop None)', 'None', 'pass'],
  ])('%s', (_n, hop, expected) => {
    const doc = synthDoc({
      azurerm_route_table: { prot: { name: 'prot', tags: plane('protected') } },
      azurerm_route: { r: { name: 'r', address_prefix: '0.0.0.0/0', next_hop_type: hop, route_table_name: '${azurerm_route_table.prot.name}' } },
    });
    expect(statusOf(checkDoc(doc).results, 'AIRA-GLD-003', 'azurerm_route.r')).toBe(expected);
    const inline = planDoc([{ type: 'azurerm_route_table', name: 'prot', values: { name: 'prot', tags: plane('protected'), bgp_route_propagation_enabled: false, route: [{ name: 'r', address_prefix: '0.0.0.0/0', next_hop_type: hop }] } }]);
    expect(statusOf(checkDoc(inline).results, 'AIRA-GLD-003', 'azurerm_route_table.prot')).toBe(expected);
  });

  test.each([
    ['AWS protected route to a VPN gateway', { route_table_id: '${aws_route_table.prot.id}', gateway_id: '${aws_vpn_gateway.vgw.id}' }, 'fail'],
    ['AWS protected route to a literal vgw id', { route_table_id: '${aws_route_table.prot.id}', gateway_id: 'vgw-0abc' }, 'fail'],
    ['AWS protected route to a transit gateway', { route_table_id: '${aws_route_table.prot.id}', transit_gateway_id: 'tgw-0abc' }, 'fail'],
    ['AWS protected route to a VPC peering', { route_table_id: '${aws_route_table.prot.id}', vpc_peering_connection_id: 'pcx-0abc' }, 'fail'],
    ['AWS private route to a VPN gateway', { route_table_id: '${aws_route_table.priv.id}', gateway_id: '${aws_vpn_gateway.vgw.id}' }, 'not_applicable'],
  ])('%s (other networks reach the plane only where declared)', (_n, target, expected) => {
    const doc = aws(target);
    doc.resource.aws_vpn_gateway = { vgw: { '//': { metadata: { path: 'stack/vgw', uniqueId: 'vgw' } } } };
    expect(statusOf(checkDoc(doc).results, 'AIRA-GLD-003', 'aws_route.r')).toBe(expected);
  });

  test('AWS: VPN route propagation into a protected route table fails, synth and plan; into another table it is not judged', () => {
    const doc = (table: string) =>
      synthDoc({
        aws_route_table: { prot: { tags: plane('protected') }, priv: { tags: plane('training') } },
        aws_vpn_gateway: { vgw: {} },
        aws_vpn_gateway_route_propagation: { p: { vpn_gateway_id: '${aws_vpn_gateway.vgw.id}', route_table_id: `\${aws_route_table.${table}.id}` } },
      });
    expect(statusOf(checkDoc(doc('prot')).results, 'AIRA-GLD-003', 'aws_vpn_gateway_route_propagation.p')).toBe('fail');
    expect(statusOf(checkDoc(doc('priv')).results, 'AIRA-GLD-003', 'aws_vpn_gateway_route_propagation.p')).toBe('not_applicable');
    const plan = planDoc([
      { type: 'aws_route_table', name: 'prot', values: { tags: plane('protected'), propagating_vgws: [] } },
      { type: 'aws_vpn_gateway_route_propagation', name: 'p', values: {}, afterUnknown: { route_table_id: true, vpn_gateway_id: true }, expressions: { route_table_id: { references: ['aws_route_table.prot.id', 'aws_route_table.prot'] } } },
    ]);
    const results = checkDoc(plan).results;
    expect(statusOf(results, 'AIRA-GLD-003', 'aws_vpn_gateway_route_propagation.p')).toBe('fail');
    expect(statusOf(results, 'AIRA-GLD-003', 'aws_route_table.prot')).toBe('pass');
    const listed = planDoc([{ type: 'aws_route_table', name: 'prot', values: { tags: plane('protected'), propagating_vgws: ['vgw-0abc'] } }]);
    expect(statusOf(checkDoc(listed).results, 'AIRA-GLD-003', 'aws_route_table.prot')).toBe('fail');
  });

  test.each([
    ['propagation off (azurerm 4.x)', { bgp_route_propagation_enabled: false }, 'pass'],
    ['propagation on', { bgp_route_propagation_enabled: true }, 'fail'],
    ['propagation left at its default (on)', {}, 'fail'],
    ['propagation off (azurerm 3.x spelling)', { disable_bgp_route_propagation: true }, 'pass'],
  ])('Azure: a protected route table with gateway route %s', (_n, extra, expected) => {
    const doc = synthDoc({ azurerm_route_table: { prot: { name: 'prot', tags: plane('protected'), ...extra } } });
    expect(statusOf(checkDoc(doc).results, 'AIRA-GLD-003', 'azurerm_route_table.prot')).toBe(expected);
  });

  test('AWS: an Elastic IP on a protected-plane instance fails', () => {
    const doc = (p: string) => synthDoc({ aws_instance: { i: { tags: plane(p) } }, aws_eip: { e: { domain: 'vpc', instance: '${aws_instance.i.id}' } } });
    expect(statusOf(checkDoc(doc('protected')).results, 'AIRA-GLD-003', 'aws_eip.e')).toBe('fail');
    expect(statusOf(checkDoc(doc('inference')).results, 'AIRA-GLD-003', 'aws_eip.e')).toBe('not_applicable');
  });
});

describe('AIRA-GLD-004 / 005 immutable training pools', () => {
  const lt = (o: Record<string, unknown>, p = 'training') => ({ image_id: 'ami-0123456789abcdef0', tags: plane(p), ...o });

  test.each([
    ['AWS training template without a key pair', lt({}), 'pass'],
    ['AWS training template with a key pair', lt({ key_name: 'ops' }), 'fail'],
    ['AWS inference template with a key pair (not a training pool)', lt({ key_name: 'ops' }, 'inference'), 'not_applicable'],
  ])('%s', (_n, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ aws_launch_template: { t: values } })).results, 'AIRA-GLD-004', 'aws_launch_template.t')).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type: 'aws_launch_template', name: 't', values }])).results, 'AIRA-GLD-004', 'aws_launch_template.t')).toBe(expected);
  });

  test.each([
    ['Google OS Login, project keys blocked', { 'block-project-ssh-keys': 'TRUE', 'enable-oslogin': 'TRUE' }, 'pass'],
    ['Google instance ssh-keys', { 'block-project-ssh-keys': 'TRUE', 'ssh-keys': 'ops:ssh-ed25519 AAAA' }, 'fail'],
    ['Google project keys not blocked', { 'enable-oslogin': 'TRUE' }, 'fail'],
  ])('%s', (_n, metadata, expected) => {
    const values = { name: 't', machine_type: 'a3-megagpu-8g', metadata };
    expect(statusOf(checkDoc(synthDoc({ google_compute_instance_template: { t: values } })).results, 'AIRA-GLD-004', 'google_compute_instance_template.t')).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type: 'google_compute_instance_template', name: 't', values }])).results, 'AIRA-GLD-004', 'google_compute_instance_template.t')).toBe(expected);
  });

  test('a plan update in place of a training template is flagged; a replacement is not', () => {
    const update = planDoc([{ type: 'aws_launch_template', name: 't', values: lt({ image_id: 'ami-0fedcba9876543210' }), actions: ['update'], before: lt({}) }]);
    const r = checkDoc(update).results.find((x) => x.ruleId === 'AIRA-GLD-005')!;
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/in-place update.*rolling replace/);
    const vmss = (actions: string[]) => planDoc([{ type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { tags: plane('training'), source_image_id: '/subscriptions/s/images/i' }, actions, before: {} }]);
    expect(statusOf(checkDoc(vmss(['update'])).results, 'AIRA-GLD-005', 'azurerm_linux_virtual_machine_scale_set.v')).toBe('fail');
    expect(statusOf(checkDoc(vmss(['delete', 'create'])).results, 'AIRA-GLD-005', 'azurerm_linux_virtual_machine_scale_set.v')).toBe('pass');
  });

  test('a synthesized stack has no actions: the rule is decided on plans only', () => {
    expect(statusOf(checkDoc(synthDoc({ aws_launch_template: { t: lt({}) } })).results, 'AIRA-GLD-005', 'aws_launch_template.t')).toBe('not_applicable');
    expect(statusOf(checkDoc(planDoc([{ type: 'aws_launch_template', name: 't', values: lt({}) }])).results, 'AIRA-GLD-005', 'aws_launch_template.t')).toBe('pass');
  });
});

describe('AIRA-GLD-007 training pools boot a pinned image', () => {
  const G = 'AIRA-GLD-007';
  const SSM = '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
  // Google templates carry the plane as the network tag `<network>-<plane>` (see poolPlane).
  const gTemplate = (image: string, p = 'training') => ({ labels: { 'aira-pool': 'gpu' }, tags: [`net-${p}`, 'gpu-node'], disk: [{ boot: true, source_image: image }] });
  const vmss = (o: Record<string, unknown>) => ({ tags: plane('training'), ...o });
  const ref = (version: string) => ({ source_image_reference: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version } });
  test.each([
    ['AWS AMI id', 'aws_launch_template', { tags: plane('training'), image_id: 'ami-0123456789abcdef0' }, 'pass'],
    ['AWS SSM parameter resolved at each launch', 'aws_launch_template', { tags: plane('training'), image_id: `resolve:ssm:${SSM}` }, 'fail'],
    ['AWS SSM parameter with a version', 'aws_launch_template', { tags: plane('training'), image_id: `resolve:ssm:${SSM}:42` }, 'pass'],
    ['AWS SSM parameter with a label (movable)', 'aws_launch_template', { tags: plane('training'), image_id: `resolve:ssm:${SSM}:prod` }, 'fail'],
    ['AWS inference pool resolved at each launch (not a training pool)', 'aws_launch_template', { tags: plane('inference'), image_id: `resolve:ssm:${SSM}` }, 'not_applicable'],
    ['AWS template without image_id (EKS node group)', 'aws_launch_template', { tags: plane('training') }, 'not_applicable'],
    ['Google image family', 'google_compute_instance_template', gTemplate('projects/ubuntu-os-accelerator-images/global/images/family/ubuntu-accelerator-2204-amd64-with-nvidia-570'), 'fail'],
    ['Google short family form', 'google_compute_region_instance_template', gTemplate('ubuntu-os-cloud/family/ubuntu-2204-lts'), 'fail'],
    ['Google image', 'google_compute_instance_template', gTemplate('projects/ubuntu-os-accelerator-images/global/images/ubuntu-accelerator-2204-amd64-with-nvidia-570-v20251020'), 'pass'],
    ['Google family on an inference template', 'google_compute_instance_template', gTemplate('projects/p/global/images/family/f', 'inference'), 'not_applicable'],
    ['Azure version latest', 'azurerm_linux_virtual_machine_scale_set', vmss(ref('latest')), 'fail'],
    ['Azure version named', 'azurerm_linux_virtual_machine_scale_set', vmss(ref('22.04.2025102901')), 'pass'],
    ['Azure gallery image version id', 'azurerm_linux_virtual_machine_scale_set', vmss({ source_image_id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/gal/images/gpu/versions/1.2.3' }), 'pass'],
    ['Azure gallery image without a version', 'azurerm_linux_virtual_machine_scale_set', vmss({ source_image_id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/gal/images/gpu' }), 'fail'],
    ['Azure managed image', 'azurerm_linux_virtual_machine_scale_set', vmss({ source_image_id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/images/gpu-2025-10' }), 'pass'],
  ])('%s (synth and plan)', (_n, type, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ [type]: { t: values } })).results, G, `${type}.t`)).toBe(expected);
    const asLists = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(asLists) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'object' && x !== null && !Array.isArray(x) && k !== 'tags' && k !== 'labels' ? [asLists(x)] : asLists(x)])) : v;
    expect(statusOf(checkDoc(planDoc([{ type, name: 't', values: asLists(values) as Record<string, unknown> }])).results, G, `${type}.t`)).toBe(expected);
  });

  test('synth: an image read by a data source once per plan passes and names the source; a variable is unknown', () => {
    const lt = (image: string) =>
      synthDoc({ aws_launch_template: { t: { tags: plane('training'), image_id: image } } }, { aws_ssm_parameter: { gpu: { name: SSM } } });
    const r = checkDoc(lt('${data.aws_ssm_parameter.gpu.insecure_value}')).results.find((x) => x.ruleId === G)!;
    expect(r).toMatchObject({ status: 'pass', path: 'image_id' });
    expect(r.message).toMatch(/data\.aws_ssm_parameter\.gpu.*once per plan/);
    expect(statusOf(checkDoc(lt('${var.ami}')).results, G, 'aws_launch_template.t')).toBe('unknown');
    const az = synthDoc({ azurerm_linux_virtual_machine_scale_set: { t: vmss(ref('${data.azurerm_platform_image.hpc.version}')) } });
    expect(statusOf(checkDoc(az).results, G, 'azurerm_linux_virtual_machine_scale_set.t')).toBe('pass');
    const g = synthDoc({ google_compute_instance_template: { t: gTemplate('${data.google_compute_image.gpu.self_link}') } });
    expect(statusOf(checkDoc(g).results, G, 'google_compute_instance_template.t')).toBe('pass');
  });

  test('a Google template whose network tags are known only after apply is unknown: its plane cannot be read', () => {
    const doc = synthDoc({ google_compute_instance_template: { t: { tags: ['${var.plane_tag}'], disk: [{ boot: true, source_image: 'projects/p/global/images/family/f' }] } } });
    expect(checkDoc(doc).results.find((x) => x.ruleId === G)).toMatchObject({ status: 'unknown', path: 'tags' });
  });

  test('plan: the literal a data source read at plan time passes', () => {
    const doc = planDoc([
      { type: 'aws_ssm_parameter', name: 'gpu', mode: 'data', values: { name: SSM, insecure_value: 'ami-0a1b2c3d4e5f60718' } },
      {
        type: 'aws_launch_template',
        name: 't',
        values: { tags: plane('training'), image_id: 'ami-0a1b2c3d4e5f60718' },
        expressions: { image_id: { references: ['data.aws_ssm_parameter.gpu.insecure_value', 'data.aws_ssm_parameter.gpu'] } },
      },
    ]);
    expect(statusOf(checkDoc(doc).results, G, 'aws_launch_template.t')).toBe('pass');
  });
});

describe('AIRA-GLD-006 carbon-aware placement of accelerator pools (a warning)', () => {
  const G = 'AIRA-GLD-006';
  const asg = (zone: string, p = 'training') =>
    synthDoc({ aws_subnet: { s: { availability_zone: zone } }, aws_autoscaling_group: { g: { vpc_zone_identifier: ['${aws_subnet.s.id}'], tag: [{ key: 'aira:plane', value: p, propagate_at_launch: false }] } } });

  test('AWS: the region comes from the subnets\' zones; under and over the default ceiling', () => {
    const clean = checkDoc(asg('eu-north-1a')).results.find((r) => r.ruleId === G)!;
    expect(clean.status).toBe('pass');
    expect(clean.message).toMatch(/eu-north-1 grid 8.8 gCO2e\/kWh \(2021, https:\/\/www.cloudcarbonfootprint.org/);
    expect(clean.severity).toBe('low');
    expect(statusOf(checkDoc(asg('ap-northeast-1a')).results, G, 'aws_autoscaling_group.g')).toBe('pass');
    expect(statusOf(checkDoc(asg('us-east-1a', 'data')).results, G, 'aws_autoscaling_group.g')).toBe('not_applicable');
    expect(statusOf(checkDoc(asg('mars-north-1a')).results, G, 'aws_autoscaling_group.g')).toBe('unknown');
  });

  test('the ceiling is an option: a stricter instance fails the same pool', () => {
    const strict = carbonAwareRule({ maxGco2PerKwh: 300 });
    const run = (doc: unknown) => checkInputs([loadDocument(doc, 'doc.json')], { rules: [strict], includePassed: true }).all;
    expect(statusOf(run(asg('us-east-1a')), G, 'aws_autoscaling_group.g')).toBe('fail');
    expect(statusOf(run(asg('eu-north-1a')), G, 'aws_autoscaling_group.g')).toBe('pass');
    const azure = (location: string) => planDoc([{ type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { location, tags: plane('inference') } }]);
    expect(statusOf(run(azure('eastus')), G, 'azurerm_linux_virtual_machine_scale_set.v')).toBe('fail');
    expect(statusOf(run(azure('swedencentral')), G, 'azurerm_linux_virtual_machine_scale_set.v')).toBe('pass');
  });

  test('Google: accelerator machine types only, region from the zone', () => {
    const mig = (machine: string, zone: string) =>
      synthDoc({
        google_compute_instance_template: { t: { machine_type: machine } },
        google_compute_instance_group_manager: { g: { zone, version: [{ name: 'primary', instance_template: '${google_compute_instance_template.t.self_link_unique}' }] } },
      });
    const strict = carbonAwareRule({ maxGco2PerKwh: 300 });
    const run = (doc: unknown) => checkInputs([loadDocument(doc, 'doc.json')], { rules: [strict], includePassed: true }).all;
    expect(statusOf(run(mig('a3-megagpu-8g', 'europe-west4-a')), G, 'google_compute_instance_group_manager.g')).toBe('pass');
    expect(statusOf(run(mig('a3-megagpu-8g', 'us-central1-a')), G, 'google_compute_instance_group_manager.g')).toBe('fail');
    expect(statusOf(run(mig('n2-standard-8', 'us-central1-a')), G, 'google_compute_instance_group_manager.g')).toBe('not_applicable');
  });
});
