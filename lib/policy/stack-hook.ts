/**
 * One hidden construct per stack that runs at synth, after Aspects and validations and before cdktf
 * collects Annotations: it writes the stack's `aira-suppressions.json` beside `cdk.tf.json` and runs
 * the PolicyGuard of the stack or app, if any. It uses cdktf's custom-synthesis hook, the mechanism
 * cdktf's own TerraformAsset uses to add files to a stack's output folder.
 *
 * cdktf applies Aspects only from a stack down (App-level Aspects never run), so a guard or a
 * suppression added on the App puts the hook into every stack when `app.synth()` starts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, ISynthesisSession, TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, IConstruct } from 'constructs';
// suppressions.ts imports this module too; the cycle is safe as both use each other only at call time.
import { stackSuppressions } from './suppressions';
import { SUPPRESSIONS_FILE, SUPPRESSIONS_FILE_VERSION, SuppressionsFileJson, WrittenSuppression } from './suppressions-file';

/** Id of the hook construct inside each stack. */
export const HOOK_ID = 'aira-policy';

/** What runs in the hook for a stack: the guard registers one. */
export interface StackCheck {
  run(stack: TerraformStack, session: ISynthesisSession, suppressions: { byAddress: Map<string, WrittenSuppression[]>; unmatched: WrittenSuppression[] }): void;
}

const CHECKS = new WeakMap<IConstruct, StackCheck>();
const HOOKED = Symbol.for('aira.policy.hookedApp');

/** Registers the check (guard) that runs for every stack at or under `scope`. */
export function registerCheck(scope: IConstruct, check: StackCheck): void {
  CHECKS.set(scope, check);
}

/** Whether a check is registered on exactly this scope. */
export function hasCheck(scope: IConstruct): boolean {
  return CHECKS.has(scope);
}

function checkFor(stack: TerraformStack): StackCheck | undefined {
  for (let n: IConstruct | undefined = stack; n; n = n.node.scope) {
    const c = CHECKS.get(n);
    if (c) return c;
  }
  return undefined;
}

/** The hook construct of a stack, created on first use. */
export function ensureStackHook(stack: TerraformStack): void {
  if (stack.node.tryFindChild(HOOK_ID)) return;
  const hook = new Construct(stack, HOOK_ID);
  addCustomSynthesis(hook, { onSynthesize: (session) => onSynthesize(stack, session) });
}

/** Makes `app.synth()` put the hook into every stack first (also stacks created after this call). */
export function hookApp(root: IConstruct): void {
  for (const s of root.node.findAll()) if (TerraformStack.isStack(s)) ensureStackHook(s);
  if (!(root instanceof App) || (root as unknown as Record<symbol, boolean>)[HOOKED]) return;
  Object.defineProperty(root, HOOKED, { value: true });
  const original = root.synth.bind(root);
  root.synth = () => {
    for (const s of root.node.findAll()) if (TerraformStack.isStack(s)) ensureStackHook(s);
    original();
  };
}

function onSynthesize(stack: TerraformStack, session: ISynthesisSession): void {
  const found = stackSuppressions(stack);
  if (found.byAddress.size || found.unmatched.length) writeSuppressions(stack, session, found);
  checkFor(stack)?.run(stack, session, found);
}

function writeSuppressions(stack: TerraformStack, session: ISynthesisSession, found: { byAddress: Map<string, WrittenSuppression[]>; unmatched: WrittenSuppression[] }): void {
  const order = (a: WrittenSuppression, b: WrittenSuppression) => a.id.localeCompare(b.id) || a.constructPath.localeCompare(b.constructPath);
  const body: SuppressionsFileJson = {
    version: SUPPRESSIONS_FILE_VERSION,
    tool: 'aira',
    stack: stack.node.id,
    suppressions: Object.fromEntries([...found.byAddress.keys()].sort().map((a) => [a, [...found.byAddress.get(a)!].sort(order)])),
    unmatched: [...found.unmatched].sort(order),
  };
  const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, SUPPRESSIONS_FILE), `${JSON.stringify(body, null, 2)}\n`);
}
