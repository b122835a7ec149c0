/**
 * One self-contained HTML file for a reviewer: the verdict, counts by severity, status and framework,
 * a findings table filtered in the page, the suppressed results with their reasons and the suppressions
 * that matched nothing. Styles and the filter script are inline and a Content-Security-Policy forbids
 * every fetch, so the file opens from a CI artifact or a mail attachment with no network. The filters
 * work without a server; with scripts off the table shows the default view (fail, error, unknown).
 */
import { ControlStatus, EVIDENCE_NOTE, FRAMEWORKS, groupByControl } from '../frameworks';
import { ReportBundle } from '../report';
import { PolicyResult, SEVERITIES, STATUSES, Severity, Status } from '../types';
import { countsText } from './compliance';

/** Escapes text for HTML character data and quoted attribute values; drops C0 controls HTML cannot show. */
export function htmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const esc = htmlEscape;

// Exactly what the page needs: its own inline style and script; no fetch of any kind (fonts, images, frames, connections).
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** Statuses the table shows until a reviewer changes the status filter: what needs someone's attention. */
const OPEN: ReadonlySet<Status> = new Set<Status>(['fail', 'error', 'unknown']);

/** Cloud of a resource type, from the provider prefix Terraform types carry. */
export function cloudOf(resourceType: string): 'aws' | 'azure' | 'google' | 'other' {
  if (resourceType.startsWith('aws_')) return 'aws';
  if (resourceType.startsWith('azurerm_') || resourceType.startsWith('azuread_') || resourceType.startsWith('azapi_')) return 'azure';
  if (resourceType.startsWith('google_')) return 'google';
  return 'other';
}

