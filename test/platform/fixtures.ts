import { PoolCapabilities } from '../../lib/core/compute';

/** Capabilities of a pool as a cloud's construct would report them, with overrides. */
export function caps(o: Partial<PoolCapabilities> & { name: string }): PoolCapabilities {
  return {
    cloud: 'aws',
    region: 'us-east-1',
    zones: ['us-east-1a'],
    plane: 'training',
    workload: 'training',
    sku: 'p5.48xlarge',
    listed: true,
    family: 'gpu',
    accelerator: { vendor: 'nvidia', model: 'H100', count: 8, memoryGb: 80 },
    fabric: 'efa',
    networkGbps: 3200,
    capacityMode: 'on-demand',
    placement: 'cluster',
    nodes: { min: 0, desired: 0, max: 2 },
    usdPerHourAtMax: 110.08,
    powerKwAtMax: 20.4,
    gridGco2PerKwh: 379.1,
    ...o,
  };
}

/** A CPU simulator pool of c7i.48xlarge nodes. */
export function simCaps(name: string, simulates: 'quantum' | 'neuromorphic', o: Partial<PoolCapabilities> = {}): PoolCapabilities {
  const base: Record<string, unknown> = { ...caps({ name }) };
  delete base.accelerator;
  return {
    ...(base as unknown as PoolCapabilities),
    plane: simulates === 'quantum' ? 'quantum' : 'training',
    workload: 'simulation',
    simulates,
    sku: 'c7i.48xlarge',
    family: 'cpu',
    fabric: 'ethernet',
    networkGbps: 50,
    placement: 'none',
    usdPerHourAtMax: 17.136,
    powerKwAtMax: 1.1,
    ...o,
  };
}
