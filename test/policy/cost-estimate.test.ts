/**
 * The cost and carbon estimate: every figure below is computed by hand from the catalog (price per
 * node-hour x nodes, x 730 hours; kW per node x nodes; kWh x gCO2e/kWh / 1000), in the synthesized and
 * the plan form, and every value an input cannot give is unknown with its reason, never 0.
 */
import { ResourceIndex } from '../../lib/policy/resource-index';
import { loadDocument } from '../../lib/policy/load';
import { PoolEstimate, UnknownFigure, estimateContext, estimateInputs, renderEstimate } from '../../lib/policy/estimate';
import { planDoc, synthDoc } from './helpers/docs';

const figures = (doc: unknown) => estimateContext(new ResourceIndex(loadDocument(doc, 'doc.json').resources));
const pool = (doc: unknown, address: string): PoolEstimate => {
  const p = figures(doc).pools.find((x) => x.address === address);
  if (!p) throw new Error(`no pool ${address} in ${JSON.stringify(figures(doc))}`);
  return p;
};
const known = <F extends { known: boolean }>(f: F): Exclude<F, UnknownFigure> => {
  if (!f.known) throw new Error(`figure unknown: ${(f as unknown as UnknownFigure).reason}`);
  return f as Exclude<F, UnknownFigure>;
};
const tag = (p: string) => [{ key: 'aira:plane', value: p, propagate_at_launch: false }];

describe('AWS: Auto Scaling group + launch template, region from the subnets', () => {
  // 3 x p5.48xlarge: USD 55.04 per node-hour (us-east-1 list price, 2026-01-19), 10.2 kW per node
  // (DGX H100), us-east-1 grid 379.1 gCO2e/kWh (CCF, 2021).
  const synth = (max: unknown = 3, type = 'p5.48xlarge', zone = 'us-east-1a') =>
    synthDoc({
      aws_subnet: { a: { availability_zone: zone } },
      aws_launch_template: { lt: { instance_type: type } },
      aws_autoscaling_group: { g: { max_size: max, min_size: 0, vpc_zone_identifier: ['${aws_subnet.a.id}'], launch_template: { id: '${aws_launch_template.lt.id}', version: '$Latest' }, tag: tag('training') } },
    });

  test('synthesized: cost, energy and emissions at max_size, each with its source and date', () => {
    const p = pool(synth(), 'aws_autoscaling_group.g');
    expect(p).toMatchObject({ sku: 'p5.48xlarge', family: 'gpu', region: 'us-east-1', maxNodes: 3, maxNodesFrom: 'max_size', cloud: 'aws' });
    expect(known(p.cost)).toEqual({ known: true, usdPerHour: 165.12, usdPerMonth: 120537.6, unitUsdPerHour: 55.04, priceRegion: 'us-east-1', asOf: '2026-01-19', source: 'https://aws.amazon.com/ec2/pricing/on-demand/' });
    expect(known(p.energy)).toMatchObject({ kwhPerHour: 30.6, kwPerNode: 10.2, asOf: '2023-03-21', source: expect.stringContaining('dgxh100') });
    expect(known(p.emissions)).toMatchObject({ kgCo2ePerHour: 11.60046, gco2PerKwh: 379.1, region: 'us-east-1', asOf: '2021', source: expect.stringContaining('cloudcarbonfootprint') });
  });

  test('plan: the same figures, with references from the configuration', () => {
    const plan = planDoc([
      { type: 'aws_subnet', name: 'a', values: { availability_zone: 'us-east-1a' } },
      { type: 'aws_launch_template', name: 'lt', values: { instance_type: 'p5.48xlarge' } },
      {
        type: 'aws_autoscaling_group',
        name: 'g',
        values: { max_size: 3, min_size: 0, launch_template: [{ version: '$Latest' }] },
        afterUnknown: { vpc_zone_identifier: true, launch_template: [{ id: true }] },
        expressions: {
          max_size: { constant_value: 3 },
          vpc_zone_identifier: { references: ['aws_subnet.a.id', 'aws_subnet.a'] },
          launch_template: [{ id: { references: ['aws_launch_template.lt.id', 'aws_launch_template.lt'] } }],
        },
      },
    ]);
    const p = pool(plan, 'aws_autoscaling_group.g');
    expect(known(p.cost).usdPerMonth).toBe(120537.6);
    expect(known(p.emissions).kgCo2ePerHour).toBe(11.60046);
  });

  test('a mixed instances policy: the first override is the SKU', () => {
    const doc = synthDoc({
      aws_launch_template: { lt: { instance_type: 'c7i.48xlarge' } },
      aws_autoscaling_group: {
        g: { max_size: 2, availability_zones: ['us-west-2b'], mixed_instances_policy: { launch_template: { launch_template_specification: { launch_template_id: '${aws_launch_template.lt.id}' }, override: [{ instance_type: 'inf2.48xlarge' }] } } },
      },
    });
    const p = pool(doc, 'aws_autoscaling_group.g');
    // 2 x 12.98127 = 25.96254 per hour; x 730 = 18952.6542; 2 x 3.0 kW x 322.2 g/kWh (us-west-2) = 1.9332 kg.
    expect(p).toMatchObject({ sku: 'inf2.48xlarge', region: 'us-west-2', maxNodesFrom: 'max_size' });
    expect(known(p.cost)).toMatchObject({ usdPerHour: 25.96254, usdPerMonth: 18952.6542 });
    expect(known(p.emissions).kgCo2ePerHour).toBe(1.9332);
  });

  test('an EKS managed node group: instance_types and scaling_config.max_size', () => {
    const doc = synthDoc({
      aws_subnet: { b: { availability_zone: 'us-west-2a' } },
      aws_eks_node_group: { gpu: { instance_types: ['g6e.12xlarge'], subnet_ids: ['${aws_subnet.b.id}'], scaling_config: { min_size: 0, desired_size: 0, max_size: 4 } } },
    });
    // 4 x 10.49264 = 41.97056 per hour; 4 x 2.0 kW = 8 kWh; 8 x 322.2 / 1000 = 2.5776 kg.
    const p = pool(doc, 'aws_eks_node_group.gpu');
    expect(p).toMatchObject({ sku: 'g6e.12xlarge', region: 'us-west-2', maxNodes: 4, maxNodesFrom: 'scaling_config.max_size' });
    expect(known(p.cost).usdPerHour).toBe(41.97056);
    expect(known(p.emissions).kgCo2ePerHour).toBe(2.5776);
  });
});

