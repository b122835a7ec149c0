import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AiraError, ErrorCodes } from './errors';

/**
 * The construct `id` directly under `stack`, made by `create` the first time it is asked for: what a
 * stack needs once however many constructs use it (a data source every pool reads, the project or client
 * lookup of a key). Ids are fixed or derived from the content (never from the order of callers), so the
 * synthesized JSON is the same whichever construct asks first.
 * Throws AIRA_E_INVALID_PROP, naming `where`, when `id` is taken by a construct of another type.
 */
export function oncePerStack<S extends TerraformStack, T extends IConstruct>(
  stack: S,
  id: string,
  type: abstract new (...args: never[]) => T,
  create: (stack: S, id: string) => T,
  where: string,
): T {
  const existing = stack.node.tryFindChild(id);
  if (existing === undefined) return create(stack, id);
  if (existing instanceof type) return existing;
  throw new AiraError(ErrorCodes.INVALID_PROP, where, `the stack already holds a construct "${id}" of another type (${existing.node.path})`, `give the construct ${existing.node.path} another id`);
}
