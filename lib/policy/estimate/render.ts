/**
 * Renderings of a cost and carbon estimate: text (a terminal table), JSON (the report object) and
 * Markdown (a pull-request comment). Each pool row points to numbered sources (price, power, grid
 * intensity, each with its date and public page); unknown figures are listed with their reasons.
 * Numbers are formatted without the locale, so the output is the same on every machine.
 */
import { cell } from '../reporters/markdown';
import type { EstimateReport, StackEstimate } from './index';
import { PoolEstimate, StackTotals, Total } from './figures';

/** Output formats of `aira estimate`. */
export const ESTIMATE_FORMATS = ['text', 'json', 'markdown'] as const;
/** One output format of `aira estimate`. */
export type EstimateFormat = (typeof ESTIMATE_FORMATS)[number];

/** Renders an estimate in one format (ends with a newline). */
export function renderEstimate(format: EstimateFormat, report: EstimateReport): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(report) : renderText(report);
}

/** `1234567.891` -> `1,234,567.89`: fixed decimals, comma thousands, no locale. */
export function formatNumber(n: number, decimals = 2): string {
  const [int, frac] = n.toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const COLUMNS = ['Pool', 'SKU', 'Region', 'Max nodes', 'USD/hour', 'USD/month', 'kWh/hour', 'kgCO2e/hour', 'Sources'];
const NUMERIC = new Set([3, 4, 5, 6, 7]);

/** The numbered sources of one stack, shared by the pools that cite the same figure. */
class Sources {
  public readonly lines: string[] = [];
  private readonly index = new Map<string, number>();

  public cite(p: PoolEstimate): string {
    const refs: number[] = [];
    if (p.cost.known) refs.push(this.add(`price of ${p.sku}: USD ${p.cost.unitUsdPerHour} per node-hour, on-demand list price in ${p.cost.priceRegion} (reference region), as of ${p.cost.asOf}: ${p.cost.source}`));
    if (p.energy.known) refs.push(this.add(`power of ${p.sku}: ${p.energy.kwPerNode} kW per node at full load (${p.energy.basis}), as of ${p.energy.asOf}: ${p.energy.source}`));
    if (p.emissions.known) refs.push(this.add(`grid intensity of ${p.cloud} ${p.emissions.region}: ${p.emissions.gco2PerKwh} gCO2e/kWh (${p.emissions.asOf}): ${p.emissions.source}`));
    return refs.map((n) => `[${n}]`).join(' ');
  }

  private add(line: string): number {
    let n = this.index.get(line);
    if (n === undefined) {
      this.lines.push(line);
      n = this.lines.length;
      this.index.set(line, n);
    }
    return n;
  }
}

const money = (f: PoolEstimate['cost'], pick: 'usdPerHour' | 'usdPerMonth') => (f.known ? formatNumber(f[pick]) : 'unknown');

function poolCells(p: PoolEstimate, sources: Sources): string[] {
  return [
    p.address,
    p.sku ?? 'unknown',
    p.region ?? 'unknown',
    p.maxNodes === undefined ? 'unknown' : String(p.maxNodes),
    money(p.cost, 'usdPerHour'),
    money(p.cost, 'usdPerMonth'),
    p.energy.known ? formatNumber(p.energy.kwhPerHour) : 'unknown',
    p.emissions.known ? formatNumber(p.emissions.kgCo2ePerHour) : 'unknown',
    sources.cite(p),
  ];
}

/** A total: its known sum, prefixed `>=` (Markdown: `≥`) when some pool's figure is unknown (a lower bound). */
const sum = (t: Total, unit = '', atLeast = '>= ') => `${t.unknownPools.length ? atLeast : ''}${unit}${formatNumber(t.value)}`;

function totalCells(s: { totals: StackEstimate['totals'] }, label: string, atLeast = '>= '): string[] {
  const t = s.totals;
  const f = (x: Total) => sum(x, '', atLeast);
  return [label, '', '', '', f(t.usdPerHour), f(t.usdPerMonth), f(t.kwhPerHour), f(t.kgCo2ePerHour), ''];
}

/** The sums over every stack, in one sentence. */
function allStacks(t: StackTotals, atLeast: string): string {
  return `${sum(t.usdPerHour, 'USD ', atLeast)} per hour, ${sum(t.usdPerMonth, 'USD ', atLeast)} per month, ${sum(t.kwhPerHour, '', atLeast)} kWh per hour, ${sum(t.kgCo2ePerHour, '', atLeast)} kgCO2e per hour`;
}

/** The unknown figures of a stack's pools, one line each: `<address>: <figure>: <reason>`. */
function unknownLines(s: StackEstimate): string[] {
  const out: string[] = [];
  for (const p of s.pools) {
    const reasons = new Map<string, string[]>();
    for (const [what, f] of [['cost', p.cost], ['energy', p.energy], ['emissions', p.emissions]] as const) {
      if (!f.known) reasons.set(f.reason, [...(reasons.get(f.reason) ?? []), what]);
    }
    for (const [reason, whats] of reasons) out.push(`${p.address}: ${whats.join(', ')} unknown: ${reason}`);
  }
  return out;
}

const stackTitle = (s: StackEstimate) => s.stack ?? s.file;
const SOURCE_NAMES: Record<string, string> = { synth: 'synthesized stack', plan: 'plan', state: 'state' };

function renderText(report: EstimateReport): string {
  const out: string[] = [`Cost and carbon estimate: every node pool at its maximum size (aira ${report.tool.version}, catalog reviewed ${report.catalogAsOf})`, ''];
  for (const s of report.stacks) {
    out.push(`Stack ${stackTitle(s)} (${s.file}, ${SOURCE_NAMES[s.source]})`);
    if (!s.pools.length) out.push('  no accelerator pools');
    else {
      const sources = new Sources();
      const rows = [COLUMNS, ...s.pools.map((p) => poolCells(p, sources)), totalCells(s, `Stack total (${s.pools.length} pool${s.pools.length === 1 ? '' : 's'})`)];
      out.push(...table(rows).map((l) => `  ${l}`));
      if (sources.lines.length) out.push('  Sources:', ...sources.lines.map((l, i) => `    [${i + 1}] ${l}`));
      const unknown = unknownLines(s);
      if (unknown.length) out.push('  Unknown (left out of the totals, which are then lower bounds):', ...unknown.map((l) => `    ${l}`));
    }
    if (s.skipped.length) out.push('  Not estimated:', ...s.skipped.map((k) => `    ${k.address}: ${k.reason}`));
    out.push('');
  }
  if (report.stacks.length > 1) {
    out.push(`All stacks: ${allStacks(report.totals, '>= ')}`, '');
  }
  out.push(report.disclaimer);
  return `${out.join('\n')}\n`;
}

/** Pads columns: text left-aligned, numbers right-aligned; no trailing spaces. */
function table(rows: string[][]): string[] {
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (NUMERIC.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
}

function renderMarkdown(report: EstimateReport): string {
  const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
  const out: string[] = ['# Cost and carbon estimate', '', `Every node pool at its maximum size (aira ${report.tool.version}, catalog reviewed ${report.catalogAsOf}).`, '', `> ${report.disclaimer}`, ''];
  for (const s of report.stacks) {
    out.push(`## Stack ${code(stackTitle(s))}`, '', `${code(s.file)} (${SOURCE_NAMES[s.source]})`, '');
    if (!s.pools.length) out.push('No accelerator pools.', '');
    else {
      const sources = new Sources();
      const md = (cells: string[]) => `| ${cells.map((c) => cell(c)).join(' | ')} |`;
      out.push(md(COLUMNS), `|${COLUMNS.map((_, i) => (NUMERIC.has(i) ? '---:' : '---')).join('|')}|`);
      for (const p of s.pools) {
        const cells = poolCells(p, sources);
        out.push(`| ${code(cells[0])} | ${cells.slice(1).map(cell).join(' | ')} |`);
      }
      const t = totalCells(s, 'Stack total', '≥ ');
      out.push(`| **${t[0]}** | ${t.slice(1).map((c) => (c ? `**${cell(c)}**` : '')).join(' | ')} |`, '');
      if (sources.lines.length) out.push('Sources:', '', ...sources.lines.map((l, i) => `${i + 1}. ${cell(l)}`), '');
      const unknown = unknownLines(s);
      if (unknown.length) out.push('Unknown (left out of the totals, which are then lower bounds):', '', ...unknown.map((l) => `- ${cell(l)}`), '');
    }
    if (s.skipped.length) out.push('Not estimated:', '', ...s.skipped.map((k) => `- ${code(k.address)}: ${cell(k.reason)}`), '');
  }
  if (report.stacks.length > 1) {
    out.push('## All stacks', '', `${allStacks(report.totals, '≥ ')}.`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