describe('Azure: scale set + autoscale setting', () => {
  // Standard_ND96asr_v4: USD 27.197 per node-hour (eastus, 2026-11-09), 6.5 kW per node (DGX A100),
  // eastus grid 379.1 gCO2e/kWh.
  const synth = (withAutoscale: boolean, enabled = true) =>
    synthDoc({
      azurerm_linux_virtual_machine_scale_set: { v: { sku: 'Standard_ND96asr_v4', instances: 1, location: 'East US', tags: { 'aira:plane': 'training' } } },
      ...(withAutoscale
        ? {
            azurerm_monitor_autoscale_setting: {
              s: {
                enabled,
                target_resource_id: '${azurerm_linux_virtual_machine_scale_set.v.id}',
                profile: [
                  { name: 'day', capacity: { default: 2, minimum: 2, maximum: 4 } },
                  { name: 'burst', capacity: { default: 6, minimum: 0, maximum: 6 } },
                ],
              },
            },
          }
        : {}),
    });

  test('the largest profile maximum of the autoscale setting is the maximum size', () => {
    const p = pool(synth(true), 'azurerm_linux_virtual_machine_scale_set.v');
    // 6 x 27.197 = 163.182 per hour; x 730 = 119122.86; 6 x 6.5 = 39 kWh; 39 x 379.1 / 1000 = 14.7849 kg.
    expect(p).toMatchObject({ region: 'eastus', maxNodes: 6, maxNodesFrom: 'azurerm_monitor_autoscale_setting.s profile maximum' });
    expect(known(p.cost)).toMatchObject({ usdPerHour: 163.182, usdPerMonth: 119122.86, priceRegion: 'eastus', asOf: '2026-11-09' });
    expect(known(p.energy).kwhPerHour).toBe(39);
    expect(known(p.emissions).kgCo2ePerHour).toBe(14.7849);
  });

  test('without an autoscale setting (or with a disabled one), instances is the size', () => {
    expect(pool(synth(false), 'azurerm_linux_virtual_machine_scale_set.v')).toMatchObject({ maxNodes: 1, maxNodesFrom: 'instances' });
    expect(pool(synth(true, false), 'azurerm_linux_virtual_machine_scale_set.v')).toMatchObject({ maxNodes: 1, maxNodesFrom: 'instances' });
  });

  test('plan: profiles and capacity as lists, the target from the configuration', () => {
    const plan = planDoc([
      { type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { sku: 'Standard_ND96asr_v4', instances: 0, location: 'eastus' } },
      {
        type: 'azurerm_monitor_autoscale_setting',
        name: 's',
        values: { enabled: true, profile: [{ name: 'p', capacity: [{ default: 2, minimum: 0, maximum: 6 }] }] },
        afterUnknown: { target_resource_id: true },
        expressions: { target_resource_id: { references: ['azurerm_linux_virtual_machine_scale_set.v.id', 'azurerm_linux_virtual_machine_scale_set.v'] } },
      },
    ]);
    expect(known(pool(plan, 'azurerm_linux_virtual_machine_scale_set.v').cost).usdPerMonth).toBe(119122.86);
  });

  test('an AKS node pool: max_count when autoscaling, the region from its cluster', () => {
    const doc = synthDoc({
      azurerm_kubernetes_cluster: { k: { location: 'westeurope' } },
      azurerm_kubernetes_cluster_node_pool: { gpu: { kubernetes_cluster_id: '${azurerm_kubernetes_cluster.k.id}', vm_size: 'Standard_ND96isr_H100_v5', auto_scaling_enabled: true, min_count: 0, max_count: 2, node_count: 0 } },
    });
    // 2 x 98.32 = 196.64 per hour; 2 x 10.2 = 20.4 kWh; 20.4 x 328.4 / 1000 = 6.69936 kg.
    const p = pool(doc, 'azurerm_kubernetes_cluster_node_pool.gpu');
    expect(p).toMatchObject({ region: 'westeurope', maxNodes: 2, maxNodesFrom: 'max_count' });
    expect(known(p.cost).usdPerHour).toBe(196.64);
    expect(known(p.emissions).kgCo2ePerHour).toBe(6.69936);
  });
});

