/**
 * The rule and pack contracts, checked where rules enter the engine (built-in or from a user's
 * `--policy-dir`), and pack selection.
 */
import { SelectedRule } from './engine';
import { PolicyError, PolicyErrorCodes } from './errors';
import { Pack, Rule, SEVERITIES, Severity, atOrAbove } from './types';
import { OPTION_NAME } from './options';
import { isObject } from './view';

/** Rule ids: upper-case segments joined by dashes, e.g. `AIRA-NET-001` or `ACME-S3-7`. */
export const RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

const MODES = ['managed', 'data'];
const SOURCES = ['plan', 'synth', 'state'];

/** Whether a module export looks like a rule (it has a check function). */
export function isRuleLike(x: unknown): boolean {
  return isObject(x) && typeof x.check === 'function';
}

/** Whether a module export looks like a pack (rules map, no check function). */
export function isPackLike(x: unknown): boolean {
  return isObject(x) && typeof x.check !== 'function' && isObject(x.rules) && typeof x.id === 'string';
}

/** Checks a rule against the contract; throws INVALID_RULE naming the first problem. */
export function validateRule(x: unknown, where: string): Rule {
  const bad = (problem: string): never => {
    throw new PolicyError(PolicyErrorCodes.INVALID_RULE, where, problem, 'export rules of the shape { id, title, severity, rationale, remediation, resourceTypes, frameworks, references, check }');
  };
  if (!isObject(x)) return bad('the rule is not an object');
  const id = typeof x.id === 'string' ? x.id : '';
  if (!RULE_ID.test(id)) bad(`rule id ${JSON.stringify(x.id)} is not of the form PREFIX-DOMAIN-NNN`);
  for (const k of ['title', 'rationale', 'remediation']) if (typeof x[k] !== 'string' || (x[k] as string).trim() === '') bad(`rule ${id} has no ${k}`);
  if (!SEVERITIES.includes(x.severity as Severity)) bad(`rule ${id} has severity ${JSON.stringify(x.severity)}; use one of ${SEVERITIES.join(', ')}`);
  if (!Array.isArray(x.resourceTypes) || !x.resourceTypes.length || !x.resourceTypes.every((t) => typeof t === 'string' && t !== '')) bad(`rule ${id} declares no resourceTypes`);
  if (!isObject(x.frameworks)) bad(`rule ${id} has no frameworks mapping (use {} when none applies)`);
  if (!Array.isArray(x.references) || !x.references.every((r) => typeof r === 'string')) bad(`rule ${id} has no references list (use [] when no equivalent check exists)`);
  if (x.modes !== undefined && (!Array.isArray(x.modes) || !x.modes.every((m) => MODES.includes(m as string)))) bad(`rule ${id} has modes other than managed / data`);
  if (x.sources !== undefined && (!Array.isArray(x.sources) || !x.sources.every((s) => SOURCES.includes(s as string)))) bad(`rule ${id} has sources other than plan / synth / state`);
  if (typeof x.check !== 'function') bad(`rule ${id} has no check function`);
  if (x.options !== undefined) validateOptions(x.options, id, bad, typeof x.configure === 'function');
  return x as unknown as Rule;
}

const OPTION_TYPES = ['number', 'string', 'boolean'];

/** Checks a rule's option declarations: named, typed, described, unique, with a configure function. */
function validateOptions(options: unknown, id: string, bad: (problem: string) => never, configurable: boolean): void {
  if (!Array.isArray(options)) bad(`rule ${id} has options that are not a list`);
  const seen = new Set<string>();
  for (const o of options as unknown[]) {
    if (!isObject(o) || typeof o.name !== 'string' || !OPTION_NAME.test(o.name)) bad(`rule ${id} has an option whose name is not lower camel case (like maxMonthlyUsd)`);
    const opt = o as Record<string, unknown>;
    if (!OPTION_TYPES.includes(opt.type as string)) bad(`rule ${id}: option ${String(opt.name)} has type ${JSON.stringify(opt.type)}; use number, string or boolean`);
    if (typeof opt.description !== 'string' || opt.description.trim() === '') bad(`rule ${id}: option ${String(opt.name)} has no description`);
    if (seen.has(opt.name as string)) bad(`rule ${id} declares the option ${String(opt.name)} twice`);
    seen.add(opt.name as string);
  }
  if (seen.size && !configurable) bad(`rule ${id} declares options but has no configure function`);
}

/** Checks a pack against the contract. */
export function validatePack(x: unknown, where: string): Pack {
  const bad = (problem: string): never => {
    throw new PolicyError(PolicyErrorCodes.INVALID_RULE, where, problem, 'export packs of the shape { id, title, description, rules: { "RULE-ID": { severity? } } }');
  };
  if (!isObject(x) || typeof x.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(x.id)) return bad(`pack id ${JSON.stringify(isObject(x) ? x.id : x)} is not lower-case-with-dashes`);
  if (typeof x.title !== 'string' || typeof x.description !== 'string') bad(`pack ${x.id} has no title or description`);
  if (!isObject(x.rules)) bad(`pack ${x.id} has no rules map`);
  for (const [ruleId, o] of Object.entries(x.rules as Record<string, unknown>)) {
    if (!isObject(o)) bad(`pack ${x.id}: entry ${ruleId} is not an object`);
    const sev = (o as Record<string, unknown>).severity;
    if (sev !== undefined && !SEVERITIES.includes(sev as Severity)) bad(`pack ${x.id}: ${ruleId} has severity ${JSON.stringify(sev)}`);
  }
  return x as unknown as Pack;
}

/** Checks a rule set: valid rules, unique ids. Returns them sorted by id. */
export function ruleSet(rules: readonly unknown[], where: string): Rule[] {
  const seen = new Map<string, Rule>();
  for (const x of rules) {
    const r = validateRule(x, where);
    const prev = seen.get(r.id);
    if (prev && prev !== r) throw new PolicyError(PolicyErrorCodes.INVALID_RULE, where, `two rules have the id ${r.id}`, 'give every rule its own id');
    seen.set(r.id, r);
  }
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The rules in force: every rule at its own severity when no pack is named; otherwise the union of
 * the named packs, each rule at the most severe level any of them gives it.
 */
export function selectRules(rules: readonly Rule[], packs: readonly Pack[], packIds: readonly string[] = []): SelectedRule[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  if (!packIds.length) return rules.map((rule) => ({ rule, severity: rule.severity }));
  const chosen = new Map<string, Severity>();
  for (const id of packIds) {
    const pack = packs.find((p) => p.id === id);
    if (!pack) throw new PolicyError(PolicyErrorCodes.UNKNOWN_PACK, `--pack ${id}`, `no pack "${id}" (known: ${packs.map((p) => p.id).join(', ') || 'none'})`, 'name a built-in pack or one exported from --policy-dir');
    for (const [ruleId, o] of Object.entries(pack.rules)) {
      const rule = byId.get(ruleId);
      if (!rule) throw new PolicyError(PolicyErrorCodes.INVALID_RULE, `pack ${pack.id}`, `names rule ${ruleId}, which is not loaded`, 'load the rule (built-in or --policy-dir) or remove it from the pack');
      const sev = o.severity ?? rule.severity;
      const prev = chosen.get(ruleId);
      chosen.set(ruleId, prev && atOrAbove(prev, sev) ? prev : sev);
    }
  }
  return [...chosen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, severity]) => ({ rule: byId.get(id)!, severity }));
}
