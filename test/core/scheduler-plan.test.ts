import { PoolCapabilities } from '../../lib/core/compute';
import { SchedulerPoolSpec } from '../../lib/core/kit';
import { checkSchedulerPools } from '../../lib/core/scheduler-plan';
import { errorCodeOf } from '../helpers/synth';
import { fakeNetwork } from '../helpers/fake-network';

const net = fakeNetwork('azure', 'eastus', ['1', '2']);
const caps = (over: Partial<PoolCapabilities> = {}): PoolCapabilities =>
  ({ name: 'gpu', cloud: 'azure', region: 'eastus', zones: ['1'], plane: 'training', family: 'gpu', sku: 'Standard_ND96isr_H100_v5', ...over }) as PoolCapabilities;
const spec = (over: Partial<PoolCapabilities> = {}): SchedulerPoolSpec => ({ capabilities: caps(over), labels: { 'aira.io/pool': 'gpu' }, taints: [] });

describe('checkSchedulerPools (shared by the EKS, AKS and GKE clusters)', () => {
  test('accepts pools of the cloud, region and zones of the network', () => {
    expect(() => checkSchedulerPools([spec(), spec({ name: 'sim', zones: ['1', '2'] })], net, 'azure', 'c')).not.toThrow();
  });

  test.each([
    ['no pool class', [], 'AIRA_E_MISSING_PROP'],
    ['a pool of another cloud', [spec({ cloud: 'aws' })], 'AIRA_E_INVALID_PROP'],
    ['a pool of another region', [spec({ region: 'westus' })], 'AIRA_E_INVALID_PROP'],
    ['a pool given twice', [spec(), spec()], 'AIRA_E_INVALID_NAME'],
    ['a pool named like the system pool', [spec({ name: 'system' })], 'AIRA_E_INVALID_NAME'],
    ['a zone outside the network', [spec({ zones: ['3'] })], 'AIRA_E_UNKNOWN_ZONE'],
    ['a spec without labels and taints', [{ capabilities: caps() } as SchedulerPoolSpec], 'AIRA_E_INVALID_PROP'],
    ['a spec without capabilities', [{} as SchedulerPoolSpec], 'AIRA_E_INVALID_PROP'],
  ])('%s is refused with its code', (_name, pools, code) => {
    expect(errorCodeOf(() => checkSchedulerPools(pools as SchedulerPoolSpec[], net, 'azure', 'c'))).toBe(code);
  });
});