describe('Google: managed instance group + template, GKE node pools', () => {
  test('a regional group with a regional autoscaler: max_replicas', () => {
    // 5 x a2-highgpu-8g: 5 x 29.38708 = 146.9354 per hour; x 730 = 107262.842; 5 x 6.5 = 32.5 kWh;
    // europe-west4 194.35 gCO2e/kWh (Google, 2025): 6.316375 kg.
    const doc = synthDoc({
      google_compute_instance_template: { t: { machine_type: 'a2-highgpu-8g' } },
      google_compute_region_instance_group_manager: { g: { region: 'europe-west4', target_size: 2, version: [{ name: 'primary', instance_template: '${google_compute_instance_template.t.self_link_unique}' }] } },
      google_compute_region_autoscaler: { s: { region: 'europe-west4', target: '${google_compute_region_instance_group_manager.g.id}', autoscaling_policy: { min_replicas: 0, max_replicas: 5 } } },
    });
    const p = pool(doc, 'google_compute_region_instance_group_manager.g');
    expect(p).toMatchObject({ sku: 'a2-highgpu-8g', region: 'europe-west4', maxNodes: 5, maxNodesFrom: 'google_compute_region_autoscaler.s max_replicas' });
    expect(known(p.cost)).toMatchObject({ usdPerHour: 146.9354, usdPerMonth: 107262.842, priceRegion: 'us-central1', asOf: '2026-02-12' });
    expect(known(p.emissions)).toMatchObject({ kgCo2ePerHour: 6.316375, gco2PerKwh: 194.35, asOf: '2025' });
  });

  test('a zonal group without an autoscaler: target_size, the region from the zone (plan form)', () => {
    const plan = planDoc([
      { type: 'google_compute_instance_template', name: 't', values: { machine_type: 'a3-megagpu-8g' } },
      {
        type: 'google_compute_instance_group_manager',
        name: 'g',
        values: { zone: 'us-east5-a', target_size: 2, version: [{ name: 'primary' }] },
        afterUnknown: { version: [{ instance_template: true }] },
        expressions: { zone: { constant_value: 'us-east5-a' }, target_size: { constant_value: 2 }, version: [{ instance_template: { references: ['google_compute_instance_template.t.self_link_unique', 'google_compute_instance_template.t'] } }] },
      },
    ]);
    // 2 x 92.94 = 185.88 per hour; 2 x 10.2 = 20.4 kWh; us-east5 343.48 g: 7.006992 kg.
    const p = pool(plan, 'google_compute_instance_group_manager.g');
    expect(p).toMatchObject({ region: 'us-east5', maxNodes: 2, maxNodesFrom: 'target_size' });
    expect(known(p.cost).usdPerHour).toBe(185.88);
    expect(known(p.emissions).kgCo2ePerHour).toBe(7.006992);
  });

  test('a GKE TPU node pool: max_node_count per zone times its node_locations', () => {
    // ct5lp-hightpu-4t: 3 per zone x 2 zones = 6 nodes; 6 x 4.8 = 28.8 per hour, x 730 = 21024;
    // 6 x 1.0 kW = 6 kWh; us-central1 431.95 g: 2.5917 kg.
    const doc = synthDoc({
      google_container_cluster: { c: { location: 'us-central1' } },
      google_container_node_pool: { tpu: { cluster: '${google_container_cluster.c.id}', location: 'us-central1', node_locations: ['us-central1-a', 'us-central1-b'], autoscaling: { min_node_count: 0, max_node_count: 3 }, node_config: { machine_type: 'ct5lp-hightpu-4t' } } },
    });
    const p = pool(doc, 'google_container_node_pool.tpu');
    expect(p).toMatchObject({ sku: 'ct5lp-hightpu-4t', family: 'tpu', region: 'us-central1', maxNodes: 6, maxNodesFrom: 'autoscaling.max_node_count 3 per zone x 2 (node_locations)' });
    expect(known(p.cost)).toMatchObject({ usdPerHour: 28.8, usdPerMonth: 21024 });
    expect(known(p.emissions).kgCo2ePerHour).toBe(2.5917);
  });

  test('GKE: total_max_node_count counts the whole pool; node_count in a zonal pool counts once', () => {
    const doc = synthDoc({
      google_container_node_pool: {
        total: { location: 'us-central1', autoscaling: { total_min_node_count: 0, total_max_node_count: 5 }, node_config: { machine_type: 'a3-highgpu-8g' } },
        zonal: { location: 'us-central1-a', node_count: 2, node_config: { machine_type: 'a3-highgpu-8g' } },
      },
    });
    expect(pool(doc, 'google_container_node_pool.total')).toMatchObject({ maxNodes: 5, maxNodesFrom: 'autoscaling.total_max_node_count' });
    expect(pool(doc, 'google_container_node_pool.zonal')).toMatchObject({ region: 'us-central1', maxNodes: 2, maxNodesFrom: 'node_count 2 per zone x 1 (zonal location us-central1-a)' });
  });
});

