/**
 * Policy engine benchmark: `aira check` on generated plans of 100, 1,000 and 10,000 mixed resources,
 * against a bare JSON.parse plus one full walk of the same file (fresh processes, medians).
 * Budgets: the 10,000-resource plan under 1 s wall; within 3x of the baseline; engine time growing no
 * worse than linearly from 1,000 to 10,000 resources.
 *
 * Registered in scripts/bench.ts `extras`; also runnable alone: node dist/scripts/bench/policy-bench.js [--runs N]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Measurement, ROOT, measureNode } from './measure';
import { generatePlan } from './policy-plan-gen';

const SIZES = [100, 1_000, 10_000];

/** A measurement with the extra figures of this benchmark. */
export type PolicyRecord = Measurement & Record<string, unknown>;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median in-process time of check + JSON render, ms (one warm-up run first). */
function engineMs(file: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'policy-check-timed.js'), file], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`policy-check-timed failed: ${r.stderr}`);
    if (i > 0) times.push(Number(r.stdout.trim()));
  }
  return Math.round(median(times));
}

/** Runs the benchmark; returns measurement records and budget records (each with `within`). */
export function policyBench(runs: number): PolicyRecord[] {
  const dir = path.join(ROOT, '.tmp', 'bench-policy');
  fs.mkdirSync(dir, { recursive: true });
  const out: PolicyRecord[] = [];
  const by = new Map<number, { check: Measurement; base: Measurement; engine: number; mb: number }>();
  for (const n of SIZES) {
    const file = path.join(dir, `plan-${n}.json`);
    const text = generatePlan(n);
    fs.writeFileSync(file, text);
    const mb = Number((Buffer.byteLength(text) / 1e6).toFixed(1));
    const check = measureNode(`policy-check-${n}`, 'bin/aira.js', ['check', file, '--format', 'json', '--soft-fail'], runs);
    const base = measureNode(`policy-parse-walk-${n}`, 'dist/scripts/bench/policy-baseline.js', [file], runs);
    const engine = engineMs(file, runs);
    by.set(n, { check, base, engine, mb });
    out.push({ ...check, resources: n, fileMb: mb, engineMs: engine }, { ...base, resources: n, fileMb: mb });
  }
  const big = by.get(10_000)!;
  const mid = by.get(1_000)!;
  const ratio = big.check.wallMs / big.base.wallMs;
  const growth = big.engine / Math.max(mid.engine, 1);
  const budget = (name: string, m: Measurement, extra: Record<string, unknown>, within: boolean): PolicyRecord => ({ name, runs, wallMs: m.wallMs, peakRssMb: m.peakRssMb, ...extra, within });
  out.push(
    budget('budget: policy-check-10000 wall < 1000 ms', big.check, {}, big.check.wallMs < 1000),
    budget('budget: policy-check-10000 wall <= 3x parse+walk', big.check, { baselineMs: big.base.wallMs, ratio: Number(ratio.toFixed(2)) }, ratio <= 3),
    budget('budget: engine time 1,000 -> 10,000 no worse than linear (<= 10x)', big.check, { engineMs1000: mid.engine, engineMs10000: big.engine, growth: Number(growth.toFixed(2)) }, growth <= 10),
  );
  return out;
}

if (require.main === module) {
  const i = process.argv.indexOf('--runs');
  for (const r of policyBench(i > 0 ? Number(process.argv[i + 1]) : 5)) process.stdout.write(`${JSON.stringify(r)}\n`);
}
