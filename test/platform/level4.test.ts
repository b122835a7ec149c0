import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { LEVEL4_EXAMPLE_DEMANDS, level4Multicloud } from '../../examples/level4-multicloud';
import { awsKit } from '../../lib/aws';
import { AiraError } from '../../lib/core/errors';
import { gcpKit } from '../../lib/gcp';
import { planTopology } from '../../lib/placement/optimizer';
import { AUDIT_FILE } from '../../lib/platform/audit';
import { TOPOLOGY_MD } from '../../lib/platform/diagram';
import { Level4Demand, Level4Platform, Level4PlatformProps, balancedTopology } from '../../lib/platform/level4';
import { poolNames } from '../../lib/platform/level4-pools';
import { errorCodeOf } from '../helpers/synth';
import { appIn, readJsonOut, readOut } from './helpers/outdir';

const aws = () => awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
const gcp = () => gcpKit({ project: 'acme-ml', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] });

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const DEMANDS: readonly Level4Demand[] = [
  { id: 'pretrain', accelerator: 'H100', count: 16, minInterconnectGbps: 3200 },
  { id: 'fpga-genomics', accelerator: 'fpga', count: 2 },
  { id: 'finetune', accelerator: 'TPU v5p', count: 8 },
  { id: 'serve', accelerator: 'inferentia', count: 24, zones: 2, demandProfile: { timeZone: 'America/New_York', baselineNodes: 1, windows: [{ days: WEEKDAYS, startHour: 8, endHour: 20, nodes: 2 }] } },
];

function build(extra: Partial<Level4PlatformProps> = {}, name = 'l4', app: App = appIn(name).app) {
  const l4 = new Level4Platform(app, 'l4', { kits: { aws: aws(), gcp: gcp() }, cidrs: { aws: '10.16.0.0/16', gcp: '10.36.0.0/16' }, demands: DEMANDS, ...extra });
  return { app, l4 };
}

function stackJson(dir: string, stack: string): any {
  return readJsonOut(dir, 'stacks', stack, 'cdk.tf.json');
}

function thrown(fn: () => unknown): AiraError {
  try {
    fn();
  } catch (e) {
    return e as AiraError;
  }
  throw new Error('expected an error, none was thrown');
}

