import { Capacity } from '../../lib/core/compute';
import { planPool } from '../../lib/core/pool-plan';
import { errorCodeOf } from '../helpers/synth';
import { fakeNetwork } from '../helpers/fake-network';

const TODAY = '2026-11-22';
const aws = fakeNetwork('aws', 'us-east-1', ['us-east-1a', 'us-east-1b', 'us-east-1c']);
const azure = fakeNetwork('azure', 'eastus', ['1', '2', '3']);
const gcp = fakeNetwork('gcp', 'us-east5', ['us-east5-a', 'us-east5-b'], ['training', 'inference', 'data', 'management', 'quantum', 'protected']);
const plan = (props: object, net = aws) => planPool({ network: net, sku: 'p5.48xlarge', nodes: 4, ...props } as never, net, 'pool', 'stack/pool', TODAY);

describe('planPool: defaults', () => {
  test('a multi-node training pool: training plane, first zone, cluster placement, fabric on, alarms', () => {
    const p = plan({});
    expect(p).toMatchObject({ workload: 'training', plane: 'training', zones: ['us-east-1a'], placement: 'cluster', fabric: true, exposure: 'private', nodes: { min: 4, desired: 4, max: 4 } });
    expect(p.alarms.map((a) => [a.key, a.threshold])).toEqual([['gpuTemperature', 85], ['xidErrors', 1]]);
    expect(p.capabilities).toMatchObject({ sku: 'p5.48xlarge', fabric: 'efa', capacityMode: 'on-demand', usdPerHourAtMax: 220.16, powerKwAtMax: 40.8, gridGco2PerKwh: 379.1, accelerator: { model: 'H100', count: 8 } });
  });

  test('an inference pool spans every zone; a single node gets no placement and no fabric', () => {
    expect(plan({ workload: 'inference', sku: 'inf2.48xlarge', nodes: { min: 3, max: 6 } })).toMatchObject({ plane: 'inference', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], placement: 'none', fabric: false, nodes: { min: 3, desired: 3, max: 6 } });
    expect(plan({ nodes: 1 })).toMatchObject({ placement: 'none', fabric: false });
  });

  test('reserved capacity brings its own placement: no placement group is forced', () => {
    expect(plan({ zones: ['us-east-1b'], capacity: Capacity.capacityBlock({ id: 'cr-0abc', zone: 'us-east-1b', instances: 4 }) })).toMatchObject({ placement: 'none', capabilities: { capacityMode: 'capacity-block' } });
    expect(plan({ capacity: Capacity.reservation({ id: 'cr-0abc', placementGroup: 'pg-1' }), placement: 'cluster' }).placement).toBe('cluster');
  });

  test('simulators: quantum plane when the network has one, alarms for their metrics', () => {
    const q = plan({ sku: 'c3-standard-88', workload: 'simulation', simulates: 'quantum', nodes: 2 }, gcp);
    expect(q).toMatchObject({ plane: 'quantum', fabric: false });
    expect(q.alarms.map((a) => a.key)).toEqual(['decoherence']);
    expect(plan({ sku: 'c7i.48xlarge', workload: 'simulation', simulates: 'neuromorphic', nodes: 2 }).plane).toBe('training');
  });

  test('TPU slices: the topology sets the hosts', () => {
    const t = plan({ sku: 'ct5p-hightpu-4t', tpuTopology: '2x2x4', nodes: 4 }, gcp);
    expect(t.tpu).toEqual({ topology: '2x2x4', chips: 16, hosts: 4 });
    expect(t.capabilities).toMatchObject({ fabric: 'ici', tpuTopology: '2x2x4' });
  });

  test('a retiring SKU passes with a warning', () => {
    expect(plan({ sku: 'Standard_NP20s', nodes: 1 }, azure).warnings.map((w) => w.code)).toEqual(['AIRA_W_SKU_RETIRING']);
  });

  test('a demand profile becomes a schedule within the node range', () => {
    const p = plan({ nodes: { min: 0, max: 8 }, demandProfile: { windows: [{ days: ['mon'], startHour: 8, endHour: 18, nodes: 8 }] } });
    expect(p.demand?.actions.map((a) => a.cron)).toEqual(['0 8 * * 1', '0 18 * * 1']);
  });
});

