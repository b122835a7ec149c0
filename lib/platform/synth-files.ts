/**
 * Files a construct writes at synth time, beside a stack's `cdk.tf.json` or at the top of `cdktf.out/`.
 * Uses cdktf's custom-synthesis hook (the mechanism cdktf's own TerraformAsset and the policy guard's
 * stack hook use): a hidden child construct of the stack whose `onSynthesize` runs after Aspects and
 * validations, before cdktf collects Annotations and writes `cdk.tf.json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, ISynthesisSession, TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, IConstruct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';

/** Adds a hidden construct `id` to the stack that calls `fn` when the stack is synthesized; once per id. */
export function onStackSynthesis(stack: TerraformStack, id: string, fn: (session: ISynthesisSession) => void): void {
  if (stack.node.tryFindChild(id)) return;
  const hook = new Construct(stack, id);
  addCustomSynthesis(hook, { onSynthesize: fn });
}

/** Writes a JSON document (2-space indent, trailing newline) into the stack's output folder. */
export function writeStackFile(stack: TerraformStack, session: ISynthesisSession, file: string, body: unknown): void {
  const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), `${JSON.stringify(body, null, 2)}\n`);
}

const APPLIERS = new WeakMap<App, Array<(stack: TerraformStack) => void>>();

/**
 * Applies `apply` to a stack: the scope itself when it is a stack; every stack under it, now and (when
 * the scope is the App) created later; or, for a construct inside a stack, that stack. For the App,
 * `app.synth()` is wrapped once so it applies the registered functions to every stack before
 * synthesizing. Each function must be idempotent per stack (`onStackSynthesis` is). Throws
 * AIRA_E_WRONG_SCOPE for a scope with no stack at, under or above it that is not the App.
 */
export function everyStack(scope: IConstruct, apply: (stack: TerraformStack) => void, what: string): void {
  if (TerraformStack.isStack(scope)) {
    apply(scope);
    return;
  }
  const under = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  under.forEach(apply);
  if (scope === scope.node.root && scope instanceof App) {
    hookSynth(scope, apply);
    return;
  }
  if (under.length > 0) return;
  for (let n = scope.node.scope; n; n = n.node.scope) {
    if (TerraformStack.isStack(n)) {
      apply(n);
      return;
    }
  }
  throw new AiraError(ErrorCodes.WRONG_SCOPE, scope.node.path || '<root>', `${what} goes on a cdktf App, a stack or a construct in a stack`, 'pass the App or a TerraformStack');
}

function hookSynth(app: App, apply: (stack: TerraformStack) => void): void {
  const list = APPLIERS.get(app);
  if (list) {
    list.push(apply);
    return;
  }
  const appliers = [apply];
  APPLIERS.set(app, appliers);
  const original = app.synth.bind(app);
  app.synth = () => {
    for (const c of app.node.findAll()) if (TerraformStack.isStack(c)) for (const a of appliers) a(c);
    original();
  };
}
