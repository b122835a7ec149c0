/**
 * Compliance views: the frameworks rules map to (ids, the names `--framework` accepts, display names),
 * selection of the rules mapped to a framework, and the grouping of results by control that the text,
 * Markdown, JSON and HTML reports show. Pure data and functions; no cdktf, no provider.
 *
 * A control appears only when at least one rule in force maps to it: the views never list controls
 * nothing checks, and passing rules is evidence for a control, not certification.
 */
import type { SelectedRule } from './engine';
import { PolicyError, PolicyErrorCodes } from './errors';
import type { ReportBundle } from './report';
import { FrameworkMappings, Pack, PolicyResult, RuleMeta, STATUSES, Severity, Status, atOrAbove } from './types';

/** A framework's key in `RuleMeta.frameworks` (`'iso-27001-2022'`, `'soc2'`, `'hipaa'`, `'fips-140-3'`, `'eu-ai-act'`). */
export type FrameworkId = keyof FrameworkMappings;

/** A framework rules can map to. */
export interface FrameworkInfo {
  readonly id: FrameworkId;
  /** The short name `--framework` documents (`iso27001`, `fips140-3`, ...). */
  readonly cliName: string;
  /** Every name `--framework` accepts for it (lower case; the short name and the internal key included). */
  readonly aliases: readonly string[];
  /** Display name. */
  readonly name: string;
  /** What one control id of the framework is (`Annex A control`, `criterion`, ...). */
  readonly controlKind: string;
  /** The framework's public text. */
  readonly source: string;
}

/** The sentence every compliance view carries. */
export const EVIDENCE_NOTE = 'Passing these rules is evidence for a control, not certification: a control also needs the processes, people and records no plan shows.';

/** The frameworks, in the order the CLI lists them. */
export const FRAMEWORKS: readonly FrameworkInfo[] = [
  {
    id: 'iso-27001-2022',
    cliName: 'iso27001',
    aliases: ['iso27001', 'iso-27001', 'iso27001-2022', 'iso-27001-2022'],
    name: 'ISO/IEC 27001:2022 Annex A',
    controlKind: 'Annex A control',
    source: 'https://www.iso.org/standard/27001',
  },
  {
    id: 'soc2',
    cliName: 'soc2',
    aliases: ['soc2', 'soc-2'],
    name: 'SOC 2 Trust Services Criteria (2017, points of focus revised 2022)',
    controlKind: 'criterion',
    source: 'https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022',
  },
  {
    id: 'hipaa',
    cliName: 'hipaa',
    aliases: ['hipaa'],
    name: 'HIPAA Security Rule (45 CFR Part 164, Subpart C)',
    controlKind: 'section',
    source: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C',
  },
  {
    id: 'fips-140-3',
    cliName: 'fips140-3',
    aliases: ['fips140-3', 'fips-140-3', 'fips1403'],
    name: 'FIPS 140-3',
    controlKind: 'requirement',
    source: 'https://csrc.nist.gov/pubs/fips/140-3/final',
  },
  {
    id: 'eu-ai-act',
    cliName: 'eu-ai-act',
    aliases: ['eu-ai-act', 'euaiact'],
    name: 'EU AI Act (Regulation (EU) 2024/1689)',
    controlKind: 'article',
    source: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
  },
];

/**
 * Short titles of the controls the built-in rules map to (and a few neighbours a user's rules are
 * likely to use), for labels only: a control is listed because a rule maps to it, never because it is
 * here. ISO titles are the Annex A control names; SOC 2, HIPAA and EU AI Act titles are short
 * paraphrases of the criterion, section or paragraph (sources: each framework's `source`).
 */