/** A reference as a link where it is an http(s) URL; anything else (a Checkov or Trivy id) stays text. */
function reference(ref: string): string {
  return /^https?:\/\/[^\s"'<>]+$/i.test(ref) ? `<a href="${esc(ref)}" rel="noopener noreferrer">${esc(ref)}</a>` : `<code>${esc(ref)}</code>`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function table(id: string, head: readonly string[], rows: readonly string[], foot?: string): string {
  return [
    `<table id="${id}">`,
    `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    ...(foot ? [`<tfoot>${foot}</tfoot>`] : []),
    `</table>`,
  ].join('\n');
}

function header(bundle: ReportBundle): string {
  const { report } = bundle;
  const s = report.summary;
  const verdict = s.passed ? 'PASSED' : 'FAILED';
  const detail = s.passed
    ? `No fail or error result at or above ${s.threshold}.`
    : `${plural(s.failing, 'fail or error result', 'fail or error results')} at or above ${s.threshold}.`;
  const inputs = report.inputs.map(
    (i) =>
      `<tr><td><code>${esc(i.file)}</code></td><td>${esc(i.source)}</td><td>${esc(i.stack ?? '')}</td><td>${esc(i.formatVersion ?? '')}</td>` +
      `<td>${esc(i.terraformVersion ?? '')}</td><td class="num">${i.resources}</td><td>${i.notes.map((n) => `<div>${esc(n)}</div>`).join('')}</td></tr>`,
  );
  return [
    `<header id="verdict" class="${s.passed ? 'passed' : 'failed'}" data-passed="${s.passed}">`,
    `<h1>aira policy check: <span id="verdict-word">${verdict}</span></h1>`,
    `<p id="verdict-detail">${esc(detail)}</p>`,
    `<dl class="meta">`,
    `<div><dt>Threshold</dt><dd id="threshold">${esc(s.threshold)}</dd></div>`,
    `<div><dt>Tool</dt><dd id="tool">${esc(report.tool.name)} ${esc(report.tool.version)}</dd></div>`,
    `<div><dt>Report format</dt><dd>${esc(report.version)}</dd></div>`,
    `<div><dt>Resources</dt><dd>${s.resources} (${s.resourcesEvaluated} evaluated)</dd></div>`,
    `<div><dt>Inputs</dt><dd>${report.inputs.length}</dd></div>`,
    `</dl>`,
    `</header>`,
    `<section id="inputs"><h2>Inputs</h2>`,
    table('inputs-table', ['File', 'Source', 'Stack', 'Format', 'Terraform', 'Resources', 'Notes'], inputs),
    `</section>`,
  ].join('\n');
}

function severitySummary(bundle: ReportBundle): string {
  const s = bundle.report.summary;
  const threshold = s.threshold;
  const rows = SEVERITIES.map((sev) => {
    const counts = s.bySeverity[sev];
    const total = STATUSES.reduce((n, st) => n + counts[st], 0);
    const gate = SEVERITIES.indexOf(sev) <= SEVERITIES.indexOf(threshold) ? ' class="gate"' : '';
    return `<tr data-severity="${sev}"${gate}><th scope="row"><span class="sev sev-${sev}">${sev}</span></th>${STATUSES.map((st) => `<td class="num" data-status="${st}">${counts[st]}</td>`).join('')}<td class="num">${total}</td></tr>`;
  });
  const total = STATUSES.reduce((n, st) => n + s.byStatus[st], 0);
  const foot = `<tr id="summary-status"><th scope="row">all</th>${STATUSES.map((st) => `<td class="num" data-status="${st}">${s.byStatus[st]}</td>`).join('')}<td class="num">${total}</td></tr>`;
  return [
    `<h3>By severity and status</h3>`,
    `<p class="hint">Rows at or above the threshold (${esc(threshold)}) are marked; their fail and error results fail the run.</p>`,
    table('summary-severity', ['Severity', ...STATUSES, 'total'], rows, foot),
  ].join('\n');
}

/**
 * One row per framework a rule in force maps to: its results (each counted once, listed below or not,
 * so the counts hold without --include-passed) and its controls as the compliance views group them
 * (../frameworks.ts), so this page and `--framework` in the other formats show the same controls.
 * Frameworks asked for with --framework have their controls unfolded.
 */
function frameworkSummary(bundle: ReportBundle): string {
  const asked = new Map((bundle.report.compliance ?? []).map((v) => [v.framework, v]));
  const rows: string[] = [];
  for (const info of FRAMEWORKS) {
    const view = asked.get(info.id) ?? groupByControl(bundle, info.id);
    if (!view.rules) continue;
    const counts = { failing: 0, unknown: 0, suppressed: 0, passing: 0 };
    for (const r of bundle.all) {
      if (!r.frameworks[info.id]?.length) continue;
      if (r.status === 'fail' || r.status === 'error') counts.failing++;
      else if (r.status === 'unknown') counts.unknown++;
      else if (r.status === 'suppressed') counts.suppressed++;
      else if (r.status === 'pass') counts.passing++;
    }
    const failingControls = view.controls.filter((c) => c.status === 'fail').length;
    const list = view.controls
      .map(
        (c) =>
          `<li class="control control-${c.status}" data-control="${esc(c.control)}" data-status="${c.status}"><code>${esc(c.control)}</code>${c.title ? ` ${esc(c.title)}` : ''}: ` +
          `<span class="control-status">${CONTROL_LABEL[c.status]}</span> (${esc(countsText(c.counts))}; ${c.rules.map((r) => esc(r.id)).join(', ')})</li>`,
      )
      .join('');
    rows.push(
      `<tr data-framework="${info.id}"><th scope="row">${esc(info.name)}</th><td class="num" data-count="rules">${view.rules}</td>` +
        (['failing', 'unknown', 'suppressed', 'passing'] as const).map((k) => `<td class="num" data-count="${k}">${counts[k]}</td>`).join('') +
        `<td><details${asked.has(info.id) ? ' open' : ''}><summary>${failingControls} of ${view.controls.length} ${esc(info.controlKind)}(s) failing at the threshold</summary><ul>${list}</ul></details></td></tr>`,
    );
  }
  return [
    `<h3>By framework</h3>`,
    `<p class="hint">${esc(EVIDENCE_NOTE)}</p>`,
    rows.length
      ? table('summary-framework', ['Framework', 'rules', 'failing', 'unknown', 'suppressed', 'passing', 'controls'], rows)
      : `<p id="summary-framework" class="empty">No rule in force maps to a framework.</p>`,
  ].join('\n');
}

const CONTROL_LABEL: Record<ControlStatus, string> = {
  fail: 'fail',
  'fail-below-threshold': 'findings below the threshold',
  unknown: 'unknown',
  pass: 'pass',
  suppressed: 'suppressed',
  'not-evaluated': 'not evaluated',
};

function uncovered(bundle: ReportBundle): string {
  const types = bundle.report.summary.resourceTypesWithoutRule;
  if (!types.length) return '';
  return `<details id="types-without-rule"><summary>${plural(types.length, 'resource type')} no rule in force covers</summary><p>${types.map((t) => `<code>${esc(t)}</code>`).join(' ')}</p></details>`;
}

/** The options of one filter: "all" plus the values present, in the given order, each with its count. */
function select(id: string, label: string, values: readonly string[], counts: ReadonlyMap<string, number>, first: string, titles: ReadonlyMap<string, string> = new Map()): string {
  const options = values.map((v) => `<option value="${esc(v)}">${esc(titles.get(v) ? `${v}: ${titles.get(v)}` : v)} (${counts.get(v) ?? 0})</option>`);
  return `<label>${esc(label)} <select id="${id}" data-key="${id.replace('filter-', '')}">${first}${options.join('')}</select></label>`;
}

function countBy(rows: readonly PolicyResult[], key: (r: PolicyResult) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
}

function findingRow(bundle: ReportBundle, r: PolicyResult, titles: ReadonlyMap<string, string>, docs: ReadonlyMap<string, readonly string[]>): string {
  const cloud = cloudOf(r.resourceType);
  const line = bundle.lineOf(r);
  const where = [`<code class="file">${esc(r.file)}${line ? `:${line}` : ''}</code>`];
  if (r.path) where.push(`<div class="sub">attribute <code>${esc(r.path)}</code></div>`);
  if (r.constructPath) where.push(`<div class="sub">construct <code>${esc(r.constructPath)}</code></div>`);
  const refs = [...r.references, ...(docs.get(r.ruleId) ?? [])].map(reference).join(' ');
  const fix = r.status === 'fail' || r.status === 'unknown' ? esc(r.remediation) : '';
  const hidden = OPEN.has(r.status) ? '' : ' hidden';
  return (
    `<tr class="finding status-${esc(r.status)}" data-severity="${esc(r.severity)}" data-cloud="${cloud}" data-rule="${esc(r.ruleId)}" data-status="${esc(r.status)}" data-address="${esc(r.address)}"${hidden}>` +
    `<td><span class="sev sev-${esc(r.severity)}">${esc(r.severity)}</span></td>` +
    `<td><span class="status">${esc(r.status)}</span></td>` +
    `<td><code>${esc(r.ruleId)}</code><div class="sub">${esc(titles.get(r.ruleId) ?? '')}</div></td>` +
    `<td>${cloud}</td>` +
    `<td><code class="address">${esc(r.address)}</code><div class="sub">${where.join('')}</div></td>` +
    `<td>${esc(r.message)}</td>` +
    `<td>${fix}</td>` +
    `<td class="refs">${refs}</td>` +
    `</tr>`
  );
}

function findings(bundle: ReportBundle): string {
  const rows = bundle.report.results.filter((r) => r.status !== 'suppressed');
  const titles = new Map(bundle.rules.map((r) => [r.id, r.title]));
  const docs = new Map(bundle.rules.map((r) => [r.id, r.docs ?? []]));
  const sevs = SEVERITIES.filter((s: Severity) => rows.some((r) => r.severity === s));
  const clouds = (['aws', 'azure', 'google', 'other'] as const).filter((c) => rows.some((r) => cloudOf(r.resourceType) === c));
  const rules = [...new Set(rows.map((r) => r.ruleId))].sort();
  const statuses = STATUSES.filter((s) => rows.some((r) => r.status === s));
  const shown = rows.filter((r) => OPEN.has(r.status)).length;
  const includesPassed = rows.some((r) => r.status === 'pass' || r.status === 'not_applicable');
  const filters = [
    select('filter-severity', 'Severity', sevs, countBy(rows, (r) => r.severity), '<option value="all">all</option>'),
    select('filter-cloud', 'Cloud', clouds, countBy(rows, (r) => cloudOf(r.resourceType)), '<option value="all">all</option>'),
    select('filter-rule', 'Rule', rules, countBy(rows, (r) => r.ruleId), '<option value="all">all</option>', titles),
    select('filter-status', 'Status', statuses, countBy(rows, (r) => r.status), '<option value="open" selected>fail, error, unknown</option><option value="all">all</option>'),
  ];
  const note = includesPassed ? '' : ' Pass, unknown and not applicable results are listed only with <code>--include-passed</code>; the counts above hold them all.';
  return [
    `<section id="findings"><h2>Findings</h2>`,
    `<div id="filters" role="search">${filters.join('\n')}<button type="button" id="filter-reset">Reset</button></div>`,
    `<p id="shown">Showing <span id="shown-count">${shown}</span> of <span id="total-count">${rows.length}</span> results.${note}</p>`,
    `<div class="scroll">`,
    table(
      'findings-table',
      ['Severity', 'Status', 'Rule', 'Cloud', 'Resource', 'Finding', 'Remediation', 'References'],
      rows.map((r) => findingRow(bundle, r, titles, docs)),
    ),
    `</div>`,
    `<p id="no-rows" class="empty"${shown ? ' hidden' : ''}>No result matches the filters.</p>`,
    `</section>`,
  ].join('\n');
}

function suppressed(bundle: ReportBundle): string {
  const rows = bundle.report.results.filter((r) => r.status === 'suppressed');
  const body = rows.map(
    (r) =>
      `<tr data-rule="${esc(r.ruleId)}" data-address="${esc(r.address)}"><td><code>${esc(r.ruleId)}</code></td><td><span class="sev sev-${esc(r.severity)}">${esc(r.severity)}</span></td>` +
      `<td><code>${esc(r.address)}</code></td><td>${esc(r.suppression?.status ?? '')}</td><td>${esc(r.message)}</td>` +
      `<td class="reason">${esc(r.suppression?.reason ?? '')}</td><td><code>${esc(r.suppression?.origin ?? '')}</code></td></tr>`,
  );
  return [
    `<section id="suppressed"><h2>Suppressed (${rows.length})</h2>`,
    rows.length
      ? table('suppressed-table', ['Rule', 'Severity', 'Resource', 'Was', 'Finding', 'Reason', 'Origin'], body)
      : `<p class="empty">No suppressed result.</p>`,
    `</section>`,
  ].join('\n');
}

function unmatched(bundle: ReportBundle): string {
  const list = bundle.report.unmatchedSuppressions;
  const body = list.map(
    (u) =>
      `<tr><td><code>${esc(u.id)}</code></td><td><code>${esc(u.address || u.constructPath || '(no resource)')}</code></td>` +
      `<td class="reason">${esc(u.reason)}</td><td><code>${esc(u.origin)}</code></td></tr>`,
  );
  return [
    `<section id="unmatched"><h2>Suppressions that matched nothing (${list.length})</h2>`,
    list.length
      ? `<p class="hint">Stale, or aimed at the wrong address or rule: remove or fix them.</p>\n${table('unmatched-table', ['Rule', 'Resource', 'Reason', 'Origin'], body)}`
      : `<p class="empty">Every suppression matched a result.</p>`,
    `</section>`,
  ].join('\n');
}

// Reads the filters and hides rows that do not match; the rows carry their values as data-* attributes,
// so the script handles no report data and no user string is ever evaluated.
const SCRIPT = `(function () {
  'use strict';
  var keys = ['severity', 'cloud', 'rule', 'status'];
  var open = { fail: true, error: true, unknown: true };
  var selects = keys.map(function (k) { return document.getElementById('filter-' + k); });
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr'));
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = keys.every(function (k, i) {
        var v = selects[i].value;
        if (v === 'all') return true;
        if (k === 'status' && v === 'open') return open[row.dataset.status] === true;
        return row.dataset[k] === v;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById('shown-count').textContent = String(shown);
    document.getElementById('no-rows').hidden = shown > 0;
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  document.getElementById('filter-reset').addEventListener('click', function () {
    selects.forEach(function (s) { s.value = s.id === 'filter-status' ? 'open' : 'all'; });
    apply();
  });
  apply();
})();`;

const STYLE = `
:root { --fg: #1b1f24; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --head: #f6f8fa; --fail: #cf222e; --pass: #1a7f37; --warn: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --head: #151b23; --fail: #ff7b72; --pass: #3fb950; --warn: #d29922; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1800px; padding: 1rem 1.5rem 3rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; } h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
header { border-left: 6px solid var(--line); padding: .5rem 1rem; background: var(--head); }
header.failed { border-color: var(--fail); } header.failed #verdict-word { color: var(--fail); }
header.passed { border-color: var(--pass); } header.passed #verdict-word { color: var(--pass); }
dl.meta { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .5rem 0 0; } dl.meta div { display: flex; gap: .4rem; } dt { color: var(--muted); } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0; } th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.gate th { box-shadow: inset 3px 0 0 var(--fail); } tfoot th, tfoot td { font-weight: 600; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.sub { color: var(--muted); font-size: 12px; } .hint, .empty { color: var(--muted); }
.sev { display: inline-block; min-width: 4.5em; padding: 0 .4em; border-radius: 1em; font-size: 12px; text-align: center; color: #fff; background: #6e7781; }
.sev-critical { background: #82071e; } .sev-high { background: #cf222e; } .sev-medium { background: #bc4c00; } .sev-low { background: #9a6700; } .sev-info { background: #0969da; }
tr.status-fail .status, tr.status-error .status { color: var(--fail); font-weight: 600; } tr.status-unknown .status { color: var(--warn); font-weight: 600; } tr.status-pass .status { color: var(--pass); }
#filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .5rem; background: var(--head); border: 1px solid var(--line); }
select, button { font: inherit; max-width: 28rem; } td.refs { min-width: 13rem; } td.refs code { margin-right: .4rem; } td.refs a { display: block; overflow-wrap: anywhere; }
#findings-table td:nth-child(3) { min-width: 11rem; } #findings-table td:nth-child(5) { min-width: 16rem; } #findings-table td:nth-child(6), #findings-table td:nth-child(7) { min-width: 12rem; } .scroll { overflow-x: auto; }
li.control-fail .control-status { color: var(--fail); font-weight: 600; } li.control-pass .control-status { color: var(--pass); } details ul { margin: .25rem 0; padding-left: 1.2rem; }
`;

/** The report as one self-contained HTML page (inline style and script, no network fetch), ending with a newline. Deterministic: same bundle, same bytes. */
export function renderHtml(bundle: ReportBundle): string {
  const s = bundle.report.summary;
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="referrer" content="no-referrer">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="${esc(`${bundle.report.tool.name} ${bundle.report.tool.version}`)}">`,
    `<title>aira policy check: ${s.passed ? 'passed' : `failed (${s.failing})`}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    header(bundle),
    `<section id="summary"><h2>Summary</h2>`,
    severitySummary(bundle),
    frameworkSummary(bundle),
    uncovered(bundle),
    `</section>`,
    findings(bundle),
    suppressed(bundle),
    unmatched(bundle),
    `<script>${SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    '',
  ].join('\n');
}
