/**
 * Times `check` on a plan inside one process (engine only: no node start-up, no module loading) and
 * prints the milliseconds. Used by the policy benchmark for the linear-growth budget.
 * Usage: node dist/scripts/bench/policy-check-timed.js <plan.json>
 */
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { check } from '../../lib/policy/check';
import { render } from '../../lib/policy/reporters';

const t0 = process.hrtime.bigint();
const bundle = check([process.argv[2]], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, discoverSuppressions: false });
render('json', bundle);
process.stdout.write(`${Number(process.hrtime.bigint() - t0) / 1e6}\n`);
