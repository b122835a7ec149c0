import { requirePositive } from '../../lib/policy/options';
import { Rule, RuleOption, Verdict } from '../../lib/policy/types';
import { COST_DOCS, POOL_TYPES, describeTotal, judgeStackTotal, notAnchor, poolOf, usd } from './budget';

/** Options of the stack cost rule. */
export interface StackMonthlyCostOptions {
  /** Budget of one stack (one input), on-demand USD per month with every pool at its maximum size. @default none: no budget, the rule reports `not_applicable` with the estimate */
  readonly maxMonthlyUsd?: number;
}

const OPTION: RuleOption = {
  name: 'maxMonthlyUsd',
  type: 'number',
  description: 'Budget of each stack (each input file or cdktf stack): estimated on-demand USD per month (730 hours) with every pool at its maximum size',
};

/** AIRA-CST-002 with a budget; `stackMonthlyCost` is the built-in instance, without one. */
export function stackMonthlyCostRule(opts: StackMonthlyCostOptions = {}): Rule {
  const max = opts.maxMonthlyUsd;
  return {
    id: 'AIRA-CST-002',
    title: 'Each stack\'s accelerator pools stay within the monthly budget at their maximum sizes',
    severity: 'high',
    rationale:
      'A stack\'s accelerator spend is the sum of its pools at their maximum sizes; a budget holder approves that sum, not each pool. The rule adds ' +
      'the estimates of every pool of the input (one synthesized stack, plan or state), priced with the catalog\'s dated on-demand list prices, and ' +
      'compares the total with --option maxMonthlyUsd. The verdict is given once per stack, on its first pool by address; the other pools report ' +
      'not_applicable. A pool whose cost is unknown (no public price, a size known only after apply) makes the verdict unknown unless the known part ' +
      'already exceeds the budget. Without a budget the rule reports not_applicable with the estimate.',
    remediation: 'Lower the pools\' maximum sizes, choose cheaper SKUs, split the stack, or raise the budget (--option maxMonthlyUsd=<USD>) after approval. `aira estimate` shows each pool\'s share.',
    resourceTypes: [...POOL_TYPES],
    frameworks: {},
    references: [],
    docs: COST_DOCS,
    options: [OPTION],
    configure(values) {
      return stackMonthlyCostRule({ maxMonthlyUsd: requirePositive(OPTION.name, values.maxMonthlyUsd) });
    },
    check(r, ctx): Verdict {
      const found = poolOf(r, ctx);
      if (!('pool' in found)) return found;
      const elsewhere = notAnchor(found.stack, found.pool);
      if (elsewhere) return elsewhere;
      const t = found.stack.totals.usdPerMonth;
      const figure = `stack total ${describeTotal(t, (n) => `${usd(n)} per month`, found.stack.pools.length)}`;
      return judgeStackTotal(t, max, figure, { option: 'maxMonthlyUsd=<USD>', noun: 'budget', unit: usd });
    },
  };
}

/** The built-in stack cost rule, without a budget (it judges once --option maxMonthlyUsd is given). */
export const stackMonthlyCost: Rule = stackMonthlyCostRule();
