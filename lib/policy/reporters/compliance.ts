/**
 * Compliance views as text and Markdown: the report's results by control (`aira check --framework`)
 * and the control-to-rule matrix (`aira rules --framework`). The grouping itself lives in
 * ../frameworks.ts, so every format (HTML included) shows the same controls.
 */
import { ComplianceView, ControlMatrix, ControlStatus, frameworkInfo } from '../frameworks';
import { STATUSES, Status } from '../types';
import { cell } from './markdown';

/** Failing addresses listed per rule in text and Markdown; the JSON report and the findings above list them all. */
const MAX_ADDRESSES = 10;

const LABEL: Record<ControlStatus, string> = {
  fail: 'FAIL',
  'fail-below-threshold': 'BELOW THRESHOLD',
  unknown: 'UNKNOWN',
  pass: 'PASS',
  suppressed: 'SUPPRESSED',
  'not-evaluated': 'NOT EVALUATED',
};

const COLOR: Record<ControlStatus, 'red' | 'yellow' | 'green' | 'dim'> = {
  fail: 'red',
  'fail-below-threshold': 'yellow',
  unknown: 'yellow',
  pass: 'green',
  suppressed: 'dim',
  'not-evaluated': 'dim',
};

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** `2 fail, 5 pass`, in report order; `no results` when every count is zero. */
export function countsText(counts: Readonly<Record<Status, number>>): string {
  return STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(', ') || 'no results';
}

function addresses(list: readonly string[], fmt: (s: string) => string = (s) => s): string {
  const shown = list.slice(0, MAX_ADDRESSES).map(fmt).join(', ');
  return list.length > MAX_ADDRESSES ? `${shown} (+${list.length - MAX_ADDRESSES} more)` : shown;
}

const label = (c: { control: string; title?: string }) => (c.title ? `${c.control} ${c.title}` : c.control);

/**
 * The by-control section of the text report: per control its status and counts, per rule its counts
 * and failing addresses. `paint` colours a status label (the text report's; identity without colour).
 */
export function complianceText(views: readonly ComplianceView[], paint: (color: 'red' | 'yellow' | 'green' | 'dim', s: string) => string = (_, s) => s): string[] {
  const lines: string[] = [];
  for (const v of views) {
    lines.push('', `BY CONTROL: ${v.name} (${v.controls.length} control(s), ${v.rules} rule(s))`, `  ${v.note}`);
    for (const c of v.controls) {
      lines.push(`  ${paint(COLOR[c.status], `[${LABEL[c.status]}]`)} ${label(c)}: ${countsText(c.counts)}`);
      for (const r of c.rules) lines.push(`      ${r.id} (${r.severity}): ${countsText(r.counts)}${r.failing.length ? `; failing: ${addresses(r.failing)}` : ''}`);
    }
  }
  return lines;
}

/** The by-control section of the Markdown report: one table per framework, one row per (control, rule). */
export function complianceMarkdown(views: readonly ComplianceView[]): string[] {
  const out: string[] = [];
  for (const v of views) {
    out.push('', `#### ${cell(v.name)}, by control`, '', `${v.note} ${v.controls.length} control(s), ${v.rules} rule(s).`, '');
    out.push('| Control | Status | Rule | Severity | Results | Failing resources |', '|---|---|---|---|---|---|');
    for (const c of v.controls) {
      c.rules.forEach((r, i) => {
        const head = i === 0 ? `| ${cell(label(c))} | ${c.status} |` : '| | |';
        out.push(`${head} ${code(r.id)} | ${r.severity} | ${countsText(r.counts)} | ${addresses(r.failing, code)} |`);
      });
    }
  }
  return out;
}

/** The control-to-rule matrix as Markdown (`aira rules --framework <f> --format md`). */
export function renderControlMatrixMarkdown(m: ControlMatrix): string {
  const info = frameworkInfo(m.framework);
  const out = [`# ${m.name}: controls and aira rules`, '', `${m.note} Source of the control ids: ${m.source}`, ''];
  if (!m.controls.length) {
    out.push(`No rule maps to any ${info.controlKind} of ${m.name}; \`aira check --framework ${info.cliName}\` would check nothing.`);
    return `${out.join('\n')}\n`;
  }
  out.push('| Control | Rule | Title | Severity | Packs |', '|---|---|---|---|---|');
  for (const c of m.controls) {
    c.rules.forEach((r, i) => out.push(`| ${i === 0 ? cell(label(c)) : ''} | ${code(r.id)} | ${cell(r.title)} | ${r.severity} | ${r.packs.join(', ') || '-'} |`));
  }
  return `${out.join('\n')}\n`;
}

/** The control-to-rule matrix as plain text (`aira rules --framework <f>`). */
export function renderControlMatrixText(m: ControlMatrix): string {
  const info = frameworkInfo(m.framework);
  const rules = new Set(m.controls.flatMap((c) => c.rules.map((r) => r.id)));
  const out = [`${m.name}: ${m.controls.length} ${info.controlKind}(s), ${rules.size} rule(s)`, m.note];
  if (!m.controls.length) out.push(`No rule maps to ${m.name}; aira check --framework ${info.cliName} would check nothing.`);
  const w = Math.max(2, ...m.controls.flatMap((c) => c.rules.map((r) => r.id.length)));
  for (const c of m.controls) {
    out.push('', label(c));
    for (const r of c.rules) out.push(`  ${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.title}${r.packs.length ? `  [${r.packs.join(', ')}]` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

/** The control-to-rule matrix as pretty-printed JSON, ending with a newline. */
export function renderControlMatrixJson(m: ControlMatrix): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
