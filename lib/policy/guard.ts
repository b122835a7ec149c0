/**
 * PolicyGuard: the policy engine at synth time. Added once (`PolicyGuard.of(app, { packs, failOn })`),
 * it evaluates each stack's resolved resources with the same rules and verdicts as `aira check` on the
 * plan, and reports through cdktf Annotations: results at or above `failOn` are errors, which fail
 * `cdktf synth` with the rule id, the construct path, the message and the fix; lower ones are warnings.
 * Loads cdktf: keep it out of the plan-check path.
 */
import { Annotations, App, ISynthesisSession, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { BUILTIN_PACKS, BUILTIN_RULES } from './builtin';
import { SelectedRule, evaluate } from './engine';
import { isPolicyError } from './errors';
import { loadSynth } from './load/synth';
import { RuleOptionInput, configureRules } from './options';
import { ReportBundle, buildReport, isFailing } from './report';
import { ruleSet, selectRules, validatePack } from './rules';
import { WrittenSuppression } from './suppressions-file';
import { ensureStackHook, hasCheck, hookApp, registerCheck } from './stack-hook';
import { Pack, Rule, SEVERITIES, Severity, Suppression } from './types';

/** Options of `PolicyGuard.of`. */
export interface PolicyGuardOptions {
  /** Packs to apply, by id (built-in) or as pack objects. @default every rule at its own severity */
  readonly packs?: ReadonlyArray<string | Pack>;
  /** Rules of your own, beside the built-in ones. @default none */
  readonly rules?: readonly Rule[];
  /** Results (fail or error) at or above this severity fail synth; lower ones are warnings. @default 'high' */
  readonly failOn?: Severity;
  /**
   * Rule options by key, as `aira check --option` takes them (`aira rules` lists each rule's options):
   * budgets and thresholds, e.g. `{ maxMonthlyUsd: 250000, maxKgCo2ePerHour: 50 }`, so that synth and the
   * plan check in CI judge with the same numbers. A key no selected rule takes is refused.
   * @default none: every rule at its default options
   */
  readonly options?: RuleOptionInput;
}

/** The synth-time guard. */
export class PolicyGuard {
  /**
   * Adds the guard to an app (every stack, also stacks created later) or to one stack. Throws
   * AIRA_E_INVALID_PROP when a guard is already on that scope, or for unknown packs and bad rules.
   */
  public static of(scope: IConstruct, options: PolicyGuardOptions = {}): PolicyGuard {
    if (hasCheck(scope)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, scope.node.path || '<app>', 'a PolicyGuard is already added to this scope', 'add the guard once, with every pack it should apply');
    }
    const guard = new PolicyGuard(options, scope.node.path || '<app>');
    registerCheck(scope, { run: (stack, session, found) => guard.run(stack, session, found) });
    if (TerraformStack.isStack(scope)) ensureStackHook(scope);
    else hookApp(scope.node.root);
    return guard;
  }

  /** The report of each stack the guard checked, by stack name (filled during synth). */
  public readonly reports = new Map<string, ReportBundle>();

  // The rules in force, selected and configured once: packs, rules and options are fixed at construction.
  private readonly selected: SelectedRule[];
  private readonly failOn: Severity;

  private constructor(options: PolicyGuardOptions, where: string) {
    const failOn = options.failOn ?? 'high';
    if (!SEVERITIES.includes(failOn)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `failOn "${failOn}" is not a severity`, `use one of ${SEVERITIES.join(', ')}`);
    this.failOn = failOn;
    let selected: SelectedRule[];
    try {
      const rules = ruleSet([...BUILTIN_RULES, ...(options.rules ?? [])], 'PolicyGuard rules');
      const own = (options.packs ?? []).filter((p): p is Pack => typeof p !== 'string').map((p) => validatePack(p, 'PolicyGuard packs'));
      const packIds = (options.packs ?? []).map((p) => (typeof p === 'string' ? p : p.id));
      selected = selectRules(rules, [...BUILTIN_PACKS, ...own], packIds);
    } catch (e) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, (e as Error).message, 'name built-in packs (aira rules lists them) or pass valid rule and pack objects');
    }
    try {
      this.selected = configureRules(selected, options.options);
    } catch (e) {
      const problem = isPolicyError(e) ? e.problem : (e as Error).message;
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `PolicyGuard options: ${problem}`, 'give only options the selected rules take, as numbers or text of their type (aira rules lists them), or add the pack whose rules take the option to packs');
    }
  }

  private run(stack: TerraformStack, session: ISynthesisSession, found: { byAddress: Map<string, WrittenSuppression[]>; unmatched: WrittenSuppression[] }): void {
    const file = session.manifest.forStack(stack).synthesizedStackPath;
    const suppressions: Suppression[] = [];
    for (const [address, list] of found.byAddress) for (const s of list) suppressions.push({ ...s, address, origin: 'code' });
    for (const s of found.unmatched) suppressions.push({ ...s, address: '', origin: 'code' });
    const config = stack.toTerraform() as Record<string, unknown>;
    const input = { ...loadSynth(config, file, stack.node.id), suppressions };
    const ev = evaluate([input], { rules: this.selected });
    const bundle = buildReport([input], this.selected, ev, { threshold: this.failOn });
    this.reports.set(stack.node.id, bundle);

    const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c] as const));
    const at = (p?: string): IConstruct => (p && byPath.get(p)) || stack;
    for (const r of bundle.all) {
      const text = `[${r.ruleId}] ${r.address}: ${r.message}. Fix: ${r.remediation}`;
      if (isFailing(r, this.failOn)) Annotations.of(at(r.constructPath)).addError(text);
      else if (r.status === 'fail' || r.status === 'error') Annotations.of(at(r.constructPath)).addWarning(text);
    }
    for (const s of ev.unmatchedSuppressions) {
      Annotations.of(at(s.constructPath)).addWarning(`[aira] suppression ${s.id} matches nothing${s.address ? ` on ${s.address}` : ''}: remove it or fix its id or appliesTo`);
    }
    if (!bundle.all.some((r) => isFailing(r, this.failOn)) && !App.of(stack).hclOutput) reuseOnce(stack, config);
  }
}

/**
 * cdktf's synthesizer calls `stack.toTerraform()` again right after the custom syntheses (this guard
 * runs in one) to write `cdk.tf.json`: a second full token resolution of the stack, about a third of a
 * guarded stack's synth time. Between the two calls cdktf only collects annotations, so the guard hands
 * the synthesizer the configuration it has just resolved, once; the instance property is removed on
 * that call and the prototype's method is back. Skipped when synth will stop on the guard's findings
 * (no second call comes) and for HCL output (cdktf calls `toHclTerraform` instead). Rules read the
 * configuration and never change it (the resource view is read-only), so what is written is what was
 * checked.
 */
function reuseOnce(stack: TerraformStack, config: Record<string, unknown>): void {
  Object.defineProperty(stack, 'toTerraform', {
    configurable: true,
    writable: true,
    value: () => {
      delete (stack as { toTerraform?: unknown }).toTerraform;
      return config;
    },
  });
}
