import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { loadText } from '../../lib/policy/load';
import { REPORT_SCHEMA, REPORT_SCHEMA_ID, REPORT_VERSION, ReportBundle } from '../../lib/policy/report';
import { render, renderRulesMarkdown } from '../../lib/policy/reporters';
import { cell } from '../../lib/policy/reporters/markdown';
import { toUri } from '../../lib/policy/reporters/sarif';
import { parseSuppressions } from '../../lib/policy/suppressions-file';
import { planDoc } from './helpers/docs';
import { SARIF_SUBSET_SCHEMA } from './helpers/sarif-schema';
import { validate } from './helpers/schema';

function bundleOf(opts: { includePassed?: boolean; threshold?: 'critical' | 'high' | 'medium' | 'low' | 'info' } = {}): ReportBundle {
  const text = JSON.stringify(
    planDoc([
      { type: 'aws_s3_bucket', name: 'open', values: {} },
      { type: 'aws_s3_bucket', name: 'ok', values: { server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }] } },
      { type: 'aws_s3_bucket', name: 'accepted', values: {} },
      { type: 'aws_security_group', name: 'ssh', values: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'a | pipe <b>' }] } },
      { type: 'aws_security_group_rule', name: 'var', values: { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp' }, afterUnknown: { cidr_blocks: true }, expressions: { type: {}, cidr_blocks: { references: ['var.cidr'] } } },
    ]),
    null,
    2,
  );
  const input = { ...loadText(text, 'plans/plan & co.json'), suppressions: parseSuppressions([{ id: 'AIRA-STO-001', address: 'aws_s3_bucket.accepted', reason: 'static website assets only' }], 'sup.yaml') };
  return checkInputs([input], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: ['aira-baseline'], ...opts });
}

describe('JSON report', () => {
  test('matches its versioned schema, with and without --include-passed', () => {
    for (const includePassed of [false, true]) {
      const json = JSON.parse(render('json', bundleOf({ includePassed })));
      expect(validate(REPORT_SCHEMA, json)).toEqual([]);
      expect(json.$schema).toBe(REPORT_SCHEMA_ID);
      expect(json.version).toBe(REPORT_VERSION);
    }
  });

  test('the schema file ships with the library and its version agrees with the code', () => {
    const file = JSON.parse(fs.readFileSync(path.join(__dirname, '../../lib/policy/reporters/report.schema.json'), 'utf8'));
    expect(file.$id).toBe(REPORT_SCHEMA_ID);
    expect(new RegExp(file.properties.version.pattern).test(REPORT_VERSION)).toBe(true);
    // A report that breaks the schema is caught: the validator is not a rubber stamp.
    const bad = JSON.parse(render('json', bundleOf()));
    bad.results[0].status = 'maybe';
    delete bad.summary.passed;
    expect(validate(REPORT_SCHEMA, bad)).toEqual(expect.arrayContaining([expect.stringMatching(/status.*not in enum/), expect.stringMatching(/missing passed/)]));
  });

  test('default lists fail, error and suppressed; summary counts every status', () => {
    const json = JSON.parse(render('json', bundleOf()));
    expect(json.results.map((r: any) => [r.ruleId, r.address, r.status])).toEqual([
      ['AIRA-NET-001', 'aws_security_group.ssh', 'fail'],
      ['AIRA-STO-001', 'aws_s3_bucket.open', 'fail'],
      ['AIRA-STO-001', 'aws_s3_bucket.accepted', 'suppressed'],
    ]);
    expect(json.summary.byStatus).toEqual({ fail: 2, error: 0, unknown: 1, suppressed: 1, pass: 6, not_applicable: 0 });
    expect(json.summary.bySeverity.high.fail).toBe(2);
    expect(json.summary).toMatchObject({ resources: 5, resourcesEvaluated: 5, failing: 2, passed: false, threshold: 'high' });
    expect(json.results[2].suppression).toEqual({ status: 'fail', reason: 'static website assets only', origin: 'sup.yaml' });
    expect(json.results[0]).toMatchObject({ references: expect.arrayContaining(['CKV_AWS_24']), frameworks: { 'iso-27001-2022': ['A.8.20', 'A.8.22'] }, source: 'plan', file: 'plans/plan & co.json' });
  });

  test('the threshold decides what fails', () => {
    expect(bundleOf({ threshold: 'critical' }).report.summary.passed).toBe(true);
    expect(bundleOf({ threshold: 'info' }).report.summary.failing).toBe(2);
  });

  test('the same input gives the same bytes', () => {
    expect(render('json', bundleOf())).toBe(render('json', bundleOf()));
    expect(render('sarif', bundleOf())).toBe(render('sarif', bundleOf()));
  });
});

