import { formatNumber } from '../../lib/policy/estimate/render';
import { requirePositive } from '../../lib/policy/options';
import { Rule, RuleOption, Verdict } from '../../lib/policy/types';
import { COST_DOCS, POOL_TYPES, describeEmissions, describeTotal, judgeStackTotal, notAnchor, poolOf } from './budget';

/** Options of the stack emissions rule. */
export interface StackEmissionsOptions {
  /** Ceiling of one stack's emissions, kgCO2e per hour with every pool at its maximum size. @default none: no ceiling, the rule reports `not_applicable` with the estimate */
  readonly maxKgCo2ePerHour?: number;
}

const OPTION: RuleOption = {
  name: 'maxKgCo2ePerHour',
  type: 'number',
  description: 'Ceiling of each stack\'s estimated emissions, kgCO2e per hour, with every pool at its maximum size and full-load power',
};

const kg = (n: number) => `${formatNumber(n)} kgCO2e per hour`;

/** AIRA-CST-003 with a ceiling; `stackEmissions` is the built-in instance, without one. */
export function stackEmissionsRule(opts: StackEmissionsOptions = {}): Rule {
  const max = opts.maxKgCo2ePerHour;
  return {
    id: 'AIRA-CST-003',
    title: 'Each stack\'s accelerator pools stay under an emissions ceiling at their maximum sizes',
    severity: 'high',
    rationale:
      'Emissions grow with the energy a cluster draws and the grid it draws it from. The rule estimates each pool\'s energy at its maximum size ' +
      '(the catalog\'s dated nominal power per node, some figures estimated from parts) times its region\'s average grid intensity (the catalog\'s dated, ' +
      'sourced figure), sums them over the stack, and compares the total with --option maxKgCo2ePerHour. The verdict is given once per stack, on its ' +
      'first pool by address. A pool whose region or power is unknown makes the verdict unknown unless the known part already exceeds the ceiling. ' +
      'Averages, not marginal or hourly figures; golden rule AIRA-GLD-006 judges each region\'s intensity on its own.',
    remediation: 'Place the largest pools in lower-intensity regions, lower their maximum sizes, or raise the ceiling (--option maxKgCo2ePerHour=<kg>) with the reason recorded. `aira estimate` shows each pool\'s share.',
    resourceTypes: [...POOL_TYPES],
    // No framework entry: EU AI Act Annex XI asks GPAI providers for the energy a model's training used,
    // which a ceiling on a cluster's nominal draw at maximum size does not document.
    frameworks: {},
    references: [],
    docs: COST_DOCS,
    options: [OPTION],
    configure(values) {
      return stackEmissionsRule({ maxKgCo2ePerHour: requirePositive(OPTION.name, values.maxKgCo2ePerHour, true) });
    },
    check(r, ctx): Verdict {
      const found = poolOf(r, ctx);
      if (!('pool' in found)) return found;
      const elsewhere = notAnchor(found.stack, found.pool);
      if (elsewhere) return elsewhere;
      const { stack } = found;
      const t = stack.totals.kgCo2ePerHour;
      const largest = stack.pools.reduce<{ text: string; v: number } | undefined>((best, p) => (p.emissions.known && (!best || p.emissions.kgCo2ePerHour > best.v) ? { text: `${p.address}: ${describeEmissions(p, p.emissions)}`, v: p.emissions.kgCo2ePerHour } : best), undefined);
      const figure = `stack total ${describeTotal(t, kg, stack.pools.length)}${largest ? `; largest ${largest.text}` : ''}`;
      return judgeStackTotal(t, max, figure, { option: 'maxKgCo2ePerHour=<kg>', noun: 'ceiling', unit: kg });
    },
  };
}

/** The built-in stack emissions rule, without a ceiling (it judges once --option maxKgCo2ePerHour is given). */
export const stackEmissions: Rule = stackEmissionsRule();
