import { benchDemands, placementBench } from '../../scripts/bench/placement-bench';

describe('placement benchmark', () => {
  test('1,000 generated demands, all feasible, are planned well within the 1 s budget', () => {
    expect(new Set(benchDemands(1000).map((d) => d.id)).size).toBe(1000);
    // placementBench throws unless every demand is placed.
    const [m] = placementBench(1);
    expect(m.name).toBe('placement-1000-demands');
    expect(m.wallMs).toBeLessThan(1000);
  });
});
