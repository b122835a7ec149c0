/**
 * Pack aira-cost-carbon: the budget rules on pools and stacks, in the synthesized and the plan form,
 * under and over budget, with unknown figures, and the stack verdict given once per stack.
 */
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { loadDocument } from '../../lib/policy/load';
import { LoadedInput } from '../../lib/policy/load/input';
import { PolicyResult, RuleOptionValue } from '../../lib/policy/types';
import { planDoc, statusOf, synthDoc } from './helpers/docs';

const run = (inputs: LoadedInput[], ruleOptions: Record<string, RuleOptionValue> = {}): readonly PolicyResult[] =>
  checkInputs(inputs, { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: ['aira-cost-carbon'], ruleOptions, includePassed: true }).all;
const one = (doc: unknown, ruleOptions: Record<string, RuleOptionValue> = {}, file = 'doc.json') => run([loadDocument(doc, file)], ruleOptions);
const of = (results: readonly PolicyResult[], ruleId: string) => results.filter((r) => r.ruleId === ruleId);

// Two AWS pools in us-east-1: a = 2 x p5.48xlarge (USD 110.08 per hour, 80,358.40 per month, 20.4 kWh,
// 7.73364 kg), b = 1 x trn1.32xlarge (USD 21.5 per hour, 15,695 per month, 4 kWh, 1.5164 kg).
// Stack: USD 96,053.40 per month, 9.25004 kgCO2e per hour.
const awsStack = (bType = 'trn1.32xlarge') =>
  synthDoc({
    aws_launch_template: { a: { instance_type: 'p5.48xlarge' }, b: { instance_type: bType }, cpu: { instance_type: 'm7i.large' } },
    aws_autoscaling_group: {
      a: { max_size: 2, availability_zones: ['us-east-1a'], launch_template: { id: '${aws_launch_template.a.id}' } },
      b: { max_size: 1, availability_zones: ['us-east-1b'], launch_template: { id: '${aws_launch_template.b.id}' } },
      cpu: { max_size: 3, availability_zones: ['us-east-1b'], launch_template: { id: '${aws_launch_template.cpu.id}' } },
    },
  });

describe('pack aira-cost-carbon', () => {
  test('selects the cost and carbon rules, each registered with its options in the metadata', () => {
    const pack = BUILTIN_PACKS.find((p) => p.id === 'aira-cost-carbon')!;
    expect(Object.keys(pack.rules)).toEqual(['AIRA-CST-001', 'AIRA-CST-002', 'AIRA-CST-003', 'AIRA-GLD-006']);
    const options = (id: string) => BUILTIN_RULES.find((r) => r.id === id)!.options!.map((o) => [o.name, o.type, o.default]);
    expect(options('AIRA-CST-001')).toEqual([['maxPoolMonthlyUsd', 'number', undefined]]);
    expect(options('AIRA-CST-002')).toEqual([['maxMonthlyUsd', 'number', undefined]]);
    expect(options('AIRA-CST-003')).toEqual([['maxKgCo2ePerHour', 'number', undefined]]);
    expect(options('AIRA-GLD-006')).toEqual([['maxGco2PerKwh', 'number', 480]]);
  });

  test('without budgets the rules report not_applicable with the estimate: no fail, no unknown', () => {
    const results = one(awsStack('p5e.48xlarge'));
    expect(results.filter((r) => r.ruleId.startsWith('AIRA-CST')).map((r) => r.status)).toEqual(Array(9).fill('not_applicable'));
    expect(of(results, 'AIRA-CST-001').find((r) => r.address === 'aws_autoscaling_group.a')!.message).toBe(
      'no budget given (--option maxPoolMonthlyUsd=<USD>); estimate: USD 80,358.40 per month at 2 x p5.48xlarge (max_size), USD 55.04 per node-hour on-demand in us-east-1 as of 2026-01-19 (https://aws.amazon.com/ec2/pricing/on-demand/)',
    );
    expect(of(results, 'AIRA-CST-001').find((r) => r.address === 'aws_autoscaling_group.b')!.message).toContain('estimate: unknown (the catalog has no public on-demand price for p5e.48xlarge)');
    expect(of(results, 'AIRA-CST-001').find((r) => r.address === 'aws_autoscaling_group.cpu')!.message).toBe('not estimated: m7i.large is neither in the catalog nor an accelerator SKU');
  });
});

