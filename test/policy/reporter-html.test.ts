import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { CliIo } from '../../lib/cli/io';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { loadText } from '../../lib/policy/load';
import { EVIDENCE_NOTE, FRAMEWORKS } from '../../lib/policy/frameworks';
import { FORMATS, render } from '../../lib/policy/reporters';
import { cloudOf, htmlEscape, renderHtml } from '../../lib/policy/reporters/html';
import { PolicyResult } from '../../lib/policy/types';
import { planDoc, scratch } from './helpers/docs';
import { IMG_VALUE, SCRIPT_ADDRESS, SCRIPT_KEY, mixedBundle, mixedPlan } from './helpers/mixed-report';

const withPassed = mixedBundle({ includePassed: true });
const html = renderHtml(withPassed);
const defaultHtml = renderHtml(mixedBundle());

/** Opening tags of an element, with their attributes. */
const tags = (doc: string, name: string) => [...doc.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'gi'))].map((m) => m[0]);
/** The `<tr>` rows of the findings table. */
const findingRows = (doc: string) => tags(doc, 'tr').filter((t) => t.includes('class="finding'));
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
/** The inner HTML of the element with an id (first closing tag of its kind ends it). */
function byId(doc: string, id: string): string {
  const m = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>`).exec(doc);
  if (!m) throw new Error(`no element #${id}`);
  const start = m.index + m[0].length;
  return doc.slice(start, doc.indexOf(`</${m[1]}>`, start));
}

