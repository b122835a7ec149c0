import { BUILTIN_RULES } from '../../lib/policy/builtin';
import { isInternet } from '../../policies/network/ingress-forms';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const SSH = 'AIRA-NET-001';
const RDP = 'AIRA-NET-002';

describe('built-in rule metadata', () => {
  test.each(BUILTIN_RULES.map((r) => [r.id, r] as const))('%s has complete metadata', (_id, r) => {
    expect(r.title.length).toBeGreaterThan(5);
    expect(r.rationale.length).toBeGreaterThan(20);
    expect(r.remediation.length).toBeGreaterThan(20);
    expect(r.resourceTypes.length).toBeGreaterThan(0);
    // A rule may honestly map to no framework (carbon and cost guards); where it maps, it names controls.
    for (const [framework, controls] of Object.entries(r.frameworks)) {
      expect(['fips-140-3', 'iso-27001-2022', 'soc2', 'hipaa', 'eu-ai-act']).toContain(framework);
      expect(controls!.length).toBeGreaterThan(0);
      for (const c of controls!) expect(c.trim()).not.toBe('');
    }
  });

  test('security, key and change-safety rules map to at least one framework control', () => {
    const security = BUILTIN_RULES.filter((r) => /^AIRA-(STO|NET|CMP|KMS|CHG)-/.test(r.id));
    expect(security.length).toBeGreaterThan(5);
    for (const r of security) expect([r.id, Object.keys(r.frameworks).length > 0]).toEqual([r.id, true]);
  });

  test('equivalent Checkov ids the issue names are referenced', () => {
    const refs = BUILTIN_RULES.flatMap((r) => r.references);
    for (const id of ['CKV_AWS_19', 'CKV_AZURE_3', 'CKV_AWS_24', 'CKV_AWS_25', 'CKV_AZURE_10', 'CKV_AZURE_9', 'CKV_GCP_2', 'CKV_GCP_3']) expect(refs).toContain(id);
  });
});

describe('AIRA-STO-001 S3 encryption at rest, both forms', () => {
  test('separate resource (AWS provider >= 4) referencing the bucket passes, in a plan and in synth', () => {
    const plan = planDoc([
      { type: 'aws_s3_bucket', name: 'b', values: { bucket: 'b' }, afterUnknown: { server_side_encryption_configuration: true } },
      {
        type: 'aws_s3_bucket_server_side_encryption_configuration',
        name: 'e',
        values: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] },
        afterUnknown: { bucket: true },
        expressions: { bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] }, rule: [] },
      },
    ]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-STO-001', 'aws_s3_bucket.b')).toBe('pass');
    const synth = synthDoc({
      aws_s3_bucket: { b: { bucket: 'b' } },
      // cdktf writes a single nested block as an object, not a list.
      aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } },
    });
    const r = checkDoc(synth).results.find((x) => x.ruleId === 'AIRA-STO-001')!;
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/AES256.*aws_s3_bucket_server_side_encryption_configuration\.e/);
  });

  test('a literal bucket name links the configuration too', () => {
    const synth = synthDoc({ aws_s3_bucket: { b: { bucket: 'named' } }, aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: 'named', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] } } });
    expect(statusOf(checkDoc(synth).results, 'AIRA-STO-001', 'aws_s3_bucket.b')).toBe('pass');
  });

  test('inline block (AWS provider < 4) passes; no configuration fails; an empty algorithm fails', () => {
    const inline = planDoc([{ type: 'aws_s3_bucket', name: 'b', values: { server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }] } }], '0.1');
    expect(statusOf(checkDoc(inline).results, 'AIRA-STO-001', 'aws_s3_bucket.b')).toBe('pass');
    const none = planDoc([{ type: 'aws_s3_bucket', name: 'b', values: { server_side_encryption_configuration: [] } }], '0.1');
    expect(statusOf(checkDoc(none).results, 'AIRA-STO-001', 'aws_s3_bucket.b')).toBe('fail');
    const bad = synthDoc({ aws_s3_bucket: { b: {} }, aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: '' } }] } } });
    const r = checkDoc(bad).results.find((x) => x.ruleId === 'AIRA-STO-001')!;
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/sets no valid sse_algorithm/);
  });

  test('an algorithm known only after apply is unknown, never pass', () => {
    const synth = synthDoc({ aws_s3_bucket: { b: {} }, aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: '${var.alg}' } }] } } });
    expect(statusOf(checkDoc(synth).results, 'AIRA-STO-001', 'aws_s3_bucket.b')).toBe('unknown');
  });
});