describe('AIRA-CST-001 pool monthly budget', () => {
  const R = 'AIRA-CST-001';
  test('AWS synthesized: under and over the budget', () => {
    expect(statusOf(one(awsStack(), { maxPoolMonthlyUsd: 80358.4 }), R, 'aws_autoscaling_group.a')).toBe('pass');
    const over = one(awsStack(), { maxPoolMonthlyUsd: 50000 });
    expect(statusOf(over, R, 'aws_autoscaling_group.a')).toBe('fail');
    expect(statusOf(over, R, 'aws_autoscaling_group.b')).toBe('pass');
    expect(over.find((r) => r.ruleId === R && r.status === 'fail')!.message).toBe(
      'USD 80,358.40 per month at 2 x p5.48xlarge (max_size), USD 55.04 per node-hour on-demand in us-east-1 as of 2026-01-19 (https://aws.amazon.com/ec2/pricing/on-demand/): over the budget of USD 50,000.00',
    );
    expect(over.find((r) => r.ruleId === R && r.status === 'fail')!.severity).toBe('high');
  });

  test('an unknown cost is unknown, not a pass', () => {
    expect(statusOf(one(awsStack('p5e.48xlarge'), { maxPoolMonthlyUsd: 1e9 }), R, 'aws_autoscaling_group.b')).toBe('unknown');
  });

  test('Azure plan: scale set sized by its autoscale setting', () => {
    // 4 x Standard_ND96isr_H100_v5: 4 x 98.32 x 730 = USD 287,094.40 per month.
    const plan = planDoc([
      { type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { sku: 'Standard_ND96isr_H100_v5', instances: 0, location: 'eastus' } },
      {
        type: 'azurerm_monitor_autoscale_setting',
        name: 's',
        values: { enabled: true, profile: [{ name: 'p', capacity: [{ default: 0, minimum: 0, maximum: 4 }] }] },
        expressions: { target_resource_id: { references: ['azurerm_linux_virtual_machine_scale_set.v.id', 'azurerm_linux_virtual_machine_scale_set.v'] } },
      },
    ]);
    expect(statusOf(one(plan, { maxPoolMonthlyUsd: 287094.4 }), R, 'azurerm_linux_virtual_machine_scale_set.v')).toBe('pass');
    expect(statusOf(one(plan, { maxPoolMonthlyUsd: 287094.39 }), R, 'azurerm_linux_virtual_machine_scale_set.v')).toBe('fail');
  });

  test('Google synthesized: a GKE TPU slice pool', () => {
    // 2 x ct5p-hightpu-4t: 2 x 16.8 x 730 = USD 24,528 per month.
    const doc = synthDoc({ google_container_node_pool: { tpu: { location: 'us-east5', node_locations: ['us-east5-a'], node_count: 2, node_config: { machine_type: 'ct5p-hightpu-4t' } } } });
    expect(statusOf(one(doc, { maxPoolMonthlyUsd: 25000 }), R, 'google_container_node_pool.tpu')).toBe('pass');
    expect(statusOf(one(doc, { maxPoolMonthlyUsd: 24000 }), R, 'google_container_node_pool.tpu')).toBe('fail');
  });
});

