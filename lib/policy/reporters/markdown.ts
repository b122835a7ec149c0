/** Markdown for a pull-request comment or a CI job summary: a verdict line, a table of findings, the suppressed ones folded. */
import { ReportBundle } from '../report';
import { PolicyResult } from '../types';
import { complianceMarkdown } from './compliance';

/** Escapes a table cell: pipes, line breaks, and characters that would start markup. */
export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/([<>])/g, '\\$1');
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function row(r: PolicyResult): string {
  return `| ${r.severity} | ${r.status} | ${code(r.ruleId)} | ${code(r.address)} | ${cell(r.message)} | ${cell(r.status === 'fail' ? r.remediation : '')} |`;
}

export function renderMarkdown(bundle: ReportBundle): string {
  const { report } = bundle;
  const s = report.summary;
  const out: string[] = [];
  out.push(`### aira policy check: ${s.passed ? 'passed' : `failed, ${s.failing} finding(s) at or above ${s.threshold}`}`);
  out.push('');
  out.push(
    `${s.resources} resources in ${report.inputs.length} input(s), ${s.resourcesEvaluated} evaluated: ` +
      (['fail', 'error', 'unknown', 'suppressed', 'pass', 'not_applicable'] as const)
        .filter((k) => s.byStatus[k])
        .map((k) => `${s.byStatus[k]} ${k}`)
        .join(', ') +
      '.',
  );
  const active = report.results.filter((r) => r.status !== 'suppressed');
  if (active.length) {
    out.push('', '| Severity | Status | Rule | Resource | Finding | Fix |', '|---|---|---|---|---|---|', ...active.map(row));
  }
  const suppressed = report.results.filter((r) => r.status === 'suppressed');
  if (suppressed.length) {
    out.push('', `<details><summary>${suppressed.length} suppressed</summary>`, '', '| Rule | Resource | Was | Reason |', '|---|---|---|---|');
    for (const r of suppressed) out.push(`| ${code(r.ruleId)} | ${code(r.address)} | ${r.suppression?.status} | ${cell(r.suppression?.reason ?? '')} |`);
    out.push('', '</details>');
  }
  if (report.unmatchedSuppressions.length) {
    out.push('', `**${report.unmatchedSuppressions.length} suppression(s) matched nothing:** ${report.unmatchedSuppressions.map((u) => `${code(u.id)} on ${code(u.address || u.constructPath || '?')}`).join(', ')}`);
  }
  if (report.compliance) out.push(...complianceMarkdown(report.compliance));
  return `${out.join('\n')}\n`;
}