describe('SARIF 2.1.0', () => {
  const sarif = JSON.parse(render('sarif', bundleOf({ includePassed: true })));

  test('valid against the OASIS schema definitions of every object written', () => {
    expect(validate(SARIF_SUBSET_SCHEMA, sarif)).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
  });

  test('rules carry help text and severity mapped to a level and GitHub security-severity', () => {
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual(Object.keys(BUILTIN_PACKS.find((p) => p.id === 'aira-baseline')!.rules).sort());
    const ssh = rules.find((r: any) => r.id === 'AIRA-NET-001');
    expect(ssh.defaultConfiguration.level).toBe('error');
    expect(ssh.properties['security-severity']).toBe('8.0');
    expect(ssh.help.text).toMatch(/Fix: Allow tcp 22/);
    expect(ssh.properties.tags).toEqual(expect.arrayContaining(['CKV_AWS_24', 'iso-27001-2022:A.8.20']));
  });

  test('results point at the input file and line, and name the Terraform address as a logical location', () => {
    const r = sarif.runs[0].results.find((x: any) => x.ruleId === 'AIRA-NET-001' && x.kind === 'fail');
    const loc = r.locations[0];
    expect(loc.physicalLocation.artifactLocation.uri).toBe('plans/plan%20%26%20co.json');
    expect(loc.physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(loc.logicalLocations).toEqual([{ name: 'aws_security_group.ssh', fullyQualifiedName: 'aws_security_group.ssh', kind: 'resource' }]);
    expect(r.level).toBe('error');
    expect(sarif.runs[0].tool.driver.rules[r.ruleIndex].id).toBe('AIRA-NET-001');
  });

  test('suppressed results carry the suppression; passes and unknowns have their kinds', () => {
    const results = sarif.runs[0].results;
    const sup = results.find((x: any) => x.properties.status === 'suppressed');
    expect(sup.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'static website assets only' }]);
    expect(results.find((x: any) => x.properties.status === 'unknown').kind).toBe('review');
    expect(results.find((x: any) => x.properties.status === 'pass')).toMatchObject({ kind: 'pass', level: 'none' });
  });

  test('paths become URI references', () => {
    expect(toUri('a\\b c\\d.json')).toBe('a/b%20c/d.json');
    expect(toUri('<stdin>')).toBe('stdin');
  });
});

describe('JUnit XML', () => {
  const xml = render('junit', bundleOf());

  test('one test case per rule and resource; failures at or above the threshold, the rest skipped or passing', () => {
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="aira check" tests="10" failures="2" errors="0">/);
    expect(xml.match(/<testcase /g)).toHaveLength(10);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml.match(/<skipped /g)).toHaveLength(2);
    expect(xml).toContain('name="plans/plan &amp; co.json"');
    expect(xml).toContain('<testcase classname="AIRA-NET-001" name="AIRA-NET-001 aws_security_group.ssh" file="plans/plan &amp; co.json">');
  });

  test('elements balance (well-formed)', () => {
    const opens = (xml.match(/<(testsuites|testsuite|testcase|failure)[ >]/g) ?? []).length;
    const selfClosed = (xml.match(/<(testsuite|testcase)[^>]*\/>/g) ?? []).length;
    const closes = (xml.match(/<\/(testsuites|testsuite|testcase|failure)>/g) ?? []).length;
    expect(opens - selfClosed).toBe(closes);
    expect(xml).not.toMatch(/<[^>]*<[^/]/);
  });

  test('below the threshold a failure is reported but does not fail the test case', () => {
    const low = render('junit', bundleOf({ threshold: 'critical' }));
    expect(low).toContain('failures="0"');
    expect(low).toMatch(/<system-out>high fail below the threshold/);
  });
});

describe('Markdown', () => {
  test('a verdict line, a findings table, suppressed results folded', () => {
    const md = render('markdown', bundleOf());
    expect(md.split('\n')[0]).toBe('### aira policy check: failed, 2 finding(s) at or above high');
    expect(md).toContain('| Severity | Status | Rule | Resource | Finding | Fix |');
    expect(md).toContain('| high | fail | `AIRA-NET-001` | `aws_security_group.ssh` |');
    expect(md).toMatch(/<details><summary>1 suppressed<\/summary>/);
  });

  test('table cells are escaped', () => {
    expect(cell('a | b\n<c>')).toBe('a \\| b \\<c\\>');
  });
});

describe('text', () => {
  test('grouped by severity, one line per finding with address and fix, a summary line; no colour unless asked', () => {
    const text = render('text', bundleOf());
    expect(text).toContain('\nHIGH (2)\n');
    expect(text).toMatch(/\[FAIL\] AIRA-NET-001 aws_security_group\.ssh: inline ingress rule ingress\.0 allows SSH \(tcp 22\) from the internet\. Fix: /);
    expect(text).toMatch(/SUPPRESSED \(1\)\n {2}\[SUPPRESSED\] AIRA-STO-001 aws_s3_bucket\.accepted \(was fail\): static website assets only \[sup\.yaml\]/);
    expect(text.trimEnd().split('\n').pop()).toBe('FAILED (2 at or above high): 5 resources, 5 evaluated; 2 fail, 1 unknown, 1 suppressed, 6 pass; threshold high');
    expect(text).not.toMatch(/\u001b\[/);
    expect(render('text', bundleOf(), { color: true })).toMatch(/\u001b\[31m\[FAIL\]/);
  });
});

describe('RULES.md', () => {
  test('is generated from the rule catalog and up to date (regenerate: aira rules --format md > RULES.md)', () => {
    const file = fs.readFileSync(path.join(__dirname, '../../RULES.md'), 'utf8');
    expect(file).toBe(renderRulesMarkdown(BUILTIN_RULES, BUILTIN_PACKS));
  });
});
