export * from './types';
export { planTopology, zoneNames, DEFAULT_CARBON_PRICE_USD_PER_TONNE } from './optimizer';
export { matchAccelerator, residencyAllows, MAX_PLACEMENT_ZONES } from './check';
export { renderPlan, PLAN_FORMATS, PLAN_NOTES } from './render';
export type { PlanFormat } from './render';
export { parseDemands, loadDemandsFile } from './demands-file';
export { planTopologyReport } from './report';
