import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { loadDocument } from '../../lib/policy/load';
import { skuRetiredRule, skuRetiringRule } from '../../policies/ai/sku-lifecycle';
import { trainingNetworkRule } from '../../policies/ai/training-network';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const plane = (p: string) => ({ 'aira:plane': p });
const run = (rule: Parameters<typeof checkInputs>[1]['rules'][number], doc: unknown) => checkInputs([loadDocument(doc, 'doc.json')], { rules: [rule], includePassed: true }).all;

describe('pack aira-ai-infrastructure', () => {
  test('selects the AI infrastructure rules, each registered', () => {
    const pack = BUILTIN_PACKS.find((p) => p.id === 'aira-ai-infrastructure')!;
    expect(Object.keys(pack.rules).sort()).toEqual(['AIRA-AI-001', 'AIRA-AI-002', 'AIRA-AI-003', 'AIRA-AI-004', 'AIRA-AI-005', 'AIRA-AI-006', 'AIRA-AI-007', 'AIRA-AI-008', 'AIRA-AI-009', 'AIRA-AI-010', 'AIRA-CHG-001']);
    for (const id of Object.keys(pack.rules)) expect(BUILTIN_RULES.map((r) => r.id)).toContain(id);
  });
});

describe('AIRA-AI-001 training pools on at least 100 Gbps', () => {
  const R = 'AIRA-AI-001';
  const lt = (instance_type: string, p = 'training') => synthDoc({ aws_launch_template: { t: { instance_type, tags: plane(p) } } });
  const vmss = (sku: string, p = 'training') => synthDoc({ azurerm_linux_virtual_machine_scale_set: { v: { sku, tags: plane(p) } } });
  const it = (machine_type: string, tags = ['net-training', 'pool-node']) => synthDoc({ google_compute_instance_template: { t: { machine_type, tags } } });

  test.each([
    ['AWS p5.48xlarge (3200 Gbps EFA)', lt('p5.48xlarge'), 'aws_launch_template.t', 'pass'],
    ['AWS g6e.12xlarge at exactly 100 Gbps', lt('g6e.12xlarge'), 'aws_launch_template.t', 'pass'],
    ['AWS FPGA pool on the training plane: not a training accelerator', lt('f2.12xlarge'), 'aws_launch_template.t', 'not_applicable'],
    ['AWS pool on the inference plane', lt('inf2.48xlarge', 'inference'), 'aws_launch_template.t', 'not_applicable'],
    ['AWS SKU the catalog does not know', lt('g5.xlarge'), 'aws_launch_template.t', 'unknown'],
    ['Azure ND H100 v5', vmss('Standard_ND96isr_H100_v5'), 'azurerm_linux_virtual_machine_scale_set.v', 'pass'],
    ['Azure unknown size', vmss('Standard_NC6s_v3'), 'azurerm_linux_virtual_machine_scale_set.v', 'unknown'],
    ['Google A3 Mega on the training network tag', it('a3-megagpu-8g'), 'google_compute_instance_template.t', 'pass'],
    ['Google template without the training network tag', it('a3-megagpu-8g', ['net-inference']), 'google_compute_instance_template.t', 'not_applicable'],
  ])('%s', (_n, doc, address, expected) => {
    expect(statusOf(checkDoc(doc).results, R, address)).toBe(expected);
  });

  test('fails below the minimum on every cloud (a stricter minimum, as the catalog has no training GPU under 100 Gbps)', () => {
    const strict = trainingNetworkRule({ minGbps: 500 });
    expect(statusOf(run(strict, lt('p4d.24xlarge')), R, 'aws_launch_template.t')).toBe('fail');
    expect(statusOf(run(strict, lt('p5.48xlarge')), R, 'aws_launch_template.t')).toBe('pass');
    expect(statusOf(run(strict, it('a2-highgpu-8g')), R, 'google_compute_instance_template.t')).toBe('fail');
    const stricter = trainingNetworkRule({ minGbps: 2000 });
    expect(statusOf(run(stricter, vmss('Standard_ND96asr_v4')), R, 'azurerm_linux_virtual_machine_scale_set.v')).toBe('fail');
    expect(statusOf(run(stricter, vmss('Standard_ND96isr_H200_v5')), R, 'azurerm_linux_virtual_machine_scale_set.v')).toBe('pass');
  });

  test('plan form: a known SKU is judged, an unknown-until-apply one stays unknown', () => {
    const plan = (values: Record<string, unknown>) => planDoc([{ type: 'aws_launch_template', name: 't', values: { tags: plane('training'), ...values } }]);
    expect(statusOf(checkDoc(plan({ instance_type: 'trn2.48xlarge' })).results, R, 'aws_launch_template.t')).toBe('pass');
    const later = planDoc([
      { type: 'aws_launch_template', name: 't', values: { tags: plane('training') }, afterUnknown: { instance_type: true }, expressions: { tags: { constant_value: plane('training') }, instance_type: { references: ['var.sku'] } } },
    ]);
    expect(statusOf(checkDoc(later).results, R, 'aws_launch_template.t')).toBe('unknown');
    expect(statusOf(run(trainingNetworkRule({ minGbps: 1000 }), plan({ instance_type: 'p4d.24xlarge' })), R, 'aws_launch_template.t')).toBe('fail');
  });
});