describe('planPool: bad input', () => {
  test.each([
    ['SKU not offered in the region', { sku: 'trn2.48xlarge' }, aws, 'AIRA_E_UNAVAILABLE_IN_REGION'],
    ['retired SKU (F1)', { sku: 'f1.2xlarge', nodes: 1 }, aws, 'AIRA_E_SKU_RETIRED'],
    ['SKU of another cloud', { sku: 'Standard_ND96isr_H100_v5' }, aws, 'AIRA_E_SKU_WRONG_CLOUD'],
    ['unknown SKU', { sku: 'p9.48xlarge' }, aws, 'AIRA_E_UNKNOWN_SKU'],
    ['zone outside the network', { zones: ['us-east-1f'] }, aws, 'AIRA_E_UNKNOWN_ZONE'],
    ['plane the network lacks', { plane: 'quantum' }, aws, 'AIRA_E_UNKNOWN_PLANE'],
    ['EFA requested on a SKU without it', { sku: 'inf2.48xlarge', fabric: true }, aws, 'AIRA_E_FABRIC_UNSUPPORTED'],
    ['InfiniBand requested on an NP FPGA', { sku: 'Standard_NP40s', fabric: true, nodes: 2 }, azure, 'AIRA_E_FABRIC_UNSUPPORTED'],
    ['reservation in another zone than the pool', { capacity: Capacity.reservation({ id: 'cr-1', zone: 'us-east-1b' }) }, aws, 'AIRA_E_CAPACITY_CONFLICT'],
    ['more nodes than the reservation holds', { nodes: { max: 8 }, capacity: Capacity.reservation({ id: 'cr-1', instances: 4 }) }, aws, 'AIRA_E_PLACEMENT_LIMIT'],
    ['more nodes than the Capacity Block holds', { nodes: 8, capacity: Capacity.capacityBlock({ id: 'cr-0abc', zone: 'us-east-1a', instances: 4 }) }, aws, 'AIRA_E_PLACEMENT_LIMIT'],
    ['more nodes than an InfiniBand placement group holds', { sku: 'Standard_ND96isr_H100_v5', nodes: 120 }, azure, 'AIRA_E_PLACEMENT_LIMIT'],
    ['Spot combined with a capacity reservation', { capacity: { kind: 'spot', id: 'cr-1' } }, aws, 'AIRA_E_CAPACITY_CONFLICT'],
    ['a placement group forced on a Capacity Block', { placement: 'cluster', capacity: Capacity.capacityBlock({ id: 'cr-0abc', zone: 'us-east-1a', instances: 4 }) }, aws, 'AIRA_E_CAPACITY_CONFLICT'],
    ['a placement group forced on a reservation made outside it', { placement: 'cluster', capacity: Capacity.reservation({ id: 'cr-1' }) }, aws, 'AIRA_E_CAPACITY_CONFLICT'],
    ['a Capacity Block on Azure', { sku: 'Standard_ND96isr_H100_v5', capacity: Capacity.capacityBlock({ id: 'cr-0abc', zone: '1', instances: 4 }) }, azure, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['a TPU topology that does not match the chip count', { sku: 'ct5p-hightpu-4t', tpuTopology: '2x2x4', nodes: 2 }, gcp, 'AIRA_E_TPU_TOPOLOGY'],
    ['a TPU topology of the wrong dimension', { sku: 'ct5lp-hightpu-4t', tpuTopology: '2x2x2', nodes: 2 }, gcp, 'AIRA_E_TPU_TOPOLOGY'],
    ['a TPU pool without a topology', { sku: 'ct6e-standard-4t', nodes: 1 }, gcp, 'AIRA_E_TPU_TOPOLOGY'],
    ['a public-facing pool on the protected plane', { plane: 'protected', exposure: 'public' }, aws, 'AIRA_E_PUBLIC_EXPOSURE'],
    ['a public-facing training pool', { exposure: 'public' }, aws, 'AIRA_E_PUBLIC_EXPOSURE'],
    ['node counts out of order', { nodes: { min: 4, max: 2 } }, aws, 'AIRA_E_INVALID_PROP'],
    ['cluster placement over two zones', { placement: 'cluster', zones: ['us-east-1a', 'us-east-1b'] }, aws, 'AIRA_E_INVALID_PROP'],
  ])('%s', (_name, props, net, code) => {
    expect(errorCodeOf(() => plan(props, net))).toBe(code);
  });

  test('errors name the construct path', () => {
    expect(() => plan({ sku: 'f1.2xlarge', nodes: 1 })).toThrow(/^AIRA_E_SKU_RETIRED: stack\/pool: f1\.2xlarge was retired on 2025-12-20\. Fix: /);
  });
});
