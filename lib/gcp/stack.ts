import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend, applyBackend } from '../core/backend';
import { AiraError, ErrorCodes } from '../core/errors';
import { AiraTags } from '../core/tagging';
import { AiraTagValues } from '../core/tags';

/** Props of `GcpStack`. */
export interface GcpStackProps {
  /** Google Cloud project id. */
  readonly project: string;
  /** Region of every regional resource in the stack, for example `us-central1`. */
  readonly region: string;
  /** Where Terraform keeps state. @default local file beside the synthesized stack */
  readonly backend?: StateBackend;
  /** Labels for every labelled resource in the stack. @default none */
  readonly tags?: AiraTagValues;
}

/**
 * One Terraform stack for Google Cloud: the google provider for one project and region, a state backend
 * and the labelling scheme. Constructs of `aira-constructs/gcp` go inside it.
 *
 * @example
 * const stack = new GcpStack(app, 'ai-gcp', { project: 'acme-ml', region: 'us-central1' });
 */
export class GcpStack extends TerraformStack {
  public readonly project: string;
  public readonly region: string;

  constructor(scope: Construct, id: string, props: GcpStackProps) {
    super(scope, id);
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(props.project ?? '')) {
      throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `project "${String(props.project)}" is not a Google Cloud project id`, 'use the project id (6 to 30 lowercase letters, digits and -), not its name or number');
    }
    this.project = props.project;
    this.region = props.region;
    new GoogleProvider(this, 'google', { project: props.project, region: props.region });
    applyBackend(this, props.backend, id);
    if (props.tags) AiraTags.of(this).add(props.tags);
  }
}

/** The GcpStack that holds a construct. */
export function gcpStackOf(scope: Construct): GcpStack {
  // The nearest enclosing stack; TerraformStack.of would throw its own, code-less error outside any stack.
  const stack = [...scope.node.scopes].reverse().find((s) => TerraformStack.isStack(s));
  if (stack instanceof GcpStack) return stack;
  throw new AiraError(ErrorCodes.WRONG_SCOPE, scope.node.path, 'Google Cloud constructs must be created inside a GcpStack', "create the stack with new GcpStack(app, 'id', { project, region }) and build inside it");
}
