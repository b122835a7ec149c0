import { CATALOG_AS_OF } from '../../lib/core/catalog/lookup';
import { Lifecycle } from '../../lib/core/catalog/types';
import { fail, notApplicable, pass } from '../../lib/policy/rule-kit';
import { Rule, Verdict } from '../../lib/policy/types';
import { POOL_NODE_TYPES, isVerdict, poolSku, skuAttribute } from './pool-sku';

/** Options of the SKU lifecycle rules. */
export interface SkuLifecycleOptions {
  /**
   * The date (ISO, YYYY-MM-DD) lifecycle dates are compared with. A fixed date keeps results
   * deterministic; pass today's date to judge against the calendar.
   * @default the catalog's review date (CATALOG_AS_OF)
   */
  readonly today?: string;
}

const docs = ['https://aws.amazon.com/ec2/previous-generation/', 'https://learn.microsoft.com/azure/virtual-machines/sizes/retirement/retired-sizes-list', 'https://cloud.google.com/compute/docs/deprecation-notices'];

/** The pool's catalog SKU and where it is set, or the verdict when there is none to judge. */
function poolLifecycle(r: Parameters<Rule['check']>[0]): Verdict | { readonly id: string; readonly lc: Lifecycle; readonly attr: ReturnType<typeof skuAttribute> } {
  const sku = poolSku(r);
  if (sku === undefined) return notApplicable('no SKU set on this node definition');
  if (isVerdict(sku)) return sku;
  return { id: sku.id, lc: sku.spec.lifecycle, attr: skuAttribute(r) };
}

/** Retired SKUs fail: the catalog marks them retired at a date on or before `today`. */
export function skuRetiredRule(opts: SkuLifecycleOptions = {}): Rule {
  const today = opts.today ?? CATALOG_AS_OF;
  return {
    id: 'AIRA-AI-004',
    title: 'Pools do not use retired SKUs',
    severity: 'high',
    rationale:
      'A retired SKU can no longer be launched: the pool cannot scale or replace a failed node, and capacity already running is deallocated by the provider. ' +
      `Lifecycle facts come from the catalog (dated, with the provider's announcement); dates are compared with ${opts.today ? today : `the catalog's review date ${today}`}.`,
    remediation: "Move the pool to the SKU's successor named in the catalog description (for example f1 -> f2 on AWS).",
    resourceTypes: [...POOL_NODE_TYPES],
    frameworks: {
      // A retired SKU cannot launch: the pool loses the capacity it was planned with.
      'iso-27001-2022': ['A.8.6'],
      soc2: ['A1.1'],
    },
    references: [],
    docs,
    check(r): Verdict {
      const found = poolLifecycle(r);
      if (isVerdict(found)) return found;
      const { id, lc, attr } = found;
      if (lc.status === 'retired' && lc.date <= today) return fail(`${id} was retired on ${lc.date}`, attr);
      if (lc.status !== 'current' && lc.date <= today) return fail(`${id} reached its retirement date ${lc.date}`, attr);
      return pass(`${id} is not retired (as of ${today})`, attr);
    },
  };
}

/** Retiring SKUs warn with their date: the catalog marks them retiring (or retired) after `today`. */
export function skuRetiringRule(opts: SkuLifecycleOptions = {}): Rule {
  const today = opts.today ?? CATALOG_AS_OF;
  return {
    id: 'AIRA-AI-005',
    title: 'Pools on SKUs with an announced retirement date are flagged',
    severity: 'low',
    rationale:
      'A SKU with an announced retirement keeps working until its date, then stops; pools on it need a migration planned before then. ' +
      'This is a warning with the date, not a failure: the SKU is still valid today.',
    remediation: "Plan the move to the successor SKU before the retirement date in the message, or suppress with the migration's ticket as the reason.",
    resourceTypes: [...POOL_NODE_TYPES],
    frameworks: {
      // Capacity planning: the SKU's capacity ends at a known date.
      'iso-27001-2022': ['A.8.6'],
      soc2: ['A1.1'],
    },
    references: [],
    docs,
    check(r): Verdict {
      const found = poolLifecycle(r);
      if (isVerdict(found)) return found;
      const { id, lc, attr } = found;
      if (lc.status === 'current') return pass(`${id} has no announced retirement`, attr);
      if (lc.date <= today) return notApplicable(`${id} is past its retirement date ${lc.date} (AIRA-AI-004)`);
      return fail(`${id} retires on ${lc.date}: plan the migration before then`, attr);
    },
  };
}

/** The built-in instances, judged at the catalog's review date. */
export const skuRetired: Rule = skuRetiredRule();
export const skuRetiring: Rule = skuRetiringRule();