const CONTROL_TITLES: Readonly<Record<FrameworkId, Readonly<Record<string, string>>>> = {
  'iso-27001-2022': {
    'A.5.9': 'Inventory of information and other associated assets',
    'A.5.14': 'Information transfer',
    'A.5.15': 'Access control',
    'A.8.2': 'Privileged access rights',
    'A.8.3': 'Information access restriction',
    'A.8.5': 'Secure authentication',
    'A.8.6': 'Capacity management',
    'A.8.9': 'Configuration management',
    'A.8.13': 'Information backup',
    'A.8.14': 'Redundancy of information processing facilities',
    'A.8.15': 'Logging',
    'A.8.16': 'Monitoring activities',
    'A.8.20': 'Networks security',
    'A.8.21': 'Security of network services',
    'A.8.22': 'Segregation of networks',
    'A.8.24': 'Use of cryptography',
    'A.8.32': 'Change management',
  },
  soc2: {
    'CC6.1': 'Logical access security software, infrastructure and architectures (incl. segmentation and encryption)',
    'CC6.3': 'Role-based access, least privilege and segregation of duties',
    'CC6.6': 'Protection against threats from outside the system boundaries',
    'CC6.7': 'Information restricted and protected in transmission, movement and removal',
    'CC7.2': 'Monitoring of system components for anomalies',
    'CC8.1': 'Change management',
    'A1.1': 'Processing capacity maintained, monitored and evaluated',
    'A1.2': 'Environmental protections, backup and recovery infrastructure',
  },
  hipaa: {
    '164.308(a)(7)(ii)(A)': 'Data backup plan',
    '164.312(a)(1)': 'Access control',
    '164.312(a)(2)(iv)': 'Encryption and decryption',
    '164.312(b)': 'Audit controls',
    '164.312(c)(1)': 'Integrity',
    '164.312(d)': 'Person or entity authentication',
    '164.312(e)(1)': 'Transmission security',
    '164.312(e)(2)(ii)': 'Encryption (in transmission)',
  },
  // FIPS 140-3 adopts ISO/IEC 19790:2012; its requirement areas keep that standard's clause numbers.
  'fips-140-3': {
    '7.9': 'Sensitive security parameter management (ISO/IEC 19790:2012 clause 7.9, adopted by FIPS 140-3)',
  },
  'eu-ai-act': {
    'Art. 10': 'Data and data governance',
    'Art. 12': 'Record-keeping',
    'Art. 15': 'Accuracy, robustness and cybersecurity',
    'Art. 15(4)': 'Robustness: resilience to errors and faults, technical redundancy',
    'Art. 15(5)': 'Cybersecurity: resilience against unauthorised third parties',
  },
};

/** The framework a `--framework` value names: its short name, an alias or its internal key, in any case. */
export function resolveFramework(name: string, where = `--framework ${name}`): FrameworkId {
  const key = name.trim().toLowerCase();
  const found = FRAMEWORKS.find((f) => f.aliases.includes(key));
  if (found) return found.id;
  throw new PolicyError(
    PolicyErrorCodes.USAGE,
    where,
    `unknown framework "${name}" (known: ${FRAMEWORKS.map((f) => f.cliName).join(', ')})`,
    `name one of them (the keys ${FRAMEWORKS.filter((f) => f.cliName !== f.id).map((f) => f.id).join(', ')} are accepted too)`,
  );
}

/** The description of a framework. */
export function frameworkInfo(id: FrameworkId): FrameworkInfo {
  return FRAMEWORKS.find((f) => f.id === id)!;
}

/** The short title of a control where one is known. @returns undefined for a control without a known title (a user's own ids) */
export function controlTitle(framework: FrameworkId, control: string): string | undefined {
  return CONTROL_TITLES[framework][control];
}

const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Orders control ids as people read them: digit runs by value, the rest by code unit, so A.8.2 comes
 * before A.8.20 and Art. 15 before Art. 15(4). The same order on every machine (no locale).
 */
export function compareControls(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const [x, y] = [ta[i], tb[i]];
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    const c = nx && ny ? Number(x) - Number(y) || cmpText(x, y) : cmpText(x, y);
    if (c) return c;
  }
  return ta.length - tb.length || cmpText(a, b);
}

/** The controls a rule maps to in a framework, without blanks and duplicates. */
export function controlsOf(rule: Pick<RuleMeta, 'frameworks'>, framework: FrameworkId): string[] {
  return [...new Set((rule.frameworks[framework] ?? []).map((c) => c.trim()).filter((c) => c !== ''))];
}