describe('AIRA-STO-002 Azure storage HTTPS-only, both attribute names', () => {
  test.each([
    ['https_traffic_only_enabled = false (azurerm 4)', { https_traffic_only_enabled: false }, 'fail'],
    ['enable_https_traffic_only = false (azurerm < 4)', { enable_https_traffic_only: false }, 'fail'],
    ['https_traffic_only_enabled = true', { https_traffic_only_enabled: true }, 'pass'],
    ['enable_https_traffic_only = true', { enable_https_traffic_only: true }, 'pass'],
    ['neither set: the provider default is true', {}, 'pass'],
    ['from a variable', { https_traffic_only_enabled: '${var.https}' }, 'unknown'],
  ])('%s', (_n, values, expected) => {
    const synth = synthDoc({ azurerm_storage_account: { sa: { name: 'sa', ...values } } });
    expect(statusOf(checkDoc(synth).results, 'AIRA-STO-002', 'azurerm_storage_account.sa')).toBe(expected);
  });

  test('in a plan too', () => {
    const plan = planDoc([{ type: 'azurerm_storage_account', name: 'sa', values: { enable_https_traffic_only: false } }], '0.1');
    expect(statusOf(checkDoc(plan).results, 'AIRA-STO-002', 'azurerm_storage_account.sa')).toBe('fail');
  });
});

