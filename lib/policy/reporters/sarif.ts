/**
 * SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for GitHub
 * code scanning and other SARIF viewers. Rules carry help text and a level from the severity
 * (critical/high: error, medium: warning, low/info: note) plus GitHub's numeric `security-severity`;
 * each result points at the input file (line of the resource where found) and names the Terraform
 * address as a logical location. Suppressed results keep their suppression (kind external, accepted).
 */
import { createHash } from 'crypto';
import { ReportBundle } from '../report';
import { PolicyResult, Severity } from '../types';

type Level = 'none' | 'note' | 'warning' | 'error';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
// GitHub maps security-severity to its labels: > 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low
// (docs.github.com, "SARIF support for code scanning", reportingDescriptor properties).
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.5' };

/** A file path as a SARIF relative URI reference (forward slashes, each segment percent-encoded). */
export function toUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s)))
    .join('/');
}

function kindAndLevel(r: PolicyResult): { kind: string; level: Level } {
  const status = r.status === 'suppressed' ? (r.suppression?.status ?? 'fail') : r.status;
  switch (status) {
    case 'fail':
      return { kind: 'fail', level: LEVEL[r.severity] };
    case 'error':
    case 'unknown':
      // The rule could not decide: a person has to look.
      return { kind: 'review', level: 'note' };
    case 'pass':
      return { kind: 'pass', level: 'none' };
    default:
      return { kind: 'notApplicable', level: 'none' };
  }
}

export function renderSarif(bundle: ReportBundle): string {
  const { report, rules } = bundle;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const driverRules = rules.map((r) => {
    const frameworks = Object.entries(r.frameworks).flatMap(([f, controls]) => (controls ?? []).map((c: string) => `${f}:${c}`));
    return {
      id: r.id,
      shortDescription: { text: r.title },
      fullDescription: { text: r.rationale },
      ...(r.docs?.length ? { helpUri: r.docs[0] } : {}),
      help: {
        text: `${r.rationale}\n\nFix: ${r.remediation}`,
        markdown: `${r.rationale}\n\n**Fix:** ${r.remediation}${r.references.length ? `\n\nEquivalent checks: ${r.references.join(', ')}` : ''}`,
      },
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: {
        tags: ['security', 'terraform', ...r.references, ...frameworks],
        'security-severity': SECURITY_SEVERITY[r.severity],
        precision: 'high',
      },
    };
  });
  const results = report.results.map((r) => {
    const { kind, level } = kindAndLevel(r);
    const line = bundle.lineOf(r);
    return {
      ruleId: r.ruleId,
      ...(index.has(r.ruleId) ? { ruleIndex: index.get(r.ruleId) } : {}),
      kind,
      level,
      message: { text: `${r.address}: ${r.message}${r.status === 'fail' || r.suppression?.status === 'fail' ? `. Fix: ${r.remediation}` : ''}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: toUri(r.file) }, region: { startLine: line ?? 1 } },
          logicalLocations: [{ name: r.address, fullyQualifiedName: r.address, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'airaRule/address/v1': createHash('sha256').update(`${r.ruleId}|${r.address}`).digest('hex').slice(0, 32) },
      ...(r.suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: r.suppression.reason }] } : {}),
      properties: {
        severity: r.severity,
        status: r.status,
        source: r.source,
        resourceType: r.resourceType,
        ...(r.constructPath ? { constructPath: r.constructPath } : {}),
      },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'aira', version: report.tool.version, semanticVersion: report.tool.version, rules: driverRules } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