/**
 * The rules in force that map to at least one of the frameworks: `--framework` combined with `--pack`
 * is the intersection (the pack's rules that map to a framework, at the pack's severity).
 * Throws a USAGE error when nothing is left: a compliance view that checks nothing must not pass.
 */
export function selectForFrameworks(selected: readonly SelectedRule[], frameworks: readonly FrameworkId[], packIds: readonly string[] = []): SelectedRule[] {
  if (!frameworks.length) return [...selected];
  const out = selected.filter((s) => frameworks.some((f) => controlsOf(s.rule, f).length > 0));
  if (!out.length) {
    const names = frameworks.map((f) => frameworkInfo(f).cliName).join(', ');
    const scope = packIds.length ? ` in pack${packIds.length > 1 ? 's' : ''} ${packIds.join(', ')}` : '';
    throw new PolicyError(
      PolicyErrorCodes.USAGE,
      `--framework ${names}`,
      `no rule in force${scope} maps to ${frameworks.map((f) => frameworkInfo(f).name).join(' or ')}, so nothing would be checked`,
      `run \`aira rules --framework ${frameworkInfo(frameworks[0]).cliName}\` to see the rules mapped to it${packIds.length ? ', and drop --pack or add a pack that holds them' : ''}; your own rules map to it through their frameworks metadata (--policy-dir)`,
    );
  }
  return out;
}

/** One rule of a control-to-rule matrix. */
export interface MatrixRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Ids of the packs that select the rule, sorted. */
  readonly packs: readonly string[];
}

/** One control of a control-to-rule matrix, with the rules that map to it. */
export interface MatrixControl {
  readonly control: string;
  /** @default none (left out): no title known for this control id */
  readonly title?: string;
  readonly rules: readonly MatrixRule[];
}

/** The control-to-rule matrix of a framework (`aira rules --framework`). */
export interface ControlMatrix {
  readonly framework: FrameworkId;
  readonly name: string;
  readonly source: string;
  readonly note: string;
  /** Controls some rule maps to, in control order; empty when no rule maps to the framework. */
  readonly controls: readonly MatrixControl[];
}

/** Groups controls of a framework with the rules (or entries) mapped to each, controls in order. */
function byControl<T extends Pick<RuleMeta, 'frameworks'>>(rules: readonly T[], framework: FrameworkId): Array<[string, T[]]> {
  const map = new Map<string, T[]>();
  for (const r of rules) {
    for (const c of controlsOf(r, framework)) {
      const list = map.get(c);
      if (list) list.push(r);
      else map.set(c, [r]);
    }
  }
  return [...map.entries()].sort(([a], [b]) => compareControls(a, b));
}

/** The control-to-rule matrix: every control a rule maps to, its rules (by id) and the packs that hold them. */
export function controlMatrix(rules: readonly RuleMeta[], packs: readonly Pack[], framework: FrameworkId): ControlMatrix {
  const info = frameworkInfo(framework);
  const packsOf = (id: string) => packs.filter((p) => Object.prototype.hasOwnProperty.call(p.rules, id)).map((p) => p.id).sort(cmpText);
  return {
    framework,
    name: info.name,
    source: info.source,
    note: EVIDENCE_NOTE,
    controls: byControl(rules, framework).map(([control, rs]) => {
      const title = controlTitle(framework, control);
      return {
        control,
        ...(title ? { title } : {}),
        rules: [...rs].sort((a, b) => cmpText(a.id, b.id)).map((r) => ({ id: r.id, title: r.title, severity: r.severity, packs: packsOf(r.id) })),
      };
    }),
  };
}

/**
 * Where a control stands in a report: `fail` (a fail or error at or above the threshold),
 * `fail-below-threshold` (findings, all below it), `unknown` (values known only after apply),
 * `pass`, `suppressed` (only suppressed findings and no pass) or `not-evaluated` (no rule of the
 * control met a resource it could decide on).
 */
export type ControlStatus = 'fail' | 'fail-below-threshold' | 'unknown' | 'pass' | 'suppressed' | 'not-evaluated';