describe('Level4Platform: the plan drives the stacks', () => {
  test('one stack per cloud the plan uses, one pool per placement with its SKU, nodes, zones, capacity and fabric', () => {
    const { app, l4 } = build();
    expect(l4.plan.clouds).toEqual(['aws', 'gcp']);
    expect(Object.keys(l4.stacks)).toEqual(['aws', 'gcp']);
    expect(l4.stacks.aws!.node.id).toBe('l4-aws');
    expect(l4.stacks.gcp!.node.path).toBe('l4/l4-gcp');
    // Two clouds: their stacks, then the site-to-site VPN's interconnect stack (test/platform/level4-vpn.test.ts).
    expect(app.node.findAll().filter((c) => c.node.id.startsWith('l4-')).map((c) => c.node.id)).toEqual(['l4-aws', 'l4-gcp', 'l4-interconnect']);
    // The same plan as the optimizer gives for these demands over these kits' regions.
    const direct = planTopology(DEMANDS.map((d) => ({ id: d.id, accelerator: d.accelerator, count: d.count, ...(d.minInterconnectGbps ? { minInterconnectGbps: d.minInterconnectGbps } : {}), ...(d.zones ? { zones: d.zones } : {}), residency: ['us-east-1', 'us-central1'] })), { today: '2026-11-22' });
    expect(l4.plan.placements.map((p) => [p.demandId, p.cloud, p.sku, p.nodes])).toEqual(direct.placements.map((p) => [p.demandId, p.cloud, p.sku, p.nodes]));
    for (const p of l4.plan.placements) {
      const caps = l4.pools[p.demandId].capabilities;
      expect(caps).toMatchObject({ cloud: p.cloud, region: p.region, sku: p.sku, capacityMode: p.capacityMode, fabric: p.nodes > 1 || p.family === 'tpu' ? p.fabric : 'ethernet' });
      expect(caps.nodes.max).toBe(p.nodes);
      expect(caps.zones).toHaveLength(p.zones.length);
      expect(l4.clouds[p.cloud]!.pools[p.demandId]).toBe(l4.pools[p.demandId]);
    }
    expect(l4.capabilities.map((c) => c.name)).toEqual(['l4-finetune', 'l4-fpga-genomics', 'l4-pretrain', 'l4-serve']);
    expect(l4.pools.pretrain.capabilities).toMatchObject({ sku: 'p5.48xlarge', fabric: 'efa', placement: 'cluster', zones: ['us-east-1a'], nodes: { min: 2, desired: 2, max: 2 } });
    expect(l4.pools['fpga-genomics'].capabilities).toMatchObject({ family: 'fpga', sku: 'f2.12xlarge' });
    expect(l4.pools.finetune.capabilities).toMatchObject({ cloud: 'gcp', sku: 'ct5p-hightpu-4t', tpuTopology: '2x2x2', fabric: 'ici' });
    // Two zones: the kit's zone names, no cluster placement; the demand profile sets the autoscaling range.
    expect(l4.pools.serve.capabilities).toMatchObject({ workload: 'inference', plane: 'inference', zones: ['us-east-1a', 'us-east-1b'], placement: 'none', nodes: { min: 0, desired: 1, max: 2 } });
  });

  test('synthesized: EFA on every network card, scheduled scaling from the profile, safety alarms, TPU slice, quantum access, storage grants', () => {
    const { app, l4 } = build({ alarms: { gpuTemperatureC: 80 } }, 'l4-synth');
    app.synth();
    const dir = app.outdir;
    const a = stackJson(dir, 'l4-aws');
    const lt = Object.entries<any>(a.resource.aws_launch_template).find(([k]) => k.includes('pretrain'))![1];
    expect(lt.network_interfaces).toHaveLength(32); // p5.48xlarge: 32 network cards, one EFA interface each
    expect(lt.network_interfaces.every((n: any) => n.interface_type === 'efa' || n.interface_type === 'efa-only')).toBe(true);
    const schedules = Object.values<any>(a.resource.aws_autoscaling_schedule).map((s) => [s.recurrence, s.desired_capacity, s.time_zone]).sort();
    expect(schedules).toEqual([
      ['0 20 * * 1,2,3,4,5', 1, 'America/New_York'],
      ['0 8 * * 1,2,3,4,5', 2, 'America/New_York'],
    ]);
    const temp = Object.entries<any>(a.resource.aws_cloudwatch_metric_alarm).find(([k]) => k.includes('pretrain') && k.includes('gpu_temperature'))![1];
    expect(temp.threshold).toBe(80);
    expect(Object.keys(a.resource.aws_cloudwatch_metric_alarm).some((k) => k.includes('serve') && k.includes('neuron'))).toBe(true);
    expect(Object.values<any>(a.resource.aws_s3_bucket).map((b) => b.bucket).filter((n: string) => n.startsWith('amazon-braket-'))).toHaveLength(1);
    expect(l4.clouds.aws!.quantum!.description).toMatch(/Braket/);
    expect(l4.clouds.gcp!.quantum!.description).toMatch(/no managed quantum service/);
    const g = stackJson(dir, 'l4-gcp');
    expect(Object.values<any>(g.resource.google_container_node_pool)[0].placement_policy).toEqual({ tpu_topology: '2x2x2', type: 'COMPACT' });
    expect(Object.keys(g.resource.google_storage_bucket)).toHaveLength(4); // lake, registry, checkpoints, access logs
    // Level 4 tags on both clouds.
    expect(Object.values<any>(a.resource.aws_vpc)[0].tags['aira:level']).toBe('level-4');
    // The policy guard ran on each stack and found nothing that fails synth.
    const manifest = readJsonOut(dir, 'manifest.json');
    for (const s of ['l4-aws', 'l4-gcp']) expect(manifest.stacks[s].annotations.filter((x: any) => x.level === '@cdktf/error')).toEqual([]);
    expect(l4.clouds.aws!.guard).toBeDefined();
  });

  test('audit manifest and diagram are written per stack, naming demands as workloads; two synths are byte-identical', () => {
    const files = (name: string) => {
      const { app } = build({}, name);
      app.synth();
      const dir = app.outdir;
      const list = ['manifest.json', TOPOLOGY_MD, ...['l4-aws', 'l4-gcp'].flatMap((s) => ['cdk.tf.json', AUDIT_FILE, 'aira-topology.json'].map((f) => path.join('stacks', s, f)))];
      return { dir, content: Object.fromEntries(list.map((f) => [f, readOut(dir, f)])) };
    };
    const one = files('l4-det-a');
    const two = files('l4-det-b');
    expect(two.content).toEqual(one.content);
    const audit = readJsonOut(one.dir, 'stacks', 'l4-aws', AUDIT_FILE);
    expect(audit).toMatchObject({ stack: 'l4-aws', level: 4, policyPacks: [], policyFailOn: 'high' });
    expect(audit.entries.map((e: any) => [e.workload, e.sku, e.timestamp])).toEqual([
      ['fpga-genomics', 'f2.12xlarge', '2026-11-22T00:00:00Z'],
      ['pretrain', 'p5.48xlarge', '2026-11-22T00:00:00Z'],
      ['serve', 'inf2.48xlarge', '2026-11-22T00:00:00Z'],
    ]);
    const md = one.content[TOPOLOGY_MD];
    expect([...md.matchAll(/^## Stack `([^`]+)`$/gm)].map((m) => m[1])).toEqual(['l4-aws', 'l4-gcp']);
    expect(md).toContain('aws us-east-1 · level 4 · 3 pools');
    expect(md).toContain('l4-finetune: training<br/>ct5p-hightpu-4t x 2');
  });

  test('flows given to the platform are declared on every network and drawn', () => {
    const { app, l4 } = build({ flows: [{ from: 'management', to: 'inference', port: 443, reason: 'clients call the inference pools' }] }, 'l4-flows');
    expect(l4.clouds.aws!.network.allows('management', 'inference', 443)).toBe(true);
    expect(l4.clouds.gcp!.network.allows('management', 'inference', 443)).toBe(true);
    app.synth();
    expect(readOut(app.outdir, TOPOLOGY_MD).match(/n0_management -->\|"tcp 443: clients call the inference pools"\| n0_inference/g)).toHaveLength(2);
  });

  test('options: no quantum, no storage, no audit, no diagram, no guard', () => {
    const { app, l4 } = build({ quantum: false, storage: false, audit: false, diagram: false, policyGuard: false }, 'l4-off');
    app.synth();
    expect(l4.clouds.aws!.quantum).toBeUndefined();
    expect(l4.clouds.aws!.storage).toBeUndefined();
    expect(l4.clouds.aws!.guard).toBeUndefined();
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'l4-aws', AUDIT_FILE))).toBe(false);
    expect(fs.existsSync(path.join(app.outdir, TOPOLOGY_MD))).toBe(false);
    expect(stackJson(app.outdir, 'l4-aws').resource.aws_s3_bucket).toBeUndefined();
  });

  test('spot and reserved capacity reach the pool; a reserved demand without a reservation fails', () => {
    const demands: Level4Demand[] = [
      { id: 'spotty', accelerator: 'A100', count: 8, clouds: ['aws'], capacity: 'spot' },
      { id: 'held', accelerator: 'H100', count: 8, clouds: ['aws'], capacity: 'reservation', reservation: { id: 'cr-0123456789abcdef0' } },
    ];
    const { l4 } = build({ demands }, 'l4-capacity');
    expect(l4.pools.spotty.capabilities.capacityMode).toBe('spot');
    expect(l4.pools.held.capabilities).toMatchObject({ capacityMode: 'reservation', placement: 'none' });
    const e = thrown(() => build({ demands: [{ id: 'held', accelerator: 'H100', count: 8, clouds: ['aws'], capacity: 'reservation' }] }, 'l4-capacity-bad'));
    expect(e.code).toBe('AIRA_E_MISSING_PROP');
    expect(e.message).toContain('l4/l4-aws/platform/held');
  });
});