describe('AIRA-AI-002 an EFA interface on every network card', () => {
  const R = 'AIRA-AI-002';
  const efa = (cards: number[]) => cards.map((c) => ({ network_card_index: c, device_index: c === 0 ? 0 : 1, interface_type: c === 0 ? 'efa' : 'efa-only' }));
  const doc = (instance_type: string, nics: unknown[], maxSize = 4) =>
    synthDoc({
      aws_launch_template: { t: { instance_type, network_interfaces: nics, tags: plane('training') } },
      aws_autoscaling_group: { g: { max_size: maxSize, launch_template: { id: '${aws_launch_template.t.id}' } } },
    });
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);

  test.each([
    ['p5.48xlarge with 32 EFA interfaces', doc('p5.48xlarge', efa(all(32))), 'pass'],
    ['p5.48xlarge with one EFA interface', doc('p5.48xlarge', efa([0])), 'fail'],
    ['trn2.48xlarge with 15 of 16 cards', doc('trn2.48xlarge', efa(all(15))), 'fail'],
    ['trn2.48xlarge with plain ENA interfaces on every card', doc('trn2.48xlarge', all(16).map((c) => ({ network_card_index: c }))), 'fail'],
    ['single-node pool (max_size 1)', doc('p5.48xlarge', efa([0]), 1), 'not_applicable'],
    ['SKU without EFA', doc('inf2.48xlarge', [{ network_card_index: 0 }]), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, 'aws_launch_template.t')).toBe(expected);
  });

  test('plan form', () => {
    const plan = (nics: unknown[]) => planDoc([{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5e.48xlarge', network_interfaces: nics, tags: plane('training') } }]);
    expect(statusOf(checkDoc(plan(efa(all(32)))).results, R, 'aws_launch_template.t')).toBe('pass');
    expect(statusOf(checkDoc(plan(efa(all(8)))).results, R, 'aws_launch_template.t')).toBe('fail');
  });
});

describe('AIRA-AI-003 the EFA security group allows only itself', () => {
  const R = 'AIRA-AI-003';
  const self = { security_group_id: '${aws_security_group.efa.id}', referenced_security_group_id: '${aws_security_group.efa.id}', ip_protocol: '-1' };
  const doc = (ingress: Record<string, Record<string, unknown>>, egress: Record<string, Record<string, unknown>> = { out: self }) =>
    synthDoc({ aws_security_group: { efa: { name: 'efa' }, other: { name: 'other' } }, aws_vpc_security_group_ingress_rule: ingress, aws_vpc_security_group_egress_rule: egress });

  test.each([
    ['self ingress and egress only', doc({ in: self }), 'pass'],
    ['plus an ingress from a CIDR', doc({ in: self, cidr: { security_group_id: '${aws_security_group.efa.id}', cidr_ipv4: '10.0.0.0/8', ip_protocol: 'tcp', from_port: 22, to_port: 22 } }), 'fail'],
    ['plus an egress to another group', doc({ in: self }, { out: self, x: { security_group_id: '${aws_security_group.efa.id}', referenced_security_group_id: '${aws_security_group.other.id}', ip_protocol: '-1' } }), 'fail'],
    ['self ingress without the self egress EFA needs', doc({ in: self }, {}), 'fail'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, 'aws_security_group.efa')).toBe(expected);
  });

  test('a group without an all-traffic self ingress is not an EFA group', () => {
    const d = doc({ in: self, x: { security_group_id: '${aws_security_group.other.id}', cidr_ipv4: '10.0.0.0/8', ip_protocol: 'tcp', from_port: 443, to_port: 443 } });
    expect(statusOf(checkDoc(d).results, R, 'aws_security_group.other')).toBe('not_applicable');
  });

  test('inline rules: self only passes, an extra CIDR fails', () => {
    const inline = (extra: Record<string, unknown>) =>
      synthDoc({ aws_security_group: { efa: { ingress: [{ self: true, protocol: '-1', from_port: 0, to_port: 0, ...extra }], egress: [{ self: true, protocol: '-1', from_port: 0, to_port: 0 }] } } });
    expect(statusOf(checkDoc(inline({})).results, R, 'aws_security_group.efa')).toBe('pass');
    expect(statusOf(checkDoc(inline({ cidr_blocks: ['0.0.0.0/0'] })).results, R, 'aws_security_group.efa')).toBe('fail');
  });

  test('plan form (references from the configuration)', () => {
    const ref = (to: string) => ({ references: [`aws_security_group.${to}.id`, `aws_security_group.${to}`] });
    const rule = (type: string, name: string, peer: string) => ({
      type,
      name,
      values: { ip_protocol: '-1' },
      afterUnknown: { security_group_id: true, referenced_security_group_id: true },
      expressions: { ip_protocol: { constant_value: '-1' }, security_group_id: ref('efa'), referenced_security_group_id: ref(peer) },
    });
    const plan = (peer: string) =>
      planDoc([
        { type: 'aws_security_group', name: 'efa', values: { name: 'efa' } },
        { type: 'aws_security_group', name: 'other', values: { name: 'other' } },
        rule('aws_vpc_security_group_ingress_rule', 'in', 'efa'),
        rule('aws_vpc_security_group_egress_rule', 'out', 'efa'),
        rule('aws_vpc_security_group_ingress_rule', 'x', peer),
      ]);
    expect(statusOf(checkDoc(plan('efa')).results, R, 'aws_security_group.efa')).toBe('pass');
    expect(statusOf(checkDoc(plan('other')).results, R, 'aws_security_group.efa')).toBe('fail');
  });
});