/** One rule's results under a control. */
export interface ControlRuleResults {
  readonly id: string;
  readonly title: string;
  /** The severity in force. */
  readonly severity: Severity;
  /** Results of the rule per status (all results, listed in the report or not). */
  readonly counts: Readonly<Record<Status, number>>;
  /** Addresses with a `fail` or `error` result, sorted, each once. */
  readonly failing: readonly string[];
}

/** One control of a compliance view. */
export interface ControlResults {
  readonly control: string;
  /** @default none (left out): no title known for this control id */
  readonly title?: string;
  readonly status: ControlStatus;
  /** Results of the control's rules per status (a result counts once per control it maps to). */
  readonly counts: Readonly<Record<Status, number>>;
  /** `fail` and `error` results at or above the threshold. */
  readonly failing: number;
  readonly rules: readonly ControlRuleResults[];
}

/** A report grouped by the controls of one framework (the report's `compliance` entries). */
export interface ComplianceView {
  readonly framework: FrameworkId;
  readonly name: string;
  readonly note: string;
  /** Rules in force mapped to the framework. */
  readonly rules: number;
  /** Controls some rule in force maps to, in control order. */
  readonly controls: readonly ControlResults[];
}

const zero = (): Record<Status, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

function statusOf(counts: Readonly<Record<Status, number>>, failing: number): ControlStatus {
  if (failing) return 'fail';
  if (counts.fail || counts.error) return 'fail-below-threshold';
  if (counts.unknown) return 'unknown';
  if (counts.pass) return 'pass';
  if (counts.suppressed) return 'suppressed';
  return 'not-evaluated';
}

/**
 * Groups results by the controls of a framework: each control with its rules in force, their result
 * counts and failing addresses. Rules in force that map to no control of the framework are left out.
 */
export function complianceView(
  results: readonly PolicyResult[],
  rules: ReadonlyArray<Pick<RuleMeta, 'id' | 'title' | 'frameworks'> & { readonly severity: Severity }>,
  framework: FrameworkId,
  threshold: Severity,
): ComplianceView {
  const byRule = new Map<string, PolicyResult[]>();
  for (const r of results) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  const perRule = new Map<string, ControlRuleResults>();
  const atThresholdOf = new Map<string, number>();
  for (const rule of rules) {
    const counts = zero();
    const failing = new Set<string>();
    let atThreshold = 0;
    for (const r of byRule.get(rule.id) ?? []) {
      counts[r.status]++;
      if (r.status === 'fail' || r.status === 'error') {
        failing.add(r.address);
        if (atOrAbove(r.severity, threshold)) atThreshold++;
      }
    }
    perRule.set(rule.id, { id: rule.id, title: rule.title, severity: rule.severity, counts, failing: [...failing].sort(cmpText) });
    atThresholdOf.set(rule.id, atThreshold);
  }
  const mapped = rules.filter((r) => controlsOf(r, framework).length);
  const info = frameworkInfo(framework);
  return {
    framework,
    name: info.name,
    note: EVIDENCE_NOTE,
    rules: mapped.length,
    controls: byControl(mapped, framework).map(([control, rs]) => {
      const entries = [...rs].sort((a, b) => cmpText(a.id, b.id)).map((r) => perRule.get(r.id)!);
      const counts = zero();
      let failing = 0;
      for (const e of entries) {
        for (const s of STATUSES) counts[s] += e.counts[s];
        failing += atThresholdOf.get(e.id)!;
      }
      const title = controlTitle(framework, control);
      return {
        control,
        ...(title ? { title } : {}),
        status: statusOf(counts, failing),
        counts,
        failing,
        rules: entries,
      };
    }),
  };
}

/** A report's results grouped by the controls of a framework (for renderers given a bundle, such as HTML). */
export function groupByControl(bundle: Pick<ReportBundle, 'all' | 'rules' | 'report'>, framework: FrameworkId | string): ComplianceView {
  const id = FRAMEWORKS.some((f) => f.id === framework) ? (framework as FrameworkId) : resolveFramework(framework);
  return complianceView(bundle.all, bundle.rules, id, bundle.report.summary.threshold);
}
