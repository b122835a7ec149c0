import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** One benchmark figure, printed as a JSON line. */
export interface Measurement {
  readonly name: string;
  readonly runs: number;
  /** Median wall time, ms. */
  readonly wallMs: number;
  /** Largest peak RSS over the runs, MB. */
  readonly peakRssMb: number;
}

export const ROOT = path.join(__dirname, '..', '..', '..');
const PROBE = path.join(__dirname, 'rss-probe.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs a node script `runs` times in fresh processes (after one warm-up run that fills the disk
 * cache) and reports the median wall time and the peak RSS. Throws if a run fails.
 */
export function measureNode(name: string, script: string, args: string[], runs: number, env: Record<string, string> = {}): Measurement {
  const rssFile = path.join(ROOT, '.tmp', `bench-rss-${process.pid}`);
  const walls: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', PROBE, script, ...args], {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', AIRA_BENCH_RSS_FILE: rssFile, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name}: run failed: ${r.stderr}`);
    if (i === 0) continue;
    walls.push(ms);
    rss.push(Number(fs.readFileSync(rssFile, 'utf8')) / 1024);
  }
  fs.rmSync(rssFile, { force: true });
  return { name, runs, wallMs: Math.round(median(walls)), peakRssMb: Math.round(Math.max(...rss)) };
}

/** Medians of the numeric fields of the one JSON line a script prints, over `runs` fresh processes (after one warm-up). */
export function measurePhases(name: string, script: string, runs: number, env: Record<string, string> = {}): { readonly name: string; readonly runs: number; readonly phases: Record<string, number> } {
  const rows: Array<Record<string, number>> = [];
  for (let i = 0; i <= runs; i++) {
    const r = spawnSync(process.execPath, [script], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name}: run failed: ${r.stderr}`);
    if (i > 0) rows.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>);
  }
  const out: Record<string, number> = {};
  for (const k of Object.keys(rows[0] ?? {})) out[k] = Math.round(median(rows.map((x) => x[k])));
  return { name, runs, phases: out };
}