describe('AIRA-CST-002 stack monthly budget: one verdict per stack', () => {
  const R = 'AIRA-CST-002';
  test('judged on the first pool by address; the other pools are not_applicable and say where', () => {
    const results = of(one(awsStack(), { maxMonthlyUsd: 100000 }), R);
    expect(results.map((r) => [r.address, r.status])).toEqual([
      ['aws_autoscaling_group.a', 'pass'],
      ['aws_autoscaling_group.b', 'not_applicable'],
      ['aws_autoscaling_group.cpu', 'not_applicable'],
    ]);
    expect(results[0].message).toBe("stack total USD 96,053.40 per month over 2 pools at maximum size: within the budget of USD 100,000.00 (the stack's verdict, given on its first pool by address)");
    expect(results[1].message).toBe('the stack total is judged once per stack, on aws_autoscaling_group.a (its first pool by address)');
  });

  test('over the budget fails once', () => {
    const results = of(one(awsStack(), { maxMonthlyUsd: 90000 }), R);
    expect(results.filter((r) => r.status === 'fail').map((r) => r.address)).toEqual(['aws_autoscaling_group.a']);
  });

  test('an unknown pool: unknown under the budget, fail when the known part already exceeds it', () => {
    // a alone: USD 80,358.40 per month; b (p5e) has no price.
    const under = of(one(awsStack('p5e.48xlarge'), { maxMonthlyUsd: 100000 }), R)[0];
    expect(under.status).toBe('unknown');
    expect(under.message).toContain('not counting 1 pool whose figure is unknown (aws_autoscaling_group.b)');
    const over = of(one(awsStack('p5e.48xlarge'), { maxMonthlyUsd: 80000 }), R)[0];
    expect(over.status).toBe('fail');
    expect(over.message).toContain('over the budget of USD 80,000.00 even without the unknown pools');
  });

  test('two inputs (stacks): one verdict each, on each stack\'s own total', () => {
    const gcp = synthDoc({
      google_compute_instance_template: { t: { machine_type: 'a3-highgpu-8g' } },
      google_compute_instance_group_manager: { g: { zone: 'europe-west4-a', target_size: 1, version: [{ instance_template: '${google_compute_instance_template.t.self_link_unique}' }] } },
    });
    // Google: 1 x 88.49 x 730 = USD 64,597.70 per month; AWS: USD 96,053.40.
    const results = of(run([loadDocument(awsStack(), 'aws.json'), loadDocument(gcp, 'gcp.json')], { maxMonthlyUsd: 70000 }), R).filter((r) => r.status !== 'not_applicable');
    expect(results.map((r) => [r.file, r.address, r.status])).toEqual([
      ['aws.json', 'aws_autoscaling_group.a', 'fail'],
      ['gcp.json', 'google_compute_instance_group_manager.g', 'pass'],
    ]);
  });

  test('a suppression on the anchor covers the stack verdict', () => {
    const input = loadDocument(awsStack(), 'doc.json');
    const withSuppression = { ...input, suppressions: [{ id: R, address: 'aws_autoscaling_group.a', reason: 'budget raised by finance, ticket FIN-42', origin: 'test' }] };
    expect(statusOf(run([withSuppression], { maxMonthlyUsd: 1000 }), R, 'aws_autoscaling_group.a')).toBe('suppressed');
  });
});

describe('AIRA-CST-003 stack emissions ceiling', () => {
  const R = 'AIRA-CST-003';
  test('under and over the ceiling, once per stack', () => {
    // 7.73364 + 1.5164 = 9.25004 kgCO2e per hour.
    const under = of(one(awsStack(), { maxKgCo2ePerHour: 9.26 }), R);
    expect(under.map((r) => r.status)).toEqual(['pass', 'not_applicable', 'not_applicable']);
    expect(under[0].message).toContain('stack total 9.25 kgCO2e per hour over 2 pools at maximum size');
    expect(under[0].message).toContain('largest aws_autoscaling_group.a: 7.73 kgCO2e per hour, 20.40 kWh per hour (10.2 kW per node, figure of 2023-03-21) at 379.1 gCO2e/kWh in us-east-1 (grid figure of 2021)');
    expect(of(one(awsStack(), { maxKgCo2ePerHour: 9 }), R)[0].status).toBe('fail');
  });

  test('plan: a pool in a region without a grid intensity makes the verdict unknown', () => {
    const plan = planDoc([
      { type: 'aws_launch_template', name: 'lt', values: { instance_type: 'p5.48xlarge' } },
      { type: 'aws_autoscaling_group', name: 'a', values: { max_size: 1, availability_zones: ['us-east-1a'] }, expressions: { launch_template: [{ id: { references: ['aws_launch_template.lt.id'] } }] } },
      { type: 'aws_autoscaling_group', name: 'b', values: { max_size: 1, availability_zones: ['ap-south-1a'] }, expressions: { launch_template: [{ id: { references: ['aws_launch_template.lt.id'] } }] } },
    ]);
    const results = of(one(plan, { maxKgCo2ePerHour: 100 }), R);
    expect(results[0].status).toBe('unknown');
    expect(results[0].message).toContain('not counting 1 pool whose figure is unknown (aws_autoscaling_group.b)');
  });
});
