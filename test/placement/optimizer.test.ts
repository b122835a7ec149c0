import { findSku, listSkus } from '../../lib/core/catalog';
import { AiraError } from '../../lib/core/errors';
import { Placement, PlacementOptions, PlacementPlan, WorkloadDemand, planTopology, renderPlan, zoneNames } from '../../lib/placement';

/** The AiraError a call throws (fails the test when it throws nothing or something else). */
function errorOf(fn: () => unknown): AiraError {
  try {
    fn();
  } catch (e) {
    if (AiraError.isAiraError(e)) return e;
    throw e;
  }
  throw new Error('expected an AiraError, none was thrown');
}

/** Plans one demand and returns its placement. */
function place(d: Omit<WorkloadDemand, 'id'>, options: PlacementOptions = {}): Placement {
  return planTopology([{ id: 'd', ...d }], options).placements[0];
}

const US_OR_SWEDEN = ['us-*', 'swedencentral'];

describe('planTopology: feasibility and objective', () => {
  const cases: Array<[string, Omit<WorkloadDemand, 'id'>, PlacementOptions, Partial<Placement>]> = [
    // A100 x16: p4d $21.96 < ND96asr_v4 $27.20 < a2 $29.39 per node; equal prices across regions, so the
    // cleanest region of the cheapest SKU wins the tie (eu-north-1, 8.8 gCO2e/kWh).
    ['cheapest feasible wins', { accelerator: 'A100', count: 16 }, { carbonWeight: 0 }, { sku: 'p4d.24xlarge', cloud: 'aws', region: 'eu-north-1', nodes: 2, usdPerHour: 43.9153 }],
    // Without a cap the cheap p5 in the US (>= 322 gCO2e/kWh) wins; the cap leaves only Sweden.
    ['no carbon cap: cheapest US region', { accelerator: 'H100', count: 8, residency: US_OR_SWEDEN }, {}, { sku: 'p5.48xlarge', region: 'us-west-2', gco2PerKwh: 322.2 }],
    ['carbon cap moves placement to a cleaner region', { accelerator: 'H100', count: 8, residency: US_OR_SWEDEN, maxGco2PerKwh: 50 }, {}, { sku: 'Standard_ND96isr_H100_v5', cloud: 'azure', region: 'swedencentral', gco2PerKwh: 5.67 }],
    ['a heavy carbon weight trades cost for carbon', { accelerator: 'H100', count: 8, residency: US_OR_SWEDEN }, { carbonWeight: 100 }, { sku: 'Standard_ND96isr_H100_v5', region: 'swedencentral' }],
    ['residency respected', { accelerator: 'gpu', count: 8, residency: ['europe-*'] }, {}, { cloud: 'gcp', sku: 'a2-highgpu-8g', region: 'europe-west4' }],
    ['interconnect minimum excludes slow SKUs', { accelerator: 'A100', count: 8, minInterconnectGbps: 1000 }, {}, { sku: 'Standard_ND96asr_v4', fabric: 'infiniband-hdr', networkGbps: 1600 }],
    ['memory minimum selects H200-class SKUs', { accelerator: 'gpu', count: 8, minAcceleratorMemoryGb: 100 }, {}, { sku: 'p5en.48xlarge', model: 'H200', acceleratorMemoryGb: 141 }],
    ['allowed clouds respected', { accelerator: 'H100', count: 8, clouds: ['gcp'] }, {}, { cloud: 'gcp', sku: 'a3-highgpu-8g' }],
    ['spot preference with a spot price factor', { accelerator: 'tpu', count: 16, capacity: 'spot', maxUsdPerHour: 10 }, { spotPriceFactor: 0.4 }, { capacityMode: 'spot', sku: 'ct5lp-hightpu-4t', nodes: 4, usdPerHour: 7.68 }],
    ['reservation bills at the on-demand rate', { accelerator: 'tpu', count: 16, capacity: 'reservation' }, { spotPriceFactor: 0.4 }, { capacityMode: 'reservation', usdPerHour: 19.2 }],
    ['nodes round up to a multiple of the zones', { accelerator: 'A100', count: 8, zones: 2 }, {}, { nodes: 2, nodesPerZone: 1, zones: ['eu-north-1a', 'eu-north-1b'] }],
    ['count in nodes', { accelerator: 'trainium', count: 3, unit: 'nodes' }, {}, { sku: 'trn1.32xlarge', nodes: 3, accelerators: 48 }],
    ['cpu counts nodes by default', { accelerator: 'cpu', count: 2, maxGco2PerKwh: 50 }, {}, { sku: 'c3-standard-88', nodes: 2, accelerators: 0, region: 'europe-north1' }],
  ];

  test.each(cases)('%s', (_name, demand, options, expected) => {
    expect(place(demand, options)).toEqual(expect.objectContaining(expected));
  });

  test('the chosen placement has the lowest score of every feasible SKU, and each rejection says why', () => {
    const p = place({ accelerator: 'A100', count: 8, minInterconnectGbps: 1000 });
    const kinds = Object.fromEntries(p.rejected.map((r) => [r.sku, r.kinds]));
    expect(kinds['p4d.24xlarge']).toEqual(['interconnect']);
    expect(kinds['a2-highgpu-8g']).toEqual(['interconnect']);
    expect(kinds['p5.48xlarge']).toEqual(['model-mismatch']);
    expect(p.rejected.find((r) => r.sku === 'p4d.24xlarge')?.detail).toContain('400 Gbps per node, below 1000 Gbps');
    // Every other GPU SKU is accounted for, in cloud then id order, and the chosen one is not among them.
    const gpuIds = listSkus({ family: 'gpu' }).map((s) => s.id).filter((id) => id !== p.sku);
    expect(p.rejected.map((r) => r.sku).sort()).toEqual([...gpuIds].sort());
    const order = p.rejected.map((r) => `${['aws', 'azure', 'gcp'].indexOf(r.cloud)}:${r.sku}`);
    expect(order).toEqual([...order].sort());
    for (const r of p.rejected.filter((x) => x.kinds.includes('outscored'))) expect(r.detail).toMatch(/scored worse/);
    expect(p.reason).toContain('lowest score');
    expect(p.reason).toContain('8 accelerators / 8 per node -> 1 nodes');
  });

  test('spot without a spot price factor warns that the estimate is the on-demand price', () => {
    const p = place({ accelerator: 'tpu', count: 16, capacity: 'spot' });
    expect(p.usdPerHour).toBe(19.2);
    expect(p.warnings.join(' ')).toContain('upper bound');
  });

  test('retired SKUs are never chosen, and a retiring one carries a warning', () => {
    const fpga = place({ accelerator: 'fpga', count: 1 });
    expect(findSku(fpga.sku)?.lifecycle.status).not.toBe('retired');
    expect(fpga.rejected.find((r) => r.sku === 'f1.2xlarge')?.kinds).toContain('retired');
    const np = place({ accelerator: 'fpga', count: 1, clouds: ['azure'] });
    expect(np.warnings[0]).toMatch(/retires on 2027-05-31/);
    // After the NP retirement date nothing on Azure is left, and the retired SKUs are not offered as nearest.
    const e = errorOf(() => planTopology([{ id: 'np', accelerator: 'fpga', count: 1, clouds: ['azure'] }], { today: '2027-06-01' }));
    expect(e.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(e.message).not.toContain('Standard_NP');
    expect(e.message).toContain('f2.12xlarge');
    const vu9p = errorOf(() => planTopology([{ id: 'old', accelerator: 'VU9P', count: 1 }]));
    expect(vu9p.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
  });

  test('a placement group limit makes a too-large zone infeasible, more zones fix it', () => {
    // ND H100 v5 scale sets hold 100 nodes in one placement group (catalog maxNodesPerPlacementGroup).
    const big = { accelerator: 'H100', count: 808, clouds: ['azure'] as const };
    expect(errorOf(() => planTopology([{ id: 'big', ...big, clouds: [...big.clouds] }])).message).toContain('101 nodes per zone, over the 100-node placement group limit');
    expect(place({ ...big, clouds: [...big.clouds], zones: 2 })).toEqual(expect.objectContaining({ nodes: 102, nodesPerZone: 51 }));
  });
});

describe('planTopology: infeasible demands', () => {
  test('the error has the exact code and lists the three nearest options', () => {
    const e = errorOf(() => planTopology([{ id: 'eu-train', accelerator: 'H100', count: 64, maxUsdPerHour: 400, residency: ['eu-*'] }]));
    expect(e.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(e.where).toBe('demands: demand "eu-train"');
    // p5 in eu-north-1 breaks only the budget, by 10 %: the nearest option.
    expect(e.message).toContain('(1) p5.48xlarge in aws eu-north-1 at $440.32/h: $440.32/h over the $400.00/h cap');
    expect(e.message).toContain('(3) ');
    expect(e.message).not.toContain('(4) ');
    expect(e.fix).toContain('maxUsdPerHour');
  });

  test.each([
    ['interconnect', { accelerator: 'A100', count: 8, minInterconnectGbps: 5000 }, '1600 Gbps per node, below 5000 Gbps'],
    ['memory', { accelerator: 'tpu', count: 4, minAcceleratorMemoryGb: 200 }, '95 GB per accelerator, below 200 GB'],
    ['carbon cap', { accelerator: 'trainium', count: 16, maxGco2PerKwh: 100 }, 'gCO2e/kWh over the 100 cap'],
    ['residency', { accelerator: 'trainium', count: 16, residency: ['eu-*'] }, 'outside residency eu-*'],
    ['clouds', { accelerator: 'tpu', count: 4, clouds: ['aws'] }, 'cloud gcp not in aws'],
  ] as Array<[string, Omit<WorkloadDemand, 'id'>, string]>)('%s: nearest options name the violated constraint', (_n, d, text) => {
    const e = errorOf(() => planTopology([{ id: 'x', ...d }]));
    expect(e.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(e.message).toContain(text);
  });

  test('the first infeasible demand in id order is reported, with the other infeasible ids', () => {
    const e = errorOf(() =>
      planTopology([
        { id: 'z', accelerator: 'tpu', count: 4, clouds: ['azure'] },
        { id: 'ok', accelerator: 'cpu', count: 1 },
        { id: 'b', accelerator: 'trainium', count: 16, residency: ['eu-*'] },
      ]),
    );
    expect(e.where).toBe('demands: demand "b"');
    expect(e.message).toContain('also infeasible: z');
  });

  test.each([
    ['unknown accelerator', { id: 'x', accelerator: 'B300', count: 1 }, 'AIRA_E_INVALID_PROP'],
    ['count below 1', { id: 'x', accelerator: 'gpu', count: 0 }, 'AIRA_E_INVALID_PROP'],
    ['too many zones', { id: 'x', accelerator: 'gpu', count: 8, zones: 4 }, 'AIRA_E_INVALID_PROP'],
    ['unknown cloud', { id: 'x', accelerator: 'gpu', count: 8, clouds: ['oci'] }, 'AIRA_E_INVALID_PROP'],
    ['bad residency', { id: 'x', accelerator: 'gpu', count: 8, residency: [] }, 'AIRA_E_INVALID_PROP'],
    ['cpu counted in accelerators', { id: 'x', accelerator: 'cpu', count: 1, unit: 'accelerators' }, 'AIRA_E_INVALID_PROP'],
  ] as Array<[string, WorkloadDemand, string]>)('bad input: %s', (_n, d, code) => {
    expect(errorOf(() => planTopology([d])).code).toBe(code);
  });

  test('repeated ids and bad options are rejected', () => {
    expect(errorOf(() => planTopology([{ id: 'a', accelerator: 'gpu', count: 1 }, { id: 'a', accelerator: 'tpu', count: 1 }])).message).toContain('appears twice');
    expect(errorOf(() => planTopology([], { spotPriceFactor: 2 })).code).toBe('AIRA_E_INVALID_PROP');
    expect(errorOf(() => planTopology([], { today: 'tomorrow' })).code).toBe('AIRA_E_INVALID_PROP');
  });
});

describe('planTopology: determinism', () => {
  const demands: WorkloadDemand[] = [
    { id: 'train-a', accelerator: 'H100', count: 64, minInterconnectGbps: 1600 },
    { id: 'train-b', accelerator: 'trainium2', count: 32 },
    { id: 'infer', accelerator: 'inferentia', count: 24, zones: 2, capacity: 'spot' },
    { id: 'tpu', accelerator: 'TPU v5p', count: 64, residency: ['europe-*'] },
    { id: 'fpga', accelerator: 'fpga', count: 2, clouds: ['aws'] },
    { id: 'etl', accelerator: 'cpu', count: 4, maxGco2PerKwh: 50 },
    { id: 'h200', accelerator: 'H200', count: 16, capacity: 'reservation' },
    { id: 'l40s', accelerator: 'l40s', count: 8, zones: 3 },
  ];
  const permutations = [
    [...demands].reverse(),
    [...demands.slice(3), ...demands.slice(0, 3)],
    demands.filter((_, i) => i % 2 === 1).concat(demands.filter((_, i) => i % 2 === 0)),
  ];

  test.each(permutations.map((p, i) => [i, p] as const))('permutation %i gives the identical plan', (_i, shuffled) => {
    const base = planTopology(demands);
    expect(JSON.stringify(planTopology(shuffled))).toBe(JSON.stringify(base));
  });

  test('placements are in demand id order and the plan lists the clouds it uses', () => {
    const plan = planTopology(demands);
    expect(plan.placements.map((p) => p.demandId)).toEqual(demands.map((d) => d.id).sort());
    expect(plan.clouds).toEqual(['aws', 'azure', 'gcp'].filter((c) => plan.placements.some((p) => p.cloud === c)));
    expect(plan.totals.nodes).toBe(plan.placements.reduce((s, p) => s + p.nodes, 0));
  });
});

describe('zoneNames', () => {
  test.each([
    ['aws', 'us-east-1', 2, ['us-east-1a', 'us-east-1b']],
    ['azure', 'eastus', 3, ['1', '2', '3']],
    ['gcp', 'us-central1', 2, ['us-central1-a', 'us-central1-b']],
    ['gcp', 'us-east1', 2, ['us-east1-b', 'us-east1-c']],
    ['gcp', 'us-central2', 2, ['us-central2-b']],
  ] as const)('%s %s x%i', (cloud, region, n, zones) => {
    expect(zoneNames(cloud, region, n)).toEqual(zones);
  });
});

describe('renderPlan', () => {
  let plan: PlacementPlan;
  beforeAll(() => {
    plan = planTopology([
      { id: 'train', accelerator: 'H100', count: 16 },
      { id: 'fpga', accelerator: 'fpga', count: 2, clouds: ['azure'] },
    ]);
  });

  test('json parses back to the plan, with the notes', () => {
    const parsed = JSON.parse(renderPlan(plan, 'json'));
    const { notes, ...rest } = parsed;
    expect(rest).toEqual(JSON.parse(JSON.stringify(plan)));
    expect(notes.length).toBeGreaterThan(0);
  });

  test('markdown has a summary table with one row per placement and a section per demand', () => {
    const md = renderPlan(plan, 'markdown');
    const lines = md.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| Demand | Cloud | Region |'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^\| --- \|/);
    expect(lines[header + 2]).toMatch(/^\| fpga \| azure \| /);
    expect(lines[header + 3]).toMatch(/^\| train \| aws \| eu-north-1 \| eu-north-1a \| p5\.48xlarge \| 2 \| on-demand \| efa 3200 Gbps \| 110\.08 \|/);
    expect(lines[header + 4]).toBe('');
    expect(md).toContain('## train');
    expect(md).toContain('| Rejected SKU | Cloud | Why |');
  });

  test('text has a block per demand with the reason and the rejections', () => {
    const text = renderPlan(plan, 'text');
    expect(text).toContain('train: aws eu-north-1 [eu-north-1a] p5.48xlarge x2 on-demand');
    expect(text).toContain('  why: p5.48xlarge in aws eu-north-1');
    expect(text).toContain('  rejected a3-highgpu-8g (gcp): feasible but scored worse');
    expect(text).toMatch(/warning: Standard_NP\d+s retires on 2027-05-31/);
    expect(text).toContain('Total: ');
  });

  test('an unknown format is rejected', () => {
    expect(errorOf(() => renderPlan(plan, 'html' as never)).code).toBe('AIRA_E_INVALID_PROP');
  });
});