describe('AIRA-NET-001 / 002: SSH and RDP from the internet, every form', () => {
  const sg = (ingress: object[]) => synthDoc({ aws_security_group: { g: { ingress } } });
  const rule = { from_port: 22, to_port: 22, protocol: 'tcp' };

  test.each([
    ['AWS inline ingress from 0.0.0.0/0', sg([{ ...rule, cidr_blocks: ['0.0.0.0/0'] }]), 'aws_security_group.g', 'fail', 'pass'],
    ['AWS inline ingress from ::/0', sg([{ ...rule, ipv6_cidr_blocks: ['::/0'] }]), 'aws_security_group.g', 'fail', 'pass'],
    ['AWS inline ingress, all protocols', sg([{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }]), 'aws_security_group.g', 'fail', 'fail'],
    ['AWS inline ingress 20-25 covers 22', sg([{ from_port: 20, to_port: 25, protocol: '6', cidr_blocks: ['0.0.0.0/0'] }]), 'aws_security_group.g', 'fail', 'pass'],
    ['AWS inline ingress from a private range', sg([{ ...rule, cidr_blocks: ['10.0.0.0/8'] }]), 'aws_security_group.g', 'pass', 'pass'],
    ['AWS inline ingress from a variable', sg([{ ...rule, cidr_blocks: ['${var.cidr}'] }]), 'aws_security_group.g', 'unknown', 'pass'],
    ['AWS inline ingress on 443', sg([{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }]), 'aws_security_group.g', 'pass', 'pass'],
    ['aws_security_group_rule ingress', synthDoc({ aws_security_group_rule: { r: { type: 'ingress', ...rule, cidr_blocks: ['0.0.0.0/0'] } } }), 'aws_security_group_rule.r', 'fail', 'pass'],
    ['aws_security_group_rule egress', synthDoc({ aws_security_group_rule: { r: { type: 'egress', ...rule, cidr_blocks: ['0.0.0.0/0'] } } }), 'aws_security_group_rule.r', 'pass', 'pass'],
    ['aws_security_group_rule RDP udp', synthDoc({ aws_security_group_rule: { r: { type: 'ingress', from_port: 3389, to_port: 3389, protocol: 'udp', cidr_blocks: ['0.0.0.0/0'] } } }), 'aws_security_group_rule.r', 'pass', 'fail'],
    ['aws_vpc_security_group_ingress_rule ipv4', synthDoc({ aws_vpc_security_group_ingress_rule: { r: { ip_protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_ipv4: '0.0.0.0/0' } } }), 'aws_vpc_security_group_ingress_rule.r', 'pass', 'fail'],
    ['aws_vpc_security_group_ingress_rule -1 ipv6', synthDoc({ aws_vpc_security_group_ingress_rule: { r: { ip_protocol: '-1', cidr_ipv6: '::/0' } } }), 'aws_vpc_security_group_ingress_rule.r', 'fail', 'fail'],
    ['aws_vpc_security_group_ingress_rule from a security group', synthDoc({ aws_vpc_security_group_ingress_rule: { r: { ip_protocol: 'tcp', from_port: 22, to_port: 22, referenced_security_group_id: '${aws_security_group.x.id}' } } }), 'aws_vpc_security_group_ingress_rule.r', 'pass', 'pass'],
  ])('%s', (_n, doc, address, ssh, rdp) => {
    const { results } = checkDoc(doc);
    expect(statusOf(results, SSH, address)).toBe(ssh);
    expect(statusOf(results, RDP, address)).toBe(rdp);
  });

  const nsgRule = (o: Record<string, unknown>) => ({ name: 'r', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_address_prefix: '*', ...o });
  test.each([
    ['inline security_rule "22" from *', { destination_port_range: '22', source_address_prefix: '*' }, 'fail', 'pass'],
    ['inline security_rule "20-25" from Internet', { destination_port_range: '20-25', source_address_prefix: 'Internet' }, 'fail', 'pass'],
    ['inline security_rule list with 3389 from Any', { destination_port_ranges: ['80', '3389'], source_address_prefix: 'Any' }, 'pass', 'fail'],
    ['inline security_rule "*" from prefixes incl 0.0.0.0/0', { destination_port_range: '*', source_address_prefixes: ['10.0.0.0/8', '0.0.0.0/0'] }, 'fail', 'fail'],
    ['inline security_rule Deny', { destination_port_range: '22', source_address_prefix: '*', access: 'Deny' }, 'pass', 'pass'],
    ['inline security_rule Outbound', { destination_port_range: '22', source_address_prefix: '*', direction: 'Outbound' }, 'pass', 'pass'],
    ['inline security_rule from VirtualNetwork', { destination_port_range: '22', source_address_prefix: 'VirtualNetwork' }, 'pass', 'pass'],
    ['inline security_rule Udp 3389', { destination_port_range: '3389', source_address_prefix: '*', protocol: 'Udp' }, 'pass', 'fail'],
  ])('Azure NSG %s', (_n, o, ssh, rdp) => {
    const inline = checkDoc(synthDoc({ azurerm_network_security_group: { nsg: { name: 'nsg', security_rule: [nsgRule(o)] } } })).results;
    expect(statusOf(inline, SSH, 'azurerm_network_security_group.nsg')).toBe(ssh);
    expect(statusOf(inline, RDP, 'azurerm_network_security_group.nsg')).toBe(rdp);
    // The same rule as a separate azurerm_network_security_rule.
    const separate = checkDoc(synthDoc({ azurerm_network_security_rule: { r: { network_security_group_name: '${azurerm_network_security_group.nsg.name}', ...nsgRule(o) } } })).results;
    expect(statusOf(separate, SSH, 'azurerm_network_security_rule.r')).toBe(ssh);
    expect(statusOf(separate, RDP, 'azurerm_network_security_rule.r')).toBe(rdp);
  });

  test.each([
    ['tcp 22 from 0.0.0.0/0', { source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] }, 'fail', 'pass'],
    ['tcp range 3000-4000', { source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['3000-4000'] }] }, 'pass', 'fail'],
    ['all protocols, no ports', { source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'all' }] }, 'fail', 'fail'],
    ['tcp without ports is every port', { source_ranges: ['::/0'], allow: [{ protocol: 'tcp' }] }, 'fail', 'fail'],
    ['no source at all defaults to 0.0.0.0/0', { allow: [{ protocol: 'tcp', ports: ['22'] }] }, 'fail', 'pass'],
    ['source tags only', { source_tags: ['bastion'], allow: [{ protocol: 'tcp', ports: ['22'] }] }, 'pass', 'pass'],
    ['disabled', { disabled: true, source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] }, 'pass', 'pass'],
    ['egress', { direction: 'EGRESS', destination_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] }, 'pass', 'pass'],
    ['deny only', { source_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'tcp', ports: ['22'] }] }, 'pass', 'pass'],
    ['source ranges from a variable', { source_ranges: '${var.ranges}', allow: [{ protocol: 'tcp', ports: ['22'] }] }, 'unknown', 'pass'],
  ])('google_compute_firewall %s', (_n, o, ssh, rdp) => {
    const { results } = checkDoc(synthDoc({ google_compute_firewall: { fw: { name: 'fw', network: 'n', ...o } } }));
    expect(statusOf(results, SSH, 'google_compute_firewall.fw')).toBe(ssh);
    expect(statusOf(results, RDP, 'google_compute_firewall.fw')).toBe(rdp);
  });

  test.each([
    ['0.0.0.0/0', true],
    ['::/0', true],
    ['*', true],
    ['Any', true],
    ['Internet', true],
    ['internet', true],
    ['10.0.0.0/8', false],
    ['VirtualNetwork', false],
  ])('"%s" is the internet: %s', (s, expected) => {
    expect(isInternet(s)).toBe(expected);
  });
});

