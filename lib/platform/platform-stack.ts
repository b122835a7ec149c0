import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { StateBackend } from '../core/backend';
import { AiraError, ErrorCodes } from '../core/errors';
import { CloudKit } from '../core/kit';
import { AiraTagValues, Level } from '../core/tags';
import { PolicyGuard, PolicyGuardOptions } from '../policy/guard';
import { hasCheck } from '../policy/stack-hook';

/** What every level's platform props share for its stack. */
export interface PlatformStackProps {
  readonly kit: CloudKit;
  readonly backend?: StateBackend;
  readonly tags?: AiraTagValues;
}

/** Creates a platform's stack through its kit, tagged with the level; refuses a missing kit. */
export function createPlatformStack(scope: Construct, id: string, props: PlatformStackProps, level: Level): TerraformStack {
  const kit = props?.kit;
  if (!kit || typeof kit.createStack !== 'function') {
    throw new AiraError(ErrorCodes.MISSING_PROP, `${scope.node.path}/${id}`, 'no kit given', "pass kit: awsKit({...}), azureKit({...}) or gcpKit({...})");
  }
  return kit.createStack(scope, id, { ...(props.backend ? { backend: props.backend } : {}), tags: { ...props.tags, level } });
}

/** Whether a policy guard already covers the scope (on it or on any construct above it). */
export function hasGuardAbove(scope: IConstruct): boolean {
  for (let n: IConstruct | undefined = scope; n; n = n.node.scope) if (hasCheck(n)) return true;
  return false;
}

/** The platform's guard on its stack, unless turned off or an app-wide guard already covers it. */
export function platformGuard(stack: TerraformStack, options: PolicyGuardOptions | false | undefined): PolicyGuard | undefined {
  return options !== false && !hasGuardAbove(stack) ? PolicyGuard.of(stack, options ?? {}) : undefined;
}
