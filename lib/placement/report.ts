import { loadDemandsFile } from './demands-file';
import { planTopology } from './optimizer';
import { PlanFormat, renderPlan } from './render';
import type { PlacementOptions } from './types';

/**
 * The core of `aira plan-topology <demands file>`: reads the demands, plans them and renders the plan,
 * without synthesizing anything. Returns the text to print; throws AiraError for a bad file, a bad
 * demand (AIRA_E_INVALID_PROP) or an infeasible one (AIRA_E_PLACEMENT_INFEASIBLE).
 */
export function planTopologyReport(file: string, format: PlanFormat = 'text', options: PlacementOptions = {}): string {
  const demands = loadDemandsFile(file);
  return renderPlan(planTopology(demands, { source: file, ...options }), format);
}
