/**
 * Rule options (`aira check --option key=value`): budgets and thresholds a user sets per run. Rules
 * declare the options they take in their metadata; the rules in force are configured here, before the
 * evaluation, so a rule's `check` stays a pure function of the resource and its context.
 *
 * Keys are shared across the selected rules: one `--option maxGco2PerKwh=300` reaches every selected
 * rule that declares `maxGco2PerKwh`. A key no selected rule declares is a usage error (a typo must not
 * silently leave a budget unenforced).
 */
import { SelectedRule } from './engine';
import { PolicyError, PolicyErrorCodes } from './errors';
import { Rule, RuleOption, RuleOptionValue } from './types';

/** Option values as a caller gives them: text from a command line, or typed values from code. */
export type RuleOptionInput = Readonly<Record<string, RuleOptionValue>>;

/** Option keys: lower camel case, as `RuleOption.name` requires. */
export const OPTION_NAME = /^[a-z][A-Za-z0-9]*$/;

// A decimal as people write budgets: 250000, 0.5, 1e6; no hex, no thousands separators, no units.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses `key=value` words (the values of a repeatable `--option`) into a map; values stay text until
 * `configureRules` parses them to the type the rule declares. Throws USAGE for a word without `=`, an
 * empty key or value, or a key given twice.
 */
export function parseOptionPairs(pairs: readonly string[], where = '--option'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq).trim();
    const value = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (eq < 0 || key === '' || value === '') {
      throw new PolicyError(PolicyErrorCodes.USAGE, `${where} ${pair}`, 'an option is written key=value', 'write e.g. --option maxMonthlyUsd=250000');
    }
    if (!OPTION_NAME.test(key)) throw new PolicyError(PolicyErrorCodes.USAGE, `${where} ${pair}`, `"${key}" is not an option key (keys are lower camel case, like maxMonthlyUsd)`, 'run `aira rules` to see the options each rule takes');
    if (Object.prototype.hasOwnProperty.call(out, key)) throw new PolicyError(PolicyErrorCodes.USAGE, `${where} ${key}`, 'the option is given twice', 'give each option once');
    out[key] = value;
  }
  return out;
}

/** The options the rules declare, by key, sorted (a key two rules declare is listed once). */
export function declaredOptions(rules: readonly Rule[]): Array<{ readonly option: RuleOption; readonly ruleIds: readonly string[] }> {
  const byName = new Map<string, { option: RuleOption; ruleIds: string[] }>();
  for (const r of rules) {
    for (const o of r.options ?? []) {
      const entry = byName.get(o.name);
      if (entry) entry.ruleIds.push(r.id);
      else byName.set(o.name, { option: o, ruleIds: [r.id] });
    }
  }
  return [...byName.values()].sort((a, b) => (a.option.name < b.option.name ? -1 : a.option.name > b.option.name ? 1 : 0));
}

/**
 * The selected rules with the given option values in force (severities unchanged). Values given as
 * text are parsed to the type each rule declares. Throws USAGE for a key no selected rule declares
 * (listing the keys they do), a value of the wrong type, or a value a rule's `configure` refuses.
 */
export function configureRules(selected: readonly SelectedRule[], given: RuleOptionInput = {}): SelectedRule[] {
  const keys = Object.keys(given);
  if (!keys.length) return [...selected];
  const declared = declaredOptions(selected.map((s) => s.rule));
  const known = new Map(declared.map((d) => [d.option.name, d.option]));
  for (const key of keys.sort()) {
    if (known.has(key)) continue;
    const list = declared.map((d) => d.option.name);
    throw new PolicyError(
      PolicyErrorCodes.USAGE,
      `--option ${key}`,
      list.length ? `no selected rule takes the option "${key}" (known keys: ${list.join(', ')})` : `no selected rule takes the option "${key}": the selected rules take no options`,
      'use a key the selected rules declare (`aira rules` lists them), or select the pack whose rules take it (e.g. --pack aira-cost-carbon)',
    );
  }
  const typed: Record<string, RuleOptionValue> = {};
  for (const key of keys) typed[key] = parseValue(known.get(key)!, given[key]);
  return selected.map((s) => {
    const mine = (s.rule.options ?? []).filter((o) => Object.prototype.hasOwnProperty.call(typed, o.name));
    if (!mine.length) return s;
    if (typeof s.rule.configure !== 'function') {
      throw new PolicyError(PolicyErrorCodes.INVALID_RULE, s.rule.id, 'the rule declares options but has no configure function', 'implement configure(values) returning the configured rule');
    }
    const configured = s.rule.configure(Object.fromEntries(mine.map((o) => [o.name, typed[o.name]])));
    return { rule: configured, severity: s.severity };
  });
}

function parseValue(option: RuleOption, value: RuleOptionValue): RuleOptionValue {
  const where = `--option ${option.name}`;
  const text = String(value).trim();
  switch (option.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : DECIMAL.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) throw new PolicyError(PolicyErrorCodes.USAGE, where, `needs a number (got "${text}")`, `write e.g. --option ${option.name}=${typeof option.default === 'number' ? option.default : 1000}`);
      return n;
    }
    case 'boolean':
      if (value === true || value === false) return value;
      if (text === 'true' || text === 'false') return text === 'true';
      throw new PolicyError(PolicyErrorCodes.USAGE, where, `needs true or false (got "${text}")`, `write --option ${option.name}=true or =false`);
    default:
      return text;
  }
}

/** Throws USAGE unless an option's number is positive (budgets) or, with `allowZero`, not negative. */
export function requirePositive(name: string, value: RuleOptionValue | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new PolicyError(PolicyErrorCodes.USAGE, `--option ${name}`, `must be a ${allowZero ? 'number of at least 0' : 'positive number'} (got ${String(value)})`, `give ${name} a ${allowZero ? 'non-negative' : 'positive'} value`);
  }
  return n;
}
