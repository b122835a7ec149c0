/** Plain text for a terminal or a CI log: findings grouped by severity, one line each, then a summary line. */
import { ReportBundle } from '../report';
import { PolicyResult, SEVERITIES, Status } from '../types';
import { complianceText } from './compliance';

/** Options of the text format. */
export interface TextOptions {
  /** ANSI colours (only on a TTY, never with NO_COLOR: the CLI decides). @default false */
  readonly color?: boolean;
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;

const LABEL: Record<Status, string> = { fail: 'FAIL', error: 'ERROR', unknown: 'UNKNOWN', suppressed: 'SUPPRESSED', pass: 'PASS', not_applicable: 'N/A' };
const COLOR: Record<Status, keyof typeof CODES> = { fail: 'red', error: 'red', unknown: 'yellow', suppressed: 'dim', pass: 'green', not_applicable: 'dim' };

export function renderText(bundle: ReportBundle, opts: TextOptions = {}): string {
  const paint = (c: keyof typeof CODES, s: string) => (opts.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const { report } = bundle;
  const lines: string[] = [];
  for (const i of report.inputs) {
    lines.push(`${i.file}: ${i.source}${i.stack ? ` (stack ${i.stack})` : ''}, ${i.resources} resources${i.formatVersion ? `, format ${i.formatVersion}` : ''}`);
    for (const n of i.notes) lines.push(`  note: ${n}`);
  }
  const active = report.results.filter((r) => r.status !== 'suppressed');
  for (const sev of SEVERITIES) {
    const group = active.filter((r) => r.severity === sev);
    if (!group.length) continue;
    lines.push('', paint('bold', `${sev.toUpperCase()} (${group.length})`));
    for (const r of group) lines.push(`  ${paint(COLOR[r.status], `[${LABEL[r.status]}]`)} ${r.ruleId} ${r.address}: ${r.message}${fix(r)}${where(r)}`);
  }
  const suppressed = report.results.filter((r) => r.status === 'suppressed');
  if (suppressed.length) {
    lines.push('', paint('bold', `SUPPRESSED (${suppressed.length})`));
    for (const r of suppressed) lines.push(`  ${paint('dim', '[SUPPRESSED]')} ${r.ruleId} ${r.address} (was ${r.suppression?.status}): ${r.suppression?.reason} [${r.suppression?.origin}]`);
  }
  if (report.unmatchedSuppressions.length) {
    lines.push('', paint('bold', `SUPPRESSIONS MATCHING NOTHING (${report.unmatchedSuppressions.length})`));
    for (const s of report.unmatchedSuppressions) lines.push(`  ${paint('yellow', '[UNUSED]')} ${s.id} ${s.address || s.constructPath || '(no resource)'}: ${s.reason} [${s.origin}]`);
  }
  // With --framework: the results by control, before the verdict line.
  if (report.compliance) lines.push(...complianceText(report.compliance, paint));
  const s = report.summary;
  const counts = (['fail', 'error', 'unknown', 'suppressed', 'pass', 'not_applicable'] as const).filter((k) => s.byStatus[k]).map((k) => `${s.byStatus[k]} ${k}`);
  const verdict = s.passed ? paint('green', 'PASSED') : paint('red', `FAILED (${s.failing} at or above ${s.threshold})`);
  lines.push('', `${verdict}: ${s.resources} resources, ${s.resourcesEvaluated} evaluated; ${counts.join(', ') || 'no results'}; threshold ${s.threshold}`);
  return `${lines.join('\n')}\n`;
}

function fix(r: PolicyResult): string {
  return r.status === 'fail' ? `. Fix: ${r.remediation}` : '';
}

function where(r: PolicyResult): string {
  return r.constructPath ? ` (construct ${r.constructPath})` : '';
}