describe('Level4Platform: bad input fails at construct time', () => {
  test('an infeasible demand: AIRA_E_PLACEMENT_INFEASIBLE with the construct path and the nearest options', () => {
    const e = thrown(() => build({ demands: [{ id: 'cheap', accelerator: 'H100', count: 64, maxUsdPerHour: 10 }] }, 'l4-infeasible'));
    expect(e.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(e.message).toMatch(/^AIRA_E_PLACEMENT_INFEASIBLE: l4: demand "cheap": .*nearest options/);
  });

  test('a demand no kit can take names why for each kit', () => {
    const e = thrown(() => build({ demands: [{ id: 'eu', accelerator: 'gpu', count: 8, residency: ['europe-*', 'eu-*'] }] }, 'l4-residency'));
    expect(e.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(e.message).toContain('l4: demand "eu": no kit of the platform can take it: aws us-east-1 (outside residency europe-*, eu-*); gcp us-central1 (outside residency europe-*, eu-*)');
    const az = thrown(() => build({ demands: [{ id: 'az', accelerator: 'H100', count: 8, clouds: ['azure'] }] }, 'l4-azure-only'));
    expect(az.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(az.message).toContain('aws (not in the demand\'s clouds); gcp (not in the demand\'s clouds)');
    const zones = thrown(() => build({ demands: [{ id: 'wide', accelerator: 'gpu', count: 8, zones: 3 }] }, 'l4-zones'));
    expect(zones.message).toContain('aws (the kit has 2 zone(s), 3 asked)');
  });

  test.each<[string, Partial<Level4PlatformProps>, string]>([
    ['unknown interconnect', { interconnect: 'fiber' as never }, 'AIRA_E_INVALID_PROP'],
    ['no kits', { kits: {} }, 'AIRA_E_MISSING_PROP'],
    ['a kit under the wrong cloud', { kits: { gcp: aws() } }, 'AIRA_E_INVALID_PROP'],
    ['no demands', { demands: [] }, 'AIRA_E_MISSING_PROP'],
    ['a bad demand', { demands: [{ id: 'x', accelerator: 'warp-drive', count: 1 }] }, 'AIRA_E_INVALID_PROP'],
    ['a used cloud without a cidr', { cidrs: { aws: '10.16.0.0/16' } }, 'AIRA_E_MISSING_PROP'],
    ['overlapping cidrs', { cidrs: { aws: '10.16.0.0/16', gcp: '10.16.0.0/16' } }, 'AIRA_E_CIDR_OVERLAP'],
    ['a name too long', { name: 'a-very-long-platform-name-x' }, 'AIRA_E_INVALID_NAME'],
    ['a TPU chip count with no balanced slice', { demands: [{ id: 'tpu', accelerator: 'TPU v5p', count: 12 }] }, 'AIRA_E_TPU_TOPOLOGY'],
    ['a profile asking for more than the planned nodes', { demands: [{ id: 'p', accelerator: 'H100', count: 8, clouds: ['aws'], demandProfile: { windows: [{ days: ['mon'], startHour: 1, endHour: 2, nodes: 5 }] } }] }, 'AIRA_E_INVALID_PROP'],
  ])('%s', (_name, extra, code) => {
    expect(errorCodeOf(() => build(extra, `l4-bad-${code}`))).toBe(code);
  });

  test('the TPU topology can be given for counts with no balanced slice', () => {
    expect(errorCodeOf(() => build({ demands: [{ id: 'tpu', accelerator: 'TPU v5p', count: 192 }] }, 'l4-tpu-none'))).toBe('AIRA_E_TPU_TOPOLOGY');
    const { l4 } = build({ demands: [{ id: 'tpu', accelerator: 'TPU v5p', count: 192, tpuTopology: '4x4x12' }] }, 'l4-tpu-given');
    expect(l4.pools.tpu.capabilities).toMatchObject({ tpuTopology: '4x4x12', nodes: { max: 48 } });
  });
});

describe('examples/level4-multicloud.ts', () => {
  test('places the demands on all three clouds, one stack each, and passes the policy guard with no finding', () => {
    const { app } = appIn('l4-example');
    const stacks = level4Multicloud(app);
    expect(Object.fromEntries(Object.entries(stacks).map(([c, s]) => [c, s!.node.id]))).toEqual({ aws: 'level4-multicloud-aws', azure: 'level4-multicloud-azure', gcp: 'level4-multicloud-gcp' });
    const l4 = app.node.findChild('level4-multicloud') as Level4Platform;
    expect(l4.plan.placements.map((p) => [p.demandId, p.cloud, p.sku, p.nodes])).toEqual([
      ['batch-inference', 'aws', 'inf2.48xlarge', 2],
      ['genomics-fpga', 'aws', 'f2.12xlarge', 1],
      ['ib-finetune', 'azure', 'Standard_ND96asr_v4', 2],
      ['llm-pretrain', 'aws', 'p5.48xlarge', 2],
      ['tpu-finetune', 'gcp', 'ct5p-hightpu-4t', 2],
    ]);
    expect(LEVEL4_EXAMPLE_DEMANDS).toHaveLength(5);
    expect(l4.clouds.azure!.network.cidr).toBe('10.26.0.0/16');
    expect(l4.pools['ib-finetune'].capabilities.fabric).toBe('infiniband-hdr');
    app.synth();
    const manifest = readJsonOut(app.outdir, 'manifest.json');
    for (const s of Object.keys(manifest.stacks)) expect(manifest.stacks[s].annotations).toEqual([]);
    expect(readJsonOut(app.outdir, 'stacks', 'level4-multicloud-azure', AUDIT_FILE).entries.map((e: any) => e.workload)).toEqual(['ib-finetune']);
  });
});

describe('Level 4 helpers', () => {
  test.each<[number, 2 | 3, string | undefined]>([
    [4, 3, '2x2x1'],
    [8, 3, '2x2x2'],
    [16, 3, '2x2x4'],
    [32, 3, '2x4x4'],
    [64, 3, '4x4x4'],
    [4, 2, '2x2'],
    [8, 2, '2x4'],
    [16, 2, '4x4'],
    [32, 2, '4x8'],
    [12, 3, undefined],
  ])('balancedTopology(%i chips, %i dims) = %s', (chips, dims, shape) => {
    expect(balancedTopology(chips, dims)).toBe(shape);
  });

  test('pool names: prefix and demand id, shortened with a hash past 30 characters, unique', () => {
    const names = poolNames('l4', ['a.b', 'a_b', 'a-very-long-demand-identifier-of-a-workload']);
    expect(names.get('a.b')).toBe('l4-a-b');
    expect(names.get('a_b')).not.toBe('l4-a-b');
    expect(names.get('a_b')).toMatch(/^l4-a-b-[0-9a-f]{6}$/);
    const long = names.get('a-very-long-demand-identifier-of-a-workload')!;
    expect(long.length).toBeLessThanOrEqual(30);
    expect(long).toMatch(/^l4-a-very-long-demand-i-[0-9a-f]{6}$/);
  });
});