describe('AIRA-CHG-001 destruction of stateful storage (plans only)', () => {
  const cases: Array<[string, Parameters<typeof planDoc>[0][number], string, RegExp]> = [
    ['create', { type: 'aws_efs_file_system', name: 'fs', values: {} }, 'pass', /no deletion/],
    ['in-place update', { type: 'aws_db_instance', name: 'db', values: {}, actions: ['update'], before: {} }, 'pass', /update/],
    ['delete', { type: 'google_storage_bucket', name: 'b', actions: ['delete'], before: { name: 'b' }, actionReason: 'delete_because_no_resource_config' }, 'fail', /planned deletion \(delete_because_no_resource_config\)/],
    ['replace, delete first', { type: 'aws_fsx_lustre_file_system', name: 'l', values: {}, actions: ['delete', 'create'], before: {}, replacePaths: [['deployment_type']] }, 'fail', /delete then create.*forced by deployment_type/],
    ['replace, create first', { type: 'azurerm_managed_disk', name: 'd', values: {}, actions: ['create', 'delete'], before: {}, actionReason: 'replace_because_tainted' }, 'fail', /create then delete.*replace_because_tainted/],
    ['forget (removed block, destroy = false)', { type: 'aws_s3_bucket', name: 'keep', actions: ['forget'], before: {} }, 'pass', /forget/],
  ];
  test.each(cases)('%s', (_n, res, status, message) => {
    const { results } = checkDoc(planDoc([res]));
    const r = results.find((x) => x.ruleId === 'AIRA-CHG-001')!;
    expect(r.status).toBe(status);
    expect(r.message).toMatch(message);
  });

  test('not applicable on a synthesized stack: only a plan shows deletions', () => {
    const { results } = checkDoc(synthDoc({ aws_ebs_volume: { v: { size: 10 } } }));
    expect(statusOf(results, 'AIRA-CHG-001', 'aws_ebs_volume.v')).toBe('not_applicable');
  });

  test('types that hold no data are not checked', () => {
    const { results } = checkDoc(planDoc([{ type: 'aws_instance', name: 'i', actions: ['delete'], before: {} }]));
    expect(results.filter((r) => r.ruleId === 'AIRA-CHG-001')).toEqual([]);
  });
});