describe('unknowns are reported with their reason, never as 0', () => {
  test('a SKU without a public price: cost unknown, energy and emissions known', () => {
    const doc = synthDoc({ aws_launch_template: { lt: { instance_type: 'p5e.48xlarge' } }, aws_autoscaling_group: { g: { max_size: 2, availability_zones: ['us-east-2a'], launch_template: { id: '${aws_launch_template.lt.id}' } } } });
    const p = pool(doc, 'aws_autoscaling_group.g');
    expect(p.cost).toEqual({ known: false, reason: 'the catalog has no public on-demand price for p5e.48xlarge' });
    // 2 x 10.2 = 20.4 kWh; us-east-2 410.6 g: 8.37624 kg.
    expect(known(p.emissions).kgCo2ePerHour).toBe(8.37624);
  });

  test('an accelerator SKU the catalog lacks is estimated as unknown; a CPU SKU it lacks is not a pool', () => {
    const doc = synthDoc({
      aws_launch_template: { gpu: { instance_type: 'p4de.24xlarge' }, cpu: { instance_type: 'm7i.large' } },
      aws_autoscaling_group: {
        gpu: { max_size: 2, availability_zones: ['us-east-1a'], launch_template: { id: '${aws_launch_template.gpu.id}' } },
        cpu: { max_size: 9, availability_zones: ['us-east-1a'], launch_template: { id: '${aws_launch_template.cpu.id}' } },
      },
    });
    const f = figures(doc);
    expect(f.pools.map((p) => p.address)).toEqual(['aws_autoscaling_group.gpu']);
    expect(f.pools[0].cost).toEqual({ known: false, reason: 'the catalog does not know p4de.24xlarge' });
    expect(f.pools[0].emissions).toEqual({ known: false, reason: 'the catalog does not know p4de.24xlarge' });
    expect(f.skipped).toEqual([{ address: 'aws_autoscaling_group.cpu', reason: 'm7i.large is neither in the catalog nor an accelerator SKU' }]);
    expect(f.totals.usdPerMonth).toEqual({ value: 0, unknownPools: ['aws_autoscaling_group.gpu'] });
  });

  test('plan: a maximum or an instance type known only after apply', () => {
    const plan = planDoc([
      { type: 'aws_launch_template', name: 'lt', values: { instance_type: 'p5.48xlarge' } },
      { type: 'aws_launch_template', name: 'later', values: {}, afterUnknown: { instance_type: true }, expressions: { instance_type: { references: ['var.instance_type'] } } },
      {
        type: 'aws_autoscaling_group',
        name: 'a',
        values: { availability_zones: ['us-east-1a'] },
        afterUnknown: { max_size: true },
        expressions: { max_size: { references: ['var.max_nodes'] }, launch_template: [{ id: { references: ['aws_launch_template.lt.id'] } }] },
      },
      { type: 'aws_autoscaling_group', name: 'b', values: { max_size: 2, availability_zones: ['us-east-1a'] }, expressions: { launch_template: [{ id: { references: ['aws_launch_template.later.id'] } }] } },
    ]);
    const a = pool(plan, 'aws_autoscaling_group.a');
    expect(a).toMatchObject({ maxNodesReason: 'max_size is known only after apply', cost: { known: false, reason: 'max_size is known only after apply' } });
    const b = pool(plan, 'aws_autoscaling_group.b');
    expect(b).toMatchObject({ skuReason: 'instance_type of aws_launch_template.later is known only after apply', energy: { known: false } });
  });

  test('a region without a grid intensity: emissions unknown, cost known', () => {
    const doc = synthDoc({ aws_launch_template: { lt: { instance_type: 'p5.48xlarge' } }, aws_autoscaling_group: { g: { max_size: 1, availability_zones: ['ap-south-1a'], launch_template: { id: '${aws_launch_template.lt.id}' } } } });
    const p = pool(doc, 'aws_autoscaling_group.g');
    expect(known(p.cost).usdPerHour).toBe(55.04);
    expect(p.emissions).toEqual({ known: false, reason: 'the catalog has no grid intensity for aws ap-south-1' });
  });

  test('a regional GKE node pool without zones listed: the node count is unknown', () => {
    const doc = synthDoc({ google_container_node_pool: { p: { location: 'us-central1', node_count: 1, node_config: { machine_type: 'a3-highgpu-8g' } } } });
    expect(pool(doc, 'google_container_node_pool.p').cost).toEqual({ known: false, reason: "a regional node pool without node_locations: GKE chooses its zones, which this input does not show" });
  });

  test('a pool the plan deletes, and a GKE pool on the default machine type, are not estimated', () => {
    const plan = planDoc([
      { type: 'aws_autoscaling_group', name: 'old', actions: ['delete'], before: { max_size: 4 } },
      { type: 'google_container_node_pool', name: 'sys', values: { location: 'us-central1-a', node_count: 1, node_config: [{}] } },
    ]);
    expect(figures(plan).skipped).toEqual([
      { address: 'aws_autoscaling_group.old', reason: 'deleted by this plan' },
      { address: 'google_container_node_pool.sys', reason: "no SKU set: the node pool uses GKE's default machine type" },
    ]);
  });
});