describe('HTML report: a self-contained page', () => {
  test('one document with an inline style and script and a CSP that forbids every fetch', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(tags(html, 'meta')).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`);
    expect(tags(html, 'style')).toEqual(['<style>']);
    expect(tags(html, 'script')).toEqual(['<script>']);
    // The CSP comes before the style and the script, so it governs both.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  test('nothing that fetches: no src, no <link>, <img>, <iframe>, <object>, no url() or @import in CSS, href only on plain links', () => {
    for (const doc of [html, defaultHtml]) {
      // Attribute names of every tag (quoted values, which hold escaped user text, taken out).
      const names = [...doc.matchAll(/<[a-z][^>]*>/gi)].flatMap((m) => [...m[0].replace(/"[^"]*"/g, '').matchAll(/\s([\w-]+)=/g)].map((n) => n[1].toLowerCase()));
      expect(names).toContain('href');
      expect(names.filter((n) => n === 'src' || n === 'srcset' || n === 'action' || n.startsWith('on'))).toEqual([]);
      for (const t of ['link', 'img', 'iframe', 'object', 'embed', 'base', 'video', 'audio', 'source', 'form']) expect(tags(doc, t)).toEqual([]);
      const css = doc.slice(doc.indexOf('<style>'), doc.indexOf('</style>'));
      expect(css).not.toMatch(/url\(|@import|@font-face/i);
      const script = doc.slice(doc.indexOf('<script>'), doc.indexOf('</script>'));
      expect(script).not.toMatch(/fetch|XMLHttpRequest|import\(|https?:|WebSocket|sendBeacon|innerHTML|eval/);
      const hrefs = [...doc.matchAll(/<(\w+)[^>]*\shref="([^"]*)"/g)];
      expect(hrefs.length).toBeGreaterThan(0);
      for (const [, tag, href] of hrefs) {
        expect(tag).toBe('a');
        expect(href).toMatch(/^https:\/\//);
      }
    }
  });

  test('the same bundle gives the same bytes, and nothing time-dependent is written', () => {
    expect(renderHtml(mixedBundle({ includePassed: true }))).toBe(html);
    expect(render('html', withPassed)).toBe(html);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:|generated at/i);
  });

  test('html is one of the formats of aira check', () => {
    expect(FORMATS).toContain('html');
  });
});

describe('HTML report: header and summaries', () => {
  test('verdict, threshold, tool version and inputs', () => {
    expect(byId(html, 'verdict-word')).toBe('FAILED');
    expect(tags(html, 'header')[0]).toContain('data-passed="false"');
    expect(byId(html, 'verdict-detail')).toBe('6 fail or error results at or above high.');
    expect(byId(html, 'threshold')).toBe('high');
    expect(byId(html, 'tool')).toBe(`aira ${withPassed.report.tool.version}`);
    expect(byId(html, 'inputs-table')).toContain('<code>plans/mixed &amp; &lt;co&gt;.json</code>');
    expect(html).toContain('<title>aira policy check: failed (6)</title>');
  });

  test('a clean report says PASSED and shows no row', () => {
    // Encrypted with a customer-managed key, so AIRA-ENC-003 passes too.
    const bundle = checkInputs([loadText(JSON.stringify(planDoc([{ type: 'aws_ebs_volume', name: 'v', values: { encrypted: true, kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1' } }])), 'clean.json')], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS });
    const doc = renderHtml(bundle);
    expect(byId(doc, 'verdict-word')).toBe('PASSED');
    expect(byId(doc, 'verdict-detail')).toBe('No fail or error result at or above high.');
    expect(findingRows(doc)).toEqual([]);
    expect(byId(doc, 'shown-count')).toBe('0');
    expect(tags(doc, 'p').find((t) => t.includes('id="no-rows"'))).not.toContain('hidden');
    expect(byId(doc, 'suppressed')).toContain('No suppressed result.');
  });

  test('counts by severity and status, with the totals row by status', () => {
    const table = byId(html, 'summary-severity');
    const high = /<tr data-severity="high" class="gate">.*?<\/tr>/.exec(table)![0];
    const cells = [...high.matchAll(/data-status="(\w+)">(\d+)</g)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(cells)).toEqual(withPassed.report.summary.bySeverity.high);
    expect(Object.fromEntries(cells)).toMatchObject({ fail: 6, unknown: 1, suppressed: 1 });
    // Below the threshold: not marked as gating.
    expect(table).toContain('<tr data-severity="medium"><th');
    const totals = /<tr id="summary-status">.*?<\/tr>/.exec(html)![0];
    expect(Object.fromEntries([...totals.matchAll(/data-status="(\w+)">(\d+)</g)].map((m) => [m[1], Number(m[2])]))).toEqual({ fail: 10, error: 0, unknown: 1, suppressed: 1, pass: 15, not_applicable: 1 });
  });

  test('counts by framework from every result, and the controls as the compliance views group them', () => {
    const rows = [...byId(html, 'summary-framework').matchAll(/<tr data-framework="([^"]+)">(.*?)<\/tr>/g)];
    const count = (row: string, k: string) => Number(new RegExp(`data-count="${k}">(\\d+)<`).exec(row)![1]);
    const mapped = (fw: string, keep: (r: PolicyResult) => boolean) => withPassed.all.filter((r) => (r.frameworks as Record<string, string[] | undefined>)[fw]?.length && keep(r)).length;
    // Every framework some rule in force maps to, in the frameworks' own order.
    const inForce = FRAMEWORKS.filter((f) => withPassed.rules.some((r) => r.frameworks[f.id]?.length)).map((f) => f.id);
    expect(rows.map((r) => r[1])).toEqual(inForce);
    expect(inForce).toEqual(expect.arrayContaining(['iso-27001-2022', 'soc2', 'hipaa', 'eu-ai-act']));
    for (const [, fw, row] of rows) {
      expect(count(row, 'failing')).toBe(mapped(fw, (r) => r.status === 'fail' || r.status === 'error'));
      expect(count(row, 'passing')).toBe(mapped(fw, (r) => r.status === 'pass'));
      expect(count(row, 'suppressed')).toBe(mapped(fw, (r) => r.status === 'suppressed'));
      expect(count(row, 'unknown')).toBe(mapped(fw, (r) => r.status === 'unknown'));
      expect(count(row, 'rules')).toBe(withPassed.rules.filter((r) => (r.frameworks as Record<string, string[] | undefined>)[fw]?.length).length);
    }
    const soc2 = rows.find((r) => r[1] === 'soc2')![2];
    expect(soc2).toContain('<th scope="row">SOC 2 Trust Services Criteria');
    // The user rule's control, failing on both Google buckets (low, below the threshold).
    expect(soc2).toContain('<li class="control control-fail-below-threshold" data-control="CC1.3" data-status="fail-below-threshold"><code>CC1.3</code>: <span class="control-status">findings below the threshold</span> (2 fail; ACME-TAG-001)</li>');
    // CC6.7 (HTTPS only on Azure storage) fails at the threshold and carries its title.
    expect(soc2).toMatch(/<li class="control control-fail" data-control="CC6.7" data-status="fail"><code>CC6.7<\/code> Information restricted and protected in transmission[^<]*: <span class="control-status">fail<\/span> \(1 fail, 1 pass; AIRA-STO-002\)<\/li>/);
    // Folded unless the framework was asked for.
    expect(soc2).toContain('<details><summary>');
    expect(html).toContain(EVIDENCE_NOTE);
    // Without --include-passed the rows hold no pass, but the framework counts still do.
    expect(byId(defaultHtml, 'summary-framework')).toBe(byId(html, 'summary-framework'));
  });

  test('a framework asked for with --framework has its controls unfolded', () => {
    const bundle = checkInputs([loadText(JSON.stringify(mixedPlan()), 'p.json')], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, frameworks: ['hipaa'] });
    const doc = renderHtml(bundle);
    const rows = [...byId(doc, 'summary-framework').matchAll(/<tr data-framework="([^"]+)">(.*?)<\/tr>/g)];
    expect(rows.find((r) => r[1] === 'hipaa')![2]).toContain('<details open><summary>');
  });
});

describe('HTML report: the findings table', () => {
  test('one row per listed, unsuppressed result, with its values as data attributes', () => {
    const rows = findingRows(html);
    const listed = withPassed.report.results.filter((r) => r.status !== 'suppressed');
    expect(rows).toHaveLength(listed.length);
    expect(rows.map((t) => [attr(t, 'data-rule'), attr(t, 'data-status'), attr(t, 'data-severity')])).toEqual(listed.map((r) => [r.ruleId, r.status, r.severity]));
    const clouds = new Map(rows.map((t) => [attr(t, 'data-address'), attr(t, 'data-cloud')]));
    expect(clouds.get('azurerm_storage_account.plainhttp')).toBe('azure');
    expect(clouds.get('google_storage_bucket.public')).toBe('google');
    expect(clouds.get('aws_kms_key.norotate')).toBe('aws');
  });

  test('the default view shows fail, error and unknown; pass rows are there but hidden', () => {
    const rows = findingRows(html);
    const visible = rows.filter((t) => !/\shidden[\s>]/.test(t));
    expect(new Set(visible.map((t) => attr(t, 'data-status')))).toEqual(new Set(['fail', 'unknown']));
    expect(rows.filter((t) => attr(t, 'data-status') === 'pass').every((t) => /\shidden[\s>]/.test(t))).toBe(true);
    expect(byId(html, 'shown-count')).toBe('11');
    expect(byId(html, 'total-count')).toBe(String(rows.length));
  });

  test('without --include-passed only fail, error and unknown rows exist, and the page says how to get the rest', () => {
    const rows = findingRows(defaultHtml);
    expect(new Set(rows.map((t) => attr(t, 'data-status')))).toEqual(new Set(['fail']));
    expect(byId(defaultHtml, 'shown')).toContain('<code>--include-passed</code>');
    expect(byId(html, 'shown')).not.toContain('--include-passed');
  });

  test('filters for severity, cloud, rule and status list the values present with their counts', () => {
    const options = (id: string) => [...byId(html, id).matchAll(/<option value="([^"]*)"( selected)?>([^<]*)</g)].map((m) => [m[1], m[3], !!m[2]]);
    expect(options('filter-severity').map((o) => o[0])).toEqual(['all', 'high', 'medium', 'low']);
    expect(options('filter-cloud').map((o) => o[0])).toEqual(['all', 'aws', 'azure', 'google']);
    expect(options('filter-rule').map((o) => o[0])).toEqual(['all', ...new Set(findingRows(html).map((t) => attr(t, 'data-rule')!))].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a < b ? -1 : 1)));
    expect(options('filter-rule')).toContainEqual(['AIRA-STO-002', 'AIRA-STO-002: Azure storage accounts accept HTTPS only (2)', false]);
    expect(options('filter-status')).toEqual([
      ['open', 'fail, error, unknown', true],
      ['all', 'all', false],
      ['fail', 'fail (10)', false],
      ['unknown', 'unknown (1)', false],
      ['pass', 'pass (15)', false],
      ['not_applicable', 'not_applicable (1)', false],
    ]);
    expect(html).toContain('<button type="button" id="filter-reset">');
  });

  test('each row shows the rule title, the address with file and line, the message, the remediation and the references', () => {
    const row = /<tr class="finding status-fail"[^>]*data-address="azurerm_storage_account.plainhttp"[^>]*>(.*?)<\/tr>/.exec(html)![1];
    expect(row).toContain('<code>AIRA-STO-002</code><div class="sub">Azure storage accounts accept HTTPS only</div>');
    expect(row).toMatch(/<code class="file">plans\/mixed &amp; &lt;co&gt;\.json:\d+<\/code>/);
    expect(row).toContain('attribute <code>https_traffic_only_enabled</code>');
    expect(row).toContain('https_traffic_only_enabled = false lets clients use plain HTTP');
    expect(row).toContain('Remove https_traffic_only_enabled = false');
    expect(row).toContain('<code>CKV_AZURE_3</code>');
    expect(row).toContain('<a href="https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer" rel="noopener noreferrer">');
    // Cells in column order: severity, status, rule, cloud, resource, finding, remediation, references.
    const cells = (r: string) => r.split(/<td[^>]*>/).slice(1).map((c) => c.replace(/<\/td>$/, ''));
    expect(cells(row).slice(0, 4)).toEqual(['<span class="sev sev-high">high</span>', '<span class="status">fail</span>', expect.stringContaining('AIRA-STO-002'), 'azure']);
    // A pass row has nothing to fix.
    const pass = /<tr class="finding status-pass"[^>]*data-rule="AIRA-STO-002"[^>]*>(.*?)<\/tr>/.exec(html)![1];
    expect(cells(pass)[4]).toContain('azurerm_storage_account.secure');
    expect(cells(pass)[6]).toBe('');
  });
});

describe('HTML report: user strings stay text', () => {
  test('a <script> in an address and an <img> in a message are escaped, in text and attributes', () => {
    expect(html).not.toContain(SCRIPT_KEY);
    expect(html).not.toContain(IMG_VALUE);
    expect(tags(html, 'script')).toHaveLength(1);
    expect(html).toContain(`<code class="address">${htmlEscape(SCRIPT_ADDRESS)}</code>`);
    expect(html).toContain(`data-address="${htmlEscape(SCRIPT_ADDRESS)}"`);
    expect(html).toContain('public_access_prevention = &lt;img src=&quot;https://example.invalid/x.png&quot; onerror=&quot;window.__airaPwned = 2&quot;&gt;');
    // No live handler attribute: onerror appears only as escaped text.
    expect(html).not.toMatch(/onerror="/i);
  });

  test('only http(s) references become links; a javascript: URL from a user rule stays text, and & in a URL is escaped', () => {
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<code>javascript:window.__airaPwned=4</code>');
    expect(html).toContain('<a href="https://wiki.example.com/tags?a=1&amp;b=2" rel="noopener noreferrer">');
  });

  test('htmlEscape covers the five markup characters and drops control characters', () => {
    expect(htmlEscape(`<a href="x" title='y'>&\u0000\u001b</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('clouds come from the resource type prefix', () => {
    expect([cloudOf('aws_s3_bucket'), cloudOf('azurerm_storage_account'), cloudOf('azuread_group'), cloudOf('google_storage_bucket'), cloudOf('kubernetes_namespace')]).toEqual(['aws', 'azure', 'azure', 'google', 'other']);
  });
});

describe('HTML report: suppressions', () => {
  test('suppressed results have their own section with the status they had, the reason and the origin', () => {
    const section = byId(html, 'suppressed-table');
    const rows = [...section.matchAll(/<tr data-rule="([^"]+)" data-address="([^"]+)">(.*?)<\/tr>/g)];
    expect(rows.map((r) => [r[1], r[2]])).toEqual([['AIRA-STO-003', 'aws_s3_bucket.accepted']]);
    expect(rows[0][3]).toContain('<td>fail</td>');
    expect(rows[0][3]).toContain('<td class="reason">public website &lt;assets&gt; only, reviewed by the security team</td>');
    expect(rows[0][3]).toContain('<code>suppressions.yaml</code>');
    expect(html).toContain('<h2>Suppressed (1)</h2>');
    // Not in the findings table.
    expect(findingRows(html).some((t) => attr(t, 'data-status') === 'suppressed')).toBe(false);
  });

  test('suppressions that matched nothing are listed', () => {
    expect(html).toContain('<h2>Suppressions that matched nothing (1)</h2>');
    const table = byId(html, 'unmatched-table');
    expect(table).toContain('<code>AIRA-STO-002</code>');
    expect(table).toContain('<code>azurerm_storage_account.gone</code>');
    expect(table).toContain('account removed last quarter, suppression kept');
  });
});

describe('aira check --format html', () => {
  test('writes the page to --output, beside a text report on stdout', () => {
    const dir = scratch('reporter-html');
    const plan = path.join(dir, 'plan.json');
    fs.writeFileSync(plan, JSON.stringify(mixedPlan(), null, 2));
    const files = new Map<string, string>();
    let stdout = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, readStdin: () => '', writeFile: (f, t) => void files.set(f, t), env: {}, isTTY: false, cwd: process.cwd() };
    const code = main(['check', plan, '--format', 'html', '--output', path.join(dir, 'report.html'), '--format', 'text'], io);
    expect(code).toBe(1);
    const page = files.get(path.join(dir, 'report.html'))!;
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('data-address="azurerm_storage_account.plainhttp"');
    expect(stdout).toMatch(/FAILED/);
    let help = '';
    main(['check', '--help'], { ...io, stdout: (t) => (help += t) });
    expect(help).toMatch(/text\|json\|sarif\|junit\|markdown\|html/);
  });
});
