import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { buildExamples } from '../../examples/main';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { LoadedInput, loadPath } from '../../lib/policy/load';
import { MIN_REASON_LENGTH } from '../../lib/policy/suppressions-file';
import { PolicyResult, atOrAbove } from '../../lib/policy/types';

const outdir = path.resolve(__dirname, '../../.tmp/secure-by-default-test');

let inputs: LoadedInput[];
let all: readonly PolicyResult[];

beforeAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  buildExamples(app);
  app.synth();
  inputs = loadPath(outdir);
  // Every built-in pack at its default options.
  const bundle = checkInputs(inputs, { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: BUILTIN_PACKS.map((p) => p.id), includePassed: true });
  all = bundle.all;
}, 120000);

const line = (r: PolicyResult) => `${r.ruleId} ${r.severity} ${r.status} ${r.file.split(/[\\/]/).slice(-2, -1)[0]} ${r.address}: ${r.message}`;

describe('secure by default: every example against every built-in pack', () => {
  test('every example stack is checked', () => {
    expect(inputs.map((i) => i.stack).sort()).toEqual(EXAMPLE_STACKS.map((s) => s.name).sort());
    // Rules of every pack really ran on the examples (a pack that selects nothing would prove nothing).
    for (const id of ['AIRA-GLD-001', 'AIRA-GLD-002', 'AIRA-GLD-003', 'AIRA-GLD-004', 'AIRA-GLD-006', 'AIRA-CMP-001', 'AIRA-CMP-002', 'AIRA-STO-003', 'AIRA-STO-004', 'AIRA-KMS-001', 'AIRA-STO-005', 'AIRA-ENC-001', 'AIRA-ENC-002', 'AIRA-ENC-003', 'AIRA-LOG-001', 'AIRA-IAM-001', 'AIRA-NET-003', 'AIRA-K8S-001', 'AIRA-K8S-002', 'AIRA-AI-006', 'AIRA-AI-007', 'AIRA-AI-009', 'AIRA-AI-010']) {
      expect({ id, passes: all.some((r) => r.ruleId === id && r.status === 'pass') }).toEqual({ id, passes: true });
    }
  });

  test('no fail or error result at severity high or above', () => {
    const bad = all.filter((r) => (r.status === 'fail' || r.status === 'error') && atOrAbove(r.severity, 'high')).map(line);
    expect(bad).toEqual([]);
  });

  test('no unknown result at severity high or above either (the examples hold no apply-time values a rule needs)', () => {
    const pending = all.filter((r) => r.status === 'unknown' && atOrAbove(r.severity, 'high')).map(line);
    expect(pending).toEqual([]);
  });

  test('every suppression carries a reason', () => {
    for (const i of inputs) for (const s of i.suppressions) expect({ id: s.id, address: s.address, ok: s.reason.trim().length >= MIN_REASON_LENGTH }).toEqual({ id: s.id, address: s.address, ok: true });
    for (const r of all.filter((x) => x.status === 'suppressed')) expect((r.suppression?.reason ?? '').trim().length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
  });
});