describe('stack totals and renderings', () => {
  const doc = synthDoc({
    aws_launch_template: { a: { instance_type: 'p5.48xlarge' }, b: { instance_type: 'p5e.48xlarge' } },
    aws_autoscaling_group: {
      a: { max_size: 2, availability_zones: ['us-east-1a'], launch_template: { id: '${aws_launch_template.a.id}' } },
      b: { max_size: 1, availability_zones: ['us-east-1a'], launch_template: { id: '${aws_launch_template.b.id}' } },
    },
  });

  test('known parts summed, unknown pools named (the total is then a lower bound)', () => {
    const t = figures(doc).totals;
    // a: 2 x 55.04 = 110.08 per hour, 80358.4 per month; b: no price. Energy 2 x 10.2 + 10.2 = 30.6 kWh.
    expect(t.usdPerHour).toEqual({ value: 110.08, unknownPools: ['aws_autoscaling_group.b'] });
    expect(t.usdPerMonth).toEqual({ value: 80358.4, unknownPools: ['aws_autoscaling_group.b'] });
    expect(t.kwhPerHour).toEqual({ value: 30.6, unknownPools: [] });
    expect(t.kgCo2ePerHour).toEqual({ value: 11.60046, unknownPools: [] });
  });

  test('text, Markdown and JSON: figures, numbered sources with dates, unknowns, the disclaimer', () => {
    const report = estimateInputs([loadDocument(doc, 'stack.json', 'demo')]);
    const text = renderEstimate('text', report);
    expect(text).toContain('Stack demo (stack.json, synthesized stack)');
    expect(text).toMatch(/aws_autoscaling_group\.a\s+p5\.48xlarge\s+us-east-1\s+2\s+110\.08\s+80,358\.40\s+20\.40\s+7\.73\s+\[1\] \[2\] \[3\]/);
    expect(text).toMatch(/Stack total \(2 pools\)\s+>= 110\.08\s+>= 80,358\.40\s+30\.60\s+11\.60/);
    expect(text).toContain('[1] price of p5.48xlarge: USD 55.04 per node-hour, on-demand list price in us-east-1 (reference region), as of 2026-01-19: https://aws.amazon.com/ec2/pricing/on-demand/');
    expect(text).toContain('[3] grid intensity of aws us-east-1: 379.1 gCO2e/kWh (2021)');
    expect(text).toContain('aws_autoscaling_group.b: cost unknown: the catalog has no public on-demand price for p5e.48xlarge');
    expect(text).toContain('Estimates, not quotes.');
    const md = renderEstimate('markdown', report);
    expect(md).toContain('| `aws_autoscaling_group.a` | p5.48xlarge | us-east-1 | 2 | 110.08 | 80,358.40 | 20.40 | 7.73 | [1] [2] [3] |');
    expect(md).toContain('| **Stack total** |  |  |  | **≥ 110.08** | **≥ 80,358.40** | **30.60** | **11.60** |  |');
    expect(md).toContain('> Estimates, not quotes.');
    const json = JSON.parse(renderEstimate('json', report));
    expect(json).toMatchObject({ version: '1.0.0', hoursPerMonth: 730, stacks: [{ stack: 'demo', file: 'stack.json', source: 'synth' }] });
    expect(json.stacks[0].pools[1].cost).toEqual({ known: false, reason: 'the catalog has no public on-demand price for p5e.48xlarge' });
    expect(renderEstimate('text', report)).toBe(text);
  });
});
