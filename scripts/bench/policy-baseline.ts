/**
 * The policy benchmark's baseline: read a plan file, JSON.parse it and walk every value once. `aira
 * check` on the same file is budgeted against this.
 * Usage: node dist/scripts/bench/policy-baseline.js <plan.json>
 */
import * as fs from 'fs';

const text = fs.readFileSync(process.argv[2], 'utf8');
const stack: unknown[] = [JSON.parse(text)];
let nodes = 0;
while (stack.length) {
  const v = stack.pop();
  nodes++;
  if (Array.isArray(v)) for (const x of v) stack.push(x);
  else if (typeof v === 'object' && v !== null) for (const k in v) stack.push((v as Record<string, unknown>)[k]);
}
if (process.env.AIRA_BENCH_VERBOSE) process.stdout.write(`${nodes} nodes\n`);
