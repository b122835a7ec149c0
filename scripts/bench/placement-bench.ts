/**
 * Benchmark of the topology optimizer: `planTopology` on 1,000 generated demands against the full
 * catalog, in-process. Budget: under 1 s (issue 7, Level 4). Register it in scripts/bench.ts `extras`.
 */
import { WorkloadDemand } from '../../lib/placement/types';
import { planTopology } from '../../lib/placement/optimizer';
import type { Measurement } from './measure';

/** Demand shapes that are all feasible, cycled with varying counts (no randomness: same demands every run). */
const SHAPES: ReadonlyArray<Omit<WorkloadDemand, 'id' | 'count'>> = [
  { accelerator: 'gpu' },
  { accelerator: 'H100', minInterconnectGbps: 1600 },
  { accelerator: 'H200', residency: ['us-*', 'eastus2', 'swedencentral'], capacity: 'reservation' },
  { accelerator: 'A100', clouds: ['azure', 'gcp'], zones: 2 },
  { accelerator: 'trainium', capacity: 'spot' },
  { accelerator: 'inferentia', zones: 3 },
  { accelerator: 'tpu', residency: ['europe-*'], maxGco2PerKwh: 200 },
  { accelerator: 'TPU v5p', minAcceleratorMemoryGb: 90 },
  { accelerator: 'fpga', clouds: ['aws'] },
  { accelerator: 'cpu', maxGco2PerKwh: 50 },
];

/** `n` demands over all accelerator families and constraint kinds. */
export function benchDemands(n: number): WorkloadDemand[] {
  return Array.from({ length: n }, (_, i) => ({ id: `d${String(i).padStart(4, '0')}`, count: 8 * (1 + (i % 16)), ...SHAPES[i % SHAPES.length] }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times `planTopology` on 1,000 demands `runs` times after one warm-up run; median wall time, peak RSS. */
export function placementBench(runs: number): Measurement[] {
  const demands = benchDemands(1000);
  const walls: number[] = [];
  let peak = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const plan = planTopology(demands);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (plan.placements.length !== demands.length) throw new Error(`placement bench: ${plan.placements.length} of ${demands.length} demands placed`);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (i > 0) walls.push(ms);
  }
  return [{ name: 'placement-1000-demands', runs, wallMs: Math.round(median(walls)), peakRssMb: Math.round(peak / 1024 / 1024) }];
}
