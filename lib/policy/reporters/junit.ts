/**
 * JUnit XML (the de-facto schema CI systems read): one test suite per input file, one test case per
 * (rule, resource). `fail` and `error` at or above the threshold are failures and errors, exactly as
 * the exit code counts them; below the threshold they pass with the finding in system-out; unknown,
 * not applicable and suppressed results are skipped with the reason.
 */
import { ReportBundle, isFailing } from '../report';
import { PolicyResult } from '../types';

/** Escapes text for XML attributes and character data (and drops characters XML 1.0 forbids). */
export function xmlEscape(s: string): string {
  return s
    // Removes the control characters XML 1.0 cannot carry.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function testCase(r: PolicyResult, threshold: Parameters<typeof isFailing>[1]): string {
  const head = `    <testcase classname="${xmlEscape(r.ruleId)}" name="${xmlEscape(`${r.ruleId} ${r.address}`)}" file="${xmlEscape(r.file)}">`;
  const text = `${r.message}${r.status === 'fail' ? `\nFix: ${r.remediation}` : ''}`;
  let body: string;
  if (isFailing(r, threshold)) {
    const tag = r.status === 'error' ? 'error' : 'failure';
    body = `      <${tag} message="${xmlEscape(r.message)}" type="${r.severity}">${xmlEscape(text)}</${tag}>`;
  } else if (r.status === 'suppressed') {
    body = `      <skipped message="${xmlEscape(`suppressed (${r.suppression?.status}): ${r.suppression?.reason}`)}"/>`;
  } else if (r.status === 'unknown' || r.status === 'not_applicable') {
    body = `      <skipped message="${xmlEscape(`${r.status}: ${r.message}`)}"/>`;
  } else if (r.status === 'fail' || r.status === 'error') {
    body = `      <system-out>${xmlEscape(`${r.severity} ${r.status} below the threshold: ${text}`)}</system-out>`;
  } else {
    return `${head}</testcase>`;
  }
  return `${head}\n${body}\n    </testcase>`;
}

export function renderJunit(bundle: ReportBundle): string {
  const { report, all } = bundle;
  const threshold = report.summary.threshold;
  const files = [...new Set([...report.inputs.map((i) => i.file), ...all.map((r) => r.file)])];
  const suites = files.map((file) => {
    const cases = all.filter((r) => r.file === file);
    const failures = cases.filter((r) => isFailing(r, threshold) && r.status === 'fail').length;
    const errors = cases.filter((r) => isFailing(r, threshold) && r.status === 'error').length;
    const skipped = cases.filter((r) => r.status === 'suppressed' || r.status === 'unknown' || r.status === 'not_applicable').length;
    const attrs = `name="${xmlEscape(file)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}"`;
    return cases.length ? `  <testsuite ${attrs}>\n${cases.map((c) => testCase(c, threshold)).join('\n')}\n  </testsuite>` : `  <testsuite ${attrs}/>`;
  });
  const total = (k: 'failures' | 'errors') => all.filter((r) => isFailing(r, threshold) && r.status === (k === 'failures' ? 'fail' : 'error')).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aira check" tests="${all.length}" failures="${total('failures')}" errors="${total('errors')}">\n${suites.join('\n')}\n</testsuites>\n`;
}
