import { AiraError, ErrorCodes } from '../core/errors';
import type { Placement, PlacementPlan } from './types';

/** Output formats of `renderPlan`. */
export type PlanFormat = 'text' | 'json' | 'markdown';

/** Formats, in listing order. */
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown'];

/** Assumptions every plan rests on, printed with it so a reader weighs the figures rightly. */
export const PLAN_NOTES: readonly string[] = [
  'Prices are the catalog\'s list price in its reference region, applied to every region; reserved capacity bills at the on-demand rate.',
  'Power is the nominal full-load draw; emissions are power x the region\'s average grid intensity.',
  'Zone names follow each cloud\'s naming convention (the catalog lists regions, not zones): confirm the SKU is offered in them.',
  'Demands are placed independently: the catalog holds no capacity figures.',
];

const money = (x: number): string => `$${x.toFixed(2)}`;
const intensity = (p: Placement): string => (p.gco2PerKwh === null ? 'unknown' : String(p.gco2PerKwh));
const nodesText = (p: Placement): string => `${p.nodes}${p.zones.length > 1 ? ` (${p.nodesPerZone}/zone)` : ''}`;

/** The plan as text for a terminal: one block per demand, then the totals and notes. */
function renderText(plan: PlacementPlan): string {
  const lines: string[] = [`Placement plan (catalog ${plan.catalogAsOf}, retirement read at ${plan.today})`, ''];
  for (const p of plan.placements) {
    lines.push(`${p.demandId}: ${p.cloud} ${p.region} [${p.zones.join(', ')}] ${p.sku} x${nodesText(p)} ${p.capacityMode}`);
    lines.push(`  fabric ${p.fabric} ${p.networkGbps} Gbps; ${money(p.usdPerHour)}/h; ${p.kw} kW; ${intensity(p)} gCO2e/kWh`);
    lines.push(`  why: ${p.reason}`);
    for (const w of p.warnings) lines.push(`  warning: ${w}`);
    for (const r of p.rejected) lines.push(`  rejected ${r.sku} (${r.cloud}): ${r.detail}`);
    lines.push('');
  }
  const t = plan.totals;
  lines.push(`Total: ${t.nodes} nodes, ${money(t.usdPerHour)}/h, ${t.kw} kW, ${t.kgCo2ePerHour} kgCO2e/h; clouds: ${plan.clouds.join(', ') || 'none'}`);
  for (const n of PLAN_NOTES) lines.push(`Note: ${n}`);
  return `${lines.join('\n')}\n`;
}

/** Escapes a value for a Markdown table cell. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The plan as GitHub Markdown: a summary table, then the reasons and rejections per demand. */
function renderMarkdown(plan: PlacementPlan): string {
  const lines: string[] = [
    '# Placement plan',
    '',
    `Catalog ${plan.catalogAsOf}; retirement read at ${plan.today}; objective: ${plan.objective.costWeight} x USD/h + ${plan.objective.carbonWeight} x carbon at $${plan.objective.carbonPriceUsdPerTonne}/tCO2e.`,
    '',
    '| Demand | Cloud | Region | Zones | SKU | Nodes | Capacity | Fabric | USD/h | kW | gCO2e/kWh |',
    '| --- | --- | --- | --- | --- | ---: | --- | --- | ---: | ---: | ---: |',
  ];
  for (const p of plan.placements) {
    const row = [p.demandId, p.cloud, p.region, p.zones.join(', '), p.sku, nodesText(p), p.capacityMode, `${p.fabric} ${p.networkGbps} Gbps`, p.usdPerHour.toFixed(2), String(p.kw), intensity(p)];
    lines.push(`| ${row.map(cell).join(' | ')} |`);
  }
  const t = plan.totals;
  lines.push('', `**Total**: ${t.nodes} nodes, ${money(t.usdPerHour)}/h, ${t.kw} kW, ${t.kgCo2ePerHour} kgCO2e/h; clouds: ${plan.clouds.join(', ') || 'none'}.`, '');
  for (const p of plan.placements) {
    lines.push(`## ${p.demandId}`, '', p.reason, '');
    for (const w of p.warnings) lines.push(`- Warning: ${w}`);
    if (p.warnings.length > 0) lines.push('');
    if (p.rejected.length > 0) {
      lines.push('| Rejected SKU | Cloud | Why |', '| --- | --- | --- |');
      for (const r of p.rejected) lines.push(`| ${cell(r.sku)} | ${r.cloud} | ${cell(r.detail)} |`);
      lines.push('');
    }
  }
  lines.push('## Notes', '', ...PLAN_NOTES.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

/**
 * The plan as a string in the given format: `json` (the plan object, 2-space indented, with the
 * notes), `text` (terminal) or `markdown` (GitHub). Throws AIRA_E_INVALID_PROP for another format.
 */
export function renderPlan(plan: PlacementPlan, format: PlanFormat = 'text'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ ...plan, notes: PLAN_NOTES }, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(plan);
    case 'text':
      return renderText(plan);
    default:
      throw new AiraError(ErrorCodes.INVALID_PROP, 'plan-topology', `format "${String(format)}" is unknown`, `use one of ${PLAN_FORMATS.join(', ')}`);
  }
}
