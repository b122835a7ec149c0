/**
 * The evaluator: one pass over each input's resources. Rules are grouped by the resource types they
 * declare, so each resource meets only its own rules; one result per (rule, resource). A rule that
 * throws gives `error` for that resource and the run goes on. Suppressions turn `fail`, `unknown` and
 * `error` into `suppressed` and keep the original status and the reason.
 */
import { LoadedInput } from './load/input';
import { ResourceIndex } from './resource-index';
import { Mode, PolicyResult, ResourceView, Rule, Severity, Status, Suppression, Verdict } from './types';

/** A rule as a pack selected it, with the severity in force. */
export interface SelectedRule {
  readonly rule: Rule;
  readonly severity: Severity;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  readonly rules: readonly SelectedRule[];
  /**
   * Suppressions for every input (a user's file); each input's own suppressions apply to it as well.
   * @default none: only each input's own suppressions apply
   */
  readonly suppressions?: readonly Suppression[];
}

/** What an evaluation found. */
export interface Evaluation {
  /** Every result, all statuses, in input then resource then rule order. */
  readonly results: readonly PolicyResult[];
  /** Suppressions that covered no `fail`, `unknown` or `error` result. */
  readonly unmatchedSuppressions: readonly Suppression[];
  /** Resources across inputs. */
  readonly resources: number;
  /** Resources at least one rule looked at. */
  readonly resourcesEvaluated: number;
  /** Managed resource types present in the inputs that no selected rule covers, sorted. */
  readonly typesWithoutRule: readonly string[];
}

// Worst first: the status a set of verdicts combines to.
const RANK: Record<Verdict['status'], number> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };
const SUPPRESSIBLE = new Set<Status>(['fail', 'unknown', 'error']);
const MAX_MESSAGE = 500;

/** Evaluates selected rules on loaded inputs. Pure: reads nothing, prints nothing. */
export function evaluate(inputs: readonly LoadedInput[], opts: EvaluateOptions): Evaluation {
  const byType = new Map<string, SelectedRule[]>();
  for (const s of opts.rules) {
    for (const t of s.rule.resourceTypes) {
      const list = byType.get(t) ?? [];
      list.push(s);
      byType.set(t, list);
    }
  }
  const results: PolicyResult[] = [];
  const used = new Set<Suppression>();
  const allSuppressions: Suppression[] = [...(opts.suppressions ?? [])];
  const uncovered = new Set<string>();
  let resources = 0;
  let evaluated = 0;
  for (const input of inputs) {
    const index = new ResourceIndex(input.resources);
    const suppressions = new SuppressionIndex([...(opts.suppressions ?? []), ...input.suppressions]);
    allSuppressions.push(...input.suppressions);
    for (const r of input.resources) {
      resources++;
      const rules = byType.get(r.type);
      if (!rules) {
        if (r.mode === 'managed') uncovered.add(r.type);
        continue;
      }
      let any = false;
      for (const s of rules) {
        if (!(s.rule.modes ?? DEFAULT_MODES).includes(r.mode)) continue;
        any = true;
        const result = runRule(s, r, index);
        const sup = SUPPRESSIBLE.has(result.status) ? suppressions.match(s.rule, r) : undefined;
        if (sup) {
          used.add(sup);
          results.push({ ...result, status: 'suppressed', suppression: { status: result.status, reason: sup.reason, origin: sup.origin } });
        } else {
          results.push(result);
        }
      }
      if (any) evaluated++;
    }
  }
  const unmatched = dedupe(allSuppressions).filter((s) => !used.has(s));
  return { results, unmatchedSuppressions: unmatched, resources, resourcesEvaluated: evaluated, typesWithoutRule: [...uncovered].sort() };
}

const DEFAULT_MODES: readonly Mode[] = ['managed'];

function runRule(s: SelectedRule, r: ResourceView, index: ResourceIndex): PolicyResult {
  const result = (status: PolicyResult['status'], message: string, path?: string): PolicyResult => ({
    ruleId: s.rule.id,
    status,
    severity: s.severity,
    address: r.address,
    resourceType: r.type,
    message,
    remediation: s.rule.remediation,
    references: s.rule.references,
    frameworks: s.rule.frameworks,
    source: r.source,
    file: r.file,
    ...(r.constructPath ? { constructPath: r.constructPath } : {}),
    ...(path ? { path } : {}),
  });
  if (s.rule.sources && !s.rule.sources.includes(r.source)) {
    return result('not_applicable', `decided only on a ${s.rule.sources.join(' or ')}, not on a ${r.source === 'synth' ? 'synthesized stack' : r.source}`);
  }
  let out: Verdict | readonly Verdict[];
  try {
    out = s.rule.check(r, index);
  } catch (e) {
    return result('error', clip(`rule failed on this resource: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (!Array.isArray(out)) {
    const v = out as Verdict;
    return valid(v) ? result(v.status, clip(v.message), v.path) : result('error', 'rule returned a malformed verdict');
  }
  const verdicts = out as readonly Verdict[];
  if (!verdicts.every(valid)) return result('error', 'rule returned a malformed verdict');
  if (!verdicts.length) return result('not_applicable', 'nothing to check');
  const worst = verdicts.reduce((a, v) => (RANK[v.status] < RANK[a.status] ? v : a));
  const messages = [...new Set(verdicts.filter((v) => v.status === worst.status).map((v) => v.message))];
  return result(worst.status, clip(messages.join('; ')), worst.path);
}

function valid(v: Verdict): boolean {
  return typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(RANK, v.status) && typeof v.message === 'string';
}

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s;
}

function dedupe(list: Suppression[]): Suppression[] {
  return [...new Set(list)];
}

/** Suppressions by address; an id matches a rule id or any of the rule's Checkov / Trivy references. */
class SuppressionIndex {
  private readonly byAddress = new Map<string, Suppression[]>();

  constructor(list: readonly Suppression[]) {
    for (const s of list) {
      const l = this.byAddress.get(s.address) ?? [];
      l.push(s);
      this.byAddress.set(s.address, l);
    }
  }

  public match(rule: Rule, r: ResourceView): Suppression | undefined {
    if (this.byAddress.size === 0) return undefined;
    const candidates = [...(this.byAddress.get(r.address) ?? []), ...(r.configAddress !== r.address ? (this.byAddress.get(r.configAddress) ?? []) : [])];
    return candidates.find((s) => s.id === rule.id || rule.references.includes(s.id));
  }
}
