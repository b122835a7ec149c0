import { benchDemands, placementBench } from '../../scripts/bench/placement-bench';

describe('placement benchmark', () => {
  // The 1 s budget is checked by `npm run bench`, not here: timings in tests are noise on shared machines.
  test('1,000 generated demands, all feasible, are all placed', () => {
    expect(new Set(benchDemands(1000).map((d) => d.id)).size).toBe(1000);
    // placementBench throws unless every demand is placed.
    const [m] = placementBench(1);
    expect(m.name).toBe('placement-1000-demands');
    expect(m.runs).toBe(1);
  });
});
