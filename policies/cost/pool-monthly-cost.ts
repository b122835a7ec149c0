import { requirePositive } from '../../lib/policy/options';
import { fail, notApplicable, pass, unknown } from '../../lib/policy/rule-kit';
import { Rule, RuleOption, Verdict } from '../../lib/policy/types';
import { COST_DOCS, POOL_TYPES, describeCost, poolOf, usd } from './budget';

/** Options of the pool cost rule. */
export interface PoolMonthlyCostOptions {
  /** Budget of one pool, on-demand USD per month at its maximum size. @default none: no budget, the rule reports `not_applicable` with the estimate */
  readonly maxPoolMonthlyUsd?: number;
}

const OPTION: RuleOption = {
  name: 'maxPoolMonthlyUsd',
  type: 'number',
  description: 'Budget of each node pool: estimated on-demand USD per month (730 hours) at the pool\'s maximum size',
};

/** AIRA-CST-001 with a budget; `poolMonthlyCost` is the built-in instance, without one. */
export function poolMonthlyCostRule(opts: PoolMonthlyCostOptions = {}): Rule {
  const max = opts.maxPoolMonthlyUsd;
  return {
    id: 'AIRA-CST-001',
    title: 'Each accelerator pool stays within its monthly budget at its maximum size',
    severity: 'high',
    rationale:
      'An accelerator pool\'s maximum size is a spending commitment: eight H100 nodes cost several hundred thousand dollars a month on demand, and a ' +
      'max_size typo in a pull request multiplies it. The rule prices the pool at its maximum size (Auto Scaling group max_size, scale set autoscale ' +
      'maximum or instances, managed instance group autoscaler maximum or target size, node pool maximum) with the catalog\'s dated on-demand list ' +
      'price of the SKU in its reference region, and compares it with the budget given as --option maxPoolMonthlyUsd. Without a budget it reports ' +
      'not_applicable with the estimate. Discounts, Spot and reservations are not modelled: the figure is an upper estimate.',
    remediation: 'Lower the pool\'s maximum size, choose a cheaper SKU, or raise the budget (--option maxPoolMonthlyUsd=<USD>) after approval. `aira estimate` shows the figures and their sources.',
    resourceTypes: [...POOL_TYPES],
    frameworks: {},
    references: [],
    docs: COST_DOCS,
    options: [OPTION],
    configure(values) {
      return poolMonthlyCostRule({ maxPoolMonthlyUsd: requirePositive(OPTION.name, values.maxPoolMonthlyUsd) });
    },
    check(r, ctx): Verdict {
      const found = poolOf(r, ctx);
      if (!('pool' in found)) return found;
      const { pool } = found;
      const cost = pool.cost;
      if (max === undefined) return notApplicable(`no budget given (--option maxPoolMonthlyUsd=<USD>); estimate: ${cost.known ? describeCost(pool, cost) : `unknown (${cost.reason})`}`);
      if (!cost.known) return unknown(`the pool's cost cannot be estimated: ${cost.reason}`);
      const figure = describeCost(pool, cost);
      return cost.usdPerMonth <= max ? pass(`${figure}: within the budget of ${usd(max)}`) : fail(`${figure}: over the budget of ${usd(max)}`);
    },
  };
}

/** The built-in pool cost rule, without a budget (it judges once --option maxPoolMonthlyUsd is given). */
export const poolMonthlyCost: Rule = poolMonthlyCostRule();