describe('AIRA-AI-004 / AIRA-AI-005 SKU lifecycle', () => {
  const lt = (instance_type: string) => synthDoc({ aws_launch_template: { t: { instance_type, tags: plane('data') } } });
  const vmss = (sku: string) => synthDoc({ azurerm_linux_virtual_machine_scale_set: { v: { sku, tags: plane('data') } } });
  const it = (machine_type: string) => synthDoc({ google_compute_instance_template: { t: { machine_type } } });

  test.each([
    ['AWS f1 retired 2025-12-20', lt('f1.2xlarge'), 'aws_launch_template.t', 'fail', 'not_applicable'],
    ['AWS f2 current', lt('f2.12xlarge'), 'aws_launch_template.t', 'pass', 'pass'],
    ['Azure NP retiring 2027-05-31', vmss('Standard_NP10s'), 'azurerm_linux_virtual_machine_scale_set.v', 'pass', 'fail'],
    ['Azure ND H100 v5 current', vmss('Standard_ND96isr_H100_v5'), 'azurerm_linux_virtual_machine_scale_set.v', 'pass', 'pass'],
    ['Google A3 Mega current', it('a3-megagpu-8g'), 'google_compute_instance_template.t', 'pass', 'pass'],
    ['Google machine type the catalog does not know', it('n2-standard-8'), 'google_compute_instance_template.t', 'unknown', 'unknown'],
  ])('%s', (_n, doc, address, retired, retiring) => {
    const results = checkDoc(doc).results;
    expect(statusOf(results, 'AIRA-AI-004', address)).toBe(retired);
    expect(statusOf(results, 'AIRA-AI-005', address)).toBe(retiring);
  });

  test('the retiring warning names the date and is low severity', () => {
    const r = checkDoc(vmss('Standard_NP20s')).results.find((x) => x.ruleId === 'AIRA-AI-005')!;
    expect(r.severity).toBe('low');
    expect(r.message).toContain('2027-05-31');
  });

  test('judged at a given date: after the retirement date a retiring SKU fails as retired', () => {
    const at = (today: string, doc: unknown) => [statusOf(run(skuRetiredRule({ today }), doc), 'AIRA-AI-004', 'azurerm_linux_virtual_machine_scale_set.v'), statusOf(run(skuRetiringRule({ today }), doc), 'AIRA-AI-005', 'azurerm_linux_virtual_machine_scale_set.v')];
    expect(at('2027-06-01', vmss('Standard_NP40s'))).toEqual(['fail', 'not_applicable']);
    expect(at('2027-05-30', vmss('Standard_NP40s'))).toEqual(['pass', 'fail']);
    expect(statusOf(run(skuRetiredRule({ today: '2025-01-01' }), lt('f1.16xlarge')), 'AIRA-AI-004', 'aws_launch_template.t')).toBe('pass');
  });

  test('plan form', () => {
    const plan = (instance_type: string) => planDoc([{ type: 'aws_launch_template', name: 't', values: { instance_type } }]);
    expect(statusOf(checkDoc(plan('f1.16xlarge')).results, 'AIRA-AI-004', 'aws_launch_template.t')).toBe('fail');
    expect(statusOf(checkDoc(plan('p5.48xlarge')).results, 'AIRA-AI-004', 'aws_launch_template.t')).toBe('pass');
  });
});
